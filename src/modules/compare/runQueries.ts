/**
 * The comparison in SQL, set-based over every county of a run at once: the current batch of each
 * kind in each county goes into a temporary table (compare_cur), then every enabled rule selects
 * its hits across all those counties in one statement (into compare_now), new hits are added
 * (a hit with the same match key still live is left alone) and live hits that no longer match are
 * resolved by data with the current batch of their kind. Running it twice on the same data adds
 * nothing and resolves nothing.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database';
import { textList } from './batchQueries';
import { GROUP_STATUSES, type RuleCode, type RuleSet } from '../../domain/compare/rules';


export interface RunContext {
  version: number;
  /** The office's date of the run (found_on, resolved_on). */
  today: string;
  at: Date;
}

export interface CurrentBatch {
  countyCode: string;
  kind: string;
  id: number;
  asOf: string;
}

const FACTS = sql`jsonb_strip_nulls(jsonb_build_object('rowNo', r.row_no, 'category', r.category, 'role', r.role, 'status', r.status, 'amount', r.amount,
  'grade', r.grade, 'onDate', to_char(r.on_date, 'YYYY-MM-DD'), 'detail', r.detail, 'registryGrade', p.disability_grade, 'registryVillage', h.village_code))`;

/** Hits of a rule reading one reference row per person: `cond` over r (row), p (person), h (household). */
function rowHits(code: RuleCode, set: RuleSet, { ids, counties }: RuleScope, cond: RawBuilder<unknown>, key: RawBuilder<unknown> = sql`p.id_number`) {
  const statuses = GROUP_STATUSES[set.rules[code].group];
  return sql`SELECT h.county_code, ${code}::text AS rule_code, (${code + ':'}::text || ${key}) AS match_key, h.household_no, h.township_code, h.village_code,
      p.id_number, p.name AS person_name, r.name AS reference_name, r.batch_id, ${FACTS} AS facts, coalesce(r.amount, 0) AS weight
    FROM compare_row r
    JOIN person p ON p.county_code = r.county_code AND p.id_number = r.id_number
    JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
    WHERE r.batch_id = ANY(${ids}) AND p.county_code = ANY(${counties}) AND h.county_code = ANY(${counties}) AND h.status = ANY(${textList(statuses)}) AND (${cond})`;
}

const MARKED_DISABLED = sql`(coalesce(p.health, '') = 'disabled' OR p.disability_grade IS NOT NULL)`;

/** The current batches of a rule's kind and the counties of the run, as constants (the planner reads from the statistics how many rows they hold). */
interface RuleScope {
  ids: RawBuilder<unknown>;
  counties: RawBuilder<unknown>;
}

