/**
 * The comparison in SQL, set-based over one county: every enabled rule whose kind has a current
 * batch selects its hits (one statement per rule into a temporary table), then new hits are
 * added (a hit with the same match key still live is left alone) and live hits that no longer
 * match are resolved by data with the current batch of their kind. Running it twice on the same
 * data adds nothing and resolves nothing.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database';
import { GROUP_STATUSES, type RuleCode, type RuleSet } from '../../domain/compare/rules';

const textList = (items: readonly string[]) => sql`ARRAY[${sql.join(items.map((c) => sql`${c}::text`))}]::text[]`;

export interface RunContext {
  countyCode: string;
  version: number;
  /** The office's date of the run (found_on, resolved_on). */
  today: string;
  at: Date;
}

interface Batch {
  id: number;
  asOf: string;
}

const FACTS = sql`jsonb_strip_nulls(jsonb_build_object('rowNo', r.row_no, 'category', r.category, 'role', r.role, 'status', r.status, 'amount', r.amount,
  'grade', r.grade, 'onDate', to_char(r.on_date, 'YYYY-MM-DD'), 'detail', r.detail, 'registryGrade', p.disability_grade, 'registryVillage', h.village_code))`;

/** Hits of a rule reading one reference row per person: `cond` over r (row), p (person), h (household). */
function rowHits(code: RuleCode, set: RuleSet, c: RunContext, b: Batch, cond: RawBuilder<unknown>, key: RawBuilder<unknown> = sql`p.id_number`) {
  const statuses = GROUP_STATUSES[set.rules[code].group];
  return sql`SELECT ${code}::text AS rule_code, (${code + ':'}::text || ${key}) AS match_key, h.household_no, h.township_code, h.village_code,
      p.id_number, p.name AS person_name, r.name AS reference_name, ${b.id}::bigint AS batch_id, ${FACTS} AS facts, coalesce(r.amount, 0) AS weight
    FROM compare_row r
    JOIN person p ON p.county_code = r.county_code AND p.id_number = r.id_number
    JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
    WHERE r.county_code = ${c.countyCode} AND r.batch_id = ${b.id} AND h.status = ANY(${textList(statuses)}) AND (${cond})`;
}

const MARKED_DISABLED = sql`(coalesce(p.health, '') = 'disabled' OR p.disability_grade IS NOT NULL)`;

