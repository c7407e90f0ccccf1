/**
 * HTTP routes of the line-department ledgers, declared once with routesOf. Reading needs
 * 'dashboard.read' or 'registry.read' and, for a department user, a ledger of his line (403
 * otherwise); changing needs 'ledger.write' and a department user of the ledger's line. A record
 * or household outside the user's place answers 404 as if absent (audited).
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database';
import { requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { badRequest, notFound } from '../../server/errors';
import { ledgerContextOf, reachPlace, reachRecord } from '../../server/reach';
import { XLSX_MEDIA_TYPE } from '../../spreadsheet';
import { placeNameOf } from '../places/service';
import { reachHousehold } from '../registry/service';
import { attachmentHeader } from '../reports/service';
import { commonColumns } from '../../domain/ledgers/rows';
import { errorReportWorkbook, listWorkbook, templateWorkbook } from './exports';
import * as s from './schemas';
import { MEDICAL_CHECKS, medicalGapQuery, medicalGapSchema, medicalGaps, medicalGapSheet } from './medicalGaps';
import { aidGapList, assistanceGapList, auditLedgerRead, householdLedgers, importLedger, keepsLedger, ledgerFor, ledgerSheetRows, listLedger, locateRecord, readableShapes, recordAidFor, saveRecord, studentCoverage, type ListFilter } from './service';

const READ = ['dashboard.read', 'registry.read'] as const;

export async function registerLedgerRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '行业部门台账', description: 'Line-department ledgers: education, housing, social assistance, health (src/modules/ledgers)' });
  const userOf = (request: FastifyRequest) => requireUser(request).user;
  const send = (reply: FastifyReply, body: Buffer, ascii: string, name: string) => reply.type(XLSX_MEDIA_TYPE).header('content-disposition', attachmentHeader(ascii, name)).send(body);

  const filterOf = async (request: FastifyRequest, query: Record<string, unknown>): Promise<ListFilter> => {
    const { place, year, q, registered, page: _p, pageSize: _s, ...rest } = query as { place?: string; year?: number; q?: string; registered?: boolean; page: number; pageSize: number };
    return { place: await reachPlace(request, place), year, q, registered, fields: Object.fromEntries(Object.entries(rest).filter(([, v]) => typeof v === 'string')) as Record<string, string> };
  };

  route({
    method: 'GET', url: '/ledgers', summary: '可查看的行业部门台账', access: [...READ], response: s.shapeListSchema,
    handler: async ({ request }) => {
      const user = userOf(request);
      return {
        items: readableShapes(user).map((shape) => ({
          kind: shape.kind, label: shape.label, group: shape.group, line: shape.line, subject: shape.subject, yearLabel: shape.yearLabel,
          writable: keepsLedger(user, shape),
          columns: commonColumns(shape),
          fields: shape.fields.map((f) => ({ key: f.key, label: f.label, type: f.type, required: !!f.required, filter: !!f.filter, options: f.options ? [...f.options] : null, example: f.example ?? null })),
        })),
      };
    },
  });

  route({
    method: 'GET', url: '/ledgers/:kind/records', summary: '台账记录列表', access: [...READ], params: s.kindParams, query: s.listQuery, response: s.pageSchema,
    handler: async ({ request, params, query }) => {
      const shape = ledgerFor(userOf(request), params.kind, false);
      return listLedger(db, requireUser(request).scope, shape, await filterOf(request, query), { page: query.page, pageSize: query.pageSize });
    },
  });

  route({
    method: 'GET', url: '/ledgers/:kind/export.xlsx', summary: '导出台账', access: [...READ], params: s.kindParams, query: s.listQuery, file: 'xlsx',
    handler: async ({ request, reply, params, query }) => {
      const shape = ledgerFor(userOf(request), params.kind, false);
      const filter = await filterOf(request, query);
      const list = await listLedger(db, requireUser(request).scope, shape, filter, null);
      const { headers, rows } = ledgerSheetRows(shape, list.items);
      await auditLedgerRead(db, ledgerContextOf(request), shape, filter.place, rows.length);
      const name = await placeNameOf(db, filter.place);
      return send(reply, await listWorkbook(shape.label, headers, rows), `ledger-${shape.kind}-${filter.place}.xlsx`, `${name}${shape.label}.xlsx`);
    },
  });

  route({
    method: 'GET', url: '/ledgers/:kind/template.xlsx', summary: '台账导入模板', access: [...READ], params: s.kindParams, file: 'xlsx',
    handler: async ({ request, reply, params }) => {
      const shape = ledgerFor(userOf(request), params.kind, false);
      return send(reply, await templateWorkbook(shape), `ledger-${shape.kind}-template.xlsx`, `${shape.label}导入模板.xlsx`);
    },
  });

  /** The uploaded ledger file of a keeper of the ledger, kept in a temporary file while `use` reads it. */
  const withUpload = async <T>(request: FastifyRequest, kind: string, use: (shape: ReturnType<typeof ledgerFor>, file: { path: string; fileName: string }) => Promise<T>): Promise<T> => {
    const shape = ledgerFor(userOf(request), kind, true);
    const file = await request.file();
    if (!file) throw badRequest(`请以 multipart/form-data 上传${shape.label}（.xlsx 或 .csv）`);
    const path = join(tmpdir(), `fupin-ledger-${randomUUID()}${extname(file.filename).toLowerCase()}`);
    try {
      await pipeline(file.file, createWriteStream(path));
      return await use(shape, { path, fileName: file.filename });
    } finally {
      await rm(path, { force: true });
    }
  };
  const importOptions = (request: FastifyRequest, dryRun: boolean) => ({ dryRun, scope: requireUser(request).scope, place: userOf(request).placeCode });

  route({
    method: 'POST', url: '/ledgers/:kind/import', summary: '导入台账（可试导入）', description: '上传 .xlsx 或 .csv；任何一行有错误则不写入任何记录，错误逐行列出（行、列、值、原因）。dryRun=true 只检查不写入。',
    access: 'ledger.write', params: s.kindParams, query: s.importQuery, body: 'upload', response: s.importSchema,
    handler: async ({ request, params, query }) =>
      withUpload(request, params.kind, (shape, file) => importLedger(db, shape, file, importOptions(request, query.dryRun), ledgerContextOf(request))),
  });

  route({
    method: 'POST', url: '/ledgers/:kind/import/errors.xlsx', summary: '台账导入错误报告（.xlsx）', description: '上传与导入相同的文件，只检查不写入；返回每处错误的行号、列、值和原因（无错误时只有表头和提示）。',
    access: 'ledger.write', params: s.kindParams, body: 'upload', file: 'xlsx',
    handler: async ({ request, reply, params }) =>
      withUpload(request, params.kind, async (shape, file) => {
        const report = await importLedger(db, shape, file, importOptions(request, true), ledgerContextOf(request)).catch((e: unknown) => {
          const details = (e as { details?: unknown }).details as { problems?: unknown; warnings?: unknown } | undefined;
          if (details && Array.isArray(details.problems)) return details as Awaited<ReturnType<typeof importLedger>>;
          throw e;
        });
        return send(reply, await errorReportWorkbook(report.problems, report.warnings), `ledger-${shape.kind}-errors.xlsx`, `${shape.label}导入错误报告.xlsx`);
      }),
  });

  route({
    method: 'POST', url: '/ledgers/:kind/records', summary: '登记台账记录', description: '同一年度同一对象（及关键字段）的记录已存在时更新它。', access: 'ledger.write', params: s.kindParams, body: s.recordInput, response: s.recordSchema, status: 201,
    handler: async ({ request, params, body }) => {
      const user = userOf(request);
      const shape = ledgerFor(user, params.kind, true);
      return saveRecord(db, shape, body, { scope: requireUser(request).scope, place: user.placeCode }, ledgerContextOf(request));
    },
  });

  route({
    method: 'GET', url: '/ledgers/records/:county/:id', summary: '台账记录详情', access: [...READ], params: s.recordParams, response: s.recordSchema,
    handler: async ({ request, params }) => {
      const found = await locateRecord(db, params.county, params.id);
      if (!found) throw notFound(`台账记录 ${params.id} `);
      await reachRecord(request, { type: 'ledger_record', id: `${params.county}:${params.id}`, placeCode: found.place_code });
      if (!readableShapes(userOf(request)).some((shape) => shape.kind === found.kind)) throw notFound(`台账记录 ${params.id} `);
      const list = await listLedger(db, requireUser(request).scope, ledgerFor(userOf(request), found.kind, false), { place: found.place_code, year: found.year, fields: {}, q: found.id_number ?? found.household_no ?? undefined }, null);
      const item = list.items.find((i) => i.id === found.id && i.countyCode === found.county_code);
      if (!item) throw notFound(`台账记录 ${params.id} `);
      return item;
    },
  });

  route({
    method: 'GET', url: '/ledgers/households/:householdNo', summary: '一户的行业部门台账记录', access: [...READ], params: s.householdParams, response: s.householdLedgersSchema,
    handler: async ({ request, params }) => {
      const h = await reachHousehold(request, db, params.householdNo);
      return householdLedgers(db, userOf(request), h.countyCode, h.householdNo);
    },
  });

  /** An education report's place and year, for a reader of the education ledgers. */
  const educationReport = async (request: FastifyRequest, query: { place?: string; year: number }) => {
    const shape = ledgerFor(userOf(request), 'edu_student', false);
    return { shape, scope: requireUser(request).scope, place: await reachPlace(request, query.place), year: query.year };
  };

  route({
    method: 'GET', url: '/ledgers/education/aid-gaps', summary: '应助尽助：应资助未资助的学生', access: [...READ], query: s.yearQuery, response: s.aidGapSchema,
    handler: async ({ request, query }) => {
      const r = await educationReport(request, query);
      return aidGapList(db, r.scope, r.place, r.year);
    },
  });

  route({
    method: 'POST', url: '/ledgers/education/students/:county/:id/aid', summary: '为学生登记资助（应助尽助）', access: 'ledger.write', params: s.recordParams, body: s.recordInput, response: s.recordSchema, status: 201,
    handler: async ({ request, params, body }) => {
      const user = userOf(request);
      ledgerFor(user, 'edu_aid', true);
      const student = await locateRecord(db, params.county, params.id);
      if (!student || student.kind !== 'edu_student') throw notFound(`学生名册记录 ${params.id} `);
      await reachRecord(request, { type: 'ledger_record', id: `${params.county}:${params.id}`, placeCode: student.place_code });
      return recordAidFor(db, student, body, { scope: requireUser(request).scope, place: user.placeCode }, ledgerContextOf(request));
    },
  });

  route({
    method: 'GET', url: '/ledgers/education/aid-gaps/export.xlsx', summary: '导出应助尽助名单', access: [...READ], query: s.yearQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const { shape, scope, place } = await educationReport(request, query);
      const list = await aidGapList(db, scope, place, query.year);
      const { headers, rows } = ledgerSheetRows(shape, list.items);
      await auditLedgerRead(db, ledgerContextOf(request), shape, place, rows.length);
      const name = await placeNameOf(db, place);
      return send(reply, await listWorkbook('应助尽助', headers, rows), `aid-gaps-${place}-${query.year}.xlsx`, `${name}${query.year}学年应助尽助名单.xlsx`);
    },
  });

  route({
    method: 'GET', url: '/ledgers/assistance/gaps', summary: '应保尽保：低于低保标准而未在保的登记户（待核实）', description: 'standard 为民政部门公布的该县该年度农村低保标准（元/人·年）。',
    access: [...READ], query: s.assistanceGapQuery, response: s.assistanceGapSchema,
    handler: async ({ request, query }) => {
      ledgerFor(userOf(request), 'social_assistance', false);
      return assistanceGapList(db, requireUser(request).scope, await reachPlace(request, query.place), query.year, query.standard);
    },
  });

  route({
    method: 'GET', url: '/ledgers/assistance/gaps/export.xlsx', summary: '导出应保尽保名单', access: [...READ], query: s.assistanceGapQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const shape = ledgerFor(userOf(request), 'social_assistance', false);
      const place = await reachPlace(request, query.place);
      const list = await assistanceGapList(db, requireUser(request).scope, place, query.year, query.standard);
      await auditLedgerRead(db, ledgerContextOf(request), shape, place, list.items.length);
      const rows = list.items.map((i) => [i.householdNo, i.headName, i.placeName, i.size, i.perCapitaNet]);
      const name = await placeNameOf(db, place);
      return send(reply, await listWorkbook('应保尽保', ['户编号', '户主', '所在地', '人口', '人均纯收入（元）'], rows), `assistance-gaps-${place}-${query.year}.xlsx`, `${name}${query.year}年应保尽保待核实名单.xlsx`);
    },
  });

  route({
    method: 'GET', url: '/ledgers/education/coverage', summary: '分学段在校学生和资助情况（按地区）', access: [...READ], query: s.yearQuery, response: s.coverageSchema,
    handler: async ({ request, query }) => {
      const r = await educationReport(request, query);
      return studentCoverage(db, r.scope, r.place, r.year);
    },
  });

  route({
    method: 'GET', url: '/ledgers/education/coverage/export.xlsx', summary: '导出分学段学生统计', access: [...READ], query: s.yearQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const { scope, place } = await educationReport(request, query);
      const c = await studentCoverage(db, scope, place, query.year);
      const headers = ['地区', ...c.stages.map((st) => st.label), '在校学生合计', '其中建档立卡', '已资助'];
      const line = (name: string, l: { byStage: Record<string, number>; students: number; registered: number; aided: number }) => [name, ...c.stages.map((st) => l.byStage[st.code] ?? 0), l.students, l.registered, l.aided];
      const rows = [...c.lines.map((l) => line(l.placeName, l)), line('合计', c.total)];
      const name = await placeNameOf(db, place);
      return send(reply, await listWorkbook('分学段学生', headers, rows), `students-by-stage-${place}-${query.year}.xlsx`, `${name}${query.year}学年分学段学生统计.xlsx`);
    },
  });

  route({
    method: 'GET', url: '/ledgers/health/gaps', summary: '应签尽签（check=signing）和应参尽参（check=insurance）：登记户成员中未签约、未参保或未登记的人员',
    access: [...READ], query: medicalGapQuery, response: medicalGapSchema,
    handler: async ({ request, query }) => {
      ledgerFor(userOf(request), MEDICAL_CHECKS[query.check].kind, false);
      return medicalGaps(db, requireUser(request).scope, await reachPlace(request, query.place), query.year, query.check);
    },
  });

  route({
    method: 'GET', url: '/ledgers/health/gaps/export.xlsx', summary: '导出应签尽签或应参尽参名单', access: [...READ], query: medicalGapQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const shape = ledgerFor(userOf(request), MEDICAL_CHECKS[query.check].kind, false);
      const place = await reachPlace(request, query.place);
      const list = await medicalGaps(db, requireUser(request).scope, place, query.year, query.check);
      await auditLedgerRead(db, ledgerContextOf(request), shape, place, list.items.length);
      const { headers, rows } = medicalGapSheet(list);
      const name = await placeNameOf(db, place);
      return send(reply, await listWorkbook(list.label, headers, rows), `${query.check}-gaps-${place}-${query.year}.xlsx`, `${name}${query.year}年${list.label}名单.xlsx`);
    },
  });
}
