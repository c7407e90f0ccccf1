/**
 * Use cases of the task ledger (工作任务台账, seed 000): plans of a place made of tasks, each with
 * a deadline read from its 完成时限, one lead department and several responsible departments;
 * progress reported with evidence; overdue and due-soon lists per department; a plan imported
 * from a spreadsheet, all rows or none. Changes are audited in their transaction; "today" comes
 * from the caller (the app's clock).
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { AppError, badRequest, notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import { addDays, daysBetween } from '../../domain/dates';
import { placeNames } from '../places/service';
import type { LedgerContext } from '../rectification/service';
import { parseDeadline } from './deadline';
import { PlanSheetError, readPlanSheet, splitDepartments, type SheetTask } from './planSheet';
import * as q from './queries';
import { planInput, taskInput, type PlanInput, type TaskInput } from './schemas';

export const TASK_STATUSES = { not_started: '未开始', in_progress: '推进中', done: '已完成' } as const;
export const DUE_SOON_DAYS = 7;

export interface TaskView extends q.TaskRow {
  placeName: string;
  statusLabel: string;
  overdue: boolean;
  daysLeft: number | null;
}

async function viewsOf(db: Db, rows: q.TaskRow[], today: string): Promise<TaskView[]> {
  const names = await placeNames(db, [...new Set(rows.map((r) => r.placeCode))]);
  return rows.map((r) => ({
    ...r,
    placeName: names.get(r.placeCode)?.name ?? r.placeCode,
    statusLabel: TASK_STATUSES[r.status as keyof typeof TASK_STATUSES] ?? r.status,
    overdue: r.status !== 'done' && r.deadline < today,
    daysLeft: r.status === 'done' ? null : daysBetween(today, r.deadline),
  }));
}

interface Problem {
  row: number | null;
  field: string;
  value: string | null;
  message: string;
}

/** The task as stored: deadline from 完成时限 (or the date given), departments trimmed. */
function taskRow(input: TaskInput, seq: number, year: number, where: string, problems: Problem[], row: number | null): q.NewTask | null {
  const parsed = taskInput.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ row, field: String(issue.path[0] ?? ''), value: null, message: `${where}：${issue.message}` });
    return null;
  }
  const t = parsed.data;
  const fromText = t.deadlineText ? parseDeadline(t.deadlineText, year) : null;
  const deadline = t.deadline ?? fromText?.date;
  if (!deadline) {
    const message = t.deadlineText ? `${where}：完成时限“${t.deadlineText}”中没有可识别的日期（如“3月底前”“2019年底”“2019-06-30”）` : `${where}：缺少完成时限`;
    problems.push({ row, field: 'deadlineText', value: t.deadlineText ?? null, message });
    return null;
  }
  return {
    seq,
    section: t.section ?? null,
    title: t.title,
    content: t.content ?? null,
    deadline,
    deadline_text: t.deadlineText ?? null,
    ongoing: t.ongoing ?? fromText?.ongoing ?? false,
    lead_department: t.leadDepartment,
    responsible_departments: [...new Set(t.responsibleDepartments)],
    responsible_person: t.responsiblePerson ?? null,
  };
}

function failOn(problems: Problem[]): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, 5).map((p) => p.message).join('；');
  throw new AppError(400, 'bad_request', `计划未保存，共 ${problems.length} 处问题：${shown}${problems.length > 5 ? '……' : ''}`, problems);
}

export interface PlanView {
  id: number;
  placeCode: string;
  placeName: string;
  year: number;
  title: string;
  docNo: string | null;
  issuedOn: string | null;
  tasks: TaskView[];
}

export async function getPlan(db: Db, id: number, today: string): Promise<PlanView> {
  const plan = await q.findPlan(db, id);
  if (!plan) throw notFound(`工作计划 ${id} `);
  const tasks = await viewsOf(db, await q.tasksOfPlan(db, id), today);
  const names = await placeNames(db, [plan.placeCode]);
  return { ...plan, placeName: names.get(plan.placeCode)?.name ?? plan.placeCode, tasks };
}

export async function locatePlan(db: Db, id: number): Promise<{ placeCode: string } | undefined> {
  return q.findPlan(db, id);
}

/** Save a plan with its tasks (one transaction, audited); every task's problem is reported at once. */
export async function createPlan(db: Db, input: PlanInput, ctx: LedgerContext, origin: { rows?: number[]; fileName?: string } = {}): Promise<PlanView> {
  const plan = planInput.omit({ tasks: true }).parse(input);
  const tasks: TaskInput[] = Array.isArray(input.tasks) ? input.tasks : [];
  if (tasks.length === 0 || tasks.length > 500) throw badRequest('计划应有 1 至 500 项任务（tasks）', [{ field: 'tasks', value: tasks.length }]);
  if (!(await placeNames(db, [plan.placeCode])).has(plan.placeCode)) throw badRequest(`计划所属地区（placeCode）${plan.placeCode} 不存在`, [{ field: 'placeCode', value: plan.placeCode }]);
  const problems: Problem[] = [];
  const rows = tasks.map((t, i) => {
    const row = origin.rows?.[i] ?? null;
    return taskRow(t, i + 1, plan.year, row === null ? `第 ${i + 1} 项任务` : `第 ${row} 行`, problems, row);
  });
  failOn(problems);
  const save = async (tx: Db) => {
    const planId = await q.insertPlan(
      tx,
      { place_code: plan.placeCode, year: plan.year, title: plan.title, doc_no: plan.docNo ?? null, issued_on: plan.issuedOn ?? null, created_by: ctx.actor.username },
      rows as q.NewTask[],
    );
    await recordAudit(tx, {
      ...ctx.actor,
      action: 'plan.create',
      objectType: 'work_plan',
      objectId: String(planId),
      placeCode: plan.placeCode,
      after: { title: plan.title, year: plan.year, tasks: rows.length, fileName: origin.fileName ?? null },
    });
    return planId;
  };
  const id = db.isTransaction ? await save(db) : await db.transaction().execute(save);
  return getPlan(db, id, ctx.today);
}