/** The SELECT of one rule's hits (columns as in rowHits). */
function ruleHits(code: RuleCode, set: RuleSet, c: RunContext, b: Batch): RawBuilder<unknown> {
  const C = c.countyCode;
  switch (code) {
    case 'payroll':
      return rowHits(code, set, c, b, sql`r.role = ANY(${textList(set.rules.payroll.params.roles)})`);
    case 'vehicle': {
      const p = set.rules.vehicle.params;
      return rowHits(code, set, c, b, sql`NOT coalesce(r.category, '') = ANY(${textList(p.excludedTypes)}) AND NOT coalesce(r.status, '') = ANY(${textList(p.excludedStatuses)})
        AND (r.amount IS NULL OR r.amount >= ${p.minValue})`);
    }
    case 'business': {
      const p = set.rules.business.params;
      return rowHits(code, set, c, b, sql`NOT coalesce(r.category, '') = ANY(${textList(p.excludedTypes)}) AND NOT coalesce(r.status, '') = ANY(${textList(p.excludedStatuses)})
        AND r.amount >= ${p.minAmount}`);
    }
    case 'housing': {
      const p = set.rules.housing.params;
      return rowHits(code, set, c, b, sql`r.role = ANY(${textList(p.areas)}) AND NOT coalesce(r.category, '') = ANY(${textList(p.excludedTypes)})`);
    }
    case 'pension': {
      const p = set.rules.pension.params;
      return rowHits(code, set, c, b, sql`r.category = ANY(${textList(p.categories)}) AND r.status = ANY(${textList(p.statuses)})`);
    }
    case 'death':
      return rowHits(code, set, c, b, sql`true`);
    case 'move_out':
      return rowHits(code, set, c, b, sql`NOT coalesce(r.role, '') = ANY(${textList(set.rules.move_out.params.keptReasons)}) AND NOT coalesce(r.category, '') LIKE ${C + '%'}`);
    case 'move_within':
      return rowHits(code, set, c, b, sql`NOT coalesce(r.role, '') = ANY(${textList(set.rules.move_within.params.keptReasons)}) AND r.category LIKE ${C + '%'}
        AND length(r.category) = 12 AND r.category <> h.village_code`);
    case 'assistance_unmarked':
      return rowHits(code, set, c, b, sql`r.category = ANY(${textList(set.rules.assistance_unmarked.params.categories)}) AND r.status = '在保' AND h.attribute NOT IN ('dibao', 'tekun')`, sql`h.household_no`);
    case 'assistance_unlisted': {
      const statuses = GROUP_STATUSES[set.rules.assistance_unlisted.group];
      return sql`SELECT ${code}::text AS rule_code, (${code + ':'}::text || h.household_no) AS match_key, h.household_no, h.township_code, h.village_code,
          NULL::text AS id_number, NULL::text AS person_name, NULL::text AS reference_name, ${b.id}::bigint AS batch_id,
          jsonb_build_object('attribute', h.attribute) AS facts, 0::numeric AS weight
        FROM household h
        WHERE h.county_code = ${C} AND h.status = ANY(${textList(statuses)}) AND h.attribute IN ('dibao', 'tekun')
          AND NOT EXISTS (SELECT 1 FROM person p JOIN compare_row r ON r.county_code = p.county_code AND r.id_number = p.id_number
            WHERE p.county_code = h.county_code AND p.household_no = h.household_no AND r.batch_id = ${b.id}
              AND r.category = ANY(${textList(set.rules.assistance_unlisted.params.categories)}) AND r.status = '在保')`;
    }
    case 'disability_unmarked':
      return rowHits(code, set, c, b, sql`r.status = '有效' AND NOT ${MARKED_DISABLED}`);
    case 'disability_grade':
      return rowHits(code, set, c, b, sql`r.status = '有效' AND p.disability_grade IS NOT NULL AND r.grade IS NOT NULL AND p.disability_grade <> r.grade`);
    case 'disability_no_card': {
      const statuses = GROUP_STATUSES[set.rules.disability_no_card.group];
      return sql`SELECT ${code}::text AS rule_code, (${code + ':'}::text || p.id_number) AS match_key, h.household_no, h.township_code, h.village_code,
          p.id_number, p.name AS person_name, NULL::text AS reference_name, ${b.id}::bigint AS batch_id,
          jsonb_strip_nulls(jsonb_build_object('registryGrade', p.disability_grade)) AS facts, 0::numeric AS weight
        FROM person p JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
        WHERE p.county_code = ${C} AND h.status = ANY(${textList(statuses)}) AND ${MARKED_DISABLED}
          AND NOT EXISTS (SELECT 1 FROM compare_row r WHERE r.county_code = p.county_code AND r.batch_id = ${b.id} AND r.id_number = p.id_number AND r.status = '有效')`;
    }
    case 'medical_lead': {
      const p = set.rules.medical_lead.params;
      const statuses = GROUP_STATUSES[set.rules.medical_lead.group];
      return sql`SELECT ${code}::text AS rule_code, (${code + ':'}::text || h.household_no) AS match_key, h.household_no, h.township_code, h.village_code,
          NULL::text AS id_number, NULL::text AS person_name, NULL::text AS reference_name, ${b.id}::bigint AS batch_id,
          jsonb_build_object('amount', sum(r.amount), 'bills', count(*), 'from', to_char((${b.asOf}::date - make_interval(months => ${p.months}))::date, 'YYYY-MM-DD'), 'onDate', ${b.asOf}::text) AS facts,
          sum(r.amount) AS weight
        FROM compare_row r
        JOIN person p ON p.county_code = r.county_code AND p.id_number = r.id_number
        JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
        WHERE r.county_code = ${C} AND r.batch_id = ${b.id} AND h.status = ANY(${textList(statuses)})
          AND r.on_date > (${b.asOf}::date - make_interval(months => ${p.months}))::date AND r.on_date <= ${b.asOf}::date
        GROUP BY h.county_code, h.household_no, h.township_code, h.village_code
        HAVING sum(r.amount) > ${p.minOutOfPocket}`;
    }
  }
}

/** The rules the run judges: enabled, with a current batch of their kind. */
export function judgedRules(set: RuleSet, batches: Map<string, Batch>): RuleCode[] {
  return (Object.keys(set.rules) as RuleCode[]).filter((code) => set.rules[code].enabled && batches.has(set.rules[code].kind));
}

