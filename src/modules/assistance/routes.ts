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
import { assertInScope, householdAccessOf, requirePermission, requireUser } from '../../server/access';
import { AppError, badRequest, notFound } from '../../server/errors';
import { withholdsHealthData } from '../../domain/roles';
import { ledgerContextOf, reachPlace, todayOf } from '../../server/reach';
import { placeNameOf } from '../places/service';
import { reachHousehold } from '../registry/service';
import { sendWorkbook } from '../reports/service';
import { coverageSheet, leftBehindSheet, overdueSheets, unpairedSheet } from './exports';
import * as s from './schemas';
import * as svc from './service';

type Query = { Querystring: Record<string, unknown> };
const BIG_BODY = 48 * 1024 * 1024;

export async function registerAssistanceRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const read = { preHandler: requirePermission('registry.read') };
  const write = { preHandler: requirePermission('assistance.write') };
  const manage = { preHandler: requirePermission('assistance.manage') };
  const actorOf = (request: FastifyRequest) => ledgerContextOf(request).actor;
  const visitorOf = (request: FastifyRequest): svc.Visitor => {
    const { user } = requireUser(request);
    return { userId: user.id, role: user.role, access: householdAccessOf(request) };
  };
  const placeOf = (request: FastifyRequest<Query>) => reachPlace(request, s.placeQuery.parse(request.query).place);

  /** The household a request names, 404 (audited) when outside the user's reach. */
  const reachHouseholdOf = (request: FastifyRequest, householdNo: string) => reachHousehold(request, db, householdNo);

  const nameOf = (place: string) => placeNameOf(db, place);

  // ---- exports (.xlsx) ----
  api.get<Query>('/assistance/unpaired/export.xlsx', read, async (request, reply) => {
    const place = await placeOf(request);
    const { items } = await svc.listUnpaired(db, householdAccessOf(request), place, 100_000);
    return sendWorkbook(reply, [unpairedSheet(await nameOf(place), items)], `unpaired-${place}.xlsx`, `${await nameOf(place)}未结对户.xlsx`);
  });

  api.get<Query>('/assistance/overdue/export.xlsx', read, async (request, reply) => {
    const f = s.overdueQuery.parse(request.query);
    const place = await reachPlace(request, f.place);
    const report = await svc.visitOverdue(db, householdAccessOf(request), place, f.asOf ?? todayOf(request), { cadreId: f.cadreId, onlyOverdue: f.all !== 'true' });
    return sendWorkbook(reply, overdueSheets(await nameOf(place), report), `overdue-${place}.xlsx`, `${await nameOf(place)}逾期未走访.xlsx`);
  });

  api.get<Query>('/assistance/coverage/export.xlsx', read, async (request, reply) => {
    const f = s.coverageQuery.parse(request.query);
    const place = await reachPlace(request, f.place);
    const { rows } = await svc.coverage(db, householdAccessOf(request), place, f.year ?? null);
    return sendWorkbook(reply, [coverageSheet(await nameOf(place), f.year ?? null, rows)], `coverage-${place}.xlsx`, `${await nameOf(place)}帮扶措施覆盖.xlsx`);
  });

  api.get<Query>('/assistance/left-behind/export.xlsx', read, async (request, reply) => {
    const f = s.leftBehindQuery.parse(request.query);
    const place = await reachPlace(request, f.place);
    const asOf = f.asOf ?? todayOf(request);
    const rows = leftBehindOutput.parse(await svc.leftBehindRegister(db, householdAccessOf(request), place, asOf, leftBehindCategory(request, f.category), 100_000)) as Awaited<ReturnType<typeof svc.leftBehindRegister>>;
    return sendWorkbook(reply, [leftBehindSheet(await nameOf(place), asOf, rows)], `left-behind-${place}.xlsx`, `${await nameOf(place)}三留守登记.xlsx`);
  });

  // ---- cadres, pairings, teams ----
  api.get<Query>('/assistance/cadres', read, async (request) => ({ items: await svc.listCadres(db, requireUser(request).scope, await placeOf(request)) }));

  api.post('/assistance/cadres', manage, async (request, reply) => {
    const input = s.cadreInput.parse(request.body);
    await reachPlace(request, input.placeCode);
    return reply.status(201).send({ id: await svc.createCadre(db, input, actorOf(request)) });
  });

  api.get<Query>('/assistance/unpaired', read, async (request) => svc.listUnpaired(db, householdAccessOf(request), await placeOf(request)));

  api.post('/assistance/pairings', manage, async (request, reply) => {
    const input = s.pairInput.parse(request.body);
    return reply.status(201).send(await svc.pairHouseholds(db, householdAccessOf(request), input, actorOf(request)));
  });

  api.post('/assistance/pairings/import', manage, async (request, reply) => {
    const file = await request.file();
    if (!file) throw badRequest('请以 multipart/form-data 上传结对表（.xlsx 或 .csv）');
    const path = join(tmpdir(), `fupin-pairing-${randomUUID()}${extname(file.filename).toLowerCase()}`);
    try {
      await pipeline(file.file, createWriteStream(path));
      return reply.status(201).send(await svc.pairFromSheet(db, householdAccessOf(request), path, file.filename, actorOf(request)));
    } finally {
      await rm(path, { force: true });
    }
  });

  api.post<{ Params: { county: string; id: string } }>('/assistance/pairings/:county/:id/end', manage, async (request) => {
    const id = z.coerce.number().int().positive().parse(request.params.id);
    const pairing = await svc.locatePairing(db, request.params.county, id);
    if (!pairing) throw notFound(`结对记录 ${id} `);
    await reachHouseholdOf(request, pairing.household_no);
    const input = s.endPairingInput.parse(request.body);
    await svc.endPairing(db, request.params.county, id, input.endedOn, input.reason, actorOf(request));
    return { ok: true };
  });

  api.get<Query>('/assistance/teams', read, async (request) => ({ items: await svc.listTeams(db, requireUser(request).scope, await placeOf(request)) }));

  api.post('/assistance/teams', manage, async (request, reply) => {
    const input = s.teamInput.parse(request.body);
    await reachPlace(request, input.villageCode);
    return reply.status(201).send({ id: await svc.addTeamMember(db, input, actorOf(request)) });
  });

  // ---- visits ----
  api.post('/assistance/visits', { ...write, bodyLimit: BIG_BODY }, async (request, reply) => {
    const input = s.visitInput.parse(request.body);
    await reachHouseholdOf(request, input.householdNo);
    const result = await svc.recordVisit(db, visitorOf(request), input, actorOf(request));
    return reply.status(result.duplicate ? 200 : 201).send(result);
  });

  api.get<Query>('/assistance/visits', read, async (request) => {
    const f = s.visitListQuery.parse(request.query);
    const place = await reachPlace(request, f.place);
    if (f.householdNo) await reachHouseholdOf(request, f.householdNo);
    return { items: await svc.listVisits(db, householdAccessOf(request), { ...f, place }) };
  });

  api.get<{ Params: { id: string; sha256: string } }>('/assistance/visits/:id/photos/:sha256', read, async (request, reply) => {
    const id = z.uuid().safeParse(request.params.id);
    if (!id.success) throw notFound('走访记录');
    const v = await svc.locateVisit(db, id.data);
    if (!v) throw notFound('走访记录');
    await reachHouseholdOf(request, v.householdNo);
    const photo = await svc.findPhoto(db, v.countyCode, id.data, request.params.sha256);
    if (!photo) throw notFound('照片');
    return reply.header('content-type', photo.content_type).header('cache-control', 'private, max-age=31536000, immutable').send(Buffer.from(photo.data));
  });

  api.get<Query>('/assistance/overdue', read, async (request) => {
    const f = s.overdueQuery.parse(request.query);
    const place = await reachPlace(request, f.place);
    return svc.visitOverdue(db, householdAccessOf(request), place, f.asOf ?? todayOf(request), { cadreId: f.cadreId, onlyOverdue: f.all !== 'true' });
  });

  // ---- plans, coverage, left-behind ----
  api.get('/assistance/measure-types', read, async () => ({ items: await svc.measureCatalogue(db) }));

  api.post('/assistance/measures', write, async (request, reply) => {
    const input = s.measureInput.parse(request.body);
    await reachHouseholdOf(request, input.householdNo);
    return reply.status(201).send({ id: await svc.addMeasure(db, householdAccessOf(request), input, actorOf(request)) });
  });

  api.get<{ Params: { householdNo: string } }>('/assistance/households/:householdNo/plan', read, async (request) => {
    await reachHouseholdOf(request, request.params.householdNo);
    return svc.householdPlan(db, householdAccessOf(request), request.params.householdNo);
  });

  api.get<Query>('/assistance/coverage', read, async (request) => {
    const f = s.coverageQuery.parse(request.query);
    const place = await reachPlace(request, f.place);
    return svc.coverage(db, householdAccessOf(request), place, f.year ?? null);
  });

  api.get<Query>('/assistance/left-behind', read, async (request) => {
    const f = s.leftBehindQuery.parse(request.query);
    const place = await reachPlace(request, f.place);
    const items = await svc.leftBehindRegister(db, householdAccessOf(request), place, f.asOf ?? todayOf(request), leftBehindCategory(request, f.category));
    return { items: leftBehindOutput.parse(items) };
  });

  api.put('/assistance/left-behind/contacts', manage, async (request) => {
    const input = s.contactInput.parse(request.body);
    await svc.setLeftBehindContact(db, input, (villageCode) => assertInScope(request, { type: 'person', id: input.idNumber.slice(0, 6) + '…', placeCode: villageCode }), actorOf(request));
    return { ok: true };
  });

  // ---- field app ----
  api.get('/assistance/field/households', write, async (request) => {
    const { user } = requireUser(request);
    const cadre = await svc.findCadreOfUser(db, user.id);
    return { cadre: cadre ? { id: cadre.id, name: cadre.name, unit: cadre.unit } : null, items: await svc.fieldHouseholds(db, householdAccessOf(request)) };
  });

  api.post('/assistance/sync', { ...write, bodyLimit: BIG_BODY }, async (request) => {
    const input = s.syncInput.parse(request.body);
    return { results: await svc.syncChanges(db, visitorOf(request), input, actorOf(request)) };
  });
}

/** The register leaves the server with masked ID numbers only. */
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

const leftBehindOutput = z.array(z.object({ idNumber: z.string().regex(/^(\d{6}\*+[0-9X]{4}|)$/, '证件号码未脱敏') }).passthrough());
