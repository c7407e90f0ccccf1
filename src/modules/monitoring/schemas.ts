/** Input and output schemas of the monitoring API (outputs validated so nothing unlisted leaves the server). */
import { z } from 'zod';
import { CRITERIA, RISK_REASONS } from '../../domain/policy/rulesSchema';
import { monitorCategory } from '../../domain/enums';
import { placeCodeOf } from '../../domain/placeCode';

const placeCode = placeCodeOf([0, 2, 4, 6, 9, 12], '行政区划代码');

const year = z.coerce.number({ message: '年份应为数字' }).int('年份应为整数').min(2000, '年份应不早于 2000 年').max(2100, '年份应不晚于 2100 年');
const GRADES = ['red', 'yellow', 'green', 'undetermined'] as const;
const OUTCOMES = ['meets', 'does_not_meet', 'undetermined'] as const;
const CATEGORIES = monitorCategory.entries.map((e) => e.code) as [string, ...string[]];

export const recomputeBody = z
  .object({ place: placeCode.optional(), year: year.optional() }, { message: '请求体应为 JSON 对象' })
  .default({});

export const overviewQuery = z.object({ place: placeCode.default('0'), year: year.optional() });

export const householdListQuery = z.object({
  place: placeCode.default('0'),
  year: year.optional(),
  grade: z.enum(GRADES, { message: `风险等级应为 ${GRADES.join('、')} 之一` }).optional(),
  outcome: z.enum(OUTCOMES, { message: `评估结果应为 ${OUTCOMES.join('、')} 之一` }).optional(),
  failing: z.enum(CRITERIA, { message: `未达标指标应为 ${CRITERIA.join('、')} 之一` }).optional(),
  suggested: z.enum(CATEGORIES, { message: `建议监测类别应为 ${CATEGORIES.join('、')} 之一` }).optional(),
  page: z.coerce.number({ message: '页码应为数字' }).int().min(1, '页码应从 1 开始').default(1),
  pageSize: z.coerce.number({ message: '每页条数应为数字' }).int().min(1).max(200, '每页条数不超过 200').default(20),
});

export const assessmentQuery = z.object({ year: year.optional() });

export const jobSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number(),
  message: z.string().nullable(),
  params: z.unknown(),
  result: z.unknown(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});

const count = z.object({ households: z.number().int(), persons: z.number().int() });
const grades = z.object(Object.fromEntries(GRADES.map((g) => [g, count])) as Record<(typeof GRADES)[number], typeof count>);
const outcomes = z.object(Object.fromEntries(OUTCOMES.map((o) => [o, count])) as Record<(typeof OUTCOMES)[number], typeof count>);

export const overviewSchema = z.object({
  place: z.object({ code: z.string(), name: z.string(), level: z.number().int() }),
  year: z.number().int().nullable(),
  computedAt: z.date().nullable(),
  policyKeys: z.array(z.string()),
  households: z.number().int(),
  persons: z.number().int(),
  grades,
  outcomes,
  suggested: z.object({ unstable: count, marginal: count, sudden: count }),
  children: z.array(z.object({ code: z.string(), name: z.string(), level: z.number().int(), households: z.number().int(), persons: z.number().int(), grades })),
});

const criterionStatus = z.enum(['pass', 'fail', 'undetermined']);
const criteriaMap = z.object(Object.fromEntries(CRITERIA.map((c) => [c, criterionStatus])) as Record<(typeof CRITERIA)[number], typeof criterionStatus>);

export const householdPageSchema = z.object({
  year: z.number().int().nullable(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(
    z.object({
      householdNo: z.string(),
      countyCode: z.string(),
      villageCode: z.string(),
      placePath: z.string(),
      headName: z.string(),
      status: z.string(),
      outcome: z.enum(OUTCOMES),
      criteria: criteriaMap,
      failing: z.array(z.enum(CRITERIA)),
      riskGrade: z.enum(GRADES),
      riskReasons: z.array(z.enum(RISK_REASONS)),
      suggestedCategory: z.string().nullable(),
      perCapitaNet: z.number().nullable(),
      persons: z.number().int(),
      policyKey: z.string(),
      computedAt: z.date(),
    }),
  ),
});

const factValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);
const versionRef = z.object({ id: z.string(), regionCode: z.string(), effectiveYear: z.number().int(), version: z.number().int(), title: z.string() });

