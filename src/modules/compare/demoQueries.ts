/**
 * SQL of the comparison demo: reference batches planted from the demo registry (persons chosen
 * by a hash of their ID number, so the same persons every load), and a share of the hits worked
 * to their outcomes with the steps a real 疑点 would have.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database';

/** Persons of the county chosen by `abs(hashtext(id)) % mod = rest`, optionally of households in these statuses / attributes. */
export interface Pick {
  mod: number;
  rest: number;
  statuses?: string[];
  attributes?: string[];
  health?: 'disabled' | 'not_disabled';
}

const list = (items: readonly string[]) => sql`ARRAY[${sql.join(items.map((c) => sql`${c}::text`))}]::text[]`;

function chosen(county: string, pick: Pick): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`p.county_code = ${county}`, sql`abs(hashtext(p.id_number)) % ${pick.mod} = ${pick.rest}`];
  if (pick.statuses) parts.push(sql`h.status = ANY(${list(pick.statuses)})`);
  if (pick.attributes) parts.push(sql`h.attribute = ANY(${list(pick.attributes)})`);
  if (pick.health === 'disabled') parts.push(sql`(p.health = 'disabled' OR p.disability_grade IS NOT NULL)`);
  if (pick.health === 'not_disabled') parts.push(sql`coalesce(p.health, '') <> 'disabled' AND p.disability_grade IS NULL`);
  return sql.join(parts, sql` AND `);
}

export interface PlantedRow {
  pick: Pick;
  /** SQL expressions over p (person) and h (household) for the typed columns. */
  category?: string | RawBuilder<unknown> | null;
  role?: string | null;
  status?: string | null;
  amount?: number | RawBuilder<unknown> | null;
  grade?: RawBuilder<unknown> | null;
  onDate?: string | null;
  detail?: Record<string, string>;
}

/** One complete batch of a kind for a county, its rows drawn from the registry; returns its id and row count. */
export async function plantBatch(db: Db, county: string, kind: string, source: string, asOf: string, at: Date, rows: PlantedRow[]): Promise<{ id: number; rows: number }> {
  const batch = await sql<{ id: number }>`INSERT INTO compare_batch (county_code, kind, source, file_name, as_of, status, row_count, error_count, imported_by, imported_at)
    VALUES (${county}, ${kind}, ${source}, ${`演示-${kind}.xlsx`}, ${asOf}, 'complete', 0, 0, '(演示数据)', ${at}) RETURNING id::int AS id`.execute(db);
  const id = batch.rows[0].id;
  let total = 0;
  for (const r of rows) {
    const amount = r.amount === undefined || r.amount === null ? sql`NULL::numeric` : typeof r.amount === 'number' ? sql`${r.amount}::numeric` : r.amount;
    const inserted = await sql`INSERT INTO compare_row (county_code, batch_id, row_no, id_number, name, place_code, category, role, status, amount, grade, on_date, detail)
      SELECT p.county_code, ${id}, ${total}::int + row_number() OVER (ORDER BY p.id_number) + 1, p.id_number, p.name, h.village_code, ${r.category ?? null}::text, ${r.role ?? null}, ${r.status ?? null},
        ${amount}, ${r.grade ?? sql`NULL::smallint`}, ${r.onDate ?? null}::date, ${JSON.stringify(r.detail ?? {})}::jsonb
      FROM person p JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
      WHERE ${chosen(county, r.pick)}`.execute(db);
    total += Number(inserted.numAffectedRows ?? 0);
  }
  await sql`UPDATE compare_batch SET row_count = ${total} WHERE county_code = ${county} AND id = ${id}`.execute(db);
  return { id, rows: total };
}

/**
 * Work a share of the county's new hits (by id): a fifth to the rule's suggested outcome — closed
 * as 更正 or 自然减少; 清退 proposed and reviewed, awaiting the county; 纳入监测 proposed by the
 * village — a fifth closed as 无问题, a fifth sent down. (Closed 清退 and 纳入监测 cases are worked
 * through the ledger's service afterwards: demoClosures.ts.) Returns how many were worked.
 */
