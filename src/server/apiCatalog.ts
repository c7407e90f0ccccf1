/**
 * The API catalogue: for every route under /api/v1, its module (an OpenAPI tag), a short Chinese
 * summary, and where the module has them the zod schemas its handler validates with. It is read
 * only when the OpenAPI description is built (src/server/apiDocs.ts, served at /api/docs):
 * the routes themselves keep validating in their handlers, so nothing here changes how a route
 * answers. test/server/apiDocs.test.ts fails when a registered route is missing from it.
 */
import { z } from 'zod';
import * as assistance from '../modules/assistance/schemas';
import * as imports from '../modules/imports/routes';
import * as rectification from '../modules/rectification/schemas';
import { incomeInputSchema } from '../modules/registry/incomes';
import * as registry from '../modules/registry/schemas';

/** What the description says of one route. */
export interface RouteDoc {
  /** Short Chinese summary (the line Swagger UI lists). */
  summary: string;
  /** Longer Chinese notes, when the summary is not enough. */
  description?: string;
  /** The query string the handler parses. */
  query?: z.ZodType;
  /** The JSON body the handler parses, or an upload (multipart/form-data with a `file` field). */
  body?: z.ZodType | 'upload';
  /** The JSON answer on success. */
  response?: z.ZodType;
  /** The success status when not 200 (201 created, 202 job started, 204 no content). */
  status?: 200 | 201 | 202 | 204;
  /** Takes `reveal=idNumber,phone` (registry routes showing ID numbers and phones). */
  reveal?: true;
  /** A file answer instead of JSON. */
  file?: 'xlsx' | 'binary';
}

export interface ModuleDocs {
  /** The OpenAPI tag: the module's Chinese name. */
  tag: string;
  /** English description of the tag (with the source folder). */
  description: string;
  /** 'METHOD /path' as registered under /api/v1 (without the prefix). */
  routes: Record<string, RouteDoc>;
}

const xlsx = (summary: string, query?: z.ZodType, description?: string): RouteDoc => ({ summary, query, file: 'xlsx', ...(description ? { description } : {}) });
const ok = z.object({ ok: z.literal(true) });
const idOnly = z.object({ id: z.number() });
const jobStarted = z.object({ jobId: z.number() });
const itemsOf = (item: z.ZodType) => z.object({ items: z.array(item) });
const householdListQuery = registry.householdListQuerySchema;

/**
 * Answers whose module has no zod schema, described here only. Each is checked against the
 * type the handler returns (`satisfies`), so a field dropped from the answer fails to compile.
 */
const revealNote = '证件号码、电话默认脱敏；加 reveal=idNumber,phone 显示明文（须有「查看完整身份证号和电话」权限（person.reveal），并记入审计）。';

