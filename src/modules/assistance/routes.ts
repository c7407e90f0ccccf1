/**
 * HTTP routes of assistance. Reading needs 'registry.read'; visits, measures and the field
 * app's sync 'assistance.write'; cadres, pairings, teams and contacts 'assistance.manage'.
 * Everything is scoped: a place outside the user's scope, or a household outside it (for a
 * pairing cadre: not his own), answers 404 and is audited.
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
import type { PlaceScope } from '../../db/placeScope';
import { assertInScope, householdAccessOf, requireUser } from '../../server/access';
import { okAnswer, routesOf } from '../../server/defineRoute';
import { AppError, badRequest, notFound } from '../../server/errors';
import { withholdsHealthData } from '../../domain/roles';
import { ledgerContextOf, reachPlace, todayOf } from '../../server/reach';
import { placeNameOf } from '../places/service';
import { householdNoParams, reachHousehold } from '../registry/service';
import { sendWorkbook } from '../reports/service';
import { coverageSheet, leftBehindSheet, overdueSheets, unpairedSheet } from './exports';
import * as a from './answers';
import * as s from './schemas';
import * as svc from './service';

const BIG_BODY = 48 * 1024 * 1024;
const pairingParams = z.object({ county: z.string(), id: z.coerce.number().int().positive() });
/** Kept as text: a visit id that is no UUID is answered 404 like an unknown one. */
const photoParams = z.object({ id: z.string(), sha256: z.string() });