export async function createHitsTable(db: Db): Promise<void> {
  await sql`CREATE TEMPORARY TABLE IF NOT EXISTS compare_now (
    rule_code text NOT NULL, match_key text NOT NULL, household_no text NOT NULL, township_code text NOT NULL, village_code text NOT NULL,
    id_number text, person_name text, reference_name text, batch_id bigint NOT NULL, facts jsonb NOT NULL, weight numeric) ON COMMIT DROP`.execute(db);
  await sql`TRUNCATE compare_now`.execute(db);
}

/** Select one rule's current hits into the temporary table; returns how many. */
export async function selectRuleHits(db: Db, code: RuleCode, set: RuleSet, c: RunContext, b: Batch): Promise<number> {
  const r = await sql`INSERT INTO compare_now ${ruleHits(code, set, c, b)}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Add hits not live yet (one per match key: the heaviest row); returns how many were added. */
export async function addNewHits(db: Db, set: RuleSet, c: RunContext): Promise<number> {
  // The planner's row estimates for the temporary table (the two statements below anti-join it).
  await sql`ANALYZE compare_now`.execute(db);
  const suggested = sql.join((Object.keys(set.rules) as RuleCode[]).map((code) => sql`WHEN ${code}::text THEN ${set.rules[code].suggestedOutcome}::text`), sql` `);
  const r = await sql`INSERT INTO compare_hit (county_code, rule_code, rule_version, match_key, household_no, township_code, village_code, id_number, person_name, reference_name,
      batch_id, facts, suggested_outcome, status, found_on, updated_at)
    SELECT ${c.countyCode}, n.rule_code, ${c.version}, n.match_key, n.household_no, n.township_code, n.village_code, n.id_number, n.person_name, n.reference_name,
      n.batch_id, n.facts, CASE n.rule_code ${suggested} END, 'found', ${c.today}::date, ${c.at}
    FROM (SELECT DISTINCT ON (match_key) * FROM compare_now ORDER BY match_key, weight DESC NULLS LAST) n
    WHERE NOT EXISTS (SELECT 1 FROM compare_hit x WHERE x.county_code = ${c.countyCode} AND x.match_key = n.match_key AND x.status <> 'resolved')`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/**
 * Live hits (not closed) of the judged rules that no longer match: resolved by data with the
 * current batch of their rule's kind, with a step recording it. Returns how many.
 */
export async function resolveGoneHits(db: Db, set: RuleSet, c: RunContext, rules: readonly RuleCode[], batches: Map<string, Batch>): Promise<number> {
  if (rules.length === 0) return 0;
  const batchOf = sql.join(rules.map((code) => sql`WHEN ${code}::text THEN ${batches.get(set.rules[code].kind)!.id}::bigint`), sql` `);
  const r = await sql<{ n: number }>`WITH gone AS (
      UPDATE compare_hit h SET status = 'resolved', resolved_batch_id = CASE h.rule_code ${batchOf} END, resolved_on = ${c.today}::date, last_seq = h.last_seq + 1, updated_at = ${c.at}
      WHERE h.county_code = ${c.countyCode} AND h.status IN ('found', 'sent', 'verified', 'reviewed') AND h.rule_code = ANY(${textList(rules)})
        AND NOT EXISTS (SELECT 1 FROM compare_now n WHERE n.match_key = h.match_key)
      RETURNING h.county_code, h.id, h.last_seq, h.resolved_batch_id),
    steps AS (INSERT INTO compare_hit_step (county_code, hit_id, seq, action, status_after, note, on_date, at, actor_name)
      SELECT g.county_code, g.id, g.last_seq, 'resolve', 'resolved', '比对数据第 ' || g.resolved_batch_id || ' 批已不再命中', ${c.today}::date, ${c.at}, '(比对任务)' FROM gone g RETURNING 1)
    SELECT count(*)::int AS n FROM steps`.execute(db);
  return r.rows[0].n;
}

/** Bare hash join of the same keys (bench baseline): reference rows of the county's current batches against persons. */
export async function bareJoinCount(db: Db, countyCode: string, batchIds: readonly number[]): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM compare_row r JOIN person p ON p.county_code = r.county_code AND p.id_number = r.id_number
    WHERE r.county_code = ${countyCode} AND r.batch_id = ANY(${sql`ARRAY[${sql.join(batchIds.map((b) => sql`${b}::bigint`))}]::bigint[]`})`.execute(db);
  return r.rows[0].n;
}
