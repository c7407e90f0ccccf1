/**
 * The household assessment compiled to one set-based SELECT: the same decisions as the pure
 * functions of src/domain/assessment (assessHousehold, gradeRisk, suggestMonitoringCategory),
 * with the rules' numbers worked out beforehand (plan.ts) and inlined as constants. Money is
 * computed in float8 in the same order as the TypeScript, rounded to the cent the same way,
 * so both give the same answer on the same records (test/monitoring/sqlAgreement.test.ts).
 *
 * One row per household of the batch: county_code, household_no, village_code, persons,
 * per_capita_net, outcome, criteria (jsonb of statuses), risk_grade, risk_reasons (jsonb of
 * codes), suggested_category.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { AssessmentPlan, IncomeStandardPlan } from './plan';
import { anyOf, boolLit, dateLit, floatLit, intLit, textArrayLit } from './sqlLiterals';

export interface HouseholdKey {
  countyCode: string;
  householdNo: string;
}

/**
 * Households from `from` (inclusive) or after `after`, up to and including `through`, in keyset
 * order (county_code, household_no). Bounded on both sides, every table is read by key range.
 */
export interface KeyRange {
  from?: HouseholdKey | null;
  after: HouseholdKey | null;
  through: HouseholdKey | null;
}

export interface BatchFilter {
  range: KeyRange;
  /** Condition on household alias h (place scope and policy group). */
  where: Expression<SqlBool>;
}

export function rangeCondition(alias: string, range: KeyRange): RawBuilder<SqlBool> {
  const cols = sql.raw(`(${alias}.county_code, ${alias}.household_no)`);
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`true`];
  if (range.from) parts.push(sql<SqlBool>`${cols} >= (${range.from.countyCode}, ${range.from.householdNo})`);
  if (range.after) parts.push(sql<SqlBool>`${cols} > (${range.after.countyCode}, ${range.after.householdNo})`);
  if (range.through) parts.push(sql<SqlBool>`${cols} <= (${range.through.countyCode}, ${range.through.householdNo})`);
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

/** JS `Math.round(x * 100) / 100` (ties toward +∞) in float8. */
const cents = (x: string) => `(floor((${x}) * 100) + CASE WHEN (${x}) * 100 - floor((${x}) * 100) >= 0.5 THEN 1 ELSE 0 END) / 100::float8`;

const meets = (value: string, s: IncomeStandardPlan) => `${value} ${s.atLeast ? '>=' : '>'} ${floatLit(s.amount)}`;

const status = (fail: string, undetermined: string) =>
  `CASE WHEN ${fail} THEN 'fail' WHEN ${undetermined} THEN 'undetermined' ELSE 'pass' END`;

/** Combine findings coded 'F' / 'U' / 'P' into a criterion status. */
const combined = (findings: string[]) => {
  const list = findings.map((f) => `(${f})`).join(', ');
  return `CASE WHEN 'F' IN (${list}) THEN 'fail' WHEN 'U' IN (${list}) THEN 'undetermined' ELSE 'pass' END`;
};

/**
 * Of compulsory-school age on the assessment day: ageOn(birth, asOf) between the ages. The day
 * is always 31 December, so the test is a range of birth dates.
 */
function childCondition(plan: AssessmentPlan): string {
  if (!plan.asOf.endsWith('-12-31')) throw new Error(`评估日应为年末：${plan.asOf}`);
  const { ageFrom, ageTo } = plan.education;
  return `p.birth_date > ${dateLit(`${plan.year - ageTo - 1}-12-31`)} AND p.birth_date <= ${dateLit(`${plan.year - ageFrom}-12-31`)}`;
}