/** The SELECT of one rule's hits (columns as in rowHits) over the run's counties and the current batches of its kind. */
export function ruleHits(code: RuleCode, set: RuleSet, batches: readonly CurrentBatch[]): RawBuilder<unknown> {
  const kind = set.rules[code].kind;
  const mine = batches.filter((b) => b.kind === kind);
  const ids = sql`ARRAY[${sql.join(mine.map((b) => sql`${b.id}::bigint`))}]::bigint[]`;
  const counties = textList(mine.map((b) => b.countyCode));
  const scope = { ids, counties };
  switch (code) {
    case 'payroll':
      return rowHits(code, set, scope, sql`r.role = ANY(${textList(set.rules.payroll.params.roles)})`);
    case 'vehicle': {
      const p = set.rules.vehicle.params;
      return rowHits(code, set, scope, sql`NOT coalesce(r.category, '') = ANY(${textList(p.excludedTypes)}) AND NOT coalesce(r.status, '') = ANY(${textList(p.excludedStatuses)})
        AND (r.amount IS NULL OR r.amount >= ${p.minValue})`);
    }
    case 'business': {
      const p = set.rules.business.params;
      return rowHits(code, set, scope, sql`NOT coalesce(r.category, '') = ANY(${textList(p.excludedTypes)}) AND NOT coalesce(r.status, '') = ANY(${textList(p.excludedStatuses)})
        AND r.amount >= ${p.minAmount}`);
    }
    case 'housing': {
      const p = set.rules.housing.params;
      return rowHits(code, set, scope, sql`r.role = ANY(${textList(p.areas)}) AND NOT coalesce(r.category, '') = ANY(${textList(p.excludedTypes)})`);
    }
    case 'pension': {
      const p = set.rules.pension.params;
      return rowHits(code, set, scope, sql`r.category = ANY(${textList(p.categories)}) AND r.status = ANY(${textList(p.statuses)})`);
    }
    case 'death':
      return rowHits(code, set, scope, sql`true`);
    case 'move_out':
      return rowHits(code, set, scope, sql`NOT coalesce(r.role, '') = ANY(${textList(set.rules.move_out.params.keptReasons)}) AND left(coalesce(r.category, ''), 6) <> r.county_code`);
    case 'move_within':
      return rowHits(code, set, scope, sql`NOT coalesce(r.role, '') = ANY(${textList(set.rules.move_within.params.keptReasons)}) AND left(r.category, 6) = r.county_code
        AND length(r.category) = 12 AND r.category <> h.village_code`);
    case 'assistance_unmarked':
      return rowHits(code, set, scope, sql`r.category = ANY(${textList(set.rules.assistance_unmarked.params.categories)}) AND r.status = '在保' AND h.attribute NOT IN ('dibao', 'tekun')`, sql`h.household_no`);
    case 'assistance_unlisted': {
      const statuses = GROUP_STATUSES[set.rules.assistance_unlisted.group];
      return sql`SELECT h.county_code, ${code}::text AS rule_code, (${code + ':'}::text || h.household_no) AS match_key, h.household_no, h.township_code, h.village_code,
          NULL::text AS id_number, NULL::text AS person_name, NULL::text AS reference_name, b.batch_id,
          jsonb_build_object('attribute', h.attribute) AS facts, 0::numeric AS weight
        FROM compare_cur b JOIN household h ON h.county_code = b.county_code
        WHERE b.kind = ${kind} AND h.county_code = ANY(${counties}) AND h.status = ANY(${textList(statuses)}) AND h.attribute IN ('dibao', 'tekun')
          AND NOT EXISTS (SELECT 1 FROM person p JOIN compare_row r ON r.county_code = p.county_code AND r.id_number = p.id_number
            WHERE p.county_code = h.county_code AND p.household_no = h.household_no AND r.batch_id = b.batch_id
              AND r.category = ANY(${textList(set.rules.assistance_unlisted.params.categories)}) AND r.status = '在保')`;
    }
    case 'disability_unmarked':
      return rowHits(code, set, scope, sql`r.status = '有效' AND NOT ${MARKED_DISABLED}`);
    case 'disability_grade':
      return rowHits(code, set, scope, sql`r.status = '有效' AND p.disability_grade IS NOT NULL AND r.grade IS NOT NULL AND p.disability_grade <> r.grade`);
    case 'disability_no_card': {
      const statuses = GROUP_STATUSES[set.rules.disability_no_card.group];
      return sql`SELECT h.county_code, ${code}::text AS rule_code, (${code + ':'}::text || p.id_number) AS match_key, h.household_no, h.township_code, h.village_code,
          p.id_number, p.name AS person_name, NULL::text AS reference_name, b.batch_id,
          jsonb_strip_nulls(jsonb_build_object('registryGrade', p.disability_grade)) AS facts, 0::numeric AS weight
        FROM compare_cur b JOIN person p ON p.county_code = b.county_code JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
        WHERE b.kind = ${kind} AND p.county_code = ANY(${counties}) AND h.county_code = ANY(${counties}) AND h.status = ANY(${textList(statuses)}) AND ${MARKED_DISABLED}
          AND NOT EXISTS (SELECT 1 FROM compare_row r WHERE r.county_code = p.county_code AND r.batch_id = b.batch_id AND r.id_number = p.id_number AND r.status = '有效')`;
    }
    case 'medical_lead': {
      const p = set.rules.medical_lead.params;
      const statuses = GROUP_STATUSES[set.rules.medical_lead.group];
      return sql`SELECT h.county_code, ${code}::text AS rule_code, (${code + ':'}::text || h.household_no) AS match_key, h.household_no, h.township_code, h.village_code,
          NULL::text AS id_number, NULL::text AS person_name, NULL::text AS reference_name, b.batch_id,
          jsonb_build_object('amount', sum(r.amount), 'bills', count(*), 'from', to_char((b.as_of - make_interval(months => ${p.months}))::date, 'YYYY-MM-DD'), 'onDate', to_char(b.as_of, 'YYYY-MM-DD')) AS facts,
          sum(r.amount) AS weight
        FROM compare_row r
        JOIN compare_cur b ON b.county_code = r.county_code AND b.batch_id = r.batch_id
        JOIN person p ON p.county_code = r.county_code AND p.id_number = r.id_number
        JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
        WHERE r.batch_id = ANY(${ids}) AND p.county_code = ANY(${counties}) AND h.county_code = ANY(${counties}) AND h.status = ANY(${textList(statuses)})
          AND r.on_date > (b.as_of - make_interval(months => ${p.months}))::date AND r.on_date <= b.as_of
        GROUP BY h.county_code, h.household_no, h.township_code, h.village_code, b.batch_id, b.as_of
        HAVING sum(r.amount) > ${p.minOutOfPocket}`;
    }
  }
}