export const API_CATALOG: Record<string, ModuleDocs> = {
  registry: {
    tag: '建档立卡',
    description: 'Registry: households, members, incomes, timeline, export (src/modules/registry, src/modules/exports)',
    routes: {
      'GET /households': { summary: '贫困户列表（筛选、分页、排序）', description: revealNote, reveal: true, query: householdListQuery, response: registry.householdPageSchema },
      'GET /households/export.xlsx': { ...xlsx('导出贫困户花名册', registry.householdFilterSchema, revealNote), reveal: true },
      'GET /households/:householdNo': { summary: '贫困户详情（户卡）', description: revealNote, reveal: true, response: registry.householdDetailSchema },
      'GET /households/:householdNo/timeline': { summary: '贫困户变更时间线', response: registry.timelineSchema },
      'PATCH /households/:householdNo': { summary: '修改户信息', body: registry.householdPatchSchema, response: registry.householdDetailSchema },
      'POST /households/:householdNo/members': { summary: '新增家庭成员', body: registry.memberInputSchema, response: registry.memberChangeSchema, status: 201 },
      'PATCH /households/:householdNo/members/:memberKey': { summary: '修改家庭成员', body: registry.memberPatchSchema, response: registry.memberChangeSchema },
      'PUT /households/:householdNo/incomes/:year': { summary: '录入或修改某年度家庭收入', body: incomeInputSchema, response: registry.householdDetailSchema },
      'DELETE /households/:householdNo/incomes/:year': { summary: '删除某年度家庭收入', response: registry.householdDetailSchema },
    },
  },
  imports: {
    tag: '数据导入',
    description: 'Registry import: upload as a background job, progress, error report, template (src/modules/imports)',
    routes: {
      'POST /imports': { summary: '上传建档立卡表导入（后台任务）', description: '以 multipart/form-data 上传 .xlsx 或 .csv；dryRun=true 只检查不写入。返回任务编号。', query: imports.uploadQuery, body: 'upload', response: jobStarted, status: 202 },
      'POST /imports/household': { summary: '新增农户（按导入规则检查；dryRun 只检查）', description: '户与成员按导入模板的字段填写，经与导入相同的检查写入；本县已有的户编号答 409，检查不通过答 400 并逐项列出（成员序号、字段、值、问题）。', body: imports.householdFormBody, status: 201 },
      'GET /imports/template': xlsx('下载导入模板'),
      'GET /imports/:id': { summary: '导入任务进度与结果', response: imports.jobSchema },
      'GET /imports/:id/errors.xlsx': xlsx('下载导入错误报告'),
    },
  },

  assistance: {
    tag: '结对帮扶',
    description: 'Assistance: cadres, pairings, teams, visits, measures, coverage, left-behind register, field app sync (src/modules/assistance)',
    routes: {
      'GET /assistance/cadres': { summary: '帮扶干部列表', query: assistance.placeQuery },
      'POST /assistance/cadres': { summary: '登记帮扶干部', body: assistance.cadreInput, response: idOnly, status: 201 },
      'GET /assistance/unpaired': { summary: '未结对的户', query: assistance.placeQuery },
      'GET /assistance/unpaired/export.xlsx': xlsx('导出未结对户', assistance.placeQuery),
      'POST /assistance/pairings': { summary: '结对（干部与户）', body: assistance.pairInput, status: 201 },
      'POST /assistance/pairings/import': { summary: '导入结对表', description: '以 multipart/form-data 上传 .xlsx 或 .csv。', body: 'upload', status: 201 },
      'POST /assistance/pairings/:county/:id/end': { summary: '解除结对', body: assistance.endPairingInput, response: ok },
      'GET /assistance/teams': { summary: '驻村工作队', query: assistance.placeQuery },
      'POST /assistance/teams': { summary: '登记驻村工作队队员', body: assistance.teamInput, response: idOnly, status: 201 },
      'POST /assistance/visits': { summary: '登记走访（可带照片）', body: assistance.visitInput, status: 201 },
      'GET /assistance/visits': { summary: '走访记录', query: assistance.visitListQuery },
      'GET /assistance/visits/:id/photos/:sha256': { summary: '走访照片', file: 'binary' },
      'GET /assistance/overdue': { summary: '逾期未走访的户', query: assistance.overdueQuery },
      'GET /assistance/overdue/export.xlsx': xlsx('导出逾期未走访', assistance.overdueQuery),
      'GET /assistance/measure-types': { summary: '帮扶措施类型', response: itemsOf(z.object({ code: z.string(), label: z.string() })) },
      'POST /assistance/measures': { summary: '登记帮扶措施', body: assistance.measureInput, response: idOnly, status: 201 },
      'GET /assistance/households/:householdNo/plan': { summary: '户的帮扶计划与措施' },
      'GET /assistance/coverage': { summary: '帮扶措施覆盖情况', query: assistance.coverageQuery },
      'GET /assistance/coverage/export.xlsx': xlsx('导出帮扶措施覆盖', assistance.coverageQuery),
      'GET /assistance/left-behind': { summary: '三留守人员登记', query: assistance.leftBehindQuery },
      'GET /assistance/left-behind/export.xlsx': xlsx('导出三留守登记', assistance.leftBehindQuery),
      'PUT /assistance/left-behind/contacts': { summary: '设定三留守人员联系人', body: assistance.contactInput, response: ok },
      'GET /assistance/field/households': { summary: '移动端：本人结对的户（离线包）' },
      'POST /assistance/sync': { summary: '移动端：同步离线记录', body: assistance.syncInput },
    },
  },
};