function memberColumns(plan: AssessmentPlan): string {
  const e = plan.education;
  const md = plan.medical;
  const child = childCondition(plan);
  const childFail = `p.schooling = ANY(${textArrayLit(e.outOfSchool)}) AND NOT (p.home_schooling IS TRUE AND p.disability_grade IS NOT NULL AND p.disability_grade <= ${intLit(e.homeSchoolingMaxGrade)})`;
  const chronic = textArrayLit(md.chronicCardHealth);
  const every = md.familyDoctor === 'every_member';
  const medFail = anyOf([
    md.requireBasic && 'p.insured_basic IS FALSE',
    md.requireSerious && 'p.insured_serious IS FALSE',
    `p.chronic_card IS FALSE AND p.health IS NOT NULL AND p.health = ANY(${chronic})`,
    every && 'p.family_doctor IS FALSE',
  ]);
  const medUndetermined = anyOf([
    md.requireBasic && 'p.insured_basic IS NULL',
    md.requireSerious && 'p.insured_serious IS NULL',
    `p.chronic_card IS NOT TRUE AND (p.health IS NULL OR (p.health = ANY(${chronic}) AND p.chronic_card IS NULL))`,
    every && 'p.family_doctor IS NULL',
  ]);
  return `count(*)::int AS n,
    bool_or((${child}) AND (${childFail}) IS TRUE) AS edu_f,
    bool_or((${child}) AND p.schooling IS NULL) AS edu_u,
    bool_or((${medFail}) IS TRUE) AS med_f,
    bool_or((${medUndetermined}) IS TRUE) AS med_u,
    bool_or(p.family_doctor IS TRUE) AS fd_yes,
    bool_or(p.family_doctor IS NULL) AS fd_null`;
}

function incomeStatus(plan: AssessmentPlan): { status: string; meetsLine: string } {
  const { standard, previousStandard } = plan.income;
  const prev = previousStandard;
  const fail = anyOf([
    standard && `f.pcn IS NOT NULL AND NOT (${meets('f.pcn', standard)})`,
    prev && `f.has_prev AND f.prev_pcn IS NOT NULL AND NOT (${meets('f.prev_pcn', prev)})`,
  ]);
  const undetermined = anyOf([!standard && 'true', 'NOT f.has_cur', 'f.pcn IS NULL', prev && 'f.has_prev AND f.prev_pcn IS NULL']);
  const meetsLine = standard ? `CASE WHEN f.pcn IS NULL THEN NULL ELSE ${meets('f.pcn', standard)} END` : 'NULL::boolean';
  return { status: status(fail, undetermined), meetsLine };
}

function yesNo(column: string): string {
  return `CASE WHEN ${column} IS NULL THEN 'undetermined' WHEN ${column} THEN 'pass' ELSE 'fail' END`;
}

function medicalStatus(plan: AssessmentPlan): string {
  const one = plan.medical.familyDoctor === 'one_member';
  const fail = anyOf(['f.med_f', one && 'NOT f.fd_yes AND NOT f.fd_null']);
  const undetermined = anyOf(['f.med_u', one && 'NOT f.fd_yes AND f.fd_null']);
  return `CASE WHEN f.n = 0 THEN 'undetermined' ELSE ${status(`coalesce(${fail}, false)`, `coalesce(${undetermined}, false)`)} END`;
}

function housingStatus(plan: AssessmentPlan): string {
  const h = plan.housing;
  return `CASE
    WHEN ${boolLit(h.relocatedPasses)} AND f.relocated IS TRUE THEN 'pass'
    WHEN f.house_grade = ANY(${textArrayLit(h.passingGrades)}) THEN 'pass'
    WHEN ${boolLit(h.renovatedPasses)} AND f.house_renovated IS TRUE THEN 'pass'
    WHEN f.house_grade IS NULL THEN 'undetermined'
    ELSE 'fail' END`;
}

