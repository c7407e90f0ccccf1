/**
 * HTTP routes of villages, declared once with routesOf: the village list (with 导出Excel), the
 * village page (with 导出Excel), saving its record of a year, the county import (dry run and
 * commit), what-if of a draft policy, the village exit procedure. Reading needs
 * 'dashboard.read', writing the record 'ledger.write', the exit procedure 'procedures.act'.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database';
import { requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { badRequest, notFound } from '../../server/errors';
import { ledgerContextOf, reachPlace, reachRecord, todayOf } from '../../server/reach';
import { placeNameOf } from '../places/service';
import { sendWorkbook } from '../reports/service';
import { listSheets, pageSheets } from './exports';
import {
  actionBody, caseParams, exitCaseSchema, importQuery, importSchema, listQuery, listSchema, pageSchema, recordBody, startBody, villageParams, whatIfQuery, whatIfSchema, yearQuery,
} from './schemas';
import {
  actOnVillageExit, getVillagePage, importVillageRecords, listVillages, locateExitCase, saveVillageRecord, startVillageExit, VILLAGE_FIELDS, villageWhatIfOfDraft, type VillageFlag,
} from './service';
import type { VillageValues } from './fields';

const FIELDS = VILLAGE_FIELDS.map((f) => ({ key: f.key, label: f.label, kind: f.kind, group: f.group, required: f.required ?? false }));

export async function registerVillageRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '村情与贫困村出列', description: 'Villages: yearly village record, verdicts with reasons, exit procedure (src/modules/villages)' });

  const reachVillage = (request: FastifyRequest, code: string) => reachRecord(request, { type: 'place', id: code, placeCode: code }, `村 ${code} `);
  const roleOf = (request: FastifyRequest) => requireUser(request).user.role;
  const exitActor = (request: FastifyRequest) => ({ ...ledgerContextOf(request), role: roleOf(request) });

  const page = async (request: FastifyRequest, code: string, year: number) => {
    await reachVillage(request, code);
    return { ...(await getVillagePage(db, code, year, roleOf(request), todayOf(request))), fields: FIELDS };
  };

  type ListQuery = { place?: string; year: number; flag?: VillageFlag; verdict?: 'passed' | 'failed' | 'none' };
  const list = async (request: FastifyRequest, query: ListQuery) => {
    const place = await reachPlace(request, query.place);
    return { place, year: query.year, items: await listVillages(db, requireUser(request).scope, place, query.year, { flag: query.flag, verdict: query.verdict }) };
  };

  route({
    method: 'GET', url: '/villages', summary: '村列表（村的类别、出列判定）', access: 'dashboard.read', query: listQuery, response: listSchema,
    handler: ({ request, query }) => list(request, query),
  });

  route({
    method: 'GET', url: '/villages/export.xlsx', summary: '导出村列表', access: 'dashboard.read', query: listQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const result = await list(request, query);
      const name = await placeNameOf(db, result.place);
      return sendWorkbook(reply, listSheets(name, query.year, result.items, todayOf(request)), `villages-${result.place}-${query.year}.xlsx`, `${name}${query.year}年村情和出列判定.xlsx`);
    },
  });

  route({
    method: 'GET', url: '/villages/what-if', summary: '政策草稿测算：出列判定将改变的村', access: 'policy.read', query: whatIfQuery, response: whatIfSchema,
    handler: async ({ request, query }) => villageWhatIfOfDraft(db, requireUser(request).scope, await reachPlace(request, query.place), query.year, query.draft),
  });

  route({
    method: 'POST', url: '/villages/import', summary: '导入县的村情表（一村一行）', description: '以 multipart/form-data 上传 .xlsx 或 .csv（字段 file）；dryRun=true 只检查不写入；有任何错误则不写入，错误逐条列出行、列和值。',
    access: 'ledger.write', query: importQuery, body: 'upload', response: importSchema,
    handler: async ({ request, query }) => {
      const place = await reachPlace(request, query.place);
      const file = await request.file();
      if (!file) throw badRequest('请以 multipart/form-data 上传村情表（.xlsx 或 .csv）');
      const path = join(tmpdir(), `fupin-villages-${randomUUID()}${extname(file.filename).toLowerCase()}`);
      try {
        await pipeline(file.file, createWriteStream(path));
        return await importVillageRecords(db, place, query.year, { path, name: file.filename }, { dryRun: query.dryRun }, ledgerContextOf(request));
      } finally {
        await rm(path, { force: true });
      }
    },
  });

  route({
    method: 'GET', url: '/villages/:code', summary: '村情页（村情、建档立卡数据、出列判定和理由、出列程序）', access: 'dashboard.read', params: villageParams, query: yearQuery, response: pageSchema,
    handler: ({ request, params, query }) => page(request, params.code, query.year),
  });

  route({
    method: 'GET', url: '/villages/:code/export.xlsx', summary: '导出村情页', access: 'dashboard.read', params: villageParams, query: yearQuery, file: 'xlsx',
    handler: async ({ request, reply, params, query }) => {
      const p = await page(request, params.code, query.year);
      return sendWorkbook(reply, pageSheets(p, todayOf(request)), `village-${params.code}-${query.year}.xlsx`, `${p.village.name}${query.year}年村情.xlsx`);
    },
  });

  route({
    method: 'PUT', url: '/villages/:code/record', summary: '保存村情（按年）', access: 'ledger.write', params: villageParams, body: recordBody, response: pageSchema,
    handler: async ({ request, params, body }) => {
      await reachVillage(request, params.code);
      await saveVillageRecord(db, params.code, body.year, body.values as VillageValues, ledgerContextOf(request));
      return page(request, params.code, body.year);
    },
  });

  route({
    method: 'POST', url: '/villages/:code/exit', summary: '发起贫困村出列（村申请）', access: 'procedures.act', params: villageParams, body: startBody, response: exitCaseSchema, status: 201,
    handler: async ({ request, params, body }) => {
      await reachVillage(request, params.code);
      return startVillageExit(db, params.code, body.year, exitActor(request));
    },
  });

  route({
    method: 'POST', url: '/village-exits/:county/:id/actions', summary: '办理贫困村出列（初审、审定、公示、异议、公告）', access: 'procedures.act', params: caseParams, body: actionBody, response: exitCaseSchema,
    handler: async ({ request, params, body }) => {
      const found = await locateExitCase(db, params.county, params.id);
      if (!found) throw notFound(`出列程序 ${params.id} `);
      await reachRecord(request, { type: 'village_exit_case', id: String(params.id), placeCode: found.villageCode }, `出列程序 ${params.id} `);
      return actOnVillageExit(db, params.county, params.id, body, exitActor(request));
    },
  });
}