export async function workDemoHits(db: Db, county: string, sentOn: string, deadline: string, today: string, at: Date): Promise<number> {
  const worked = await sql<{ n: number }>`WITH pick AS (
      SELECT h.county_code, h.id, h.household_no, CASE
        WHEN h.id % 5 = 0 AND h.suggested_outcome = 'monitoring' THEN 'verified'
        WHEN h.id % 5 = 0 AND h.suggested_outcome = 'removed' THEN 'reviewed'
        WHEN h.id % 5 = 0 THEN 'closed'
        WHEN h.id % 5 = 1 THEN 'closed_none'
        WHEN h.id % 5 = 2 THEN 'sent' END AS plan,
        CASE WHEN h.id % 5 = 1 THEN 'none' ELSE h.suggested_outcome END AS outcome
      FROM compare_hit h WHERE h.county_code = ${county} AND h.status = 'found' AND h.id % 5 IN (0, 1, 2)),
    moved AS (
      UPDATE compare_hit x SET
        status = CASE p.plan WHEN 'closed' THEN 'closed' WHEN 'closed_none' THEN 'closed' ELSE p.plan END,
        proposed_outcome = CASE WHEN p.plan = 'sent' THEN NULL ELSE p.outcome END,
        outcome = CASE WHEN p.plan IN ('closed', 'closed_none') THEN p.outcome END,
        sent_on = ${sentOn}::date, deadline = ${deadline}::date,
        closed_on = CASE WHEN p.plan IN ('closed', 'closed_none') THEN ${today}::date END,
        last_seq = CASE p.plan WHEN 'sent' THEN 1 WHEN 'verified' THEN 2 WHEN 'reviewed' THEN 3 ELSE 4 END, updated_at = ${at}
      FROM pick p WHERE x.county_code = p.county_code AND x.id = p.id
      RETURNING x.county_code, x.id, x.household_no, x.last_seq, x.proposed_outcome, x.outcome, x.status),
    steps AS (
      INSERT INTO compare_hit_step (county_code, hit_id, seq, action, status_after, outcome, note, on_date, at, actor_name, actor_role)
      SELECT m.county_code, m.id, s.seq, s.action, s.status_after, CASE WHEN s.with_outcome THEN m.proposed_outcome END,
        CASE s.action WHEN 'verify' THEN '入户核实（演示数据）' WHEN 'confirm' THEN '县级确认（演示数据）' END,
        ${sentOn}::date + (s.seq - 1) * 3, ${at}, '(演示数据)', s.role
      FROM moved m JOIN (VALUES (1, 'send', 'sent', false, 'county_operator'), (2, 'verify', 'verified', true, 'village_operator'),
        (3, 'review_pass', 'reviewed', false, 'township_operator'), (4, 'confirm', 'closed', true, 'county_operator')) AS s(seq, action, status_after, with_outcome, role)
        ON s.seq <= m.last_seq
      RETURNING 1)
    SELECT count(*)::int AS n FROM moved WHERE (SELECT count(*) FROM steps) >= 0`.execute(db);
  return worked.rows[0].n;
}

/**
 * Found 疑点 of these counties suggesting this outcome, `perCounty` in each, one per household
 * and on households with no procedure in progress (the closure may start one), lowest ids first.
 */
export async function demoHitsToClose(db: Db, counties: readonly string[], outcome: string, perCounty: number): Promise<{ id: number; villageCode: string }[]> {
  if (counties.length === 0) return [];
  const r = await sql<{ id: number; villageCode: string }>`SELECT id, village_code AS "villageCode" FROM (
      SELECT x.*, row_number() OVER (PARTITION BY x.county_code ORDER BY x.id) AS n FROM (
        SELECT DISTINCT ON (h.county_code, h.household_no) h.county_code, h.id::int AS id, h.village_code FROM compare_hit h
        WHERE h.county_code = ANY(${list(counties)}) AND h.status = 'found' AND h.suggested_outcome = ${outcome}
          AND NOT EXISTS (SELECT 1 FROM compare_hit o WHERE o.county_code = h.county_code AND o.household_no = h.household_no AND o.status <> 'found')
          AND NOT EXISTS (SELECT 1 FROM procedure_case c WHERE c.county_code = h.county_code AND c.household_no = h.household_no AND c.status = 'in_progress')
        ORDER BY h.county_code, h.household_no, h.id) x) y
    WHERE n <= ${perCounty} ORDER BY id`.execute(db);
  return r.rows;
}