function waterStatus(plan: AssessmentPlan): string {
  const w = plan.water;
  const quality = `CASE WHEN f.quality_ok IS NULL THEN 'U' WHEN f.quality_ok THEN 'P' ELSE 'F' END`;
  const outage = `CASE WHEN f.outage IS NULL THEN 'U' WHEN f.outage <= ${intLit(w.maxOutageDays)} THEN 'P' ELSE 'F' END`;
  if (w.scale === 'exit_rules') {
    const normal = floatLit(w.minLitresNormal);
    const scarce = floatLit(w.minLitresScarce);
    const quantity = `CASE WHEN f.lpd IS NULL THEN 'U'
      WHEN f.scarce IS NULL THEN (CASE WHEN f.lpd >= ${normal} THEN 'P' WHEN f.lpd < ${scarce} THEN 'F' ELSE 'U' END)
      WHEN f.scarce THEN (CASE WHEN f.lpd >= ${scarce} THEN 'P' ELSE 'F' END)
      ELSE (CASE WHEN f.lpd >= ${normal} THEN 'P' ELSE 'F' END) END`;
    const convenience = `CASE WHEN f.piped IS TRUE THEN 'P'
      WHEN f.trip IS NOT NULL AND f.trip <= ${floatLit(w.maxTripMinutes)} THEN 'P'
      WHEN f.horiz IS NOT NULL AND f.horiz <= ${floatLit(w.maxHorizontalMetres)} THEN 'P'
      WHEN f.vert IS NOT NULL AND f.vert <= ${floatLit(w.maxVerticalMetres)} THEN 'P'
      WHEN f.trip IS NOT NULL THEN 'F' ELSE 'U' END`;
    return combined([quantity, quality, convenience, outage]);
  }
  const s = w.scale2004;
  const required = s.requiredLevel === 'safe' ? 2 : 1;
  const graded = (rank: string) => `CASE WHEN ${rank} >= ${required} THEN 'P' ELSE 'F' END`;
  const quantity = `CASE WHEN f.lpd IS NULL THEN 'U' ELSE ${graded(`CASE WHEN f.lpd >= ${floatLit(s.safe.minLitres)} THEN 2 WHEN f.lpd >= ${floatLit(s.basic.minLitres)} THEN 1 ELSE 0 END`)} END`;
  const quality2004 = `CASE WHEN f.quality_ok IS NULL THEN 'U' ELSE ${graded('CASE WHEN f.quality_ok THEN 2 ELSE 0 END')} END`;
  const convenience = `CASE WHEN f.piped IS TRUE THEN ${graded('2')} WHEN f.trip IS NOT NULL THEN ${graded(
    `CASE WHEN f.trip <= ${floatLit(s.safe.maxTripMinutes)} THEN 2 WHEN f.trip <= ${floatLit(s.basic.maxTripMinutes)} THEN 1 ELSE 0 END`,
  )} ELSE 'U' END`;
  const rate = '(365 - f.outage)::float8 / 365::float8';
  const guarantee = `CASE WHEN f.outage IS NULL THEN 'U' ELSE ${graded(
    `CASE WHEN ${rate} >= ${floatLit(s.safe.minGuaranteeRate)} THEN 2 WHEN ${rate} >= ${floatLit(s.basic.minGuaranteeRate)} THEN 1 ELSE 0 END`,
  )} END`;
  return combined([quantity, quality2004, convenience, guarantee]);
}

/** The reason flags as boolean columns of `k` (from the criterion statuses of `j`), never null. */
function flagColumns(plan: AssessmentPlan): string {
  const r = plan.risk;
  const redCriteria = r.redCriteria.map((c) => `j.c_${c}`);
  const flags: Record<string, string> = {
    income_not_above_line: 'j.meets_line IS FALSE',
    criterion_failed: anyOf(redCriteria.map((c) => `${c} = 'fail'`)),
    serious_event: `j.spent > 0 AND j.annual IS NOT NULL AND j.spent > j.annual * ${floatLit(r.seriousEventShare)}`,
    income_below_monitoring_line: r.monitoringLine === null ? 'false' : `j.meets_line IS TRUE AND j.pcn < ${floatLit(r.monitoringLine)}`,
    income_fall: `j.pcn IS NOT NULL AND j.prev_pcn IS NOT NULL AND j.prev_pcn > 0 AND (j.prev_pcn - j.pcn) / j.prev_pcn > ${floatLit(r.incomeFallShare)}`,
    open_risk: `j.open_risk_types && ${textArrayLit(r.openRiskTypes)}`,
  };
  const missing = anyOf(['j.meets_line IS NULL', ...redCriteria.map((c) => `${c} = 'undetermined'`), 'j.spent > 0 AND j.annual IS NULL']);
  return [
    ...Object.entries(flags).map(([code, expr]) => `coalesce(${expr}, false) AS r_${code}`),
    `coalesce(${missing}, false) AS r_missing`,
  ].join(',\n    ');
}

