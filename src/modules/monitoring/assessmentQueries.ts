/**
 * The household assessment compiled to one set-based SELECT: the same decisions as the pure
 * functions of src/domain/assessment (assessHousehold, gradeRisk, suggestMonitoringCategory),
 * with the rules' numbers worked out beforehand (plan.ts) and inlined as constants. Money is
 * compared in float8 as the TypeScript compares it: the annual net income is exact (the sum of
 * two-decimal amounts, which is what the TypeScript's rounding to the cent yields), per-capita
 * income is divided and rounded to the cent as Math.round does, so both give the same answer
 * on the same records (test/monitoring/sqlAgreement.test.ts).
 *
 * One row per household of the batch: county_code, household_no, village_code, persons,
 * per_capita_net, outcome, criteria (code of statuses), risk_grade, risk_reasons (bit mask),
 * suggested_category — the codes of resultCodes.ts.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { CRITERIA, RISK_REASONS } from '../../domain/policy/rulesSchema';
import { cents, housingStatus, incomeStatus, medicalStatus, memberColumns, memberFlagColumns, status, waterStatus, yesNo } from './criteriaQueries';
import { housingFactSql, studentJoinSql } from '../../domain/ledgers/facts';
import { medicalJoins } from '../../domain/ledgers/medicalFacts';
import type { AssessmentPlan } from './plan';
import { anyOf, dateLit, floatLit, intLit, textArrayLit } from './sqlLiterals';

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
  /** Only households of these counties (first to last in code order): a part of whole counties. */
  counties?: { first: string; last: string } | null;
}

export interface BatchFilter {
  range: KeyRange;
  /** Condition on household alias h (place scope and policy group). */
  where: Expression<SqlBool>;
}

export function rangeCondition(alias: string, range: KeyRange): RawBuilder<SqlBool> {
  const cols = sql.raw(`(${alias}.county_code, ${alias}.household_no)`);
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`true`];
  const county = sql.raw(`${alias}.county_code`);
  if (range.counties && range.counties.first === range.counties.last) parts.push(sql<SqlBool>`${county} = ${range.counties.first}`);
  else if (range.counties) parts.push(sql<SqlBool>`${county} >= ${range.counties.first} AND ${county} <= ${range.counties.last}`);
  if (range.from) parts.push(sql<SqlBool>`${cols} >= (${range.from.countyCode}, ${range.from.householdNo})`);
  if (range.after) parts.push(sql<SqlBool>`${cols} > (${range.after.countyCode}, ${range.after.householdNo})`);
  if (range.through) parts.push(sql<SqlBool>`${cols} <= (${range.through.countyCode}, ${range.through.householdNo})`);
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

/** The reason flags as boolean columns of `k` (from the criterion statuses of `j`), never null. */
function flagColumns(plan: AssessmentPlan): string {
  const r = plan.risk;
  const redCriteria = r.redCriteria.map((c) => `j.c_${c}`);
  const flags: Record<(typeof RISK_REASONS)[number], string> = {
    income_not_above_line: r.relativeLine === null ? 'j.meets_line IS FALSE' : `j.meets_line IS FALSE AND j.pcn < ${floatLit(r.relativeLine)}`,
    relative_exit_short: r.relativeLine === null ? 'false' : `j.meets_line IS FALSE AND j.pcn >= ${floatLit(r.relativeLine)}`,
    criterion_failed: anyOf(redCriteria.map((c) => `${c} = 'F'`)),
    serious_event: `j.spent > 0 AND j.annual IS NOT NULL AND j.spent > j.annual * ${floatLit(r.seriousEventShare)}`,
    income_below_monitoring_line: r.monitoringLine === null ? 'false' : `j.meets_line IS TRUE AND j.pcn < ${floatLit(r.monitoringLine)}`,
    income_fall: `j.pcn IS NOT NULL AND j.prev_pcn IS NOT NULL AND j.prev_pcn > 0 AND (j.prev_pcn - j.pcn) / j.prev_pcn > ${floatLit(r.incomeFallShare)}`,
    open_risk: `j.open_risk_types && ${textArrayLit(r.openRiskTypes)}`,
  };
  const missing = anyOf(['j.meets_line IS NULL', ...redCriteria.map((c) => `${c} = 'U'`), 'j.spent > 0 AND j.annual IS NULL']);
  return [
    ...RISK_REASONS.map((code) => `coalesce(${flags[code]}, false) AS r_${code}`),
    `coalesce(${missing}, false) AS r_missing`,
  ].join(',\n    ');
}

