/**
 * HTTP routes of the task ledger: plans (JSON or imported from a spreadsheet), tasks by
 * department and due date, progress reports. Reading needs 'dashboard.read', changing it
 * 'ledger.write'; plans and tasks outside the user's scope answer 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { requirePermission, requireUser } from '../../server/access';
import { badRequest, notFound } from '../../server/errors';
import { ledgerContextOf, reachPlace, reachRecord, todayOf } from '../../server/reach';
import { placeNameOf } from '../places/service';
import { sendWorkbook } from '../reports/service';
import { taskSheets, templateSheets } from './exports';
import { departmentSummarySchema, planListSchema, planMetaInput, planSchema, progressInput, taskDetailSchema, taskPageSchema, taskQuery } from './schemas';
import { createPlan, departmentSummary, getPlan, getTask, importPlan, listPlans, listTasks, locatePlan, locateTask, reportProgress } from './service';

type Query = { Querystring: Record<string, unknown> };
type Id = { Params: { id: string } };

const idSchema = z.coerce.number({ message: '编号应为数字' }).int('编号应为整数').positive('编号应为正整数');
const MAX_UPLOAD = 5 * 1024 * 1024;

export async function registerTaskRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const read = { preHandler: requirePermission('dashboard.read') };
  const write = { preHandler: requirePermission('ledger.write') };

  const reachPlan = async (request: FastifyRequest<Id>) => {
    const id = idSchema.parse(request.params.id);
    const plan = await locatePlan(db, id);
    if (!plan) throw notFound(`工作计划 ${id} `);
    await reachRecord(request, { type: 'work_plan', id: String(id), placeCode: plan.placeCode });
    return id;
  };
  const reachTask = async (request: FastifyRequest<Id>) => {
    const id = idSchema.parse(request.params.id);
    const task = await locateTask(db, id);
    if (!task) throw notFound(`工作任务 ${id} `);
    await reachRecord(request, { type: 'work_task', id: String(id), placeCode: task.placeCode });
    return id;
  };

  api.get<Query>('/plans', read, async (request) => {
    const place = await reachPlace(request, taskQuery.parse(request.query).place);
    return planListSchema.parse(await listPlans(db, requireUser(request).scope, place, todayOf(request)));
  });

  api.get('/plans/template.xlsx', read, async (_request, reply) => sendWorkbook(reply, templateSheets(), 'plan-template.xlsx', '工作任务台账导入模板.xlsx'));

  api.get<Id>('/plans/:id', read, async (request) => planSchema.parse(await getPlan(db, await reachPlan(request), todayOf(request))));

  api.post('/plans', write, async (request, reply) => {
    const body = (request.body ?? {}) as { placeCode?: unknown };
    const place = planMetaInput.shape.placeCode.parse(body.placeCode);
    await reachPlace(request, place);
    return reply.status(201).send(planSchema.parse(await createPlan(db, request.body as never, ledgerContextOf(request))));
  });

  api.post('/plans/import', write, async (request, reply) => {
    if (!request.isMultipart()) throw badRequest('请以 multipart/form-data 上传计划表（字段 file）和计划信息（placeCode、year、title）');
    const fields: Record<string, string> = {};
    let file: { content: Buffer; fileName: string } | null = null;
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (content.length > MAX_UPLOAD) throw badRequest('计划表不超过 5 MB');
        file = { content, fileName: part.filename };
      } else fields[part.fieldname] = String(part.value);
    }
    if (!file) throw badRequest('请上传计划表文件（字段 file，.xlsx 或 .csv）');
    const meta = planMetaInput.parse({ ...fields, issuedOn: fields.issuedOn || undefined, docNo: fields.docNo || undefined });
    await reachPlace(request, meta.placeCode);
    return reply.status(201).send(planSchema.parse(await importPlan(db, meta, file, ledgerContextOf(request))));
  });

  const tasks = async (request: FastifyRequest<Query>, paged: boolean) => {
    const { page, pageSize, place, ...filter } = taskQuery.parse(request.query);
    const at = await reachPlace(request, place);
    return { place: at, result: await listTasks(db, requireUser(request).scope, { place: at, ...filter }, paged ? { page, pageSize } : null, todayOf(request)) };
  };
  api.get<Query>('/tasks', read, async (request) => taskPageSchema.parse((await tasks(request, true)).result));
  api.get<Query>('/tasks/export.xlsx', read, async (request, reply) => {
    const { place, result } = await tasks(request, false);
    const name = await placeNameOf(db, place);
    return sendWorkbook(reply, taskSheets(name, result.items, todayOf(request)), `tasks-${place}.xlsx`, `${name}工作任务台账.xlsx`);
  });
  api.get<Query>('/tasks/departments', read, async (request) => {
    const place = await reachPlace(request, taskQuery.parse(request.query).place);
    return departmentSummarySchema.parse(await departmentSummary(db, requireUser(request).scope, place, todayOf(request)));
  });
  api.get<Id>('/tasks/:id', read, async (request) => taskDetailSchema.parse(await getTask(db, await reachTask(request), todayOf(request))));
  api.post<Id>('/tasks/:id/progress', write, async (request) => {
    const id = await reachTask(request);
    return taskDetailSchema.parse(await reportProgress(db, id, progressInput.parse(request.body), ledgerContextOf(request)));
  });
}
