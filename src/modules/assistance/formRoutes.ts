/**
 * Routes behind the assistance forms of the web app (declared once with routesOf): the measure
 * form's fields, editing a measure and a cadre, the ranks a cadre may have, the pairing upload's
 * template and dry run, and naming a left-behind person's contact from the register's row.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { MEASURE_FIELDS } from '../../domain/assistance/measures';
import { placeCodeSchema } from '../../domain/placeCode';
import { assertInScope, householdAccessOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { badRequest, notFound } from '../../server/errors';
import { ledgerContextOf, reachPlace, reachRecord, todayOf } from '../../server/reach';
import { attachmentHeader, sendWorkbook } from '../reports/service';
import { placeNameOf } from '../places/service';
import { loadActivePolicies } from '../policy/service';
import { reachHousehold } from '../registry/service';
import { XLSX_MEDIA_TYPE } from '../../spreadsheet';
import { BULK_HEADERS, checkPairingSheet, pairingTemplate } from './bulk';
import { cadreSheet } from './exports';
import * as s from './schemas';
import * as svc from './service';

const countyId = z.object({
  county: z.string().regex(/^\d{6}$/, '县代码应为 6 位数字'),
  id: z.coerce.number({ message: '编号应为数字' }).int('编号应为整数').positive('编号应为正整数'),
});
const cadreId = z.object({ id: z.coerce.number({ message: '干部编号应为数字' }).int('干部编号应为整数').positive('干部编号应为正整数') });
const ok = z.object({ ok: z.literal(true) });

const measureField = z.object({ key: z.string(), label: z.string(), kind: z.string(), required: z.boolean().optional(), options: z.record(z.string(), z.string()).optional() });
const measureTypes = z.object({ items: z.array(z.object({ code: z.string(), label: z.string(), fields: z.array(measureField) })) });
const ranks = z.object({ model: z.string(), source: z.string(), items: z.array(z.object({ rank: z.string(), label: z.string(), households: z.number() })) });
const problem = z.object({ row: z.number(), column: z.string(), value: z.string(), message: z.string() });
const sheetCheck = z.object({ rows: z.number(), paired: z.number(), cadres: z.number(), problems: z.array(problem) });

export async function registerAssistanceFormRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '帮扶表单', description: 'Assistance forms: measures, cadres, pairing upload, left-behind contacts (src/modules/assistance/formRoutes.ts)' });
  const actorOf = (request: FastifyRequest) => ledgerContextOf(request).actor;

  /** A cadre a request reaches: 404 when unknown or working outside the user's scope (audited). */
  const reachCadre = async (request: FastifyRequest, id: number) => {
    const cadre = await svc.findCadre(db, id);
    if (!cadre) throw notFound(`干部 ${id} `);
    await reachRecord(request, { type: 'cadre', id: String(id), placeCode: cadre.place_code });
    return cadre;
  };

  route({
    method: 'GET', url: '/assistance/measure-fields', summary: '帮扶措施类型及其专项字段（一户一策表单）', access: 'registry.read', response: measureTypes,
    handler: async () => ({
      items: (await svc.measureCatalogue(db)).map((t) => ({ code: t.code, label: t.label, fields: [...((MEASURE_FIELDS as Record<string, readonly object[]>)[t.code] ?? [])] as z.input<typeof measureField>[] })),
    }),
  });

  route({
    method: 'PUT', url: '/assistance/measures/:county/:id', summary: '修改帮扶措施', access: 'assistance.write', params: countyId, body: s.measureInput, response: ok,
    labels: MEASURE_LABELS,
    handler: async ({ request, params, body }) => {
      await reachHousehold(request, db, body.householdNo);
      await svc.updateMeasure(db, householdAccessOf(request), params.county, params.id, body, actorOf(request));
      return { ok: true as const };
    },
  });

  route({
    method: 'GET', url: '/assistance/cadre-ranks', summary: '帮扶干部职级及结对户数上限（本地结对模式）', access: 'registry.read',
    description: '年度默认为今天所在的年度：结对按结对日期所在年度的结对模式检查户数上限，今天结对适用今天的模式。',
    query: z.object({ place: placeCodeSchema.optional(), year: z.coerce.number({ message: '年度应为数字' }).int().min(2000).max(2100).optional() }), response: ranks,
    handler: async ({ request, query }) => {
      const place = await reachPlace(request, query.place);
      const model = svc.pairingModelOf(await loadActivePolicies(db), place, query.year ?? Number(todayOf(request).slice(0, 4)));
      return { model: model.label, source: model.source, items: model.quotas };
    },
  });

  route({
    method: 'GET', url: '/assistance/cadres/export.xlsx', summary: '导出帮扶干部名单', access: 'registry.read', query: s.placeQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const place = await reachPlace(request, query.place);
      const items = await svc.listCadres(db, requireUser(request).scope, place);
      const model = svc.pairingModelOf(await loadActivePolicies(db), place, Number(todayOf(request).slice(0, 4)));
      const name = await placeNameOf(db, place);
      return sendWorkbook(reply, [cadreSheet(name, items, new Map(model.quotas.map((q) => [q.rank, q.label])))], `cadres-${place}.xlsx`, `${name}帮扶干部.xlsx`);
    },
  });

  route({
    method: 'PUT', url: '/assistance/cadres/:id', summary: '修改帮扶干部', access: 'assistance.manage', params: cadreId, body: s.cadreInput, response: ok, labels: CADRE_LABELS,
    handler: async ({ request, params, body }) => {
      await reachCadre(request, params.id);
      await reachPlace(request, body.placeCode);
      await svc.updateCadre(db, params.id, body, actorOf(request));
      return { ok: true as const };
    },
  });

  route({
    method: 'GET', url: '/assistance/pairings/template.xlsx', summary: '下载结对表模板', access: 'assistance.manage', query: s.placeQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const place = await reachPlace(request, query.place);
      const body = await pairingTemplate(await svc.listCadres(db, requireUser(request).scope, place));
      return reply.type(XLSX_MEDIA_TYPE).header('content-disposition', attachmentHeader('pairing-template.xlsx', '结对表模板.xlsx')).send(body);
    },
  });

  route({
    method: 'POST', url: '/assistance/pairings/import/check', summary: '结对表试导入（逐行检查，不写入）', access: 'assistance.manage', body: 'upload', response: sheetCheck,
    description: `列：${BULK_HEADERS.join('、')}。与正式导入（POST /assistance/pairings/import）做同样的检查，在一个回滚的事务中进行，列出每处问题的行、列和值。`,
    handler: async ({ request }) => {
      const file = await request.file();
      if (!file) throw badRequest('请以 multipart/form-data 上传结对表（.xlsx 或 .csv）');
      const path = join(tmpdir(), `fupin-pairing-check-${randomUUID()}${extname(file.filename).toLowerCase()}`);
      try {
        await pipeline(file.file, createWriteStream(path));
        return await checkPairingSheet(db, householdAccessOf(request), path, file.filename, actorOf(request));
      } finally {
        await rm(path, { force: true });
      }
    },
  });

  route({
    method: 'PUT', url: '/assistance/left-behind/contact', summary: '指定三留守人员的联系人（按登记表中的户和证件号）', access: 'assistance.manage', body: s.householdContactInput, response: ok, labels: CONTACT_LABELS,
    handler: async ({ request, body }) => {
      const household = await reachHousehold(request, db, body.householdNo);
      const person = await svc.leftBehindPersonOf(db, household.countyCode, household.householdNo, body.idNumber);
      await svc.setLeftBehindContact(db, { ...body, idNumber: person.idNumber }, (villageCode) => assertInScope(request, { type: 'person', id: body.idNumber, placeCode: villageCode }), actorOf(request));
      return { ok: true as const };
    },
  });
}

const MEASURE_LABELS = { year: '年度', type: '措施类型', role: '措施类别', persons: '覆盖人数', amount: '金额（元）', startedOn: '开始日期', endedOn: '结束日期', providerDepartment: '责任部门', details: '专项内容' };
const CADRE_LABELS = { name: '干部姓名', unit: '工作单位', rank: '职级', placeCode: '工作地', phone: '联系电话', userId: '关联账户', visitRole: '走访角色' };
const CONTACT_LABELS = { idNumber: '身份证号', category: '类别', contactName: '联系人', contactPhone: '联系电话', cadreId: '帮扶干部', rhythm: '联系频次' };
