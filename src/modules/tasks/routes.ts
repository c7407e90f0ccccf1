/**
 * HTTP routes of the task ledger: plans (JSON or imported from a spreadsheet), tasks by
 * department and due date, progress reports. Reading needs 'dashboard.read', changing it
 * 'ledger.write'; plans and tasks outside the user's scope answer 404. Declared with routesOf.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { badRequest, notFound, parseInput } from '../../server/errors';
import { ledgerContextOf, reachPlace, reachRecord, todayOf } from '../../server/reach';
import { placeNameOf } from '../places/service';
import { sendWorkbook } from '../reports/service';
import { taskSheets, templateSheets } from './exports';
import { departmentSummarySchema, planBody, planListSchema, planMetaInput, type PlanInput, planSchema, progressInput, taskDetailSchema, taskPageSchema, taskQuery } from './schemas';
import { createPlan, departmentSummary, getPlan, getTask, importPlan, listPlans, listTasks, locatePlan, locateTask, reportProgress } from './service';

const idParams = z.object({ id: z.coerce.number({ message: '编号应为数字' }).int('编号应为整数').positive('编号应为正整数') });
const MAX_UPLOAD = 5 * 1024 * 1024;

export async function registerTaskRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '工作任务', description: 'Plans and tasks: work plans, their tasks, progress reports, department summary (src/modules/tasks)' });

  const reachPlan = async (request: FastifyRequest, id: number) => {
    const plan = await locatePlan(db, id);
    if (!plan) throw notFound(`工作计划 ${id} `);
    await reachRecord(request, { type: 'work_plan', id: String(id), placeCode: plan.placeCode });
    return id;
  };
  const reachTask = async (request: FastifyRequest, id: number) => {
    const task = await locateTask(db, id);
    if (!task) throw notFound(`工作任务 ${id} `);
    await reachRecord(request, { type: 'work_task', id: String(id), placeCode: task.placeCode });
    return id;
  };

  route({
    method: 'GET', url: '/plans', summary: '工作计划列表', access: 'dashboard.read', query: taskQuery, response: planListSchema,
    handler: async ({ request, query }) => listPlans(db, requireUser(request).scope, await reachPlace(request, query.place), todayOf(request)),
  });

  route({
    method: 'GET', url: '/plans/template.xlsx', summary: '下载工作计划导入模板', access: 'dashboard.read', file: 'xlsx',
    handler: async ({ reply }) => sendWorkbook(reply, templateSheets(), 'plan-template.xlsx', '工作任务台账导入模板.xlsx'),
  });

  route({
    method: 'GET', url: '/plans/:id', summary: '工作计划详情', access: 'dashboard.read', params: idParams, response: planSchema,
    handler: async ({ request, params }) => getPlan(db, await reachPlan(request, params.id), todayOf(request)),
  });

  route({
    method: 'POST', url: '/plans', summary: '新建工作计划', access: 'ledger.write', body: planBody, response: planSchema, status: 201,
    handler: async ({ request, body }) => {
      await reachPlace(request, body.placeCode);
      return createPlan(db, body as PlanInput, ledgerContextOf(request));
    },
  });

  route({
    method: 'POST', url: '/plans/import', summary: '导入工作计划表', access: 'ledger.write', body: 'upload', response: planSchema, status: 201,
    description: '以 multipart/form-data 上传计划表（字段 file）与计划信息（placeCode、year、title 等字段）。',
    handler: async ({ request }) => {
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
      const meta = parseInput(planMetaInput, { ...fields, issuedOn: fields.issuedOn || undefined, docNo: fields.docNo || undefined }, '计划信息');
      await reachPlace(request, meta.placeCode);
      return importPlan(db, meta, file, ledgerContextOf(request));
    },
  });

  type TaskQuery = z.output<typeof taskQuery>;
  const tasks = async (request: FastifyRequest, query: TaskQuery, paged: boolean) => {
    const { page, pageSize, place, ...filter } = query;
    const at = await reachPlace(request, place);
    return { place: at, result: await listTasks(db, requireUser(request).scope, { place: at, ...filter }, paged ? { page, pageSize } : null, todayOf(request)) };
  };
  route({
    method: 'GET', url: '/tasks', summary: '工作任务列表', access: 'dashboard.read', query: taskQuery, response: taskPageSchema,
    handler: async ({ request, query }) => (await tasks(request, query, true)).result,
  });
  route({
    method: 'GET', url: '/tasks/export.xlsx', summary: '导出工作任务台账', access: 'dashboard.read', query: taskQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const { place, result } = await tasks(request, query, false);
      const name = await placeNameOf(db, place);
      return sendWorkbook(reply, taskSheets(name, result.items, todayOf(request)), `tasks-${place}.xlsx`, `${name}工作任务台账.xlsx`);
    },
  });
  route({
    method: 'GET', url: '/tasks/departments', summary: '各部门任务完成情况', access: 'dashboard.read', query: taskQuery, response: departmentSummarySchema,
    handler: async ({ request, query }) => departmentSummary(db, requireUser(request).scope, await reachPlace(request, query.place), todayOf(request)),
  });
  route({
    method: 'GET', url: '/tasks/:id', summary: '工作任务详情', access: 'dashboard.read', params: idParams, response: taskDetailSchema,
    handler: async ({ request, params }) => getTask(db, await reachTask(request, params.id), todayOf(request)),
  });
  route({
    method: 'POST', url: '/tasks/:id/progress', summary: '报告任务进展', access: 'ledger.write', params: idParams, body: progressInput, response: taskDetailSchema,
    handler: async ({ request, params, body }) => reportProgress(db, await reachTask(request, params.id), body, ledgerContextOf(request)),
  });
}