/** The rules a run applies: enabled, with a current batch of their kind in at least one county of the run. */
export function judgedRules(set: RuleSet, batches: readonly CurrentBatch[]): RuleCode[] {
  const kinds = new Set(batches.map((b) => b.kind));
  return (Object.keys(set.rules) as RuleCode[]).filter((code) => set.rules[code].enabled && kinds.has(set.rules[code].kind));
}

/**
 * The run's temporary tables: compare_cur, the current batch (newest complete, not purged) of
 * each kind in each county of the run, and compare_now, the hits the rules select. Returns the
 * current batches.
 */
export async function createRunTables(db: Db, counties: readonly string[]): Promise<CurrentBatch[]> {
  await sql`CREATE TEMPORARY TABLE IF NOT EXISTS compare_cur (county_code text NOT NULL, kind text NOT NULL, batch_id bigint NOT NULL, as_of date NOT NULL) ON COMMIT DROP`.execute(db);
  await sql`CREATE TEMPORARY TABLE IF NOT EXISTS compare_now (
    county_code text NOT NULL, rule_code text NOT NULL, match_key text NOT NULL, household_no text NOT NULL, township_code text NOT NULL, village_code text NOT NULL,
    id_number text, person_name text, reference_name text, batch_id bigint NOT NULL, facts jsonb NOT NULL, weight numeric) ON COMMIT DROP`.execute(db);
  await sql`TRUNCATE compare_cur, compare_now`.execute(db);
  const r = await sql<CurrentBatch>`INSERT INTO compare_cur (county_code, kind, batch_id, as_of)
    SELECT DISTINCT ON (county_code, kind) county_code, kind, id, as_of FROM compare_batch
    WHERE county_code = ANY(${textList(counties)}) AND status = 'complete' AND purged_at IS NULL ORDER BY county_code, kind, as_of DESC, id DESC
    RETURNING county_code AS "countyCode", kind, batch_id::int AS id, to_char(as_of, 'YYYY-MM-DD') AS "asOf"`.execute(db);
  await sql`ANALYZE compare_cur`.execute(db);
  return r.rows;
}

/**
 * Hash joins only for the run's statements (restored by the returned function). Every join of
 * county tables is on (county_code, key) with the key alone determining the county, so over many
 * counties the planner underestimates each join by about the number of counties and picks nested
 * loops with an index look-up per row; the comparison reads whole batches, where hash joins win.
 */
export async function preferHashJoins(db: Db): Promise<() => Promise<void>> {
  const before = (await sql<{ v: string }>`SELECT current_setting('enable_nestloop') AS v`.execute(db)).rows[0].v;
  await sql`SELECT set_config('enable_nestloop', 'off', true)`.execute(db);
  return async () => {
    await sql`SELECT set_config('enable_nestloop', ${before}, true)`.execute(db);
  };
}