export async function registerAssistanceRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '结对帮扶', description: 'Assistance: cadres, pairings, teams, visits, measures, coverage, left-behind register, field app sync (src/modules/assistance)' });
  const actorOf = (request: FastifyRequest) => ledgerContextOf(request).actor;
  const visitorOf = (request: FastifyRequest): svc.Visitor => {
    const { user } = requireUser(request);
    return { userId: user.id, role: user.role, access: householdAccessOf(request) };
  };

  /** The household a request names, 404 (audited) when outside the user's reach. */
  const reachHouseholdOf = (request: FastifyRequest, householdNo: string) => reachHousehold(request, db, householdNo);

  const nameOf = (place: string) => placeNameOf(db, place);

  /** The records (cadres, teams) working under a place the user reaches (answers.ts checks each list against its schema). */
  function listUnderPlace(url: string, summary: string, response: z.ZodType, list: (scope: PlaceScope, place: string) => Promise<unknown[]>) {
    route({
      method: 'GET', url, summary, access: 'registry.read', query: s.placeQuery, response,
      handler: async ({ request, query }) => ({ items: await list(requireUser(request).scope, await reachPlace(request, query.place)) }),
    });
  }

  /** Registers one record (a cadre, a team member) under a place the user reaches: 201 with its id. */
  function registerUnderPlace<B extends z.ZodType>(url: string, summary: string, body: B, placeOf: (input: z.output<B>) => string, create: (input: z.output<B>, actor: svc.Actor) => Promise<number>) {
    route({
      method: 'POST', url, summary, access: 'assistance.manage', body, response: a.idAnswer, status: 201,
      handler: async ({ request, body: parsed }) => {
        const input = parsed as z.output<B>;
        await reachPlace(request, placeOf(input));
        return { id: await create(input, actorOf(request)) };
      },
    });
  }

  // ---- exports (.xlsx) ----
  route({
    method: 'GET', url: '/assistance/unpaired/export.xlsx', summary: '导出未结对户', access: 'registry.read', query: s.placeQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const place = await reachPlace(request, query.place);
      const { items } = await svc.listUnpaired(db, householdAccessOf(request), place, 100_000);
      return sendWorkbook(reply, [unpairedSheet(await nameOf(place), items)], `unpaired-${place}.xlsx`, `${await nameOf(place)}未结对户.xlsx`);
    },
  });

  route({
    method: 'GET', url: '/assistance/overdue/export.xlsx', summary: '导出逾期未走访', access: 'registry.read', query: s.overdueQuery, file: 'xlsx',
    handler: async ({ request, reply, query: f }) => {
      const place = await reachPlace(request, f.place);
      const report = await svc.visitOverdue(db, householdAccessOf(request), place, f.asOf ?? todayOf(request), { cadreId: f.cadreId, onlyOverdue: f.all !== 'true' });
      return sendWorkbook(reply, overdueSheets(await nameOf(place), report), `overdue-${place}.xlsx`, `${await nameOf(place)}逾期未走访.xlsx`);
    },
  });

  route({
    method: 'GET', url: '/assistance/coverage/export.xlsx', summary: '导出帮扶措施覆盖', access: 'registry.read', query: s.coverageQuery, file: 'xlsx',
    handler: async ({ request, reply, query: f }) => {
      const place = await reachPlace(request, f.place);
      const { rows } = await svc.coverage(db, householdAccessOf(request), place, f.year ?? null);
      return sendWorkbook(reply, [coverageSheet(await nameOf(place), f.year ?? null, rows)], `coverage-${place}.xlsx`, `${await nameOf(place)}帮扶措施覆盖.xlsx`);
    },
  });

  route({
    method: 'GET', url: '/assistance/left-behind/export.xlsx', summary: '导出三留守登记', access: 'registry.read', query: s.leftBehindQuery, file: 'xlsx',
    handler: async ({ request, reply, query: f }) => {
      const place = await reachPlace(request, f.place);
      const asOf = f.asOf ?? todayOf(request);
      const rows = a.leftBehindRows.parse(await svc.leftBehindRegister(db, householdAccessOf(request), place, asOf, leftBehindCategory(request, f.category), 100_000));
      return sendWorkbook(reply, [leftBehindSheet(await nameOf(place), asOf, rows)], `left-behind-${place}.xlsx`, `${await nameOf(place)}三留守登记.xlsx`);
    },
  });

  // ---- cadres, pairings, teams ----
  listUnderPlace('/assistance/cadres', '帮扶干部列表', a.cadreList, (scope, place) => svc.listCadres(db, scope, place));
  registerUnderPlace('/assistance/cadres', '登记帮扶干部', s.cadreInput, (b) => b.placeCode, (b, actor) => svc.createCadre(db, b, actor));

  route({
    method: 'GET', url: '/assistance/unpaired', summary: '未结对的户', access: 'registry.read', query: s.placeQuery, response: a.unpairedList,
    handler: async ({ request, query }) => svc.listUnpaired(db, householdAccessOf(request), await reachPlace(request, query.place)),
  });

  route({
    method: 'POST', url: '/assistance/pairings', summary: '结对（干部与户）', access: 'assistance.manage', body: s.pairInput, response: a.pairedAnswer, status: 201,
    handler: async ({ request, body }) => svc.pairHouseholds(db, householdAccessOf(request), body, actorOf(request)),
  });

  route({
    method: 'POST', url: '/assistance/pairings/import', summary: '导入结对表', description: '以 multipart/form-data 上传 .xlsx 或 .csv。', access: 'assistance.manage',
    body: 'upload', response: a.pairedFromSheet, status: 201,
    handler: async ({ request }) => {
      const file = await request.file();
      if (!file) throw badRequest('请以 multipart/form-data 上传结对表（.xlsx 或 .csv）');
      const path = join(tmpdir(), `fupin-pairing-${randomUUID()}${extname(file.filename).toLowerCase()}`);
      try {
        await pipeline(file.file, createWriteStream(path));
        return await svc.pairFromSheet(db, householdAccessOf(request), path, file.filename, actorOf(request));
      } finally {
        await rm(path, { force: true });
      }
    },
  });

  route({
    method: 'POST', url: '/assistance/pairings/:county/:id/end', summary: '解除结对', access: 'assistance.manage', params: pairingParams, body: s.endPairingInput, response: okAnswer,
    handler: async ({ request, params: { county, id }, body }) => {
      const pairing = await svc.locatePairing(db, county, id);
      if (!pairing) throw notFound(`结对记录 ${id} `);
      await reachHouseholdOf(request, pairing.household_no);
      await svc.endPairing(db, county, id, body.endedOn, body.reason, actorOf(request));
      return { ok: true as const };
    },
  });

  listUnderPlace('/assistance/teams', '驻村工作队', a.teamList, (scope, place) => svc.listTeams(db, scope, place));
  registerUnderPlace('/assistance/teams', '登记驻村工作队队员', s.teamInput, (b) => b.villageCode, (b, actor) => svc.addTeamMember(db, b, actor));

  // ---- visits ----
  route({
    method: 'POST', url: '/assistance/visits', summary: '登记走访（可带照片）', description: '同一走访编号再次提交时不重复登记，答 200。', access: 'assistance.write',
    body: s.visitInput, response: a.visitRecorded, status: 201, bodyLimit: BIG_BODY,
    handler: async ({ request, reply, body }) => {
      await reachHouseholdOf(request, body.householdNo);
      const result = await svc.recordVisit(db, visitorOf(request), body, actorOf(request));
      // A visit sent again is not recorded twice: 200, not the declared 201.
      return reply.status(result.duplicate ? 200 : 201).send(a.visitRecorded.parse({ ...result, visit: a.asVisit(result.visit) }));
    },
  });

  route({
    method: 'GET', url: '/assistance/visits', summary: '走访记录', access: 'registry.read', query: s.visitListQuery, response: a.visitList,
    handler: async ({ request, query: f }) => {
      const place = await reachPlace(request, f.place);
      if (f.householdNo) await reachHouseholdOf(request, f.householdNo);
      return { items: (await svc.listVisits(db, householdAccessOf(request), { ...f, place })).map(a.asVisit) };
    },
  });

  route({
    method: 'GET', url: '/assistance/visits/:id/photos/:sha256', summary: '走访照片', access: 'registry.read', params: photoParams, file: 'binary',
    handler: async ({ request, reply, params }) => {
      const id = z.uuid().safeParse(params.id);
      if (!id.success) throw notFound('走访记录');
      const v = await svc.locateVisit(db, id.data);
      if (!v) throw notFound('走访记录');
      await reachHouseholdOf(request, v.householdNo);
      const photo = await svc.findPhoto(db, v.countyCode, id.data, params.sha256);
      if (!photo) throw notFound('照片');
      return reply.header('content-type', photo.content_type).header('cache-control', 'private, max-age=31536000, immutable').send(Buffer.from(photo.data));
    },
  });

  route({
    method: 'GET', url: '/assistance/overdue', summary: '逾期未走访的户', access: 'registry.read', query: s.overdueQuery, response: a.overdueReport,
    handler: async ({ request, query: f }) => {
      const place = await reachPlace(request, f.place);
      return svc.visitOverdue(db, householdAccessOf(request), place, f.asOf ?? todayOf(request), { cadreId: f.cadreId, onlyOverdue: f.all !== 'true' });
    },
  });

  // ---- plans, coverage, left-behind ----
  route({
    method: 'GET', url: '/assistance/measure-types', summary: '帮扶措施类型', access: 'registry.read', response: a.measureTypeList,
    handler: async () => ({ items: await svc.measureCatalogue(db) }),
  });

  route({
    method: 'POST', url: '/assistance/measures', summary: '登记帮扶措施', access: 'assistance.write', body: s.measureInput, response: a.idAnswer, status: 201,
    handler: async ({ request, body }) => {
      await reachHouseholdOf(request, body.householdNo);
      return { id: await svc.addMeasure(db, householdAccessOf(request), body, actorOf(request)) };
    },
  });

  route({
    method: 'GET', url: '/assistance/households/:householdNo/plan', summary: '户的帮扶计划与措施', access: 'registry.read', params: householdNoParams, response: a.householdPlan,
    handler: async ({ request, params: { householdNo } }) => {
      await reachHouseholdOf(request, householdNo);
      return svc.householdPlan(db, householdAccessOf(request), householdNo);
    },
  });

  route({
    method: 'GET', url: '/assistance/coverage', summary: '帮扶措施覆盖情况', access: 'registry.read', query: s.coverageQuery, response: a.coverageReport,
    handler: async ({ request, query: f }) => svc.coverage(db, householdAccessOf(request), await reachPlace(request, f.place), f.year ?? null),
  });

  route({
    method: 'GET', url: '/assistance/left-behind', summary: '三留守人员登记', access: 'registry.read', query: s.leftBehindQuery, response: a.leftBehindList,
    handler: async ({ request, query: f }) => {
      const place = await reachPlace(request, f.place);
      return { items: await svc.leftBehindRegister(db, householdAccessOf(request), place, f.asOf ?? todayOf(request), leftBehindCategory(request, f.category)) };
    },
  });

  route({
    method: 'PUT', url: '/assistance/left-behind/contacts', summary: '设定三留守人员联系人', access: 'assistance.manage', body: s.contactInput, response: okAnswer,
    handler: async ({ request, body }) => {
      await svc.setLeftBehindContact(db, body, (villageCode) => assertInScope(request, { type: 'person', id: body.idNumber.slice(0, 6) + '…', placeCode: villageCode }), actorOf(request));
      return { ok: true as const };
    },
  });

  // ---- field app ----
  route({
    method: 'GET', url: '/assistance/field/households', summary: '移动端：本人结对的户（离线包）', access: 'assistance.write', response: a.fieldPackage,
    handler: async ({ request }) => {
      const { user } = requireUser(request);
      const cadre = await svc.findCadreOfUser(db, user.id);
      return { cadre: cadre ? { id: cadre.id, name: cadre.name, unit: cadre.unit } : null, items: await svc.fieldHouseholds(db, householdAccessOf(request)) };
    },
  });

  route({
    method: 'POST', url: '/assistance/sync', summary: '移动端：同步离线记录', access: 'assistance.write', body: s.syncInput, response: a.syncAnswer, bodyLimit: BIG_BODY,
    handler: async ({ request, body }) => ({ results: await svc.syncChanges(db, visitorOf(request), body, actorOf(request)) }),
  });
}

/**
 * The category asked of the 三留守 register, under the card's health rule: a user whose line
 * may not see health data (withholdsHealthData) is refused the disabled persons (403), and
 * a register of every category leaves them out for him.
 */
function leftBehindCategory(request: FastifyRequest, category: string | undefined): svc.LeftBehindCategory {
  if (!withholdsHealthData(requireUser(request).user)) return category ?? null;
  if (category === 'disabled') throw new AppError(403, 'health_withheld', '您所在的条线不能查看残疾人名单：健康和残疾信息仅卫生健康、医疗保障、民政、残联条线可见');
  return category ?? { except: 'disabled' };
}