/** Grade, reason bit mask (RISK_REASONS order) and suggestion from the flags of `k`. */
function riskColumns(plan: AssessmentPlan): string {
  const r = plan.risk;
  const flag = (code: string) => `k.r_${code}`;
  const red = anyOf(['income_not_above_line', 'criterion_failed', 'serious_event'].map(flag));
  const yellow = anyOf(['income_below_monitoring_line', 'income_fall', 'open_risk', 'relative_exit_short'].map(flag));
  const triggered = anyOf(r.triggers.map(flag));
  const sudden = anyOf((['serious_event', 'income_fall'] as const).filter((c) => r.triggers.includes(c)).map(flag));
  const mask = RISK_REASONS.map((code, i) => `CASE WHEN ${flag(code)} THEN ${1 << i} ELSE 0 END`).join(' + ');
  return `CASE WHEN ${red} THEN 'red' WHEN ${yellow} THEN 'yellow' WHEN k.r_missing THEN 'undetermined' ELSE 'green' END AS risk_grade,
    (${mask})::smallint AS risk_reasons,
    CASE WHEN NOT (${triggered}) THEN NULL
      WHEN k.status_y = 'exited' OR (k.status_y = 'risk_eliminated' AND k.exit_year <= ${intLit(plan.year)}) THEN 'unstable'
      WHEN k.status_y NOT IN ('not_poor', 'risk_eliminated') THEN NULL
      WHEN ${sudden} THEN 'sudden' ELSE 'marginal' END AS suggested_category`;
}

export interface SelectOptions {
  /**
   * Read the status history: needed when some household has a history record later than the
   * year (a past year); otherwise every household's status in the year is its current one.
   */
  history: boolean;
}

function historyParts(plan: AssessmentPlan, on: (alias: string) => RawBuilder<SqlBool>, options: SelectOptions) {
  const Y = sql.raw(intLit(plan.year));
  if (!options.history) return { cte: sql``, join: sql``, status: sql`h.status` };
  return {
    cte: sql`hist AS (
  SELECT s.county_code, s.household_no, max(s.year) AS last_year,
    substr(max(lpad(s.year::text, 4, '0') || s.status) FILTER (WHERE s.year <= ${Y}), 5) AS status
  FROM household_status_history s
  WHERE ${on('s')}
  GROUP BY s.county_code, s.household_no
),`,
    join: sql`LEFT JOIN hist ON hist.county_code = h.county_code AND hist.household_no = h.household_no`,
    status: sql`CASE WHEN hist.last_year IS NULL OR hist.last_year <= ${Y} THEN h.status ELSE coalesce(hist.status, 'not_poor') END`,
  };
}

/**
 * The assessment of every household the filter selects, under one plan. Derived tables carry
 * OFFSET 0 so each computed column is evaluated once, not copied into every expression that
 * reads it.
 */
