/** SQL of the task ledger: plans, tasks, progress updates, and lists by department and due date. */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { codeInScope, codeUnder, type PlaceScope } from '../../db/placeScope';

export interface NewTask {
  seq: number;
  section: string | null;
  title: string;
  content: string | null;
  deadline: string;
  deadline_text: string | null;
  ongoing: boolean;
  lead_department: string;
  responsible_departments: string[];
  responsible_person: string | null;
}

export async function insertPlan(db: Db, plan: { place_code: string; year: number; title: string; doc_no: string | null; issued_on: string | null; created_by: string | null }, tasks: NewTask[]): Promise<number> {
  const { id } = await db.insertInto('work_plan').values(plan).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('work_task').values(tasks.map((t) => ({ ...t, plan_id: Number(id) }))).execute();
  return Number(id);
}

export interface TaskRow {
  id: number;
  planId: number;
  planTitle: string;
  placeCode: string;
  seq: number;
  section: string | null;
  title: string;
  content: string | null;
  deadline: string;
  deadlineText: string | null;
  ongoing: boolean;
  leadDepartment: string;
  responsibleDepartments: string[];
  responsiblePerson: string | null;
  status: string;
  progress: number;
  completedOn: string | null;
}

function taskSelect(db: Db) {
  return db
    .selectFrom('work_task as t')
    .innerJoin('work_plan as p', 'p.id', 't.plan_id')
    .select([
      't.id', 't.plan_id as planId', 'p.title as planTitle', 'p.place_code as placeCode', 't.seq', 't.section', 't.title', 't.content', 't.deadline',
      't.deadline_text as deadlineText', 't.ongoing', 't.lead_department as leadDepartment', 't.responsible_departments as responsibleDepartments',
      't.responsible_person as responsiblePerson', 't.status', 't.progress', 't.completed_on as completedOn',
    ]);
}

export async function findPlan(db: Db, id: number) {
  return db.selectFrom('work_plan').select(['id', 'place_code as placeCode', 'year', 'title', 'doc_no as docNo', 'issued_on as issuedOn']).where('id', '=', id).executeTakeFirst();
}

export async function tasksOfPlan(db: Db, planId: number): Promise<TaskRow[]> {
  return taskSelect(db).where('t.plan_id', '=', planId).orderBy('t.seq').execute();
}

export async function findTask(db: Db, id: number, lock = false): Promise<TaskRow | undefined> {
  let query = taskSelect(db).where('t.id', '=', id);
  if (lock) query = query.forUpdate(['t']);
  return query.executeTakeFirst();
}

export interface TaskFilter {
  place: string;
  department?: string;
  status?: string;
  plan?: number;
  overdueOn?: string;
  dueBetween?: { from: string; to: string };
}