export const checklistSchema = z.object({
  householdNo: z.string(),
  countyCode: z.string(),
  villageCode: z.string(),
  year: z.number().int(),
  asOf: z.string(),
  outcome: z.enum(OUTCOMES),
  outcomeLabel: z.string(),
  criteria: z.array(
    z.object({
      criterion: z.enum(CRITERIA),
      label: z.string(),
      status: criterionStatus,
      pass: z.boolean().nullable(),
      values: z.record(z.string(), factValue),
      reason: z.string(),
      missing: z.array(z.string()),
    }),
  ),
  failing: z.array(z.enum(CRITERIA)),
  undetermined: z.array(z.enum(CRITERIA)),
  income: z.object({
    year: z.number().int(),
    perCapitaNet: z.number().nullable(),
    annualNet: z.number().nullable(),
    previousPerCapitaNet: z.number().nullable(),
    line: z.number().nullable(),
    comparison: z.enum(['above', 'atLeast']),
    meetsLine: z.boolean().nullable(),
  }),
  risk: z.object({
    grade: z.enum(GRADES),
    gradeLabel: z.string(),
    reasons: z.array(z.object({ code: z.enum(RISK_REASONS), grade: z.enum(['red', 'yellow']), text: z.string() })),
    missing: z.array(z.string()),
    ruleLabel: z.string(),
  }),
  suggestion: z.object({ category: z.string(), label: z.string(), reason: z.string() }).nullable(),
  persons: z.number().int(),
  /** Where each member's fact came from (a ledger record or the registry's field). */
  sources: z.array(
    z.object({
      criterion: z.enum(['education', 'housing', 'medical', 'income']),
      member: z.string(),
      source: z.enum(['ledger', 'registry']),
      ledger: z.string().nullable(),
      recordId: z.number().int().nullable(),
      year: z.number().int(),
      fact: z.string(),
    }),
  ),
  policyKey: z.string(),
  policyVersions: z.array(versionRef),
  stored: z
    .object({
      outcome: z.enum(OUTCOMES),
      criteria: criteriaMap,
      riskGrade: z.enum(GRADES),
      riskReasons: z.array(z.enum(RISK_REASONS)),
      suggestedCategory: z.string().nullable(),
      policyKey: z.string(),
      computedAt: z.date(),
      current: z.boolean(),
    })
    .nullable(),
});

export const riskEventSchema = z.object({
  id: z.number().int(),
  type: z.string(),
  typeLabel: z.string(),
  occurredOn: z.string(),
  cost: z.number(),
  note: z.string().nullable(),
});

export const riskEventListSchema = z.object({ items: z.array(riskEventSchema) });

// --- policy targets: monitoring scale and industry income (policyTargets.ts) ------------------

/** The year is required: a target report is of one business year, never the clock's. */
export const targetReportQuery = z.object({ place: placeCode.default('0'), year: z.coerce.number({ message: '年度（year）应为数字，须写明' }).int('年度应为整数').min(2000, '年度应不早于 2000 年').max(2100, '年度应不晚于 2100 年') });

const capRow = z.object({
  code: z.string(), name: z.string(), registeredPersons: z.number(), monitoredPersons: z.number(),
  capShare: z.number().nullable(), deepPoverty: z.boolean(), over: z.boolean(), reason: z.string(),
});
export const capReportSchema = z.object({ place: z.object({ code: z.string(), name: z.string() }), year: z.number(), counties: z.array(capRow), overCap: z.array(capRow) });

const industryCounts = { supported: z.number(), meeting: z.number(), short: z.number(), noIncome: z.number() };
export const industryReportSchema = z.object({
  place: z.object({ code: z.string(), name: z.string() }),
  year: z.number(),
  totals: z.object(industryCounts),
  byPlace: z.array(z.object({ code: z.string(), name: z.string(), ...industryCounts })),
  households: z.array(z.object({ householdNo: z.string(), headName: z.string(), villageCode: z.string(), target: z.number(), perCapita: z.number().nullable(), meets: z.boolean().nullable(), reason: z.string() })),
});