function fromSheet(t: SheetTask): TaskInput {
  const v = t.values;
  return {
    section: v.section,
    title: v.title ?? '',
    content: v.content,
    deadlineText: v.deadlineText,
    leadDepartment: v.leadDepartment ?? '',
    responsibleDepartments: v.responsibleDepartments ? splitDepartments(v.responsibleDepartments) : [],
    responsiblePerson: v.responsiblePerson,
  };
}

/** A plan whose tasks come from a spreadsheet (.xlsx or .csv). */
export async function importPlan(db: Db, meta: Omit<PlanInput, 'tasks'>, file: { content: Buffer; fileName: string }, ctx: LedgerContext): Promise<PlanView> {
  let tasks: SheetTask[];
  try {
    tasks = await readPlanSheet(file.content, file.fileName);
  } catch (e) {
    if (e instanceof PlanSheetError) throw new AppError(400, 'bad_request', e.message, e.problems);
    throw e;
  }
  if (tasks.length === 0) throw badRequest(`文件“${file.fileName}”的表头下没有任务`, [{ field: 'file', value: file.fileName }]);
  return createPlan(db, { ...meta, tasks: tasks.map(fromSheet) }, ctx, { rows: tasks.map((t) => t.row), fileName: file.fileName });
}

export async function listPlans(db: Db, scope: PlaceScope, place: string, today: string) {
  const rows = await q.listPlanRows(db, scope, place, today);
  const names = await placeNames(db, [...new Set(rows.map((r) => r.placeCode))]);
  return rows.map((r) => ({ ...r, placeName: names.get(r.placeCode)?.name ?? r.placeCode }));
}

export interface TaskListFilter {
  place: string;
  department?: string;
  status?: string;
  plan?: number;
  due?: 'overdue' | 'soon';
}

export async function listTasks(db: Db, scope: PlaceScope, f: TaskListFilter, page: { page: number; pageSize: number } | null, today: string) {
  const filter: q.TaskFilter = {
    place: f.place,
    department: f.department,
    status: f.status,
    plan: f.plan,
    overdueOn: f.due === 'overdue' ? today : undefined,
    dueBetween: f.due === 'soon' ? { from: today, to: addDays(today, DUE_SOON_DAYS) } : undefined,
  };
  const { total, rows } = await q.listTaskRows(db, scope, filter, page ? { offset: (page.page - 1) * page.pageSize, limit: page.pageSize } : undefined);
  return { total, page: page?.page ?? 1, pageSize: page?.pageSize ?? total, today, items: await viewsOf(db, rows, today) };
}

export async function getTask(db: Db, id: number, today: string) {
  const row = await q.findTask(db, id);
  if (!row) throw notFound(`工作任务 ${id} `);
  const [view] = await viewsOf(db, [row], today);
  return { ...view, updates: await q.updatesOf(db, id) };
}

export async function locateTask(db: Db, id: number): Promise<{ placeCode: string } | undefined> {
  return q.findTask(db, id);
}

/** Report progress of a task (进展, 0–100 %, with evidence); 100 % completes it on that date. */
export async function reportProgress(db: Db, id: number, input: { progress: number; note: string; evidence: string[]; onDate?: string }, ctx: LedgerContext) {
  const onDate = input.onDate ?? ctx.today;
  if (onDate > ctx.today) throw badRequest(`日期（onDate）${onDate} 晚于今天 ${ctx.today}`, [{ field: 'onDate', value: onDate }]);
  await db.transaction().execute(async (tx) => {
    const task = await q.findTask(tx, id, true);
    if (!task) throw notFound(`工作任务 ${id} `);
    if (input.progress === 100 && input.evidence.every((e) => e.trim() === '')) {
      throw badRequest(`工作任务 ${id}“${task.title}”报完成须列出佐证材料（evidence）`, [{ field: 'evidence', value: input.evidence }]);
    }
    const status = input.progress === 100 ? 'done' : input.progress > 0 ? 'in_progress' : 'not_started';
    const change = { status, progress: input.progress, completedOn: status === 'done' ? onDate : null };
    await q.setTaskProgress(tx, id, change);
    await q.insertUpdate(tx, id, { onDate, progress: input.progress, note: input.note, evidence: input.evidence.filter((e) => e.trim() !== ''), actor: ctx.actor.username });
    await recordAudit(tx, {
      ...ctx.actor,
      action: 'task.progress',
      objectType: 'work_task',
      objectId: String(id),
      placeCode: task.placeCode,
      before: { status: task.status, progress: task.progress },
      after: { ...change, onDate, note: input.note },
    });
  });
  return getTask(db, id, ctx.today);
}

/** Per department: tasks it leads or shares, done, overdue and due within DUE_SOON_DAYS. */
export async function departmentSummary(db: Db, scope: PlaceScope, place: string, today: string) {
  return { today, departments: await q.countByDepartment(db, scope, place, today, addDays(today, DUE_SOON_DAYS)) };
}

export { SPRING_OFFENSIVE } from './springOffensive';
export { PLAN_COLUMNS } from './planSheet';