export function assessmentSelect(plan: AssessmentPlan, filter: BatchFilter, options: SelectOptions = { history: true }): RawBuilder<unknown> {
  const Y = sql.raw(intLit(plan.year));
  const asOf = sql.raw(dateLit(plan.asOf));
  const on = (alias: string) => rangeCondition(alias, filter.range);
  const income = incomeStatus(plan);
  const hist = historyParts(plan, on, options);
  const housing = housingFactSql(plan.year, plan.asOf);
  // The person ledgers' joins, each bounded by the batch's key range (a ledger row carries its household), so a part reads only its own rows.
  const personJoins = [{ alias: 'ls', join: studentJoinSql(plan.year) }, ...medicalJoins(plan.year)];
  const ledgerJoins = sql.join(personJoins.map((j) => sql`${sql.raw(j.join)} AND ${on(j.alias)}`), sql` `);
  const annual = (a: string) => `(${a}.wages + ${a}.production_net + ${a}.property + ${a}.transfer - ${a}.production_cost)::float8`;
  const pcn = (total: string, size: string) => `CASE WHEN ${size} > 0 THEN ${cents(`${total} / ${size}`)} END`;
  const code = CRITERIA.map((c) => `k.c_${c}`).join(' || ');
  const anyStatus = (s: string) => CRITERIA.map((c) => `k.c_${c} = '${s}'`).join(' OR ');
  return sql`
WITH ${hist.cte}
mem AS (
  SELECT p.county_code, p.household_no, ${sql.raw(memberColumns(plan))}
  FROM person p ${ledgerJoins}
  WHERE ${on('p')} AND p.birth_date <= ${asOf}
  GROUP BY p.county_code, p.household_no
),
-- At most one income record per household and year (primary key): both years read in one pass
-- and folded into one row per household (cheaper than two scans and two joins).
inc AS (
  SELECT c.county_code, c.household_no, bool_or(c.year = ${Y}) AS has_cur, bool_or(c.year = ${Y} - 1) AS has_prev,
    max(c.annual) FILTER (WHERE c.year = ${Y}) AS annual, max(c.pcn) FILTER (WHERE c.year = ${Y}) AS pcn,
    max(c.pcn) FILTER (WHERE c.year = ${Y} - 1) AS prev_pcn
  FROM (
    SELECT d.county_code, d.household_no, d.year, d.annual, ${sql.raw(pcn('d.annual', 'd.household_size'))} AS pcn
    FROM (
      SELECT i.county_code, i.household_no, i.year, i.household_size, ${sql.raw(annual('i'))} AS annual
      FROM household_income i
      WHERE ${on('i')} AND i.year IN (${Y}, ${Y} - 1)
      OFFSET 0
    ) d
    OFFSET 0
  ) c
  GROUP BY c.county_code, c.household_no
),
-- 危房改造 and 易地扶贫搬迁 from the housing ledgers (domain/ledgers/facts.ts), the registry's fields otherwise.
lh AS (
  SELECT r.county_code, r.household_no, ${sql.raw(housing.columns)}
  FROM ledger_record r
  WHERE ${on('r')} AND ${sql.raw(housing.filter)}
  GROUP BY r.county_code, r.household_no
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
    h.food_secure, h.clothing_secure, h.house_grade, coalesce(lh.renovated, h.house_renovated) AS house_renovated, coalesce(lh.relocated, h.relocated) AS relocated,
    h.water_lpd::float8 AS lpd, h.water_quality_ok AS quality_ok, h.water_trip_minutes::float8 AS trip,
    h.water_piped AS piped, h.water_horizontal_m::float8 AS horiz, h.water_vertical_m::float8 AS vert,
    h.water_outage_days AS outage, h.water_scarce_area AS scarce, h.open_risk_types,
    coalesce(m.n, 0) AS n, ${sql.raw(memberFlagColumns('m'))},
    coalesce(inc.has_cur, false) AS has_cur, coalesce(inc.has_prev, false) AS has_prev, inc.annual, inc.pcn, inc.prev_pcn,
    ev.spent, ${hist.status} AS status_y
  FROM household h
  ${hist.join}
  LEFT JOIN mem m ON m.county_code = h.county_code AND m.household_no = h.household_no
  LEFT JOIN inc ON inc.county_code = h.county_code AND inc.household_no = h.household_no
  LEFT JOIN ev ON ev.county_code = h.county_code AND ev.household_no = h.household_no
  LEFT JOIN lh ON lh.county_code = h.county_code AND lh.household_no = h.household_no
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
  CASE WHEN ${sql.raw(anyStatus('F'))} THEN 'does_not_meet' WHEN ${sql.raw(anyStatus('U'))} THEN 'undetermined' ELSE 'meets' END AS outcome,
  ${sql.raw(code)} AS criteria,
  ${sql.raw(riskColumns(plan))}
FROM k`;
}