/** Grade, reason codes (RISK_REASONS order) and suggestion from the flags of `k`. */
function riskColumns(plan: AssessmentPlan): string {
  const r = plan.risk;
  const flag = (code: string) => `k.r_${code}`;
  const red = anyOf(['income_not_above_line', 'criterion_failed', 'serious_event'].map(flag));
  const yellow = anyOf(['income_below_monitoring_line', 'income_fall', 'open_risk'].map(flag));
  const triggered = anyOf(r.triggers.map(flag));
  const sudden = anyOf((['serious_event', 'income_fall'] as const).filter((c) => r.triggers.includes(c)).map(flag));
  const reasons = RISK_REASON_ORDER.map((code) => `CASE WHEN ${flag(code)} THEN '${code}' END`).join(', ');
  return `CASE WHEN ${red} THEN 'red' WHEN ${yellow} THEN 'yellow' WHEN k.r_missing THEN 'undetermined' ELSE 'green' END AS risk_grade,
    to_jsonb(array_remove(ARRAY[${reasons}]::text[], NULL)) AS risk_reasons,
    CASE WHEN NOT (${triggered}) THEN NULL
      WHEN k.status_y = 'exited' OR (k.status_y = 'risk_eliminated' AND k.exit_year <= ${intLit(plan.year)}) THEN 'unstable'
      WHEN k.status_y NOT IN ('not_poor', 'risk_eliminated') THEN NULL
      WHEN ${sudden} THEN 'sudden' ELSE 'marginal' END AS suggested_category`;
}

const RISK_REASON_ORDER = ['income_not_above_line', 'criterion_failed', 'serious_event', 'income_below_monitoring_line', 'income_fall', 'open_risk'] as const;

const CRITERIA = ['income', 'food', 'clothing', 'education', 'medical', 'housing', 'water'] as const;

/**
 * The assessment of every household the filter selects, under one plan. Derived tables carry
 * OFFSET 0 so each computed column is evaluated once, not copied into every expression that
 * reads it.
 */
