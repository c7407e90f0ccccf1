/** SQL of the rectification ledger: findings, their steps, lists and counts by unit and place. */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { codeInScope, codeUnder, type PlaceScope } from '../../db/placeScope';

export interface RectificationRow {
  id: number;
  placeCode: string;
  source: string;
  sourceRef: string | null;
  foundOn: string;
  finding: string;
  responsibleLeader: string | null;
  responsibleUnit: string;
  responsiblePerson: string | null;
  deadline: string;
  measures: string | null;
  status: string;
  reopenCount: number;
  closedOn: string | null;
  createdBy: string | null;
}

const COLUMNS = [
  'id', 'place_code as placeCode', 'source', 'source_ref as sourceRef', 'found_on as foundOn', 'finding',
  'responsible_leader as responsibleLeader', 'responsible_unit as responsibleUnit', 'responsible_person as responsiblePerson',
  'deadline', 'measures', 'status', 'reopen_count as reopenCount', 'closed_on as closedOn', 'created_by as createdBy',
] as const;

export interface NewRectification {
  place_code: string;
  source: string;
  source_ref: string | null;
  found_on: string;
  finding: string;
  responsible_leader: string | null;
  responsible_unit: string;
  responsible_person: string | null;
  deadline: string;
  measures: string | null;
  created_by: string | null;
}

export async function insertRectification(db: Db, row: NewRectification): Promise<number> {
  const { id } = await db.insertInto('rectification').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function findRectification(db: Db, id: number, lock = false): Promise<RectificationRow | undefined> {
  let query = db.selectFrom('rectification').select(COLUMNS).where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface StepRow {
  seq: number;
  action: string;
  onDate: string;
  note: string;
  evidence: string[];
  actor: string | null;
  statusAfter: string;
}

export async function stepsOf(db: Db, id: number): Promise<StepRow[]> {
  return db
    .selectFrom('rectification_step')
    .select(['seq', 'action', 'on_date as onDate', 'note', 'evidence', 'actor', 'status_after as statusAfter'])
    .where('rectification_id', '=', id)
    .orderBy('seq')
    .execute();
}

export async function insertStep(db: Db, id: number, step: Omit<StepRow, 'seq'>): Promise<number> {
  const next = await db
    .selectFrom('rectification_step')
    .select(sql<number>`coalesce(max(seq), 0) + 1`.as('seq'))
    .where('rectification_id', '=', id)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('rectification_step')
    .values({ rectification_id: id, seq: next.seq, action: step.action, on_date: step.onDate, note: step.note, evidence: step.evidence, actor: step.actor, status_after: step.statusAfter })
    .execute();
  return next.seq;
}

export async function updateRectificationState(
  db: Db,
  id: number,
  change: { status: string; reopenCount: number; closedOn: string | null; deadline: string; measures: string | null },
): Promise<void> {
  await db
    .updateTable('rectification')
    .set({ status: change.status, reopen_count: change.reopenCount, closed_on: change.closedOn, deadline: change.deadline, measures: change.measures, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export interface RectificationFilter {
  place: string;
  status?: string;
  source?: string;
  unit?: string;
  /** Only open findings past their deadline on this date. */
  overdueOn?: string;
  /** Only open findings due from `from` to `to` (inclusive). */
  dueBetween?: { from: string; to: string };
}

function conditions(scope: PlaceScope, f: RectificationFilter) {
  const parts = [codeInScope(scope, 'place_code'), codeUnder(f.place, 'place_code')];
  if (f.status === 'open') parts.push(sql<SqlBool>`status <> 'closed'`);
  else if (f.status) parts.push(sql<SqlBool>`status = ${f.status}`);
  if (f.source) parts.push(sql<SqlBool>`source = ${f.source}`);
  if (f.unit) parts.push(sql<SqlBool>`responsible_unit = ${f.unit}`);
  if (f.overdueOn) parts.push(sql<SqlBool>`status <> 'closed' AND deadline < ${f.overdueOn}`);
  if (f.dueBetween) parts.push(sql<SqlBool>`status <> 'closed' AND deadline BETWEEN ${f.dueBetween.from} AND ${f.dueBetween.to}`);
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

export async function listRectificationRows(db: Db, scope: PlaceScope, f: RectificationFilter, page?: { offset: number; limit: number }): Promise<{ total: number; rows: RectificationRow[] }> {
  const where = conditions(scope, f);
  const total = await db.selectFrom('rectification').select(sql<number>`count(*)::int`.as('n')).where(where).executeTakeFirstOrThrow();
  let query = db.selectFrom('rectification').select(COLUMNS).where(where).orderBy('deadline').orderBy('id');
  if (page) query = query.offset(page.offset).limit(page.limit);
  return { total: total.n, rows: await query.execute() };
}

export interface CountRow {
  key: string;
  open: number;
  overdue: number;
  closed: number;
  reopened: number;
}

/** Open, overdue (on `today`), closed and ever-reopened findings under a place, by unit or by place code. */
export async function countRectifications(db: Db, scope: PlaceScope, place: string, by: 'unit' | 'place', today: string): Promise<CountRow[]> {
  const key = by === 'unit' ? sql.ref('responsible_unit') : sql.ref('place_code');
  const result = await sql<CountRow>`
    SELECT ${key} AS key,
           (count(*) FILTER (WHERE status <> 'closed'))::int AS open,
           (count(*) FILTER (WHERE status <> 'closed' AND deadline < ${today}))::int AS overdue,
           (count(*) FILTER (WHERE status = 'closed'))::int AS closed,
           (count(*) FILTER (WHERE reopen_count > 0))::int AS reopened
    FROM rectification
    WHERE ${codeInScope(scope, 'place_code')} AND ${codeUnder(place, 'place_code')}
    GROUP BY 1 ORDER BY 1`.execute(db);
  return result.rows;
}