function taskConditions(scope: PlaceScope, f: TaskFilter) {
  const parts = [codeInScope(scope, 'p.place_code'), codeUnder(f.place, 'p.place_code')];
  if (f.department) parts.push(sql<SqlBool>`(t.lead_department = ${f.department} OR ${f.department} = ANY(t.responsible_departments))`);
  if (f.status === 'open') parts.push(sql<SqlBool>`t.status <> 'done'`);
  else if (f.status) parts.push(sql<SqlBool>`t.status = ${f.status}`);
  if (f.plan) parts.push(sql<SqlBool>`t.plan_id = ${f.plan}`);
  if (f.overdueOn) parts.push(sql<SqlBool>`t.status <> 'done' AND t.deadline < ${f.overdueOn}`);
  if (f.dueBetween) parts.push(sql<SqlBool>`t.status <> 'done' AND t.deadline BETWEEN ${f.dueBetween.from} AND ${f.dueBetween.to}`);
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

export async function listTaskRows(db: Db, scope: PlaceScope, f: TaskFilter, page?: { offset: number; limit: number }): Promise<{ total: number; rows: TaskRow[] }> {
  const where = taskConditions(scope, f);
  const total = await db.selectFrom('work_task as t').innerJoin('work_plan as p', 'p.id', 't.plan_id').select(sql<number>`count(*)::int`.as('n')).where(where).executeTakeFirstOrThrow();
  let query = taskSelect(db).where(where).orderBy('t.deadline').orderBy('t.plan_id').orderBy('t.seq');
  if (page) query = query.offset(page.offset).limit(page.limit);
  return { total: total.n, rows: await query.execute() };
}

export interface PlanSummaryRow {
  id: number;
  placeCode: string;
  year: number;
  title: string;
  docNo: string | null;
  issuedOn: string | null;
  tasks: number;
  done: number;
  overdue: number;
}

export async function listPlanRows(db: Db, scope: PlaceScope, place: string, today: string): Promise<PlanSummaryRow[]> {
  const result = await sql<PlanSummaryRow>`
    SELECT p.id, p.place_code AS "placeCode", p.year, p.title, p.doc_no AS "docNo", p.issued_on AS "issuedOn",
           count(t.id)::int AS tasks,
           (count(t.id) FILTER (WHERE t.status = 'done'))::int AS done,
           (count(t.id) FILTER (WHERE t.status <> 'done' AND t.deadline < ${today}))::int AS overdue
    FROM work_plan p LEFT JOIN work_task t ON t.plan_id = p.id
    WHERE ${codeInScope(scope, 'p.place_code')} AND ${codeUnder(place, 'p.place_code')}
    GROUP BY p.id ORDER BY p.year DESC, p.id DESC`.execute(db);
  return result.rows;
}

export interface UpdateRow {
  seq: number;
  onDate: string;
  progress: number;
  note: string;
  evidence: string[];
  actor: string | null;
}

export async function updatesOf(db: Db, taskId: number): Promise<UpdateRow[]> {
  return db.selectFrom('work_task_progress').select(['seq', 'on_date as onDate', 'progress', 'note', 'evidence', 'actor']).where('task_id', '=', taskId).orderBy('seq').execute();
}

export async function insertUpdate(db: Db, taskId: number, u: Omit<UpdateRow, 'seq'>): Promise<void> {
  const next = await db.selectFrom('work_task_progress').select(sql<number>`coalesce(max(seq), 0) + 1`.as('seq')).where('task_id', '=', taskId).executeTakeFirstOrThrow();
  await db.insertInto('work_task_progress').values({ task_id: taskId, seq: next.seq, on_date: u.onDate, progress: u.progress, note: u.note, evidence: u.evidence, actor: u.actor }).execute();
}

export async function setTaskProgress(db: Db, id: number, change: { status: string; progress: number; completedOn: string | null }): Promise<void> {
  await db.updateTable('work_task').set({ status: change.status, progress: change.progress, completed_on: change.completedOn, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export interface DepartmentRow {
  department: string;
  lead: number;
  responsible: number;
  done: number;
  overdue: number;
  dueSoon: number;
}

/** Per department (as lead or responsible): tasks, done, overdue on `today`, due by `soonEnd`. */
export async function countByDepartment(db: Db, scope: PlaceScope, place: string, today: string, soonEnd: string): Promise<DepartmentRow[]> {
  const result = await sql<DepartmentRow>`
    WITH roles AS (
      SELECT t.id, t.status, t.deadline, t.lead_department AS department, true AS is_lead
      FROM work_task t JOIN work_plan p ON p.id = t.plan_id
      WHERE ${codeInScope(scope, 'p.place_code')} AND ${codeUnder(place, 'p.place_code')}
      UNION ALL
      SELECT t.id, t.status, t.deadline, d.department, false
      FROM work_task t JOIN work_plan p ON p.id = t.plan_id CROSS JOIN LATERAL unnest(t.responsible_departments) AS d(department)
      WHERE ${codeInScope(scope, 'p.place_code')} AND ${codeUnder(place, 'p.place_code')}
    )
    SELECT department,
           (count(*) FILTER (WHERE is_lead))::int AS lead,
           (count(*) FILTER (WHERE NOT is_lead))::int AS responsible,
           (count(*) FILTER (WHERE status = 'done'))::int AS done,
           (count(*) FILTER (WHERE status <> 'done' AND deadline < ${today}))::int AS overdue,
           (count(*) FILTER (WHERE status <> 'done' AND deadline BETWEEN ${today} AND ${soonEnd}))::int AS "dueSoon"
    FROM roles GROUP BY department ORDER BY overdue DESC, department`.execute(db);
  return result.rows;
}