export function assessmentSelect(plan: AssessmentPlan, filter: BatchFilter): RawBuilder<unknown> {
  const Y = sql.raw(intLit(plan.year));
  const asOf = sql.raw(dateLit(plan.asOf));
  const on = (alias: string) => rangeCondition(alias, filter.range);
  const income = incomeStatus(plan);
  const criteria = CRITERIA.map((c) => `'${c}', k.c_${c}`).join(', ');
  const anyStatus = (s: string) => CRITERIA.map((c) => `k.c_${c} = '${s}'`).join(' OR ');
  return sql`
WITH hist AS (
  SELECT s.county_code, s.household_no, max(s.year) AS last_year,
    substr(max(lpad(s.year::text, 4, '0') || s.status) FILTER (WHERE s.year <= ${Y}), 5) AS status
  FROM household_status_history s
  WHERE ${on('s')}
  GROUP BY s.county_code, s.household_no
),
mem AS (
  SELECT p.county_code, p.household_no, ${sql.raw(memberColumns(plan))}
  FROM person p
  WHERE ${on('p')} AND p.birth_date <= ${asOf}
  GROUP BY p.county_code, p.household_no
),
inc AS (
  SELECT x.county_code, x.household_no,
    bool_or(x.year = ${Y}) AS has_cur, bool_or(x.year = ${Y} - 1) AS has_prev,
    max(x.annual) FILTER (WHERE x.year = ${Y}) AS annual,
    max(x.pcn) FILTER (WHERE x.year = ${Y}) AS pcn,
    max(x.pcn) FILTER (WHERE x.year = ${Y} - 1) AS prev_pcn
  FROM (
    SELECT b.county_code, b.household_no, b.year, b.annual,
      CASE WHEN b.household_size > 0 THEN ${sql.raw(cents('b.annual / b.household_size'))} END AS pcn
    FROM (
      SELECT a.county_code, a.household_no, a.year, a.household_size, ${sql.raw(cents('a.raw'))} AS annual
      FROM (
        SELECT i.county_code, i.household_no, i.year, i.household_size,
          i.wages::float8 + i.production_net::float8 + i.property::float8 + i.transfer::float8 - i.production_cost::float8 AS raw
        FROM household_income i
        WHERE ${on('i')} AND i.year IN (${Y}, ${Y} - 1)
        OFFSET 0
      ) a OFFSET 0
    ) b OFFSET 0
  ) x
  GROUP BY x.county_code, x.household_no
),
ev AS (
  SELECT e.county_code, e.household_no, sum(e.cost::float8) AS spent
  FROM risk_event e
  WHERE ${on('e')} AND e.type = ANY(${sql.raw(textArrayLit(plan.risk.seriousEventTypes))})
    AND e.occurred_on > ${sql.raw(dateLit(plan.risk.seriousEventsAfter))} AND e.occurred_on <= ${asOf}
  GROUP BY e.county_code, e.household_no
),
f AS (
  SELECT h.county_code, h.household_no, h.village_code, h.exit_year,
    h.food_secure, h.clothing_secure, h.house_grade, h.house_renovated, h.relocated,
    h.water_lpd::float8 AS lpd, h.water_quality_ok AS quality_ok, h.water_trip_minutes::float8 AS trip,
    h.water_piped AS piped, h.water_horizontal_m::float8 AS horiz, h.water_vertical_m::float8 AS vert,
    h.water_outage_days AS outage, h.water_scarce_area AS scarce, h.open_risk_types,
    coalesce(m.n, 0) AS n, m.edu_f, m.edu_u, m.med_f, m.med_u, m.fd_yes, m.fd_null,
    coalesce(inc.has_cur, false) AS has_cur, coalesce(inc.has_prev, false) AS has_prev, inc.annual, inc.pcn, inc.prev_pcn,
    ev.spent,
    CASE WHEN hist.last_year IS NULL OR hist.last_year <= ${Y} THEN h.status ELSE coalesce(hist.status, 'not_poor') END AS status_y
  FROM household h
  LEFT JOIN hist ON hist.county_code = h.county_code AND hist.household_no = h.household_no
  LEFT JOIN mem m ON m.county_code = h.county_code AND m.household_no = h.household_no
  LEFT JOIN inc ON inc.county_code = h.county_code AND inc.household_no = h.household_no
  LEFT JOIN ev ON ev.county_code = h.county_code AND ev.household_no = h.household_no
  WHERE ${on('h')} AND ${filter.where}
  OFFSET 0
),
j AS (
  SELECT f.*,
    ${sql.raw(income.status)} AS c_income,
    ${sql.raw(income.meetsLine)} AS meets_line,
    ${sql.raw(yesNo('f.food_secure'))} AS c_food,
    ${sql.raw(yesNo('f.clothing_secure'))} AS c_clothing,
    ${sql.raw(status('coalesce(f.edu_f, false)', 'coalesce(f.edu_u, false)'))} AS c_education,
    ${sql.raw(medicalStatus(plan))} AS c_medical,
    ${sql.raw(housingStatus(plan))} AS c_housing,
    ${sql.raw(waterStatus(plan))} AS c_water
  FROM f
  WHERE f.status_y IS DISTINCT FROM 'deregistered'
  OFFSET 0
),
k AS (
  SELECT j.*,
    ${sql.raw(flagColumns(plan))}
  FROM j
  OFFSET 0
)
SELECT k.county_code, k.household_no, k.village_code, k.n AS persons, k.pcn AS per_capita_net,
  CASE WHEN ${sql.raw(anyStatus('fail'))} THEN 'does_not_meet' WHEN ${sql.raw(anyStatus('undetermined'))} THEN 'undetermined' ELSE 'meets' END AS outcome,
  jsonb_build_object(${sql.raw(criteria)}) AS criteria,
  ${sql.raw(riskColumns(plan))}
FROM k`;
}
