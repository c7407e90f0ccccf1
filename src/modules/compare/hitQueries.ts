/** SQL of the 疑点 ledger: lists and counts within a scope, one hit, its steps, its changes. */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, underPlace, type PlaceScope } from '../../db/placeScope';

const COLS = { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' };

export interface HitRow {
  countyCode: string;
  id: number;
  ruleCode: string;
  ruleVersion: number;
  householdNo: string;
  townshipCode: string;
  villageCode: string;
  headName: string | null;
  householdStatus: string | null;
  idNumber: string | null;
  personName: string | null;
  referenceName: string | null;
  batchId: number;
  facts: Record<string, unknown>;
  suggestedOutcome: string;
  status: string;
  proposedOutcome: string | null;
  outcome: string | null;
  procedureCaseId: number | null;
  deadline: string | null;
  foundOn: string;
  sentOn: string | null;
  closedOn: string | null;
  resolvedBatchId: number | null;
  resolvedOn: string | null;
  lastSeq: number;
}

const HIT_COLUMNS = sql`h.county_code AS "countyCode", h.id::int AS id, h.rule_code AS "ruleCode", h.rule_version AS "ruleVersion", h.household_no AS "householdNo",
  h.township_code AS "townshipCode", h.village_code AS "villageCode", hh.head_name AS "headName", hh.status AS "householdStatus", h.id_number AS "idNumber", h.person_name AS "personName",
  h.reference_name AS "referenceName", h.batch_id::int AS "batchId", h.facts, h.suggested_outcome AS "suggestedOutcome", h.status, h.proposed_outcome AS "proposedOutcome",
  h.outcome, h.procedure_case_id::int AS "procedureCaseId", to_char(h.deadline, 'YYYY-MM-DD') AS deadline, to_char(h.found_on, 'YYYY-MM-DD') AS "foundOn",
  to_char(h.sent_on, 'YYYY-MM-DD') AS "sentOn", to_char(h.closed_on, 'YYYY-MM-DD') AS "closedOn", h.resolved_batch_id::int AS "resolvedBatchId",
  to_char(h.resolved_on, 'YYYY-MM-DD') AS "resolvedOn", h.last_seq AS "lastSeq"`;

const FROM = sql`compare_hit h LEFT JOIN household hh ON hh.county_code = h.county_code AND hh.household_no = h.household_no`;

export interface HitFilter {
  place: string;
  rule?: string;
  /** 'open' (not closed nor resolved) or one status. */
  status?: string;
  outcome?: string;
  householdNo?: string;
  /** Only hits overdue on this day. */
  overdueOn?: string;
}

function where(scope: PlaceScope, f: HitFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [sql`${inScope(scope, COLS)}`];
  if (f.place !== '0') parts.push(sql`${underPlace(f.place, COLS)}`);
  if (f.rule) parts.push(sql`h.rule_code = ${f.rule}`);
  if (f.status === 'open') parts.push(sql`h.status IN ('found', 'sent', 'verified', 'reviewed')`);
  else if (f.status) parts.push(sql`h.status = ${f.status}`);
  if (f.outcome) parts.push(sql`h.outcome = ${f.outcome}`);
  if (f.householdNo) parts.push(sql`h.household_no = ${f.householdNo}`);
  if (f.overdueOn) parts.push(sql`h.status IN ('sent', 'verified', 'reviewed') AND h.deadline < ${f.overdueOn}::date`);
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

export async function listHits(db: Db, scope: PlaceScope, f: HitFilter, page?: { offset: number; limit: number }): Promise<{ total: number; rows: HitRow[] }> {
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM compare_hit h WHERE ${where(scope, f)}`.execute(db);
  const rows = await sql<HitRow>`SELECT ${HIT_COLUMNS} FROM ${FROM} WHERE ${where(scope, f)}
    ORDER BY h.found_on DESC, h.county_code, h.id DESC ${page ? sql`OFFSET ${page.offset} LIMIT ${page.limit}` : sql``}`.execute(db);
  return { total: total.rows[0].n, rows: rows.rows };
}

export interface CountRow {
  key: string;
  total: number;
  open: number;
  overdue: number;
  closed: number;
  resolved: number;
}

/** Counts by rule, by village, by status or by outcome. */
export async function countHits(db: Db, scope: PlaceScope, f: HitFilter, by: 'rule' | 'place' | 'status' | 'outcome', today: string): Promise<CountRow[]> {
  const key = { rule: sql`h.rule_code`, place: sql`h.village_code`, status: sql`h.status`, outcome: sql`coalesce(h.outcome, '')` }[by];
  const r = await sql<CountRow>`SELECT ${key} AS key, count(*)::int AS total,
      count(*) FILTER (WHERE h.status IN ('found', 'sent', 'verified', 'reviewed'))::int AS open,
      count(*) FILTER (WHERE h.status IN ('sent', 'verified', 'reviewed') AND h.deadline < ${today}::date)::int AS overdue,
      count(*) FILTER (WHERE h.status = 'closed')::int AS closed,
      count(*) FILTER (WHERE h.status = 'resolved')::int AS resolved
    FROM compare_hit h WHERE ${where(scope, f)} GROUP BY 1 ORDER BY 1`.execute(db);
  return r.rows;
}

/** A hit by id, whoever asks (the route checks the reach), locked for a change when `lock`. */
export async function findHit(db: Db, id: number, countyCode?: string, lock = false): Promise<HitRow | undefined> {
  const r = await sql<HitRow>`SELECT ${HIT_COLUMNS} FROM ${FROM} WHERE ${countyCode ? sql`h.county_code = ${countyCode} AND ` : sql``}h.id = ${id}
    ${lock ? sql`FOR UPDATE OF h` : sql``}`.execute(db);
  return r.rows[0];
}

export interface StepRow {
  seq: number;
  action: string;
  statusAfter: string;
  outcome: string | null;
  note: string | null;
  evidenceIds: number[];
  onDate: string;
  actorName: string | null;
  actorRole: string | null;
}

export async function stepsOf(db: Db, countyCode: string, id: number): Promise<StepRow[]> {
  const r = await sql<StepRow>`SELECT seq, action, status_after AS "statusAfter", outcome, note, evidence_ids::int[] AS "evidenceIds", to_char(on_date, 'YYYY-MM-DD') AS "onDate",
      actor_name AS "actorName", actor_role AS "actorRole"
    FROM compare_hit_step WHERE county_code = ${countyCode} AND hit_id = ${id} ORDER BY seq`.execute(db);
  return r.rows;
}

export interface HitChange {
  status: string;
  proposedOutcome?: string | null;
  outcome?: string | null;
  procedureCaseId?: number | null;
  deadline?: string | null;
  sentOn?: string | null;
  closedOn?: string | null;
}

export async function applyHitStep(db: Db, hit: HitRow, change: HitChange, step: Omit<StepRow, 'seq' | 'statusAfter'>, at: Date): Promise<void> {
  const seq = hit.lastSeq + 1;
  const keep = <T>(v: T | undefined, old: T) => (v === undefined ? old : v);
  await sql`UPDATE compare_hit SET status = ${change.status}, proposed_outcome = ${keep(change.proposedOutcome, hit.proposedOutcome)}, outcome = ${keep(change.outcome, hit.outcome)},
      procedure_case_id = ${keep(change.procedureCaseId, hit.procedureCaseId)}, deadline = ${keep(change.deadline, hit.deadline)}, sent_on = ${keep(change.sentOn, hit.sentOn)},
      closed_on = ${keep(change.closedOn, hit.closedOn)}, last_seq = ${seq}, updated_at = ${at}
    WHERE county_code = ${hit.countyCode} AND id = ${hit.id}`.execute(db);
  await sql`INSERT INTO compare_hit_step (county_code, hit_id, seq, action, status_after, outcome, note, evidence_ids, on_date, at, actor_name, actor_role)
    VALUES (${hit.countyCode}, ${hit.id}, ${seq}, ${step.action}, ${change.status}, ${step.outcome}, ${step.note}, ${step.evidenceIds.length ? sql`ARRAY[${sql.join(step.evidenceIds.map((e) => sql`${e}::bigint`))}]` : sql`'{}'`}::bigint[],
      ${step.onDate}::date, ${at}, ${step.actorName}, ${step.actorRole})`.execute(db);
}

/** The household fields a 清退 keeps (identified and exit years). */
export async function householdYears(db: Db, countyCode: string, householdNo: string): Promise<{ identifiedYear: number | null; exitYear: number | null; status: string } | undefined> {
  const r = await sql<{ identifiedYear: number | null; exitYear: number | null; status: string }>`SELECT identified_year AS "identifiedYear", exit_year AS "exitYear", status
    FROM household WHERE county_code = ${countyCode} AND household_no = ${householdNo}`.execute(db);
  return r.rows[0];
}
