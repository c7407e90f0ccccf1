/**
 * Starting a procedure for a household (the village's proposal, a household's application, a
 * cadre's discovery or a department's warning): its status must allow the procedure, no other
 * case may be open for it, and the procedure's own conditions must hold — an exit only for a
 * household whose assessment of that year passes, risk elimination only after the monitoring
 * period, for a household with a member able to work, income above the monitoring line.
 */
import type { Db } from '../../db/database';
import { labelOf, monitorCategory as monitorCategories, povertyCause } from '../../domain/enums';
import { addDays, isCalendarDate } from '../../domain/dates';
import type { ProcedureCode } from '../../domain/workflow/flowSchema';
import { exitProblems, riskEliminationProblems, startProblems } from '../../domain/workflow/guards';
import { AppError, badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import { roleLabel } from '../auth/service';
import type { Author } from './act';
import { assessmentFor } from './assessment';
import { insertCase, insertSteps, openCaseOf, type CaseRow } from './caseQueries';
import { planOf, type CaseParams } from './caseState';
import { monitoringLineFor } from '../../domain/policy/lines';
import { relativePovertyLineFor, relativePovertyVerdict } from '../../domain/policy/targets';
import { monitoringIncomePeriod } from '../../domain/workflow/riskElimination';
import { deliveredMeasures, householdByNo, memberLabour, yearIncomes, monitoredSinceByCase, monitoredSinceYear, type ProcedureHousehold } from './householdQueries';
import { policyPlan, type PolicyPlan } from './policyPlan';
import { checkedCategory, continuingMeasures, preventionProblems, remarkParams, revertParams } from './elimination';

export const MONITORING_SOURCES: Record<string, string> = {
  self_application: '农户自主申报',
  cadre_discovery: '基层干部排查',
  department_warning: '部门筛查预警',
};

export interface StartInput {
  procedure: ProcedureCode;
  householdNo: string;
  year?: number;
  reason?: string;
  comment?: string;
  source?: string;
  monitorCategory?: string;
  discoveredOn?: string;
}

const refused = (code: string, problems: string[]) => new AppError(409, code, problems.join('；'), { problems });

async function procedureConditions(db: Db, h: ProcedureHousehold, input: StartInput, p: PolicyPlan, author: Author, year: number): Promise<{ params: CaseParams; variant: string | null }> {
  const who = `户 ${h.household_no}（${h.head_name}）`;
  switch (input.procedure) {
    case 'exit': {
      const a = await assessmentFor(db, h.household_no, year);
      const problems = exitProblems(a);
      if (problems.length) throw refused('assessment_fails', [`${who}不能发起退出`, ...problems]);
      const income = a.perCapitaNet == null ? '' : `人均纯收入 ${a.perCapitaNet} 元，`;
      return { variant: null, params: { reason: input.reason ?? `${year} 年${income}“两不愁三保障”及饮水安全达标，拟脱贫退出` } };
    }
    case 'risk_elimination': {
      const byCase = await monitoredSinceByCase(db, h.county_code, h.household_no);
      const sinceYear = byCase ? null : await monitoredSinceYear(db, h.county_code, h.household_no);
      const assessment = await assessmentFor(db, h.household_no, year);
      const problems = riskEliminationProblems({
        assessment,
        monitoredSince: byCase ?? (sinceYear === null ? null : `${sinceYear}-12-31`),
        today: author.today,
        members: await memberLabour(db, h.county_code, h.household_no),
        caseOpenMonths: p.numbers.riskEliminationCaseOpenMonths,
        needsLabour: p.numbers.riskEliminationNeedsLabour,
        incomes: (await yearIncomes(db, h.county_code, h.household_no)).map((r) => ({ year: r.year, perCapitaNet: r.perCapitaNet, line: monitoringLineFor(p.rules, r.year)?.amount ?? null })),
        stableMonths: p.numbers.riskEliminationStableMonths,
        measures: await deliveredMeasures(db, h.county_code, h.household_no),
        minMeasures: p.numbers.riskEliminationMinMeasures,
      });
      problems.push(...(await preventionProblems(db, h, p.rules, year, assessment.riskReasons)));
      if (problems.length) throw refused('conditions_not_met', [`${who}不能发起风险消除`, ...problems]);
      const continuing = await continuingMeasures(db, h, author.today);
      return { variant: null, params: { reason: (input.reason ?? '收入稳定高于监测线，“两不愁三保障”及饮水安全达标，拟消除风险') + continuing } };
    }
    case 'risk_remark':
      return { variant: null, params: remarkParams(input.reason, input.monitorCategory) };
    case 'elimination_revert':
      return { variant: null, params: revertParams(input.reason) };
    case 'monitoring_entry': {
      const source = input.source;
      if (!source || !(source in MONITORING_SOURCES)) throw badRequest(`纳入监测须写明来源（source）：${Object.entries(MONITORING_SOURCES).map(([c, l]) => `${c} ${l}`).join('、')}，实为 ${JSON.stringify(source ?? null)}`);
      if (author.role === 'department_operator' && source !== 'department_warning') throw badRequest(`行业部门发起纳入监测的来源只能是“部门筛查预警”（department_warning），实为 ${source}`);
      const category = checkedCategory(input.monitorCategory);
      const discoveredOn = input.discoveredOn ?? author.today;
      if (!isCalendarDate(discoveredOn) || discoveredOn > author.today) throw badRequest(`发现日期（discoveredOn）${discoveredOn} 无效：应为不晚于今天的日期 YYYY-MM-DD`);
      const dueOn = addDays(discoveredOn, p.numbers.monitoringEntryDays);
      const incomeBasis = await entryIncomeBasis(db, h, discoveredOn, p);
      const reason = input.reason ?? `${labelOf(monitorCategories, category)}（${MONITORING_SOURCES[source]}）；${incomeBasis}`;
      return { variant: source, params: { reason, source, monitorCategory: category, discoveredOn, dueOn, incomeBasis } };
    }
    case 'identification': {
      const variant = h.status === 'not_poor' ? 'new' : 'return';
      const cause = h.main_cause ? `，主要致贫原因：${labelOf(povertyCause, h.main_cause)}` : '';
      const relative = await relativeIdentification(db, h, p, year);
      if (relative?.refusal) throw refused('conditions_not_met', [`${who}不能发起识别`, relative.refusal]);
      const basis = relative ? `；${relative.text}` : '';
      return { variant, params: { reason: input.reason ?? (variant === 'new' ? `申请纳入建档立卡${cause}${basis}` : `返贫，拟重新纳入建档立卡${cause}${basis}`) } };
    }
  }
}

/** The income a monitoring entry is judged on: the policy's months before discovery, or (yearly records only) the last full year in them. */
async function entryIncomeBasis(db: Db, h: ProcedureHousehold, discoveredOn: string, p: PolicyPlan): Promise<string> {
  const period = monitoringIncomePeriod(discoveredOn, p.rules.monitoring.lookbackMonths);
  const record = (await yearIncomes(db, h.county_code, h.household_no)).find((r) => r.year === period.year);
  const line = monitoringLineFor(p.rules, period.year);
  const lineText = line ? `，${period.year} 年监测线 ${line.amount} 元` : '';
  if (!record) return `${period.text}：仅登记年度收入，应按 ${period.year} 年全年收入核算，但无 ${period.year} 年收入记录${lineText}`;
  return `${period.text}：仅登记年度收入，按 ${period.year} 年全年人均纯收入 ${record.perCapitaNet} 元核算${lineText}`;
}

/**
 * Where a relative-poverty standard applies (Guangdong 2016–2020), identification reads the
 * household's per-capita income of the year (else the latest before it) against the year's
 * identification line: below it the verdict is the reason; at or above it, or with no income
 * recorded, the start is refused.
 */
async function relativeIdentification(db: Db, h: ProcedureHousehold, p: PolicyPlan, year: number): Promise<{ text: string; refusal?: string } | null> {
  const line = relativePovertyLineFor(p.rules, year);
  if (!line) return null;
  const record = (await yearIncomes(db, h.county_code, h.household_no)).filter((r) => r.year <= year).pop();
  if (!record) return { text: '', refusal: `按相对贫困标准识别须有收入记录：无 ${year} 年及以前的收入记录（${line.text}）` };
  const verdict = relativePovertyVerdict(record.perCapitaNet, line);
  const from = record.year === year ? '' : `（${year} 年无收入记录，按 ${record.year} 年）`;
  return verdict.poor ? { text: `${verdict.text}${from}` } : { text: '', refusal: `${verdict.text}${from}，不属相对贫困户` };
}

/** Start a case; `assertReach` refuses (404) a household outside the user's reach. */
export async function startProcedure(db: Db, input: StartInput, author: Author, assertReach: (h: ProcedureHousehold) => Promise<void>): Promise<CaseRow> {
  const thisYear = Number(author.today.slice(0, 4));
  const found = await householdByNo(db, input.householdNo);
  if (!found) throw notFound(`户 ${input.householdNo} `);
  await assertReach(found);
  // The business year chosen (the web app's header year); without one, the household's latest income year, never the clock's.
  const year = input.year ?? (await yearIncomes(db, found.county_code, found.household_no)).at(-1)?.year;
  if (year === undefined) throw badRequest(`户 ${input.householdNo} 没有收入记录：请指定业务年度（year）`);
  if (!Number.isInteger(year) || year < 2000 || year > thisYear + 1) throw badRequest(`年度（year）${year} 无效：应为 2000–${thisYear + 1} 之间的整数`);
  return db.transaction().execute(async (tx) => {
    const h = (await householdByNo(tx, input.householdNo, true))!;
    const p = await policyPlan(tx, h.village_code, input.procedure, year);
    const problems = startProblems(p.plan, h.household_no, h.status, author.role, roleLabel);
    if (problems.length) throw refused('cannot_start', problems);
    const open = await openCaseOf(tx, h.county_code, h.household_no);
    if (open) {
      const openPlan = planOf(open);
      throw conflict(`户 ${h.household_no} 已有正在办理的${openPlan.label}程序（第 ${open.id} 号，当前步骤「${openPlan.steps[open.step_index].label}」），办结后才能发起新的程序`);
    }
    const { params, variant } = await procedureConditions(tx, h, input, p, author, year);
    const row = await insertCase(tx, {
      county_code: h.county_code,
      household_no: h.household_no,
      township_code: h.township_code,
      village_code: h.village_code,
      procedure: input.procedure,
      variant,
      year,
      step_code: p.plan.steps[0].code,
      plan: JSON.stringify(p.plan),
      policy_key: p.policyKey,
      params: JSON.stringify(params),
      persons: h.size,
      last_seq: 1,
      started_by: author.username,
      started_at: author.at,
      updated_at: author.at,
    });
    await insertSteps(tx, [{
      county_code: h.county_code,
      case_id: row.id,
      seq: 1,
      step_code: 'start',
      step_label: variant && MONITORING_SOURCES[variant] ? `发起（${MONITORING_SOURCES[variant]}）` : '发起',
      action: 'start',
      result: 'started',
      on_date: author.today,
      at: author.at,
      actor_id: author.actor.userId,
      actor_name: author.username,
      actor_role: author.role,
      comment: input.comment?.trim() || params.reason || null,
      details: JSON.stringify({ policyKey: p.policyKey, ...params }),
    }]);
    await recordAudit(tx, {
      ...author.actor,
      at: author.at,
      action: 'procedure.start',
      objectType: 'procedure_case',
      objectId: String(row.id),
      placeCode: h.village_code,
      after: { procedure: input.procedure, householdNo: h.household_no, year, step: row.step_code, policyKey: p.policyKey },
      note: `户 ${h.household_no} 发起${p.plan.label}程序`,
    });
    return row;
  });
}