/** Select one rule's current hits in every county of the run into compare_now (one statement); returns how many. */
export async function selectRuleHits(db: Db, code: RuleCode, set: RuleSet, batches: readonly CurrentBatch[]): Promise<number> {
  const r = await sql`INSERT INTO compare_now ${ruleHits(code, set, batches)}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export interface CountyCount {
  countyCode: string;
  key: string;
  n: number;
}

/** Hits selected by county and rule. */
export async function matchedByCounty(db: Db): Promise<CountyCount[]> {
  const r = await sql<CountyCount>`SELECT county_code AS "countyCode", rule_code AS key, count(*)::int AS n FROM compare_now GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return r.rows;
}

/** Add hits not live yet (one per county and match key: the heaviest row); returns how many were added per county. */
export async function addNewHits(db: Db, set: RuleSet, c: RunContext): Promise<Map<string, number>> {
  // The planner's row estimates for the temporary table (the two statements below anti-join it).
  await sql`ANALYZE compare_now`.execute(db);
  const suggested = sql.join((Object.keys(set.rules) as RuleCode[]).map((code) => sql`WHEN ${code}::text THEN ${set.rules[code].suggestedOutcome}::text`), sql` `);
  const r = await sql<{ countyCode: string; n: number }>`WITH added AS (INSERT INTO compare_hit (county_code, rule_code, rule_version, match_key, household_no, township_code, village_code, id_number, person_name, reference_name,
      batch_id, facts, suggested_outcome, status, found_on, updated_at)
    SELECT n.county_code, n.rule_code, ${c.version}, n.match_key, n.household_no, n.township_code, n.village_code, n.id_number, n.person_name, n.reference_name,
      n.batch_id, n.facts, CASE n.rule_code ${suggested} END, 'found', ${c.today}::date, ${c.at}
    FROM (SELECT DISTINCT ON (county_code, match_key) * FROM compare_now ORDER BY county_code, match_key, weight DESC NULLS LAST) n
    WHERE NOT EXISTS (SELECT 1 FROM compare_hit x WHERE x.county_code = n.county_code AND x.match_key = n.match_key AND x.status <> 'resolved')
    RETURNING county_code)
    SELECT county_code AS "countyCode", count(*)::int AS n FROM added GROUP BY 1`.execute(db);
  return new Map(r.rows.map((x) => [x.countyCode, x.n]));
}

/**
 * Live hits (not closed) of the judged rules in the run's counties that no longer match: resolved
 * by data with the current batch of their rule's kind in their county, with a step recording it.
 * Returns how many per county.
 */
export async function resolveGoneHits(db: Db, set: RuleSet, c: RunContext, rules: readonly RuleCode[]): Promise<Map<string, number>> {
  if (rules.length === 0) return new Map();
  const kinds = sql.join(rules.map((code) => sql`(${code}::text, ${set.rules[code].kind}::text)`));
  const r = await sql<{ countyCode: string; n: number }>`WITH judged AS (SELECT b.county_code, k.rule_code, b.batch_id FROM compare_cur b JOIN (VALUES ${kinds}) AS k(rule_code, kind) ON k.kind = b.kind),
    gone AS (
      UPDATE compare_hit h SET status = 'resolved', resolved_batch_id = j.batch_id, resolved_on = ${c.today}::date, last_seq = h.last_seq + 1, updated_at = ${c.at}
      FROM judged j
      WHERE h.county_code = j.county_code AND h.rule_code = j.rule_code AND h.status IN ('found', 'sent', 'verified', 'reviewed')
        AND NOT EXISTS (SELECT 1 FROM compare_now n WHERE n.county_code = h.county_code AND n.match_key = h.match_key)
      RETURNING h.county_code, h.id, h.last_seq, h.resolved_batch_id),
    steps AS (INSERT INTO compare_hit_step (county_code, hit_id, seq, action, status_after, note, on_date, at, actor_name)
      SELECT g.county_code, g.id, g.last_seq, 'resolve', 'resolved', '比对数据第 ' || g.resolved_batch_id || ' 批已不再命中', ${c.today}::date, ${c.at}, '(比对任务)' FROM gone g RETURNING county_code)
    SELECT county_code AS "countyCode", count(*)::int AS n FROM steps GROUP BY 1`.execute(db);
  return new Map(r.rows.map((x) => [x.countyCode, x.n]));
}
