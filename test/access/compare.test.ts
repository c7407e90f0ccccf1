/**
 * The access matrix of 大数据比对, route by route: a role without the permission → 403; a record or
 * place of another county → 404 (audited as access.refused); the right user → 2xx. Reference rows
 * are masked, seen only by importers of the county and of the kind's line of work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { importRows, runCounty } from '../compare/helpers';
import { buildTestApp, loginAs, makeUser, type Client } from './helpers';

describe.each(testDatabases)('大数据比对 access matrix on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let a: TestPlaces;
  let b: TestPlaces;
  let hA: CreatedHousehold;
  let batchA = 0;
  let hitA = 0;
  const u = {} as Record<'opA' | 'opB' | 'leaderA' | 'villageA' | 'financeA' | 'civilA' | 'cadreA', Client>;

  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database));
    a = await createPlaceTree(database);
    b = await createPlaceTree(database);
    hA = await createHousehold(database, a);
    const job = await importRows(database, 'payroll', a.countyCode, [{ 身份证号: hA.members[0].idNumber, 姓名: hA.members[0].name, 单位名称: '测试局', 供养类型: '在编' }]);
    batchA = job.result.batchId!;
    await runCounty(database, a.countyCode);
    hitA = (await sql<{ id: number }>`SELECT id::int AS id FROM compare_hit WHERE county_code = ${a.countyCode}`.execute(database.db)).rows[0].id;
    const sign = async (role: string, place: string, line?: string) => loginAs(app, (await makeUser(database, role, place, { departmentLine: line })).username);
    u.opA = await sign('county_operator', a.countyCode);
    u.opB = await sign('county_operator', b.countyCode);
    u.leaderA = await sign('leader', a.countyCode);
    u.villageA = await sign('village_operator', a.villageCodes[0]);
    u.financeA = await sign('department_operator', a.countyCode, 'finance');
    u.civilA = await sign('department_operator', a.countyCode, 'civil_affairs');
    u.cadreA = await sign('pairing_cadre', a.countyCode);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const status = async (client: Client, method: string, url: string, body?: unknown) => (await client.inject(method, url, body)).statusCode;

  it('gives every comparison route its permission', async () => {
    expect(await status(u.leaderA, 'GET', '/api/v1/compare/batches')).toBe(403);
    expect(await status(u.villageA, 'GET', `/api/v1/compare/batches/${batchA}`)).toBe(403);
    expect(await status(u.leaderA, 'POST', '/api/v1/compare/runs', { place: a.countyCode })).toBe(403);
    expect(await status(u.financeA, 'POST', '/api/v1/compare/runs', { place: a.countyCode })).toBe(403);
    expect(await status(u.cadreA, 'GET', `/api/v1/compare/hits?place=${a.countyCode}`)).toBe(403);
    expect(await status(u.leaderA, 'POST', `/api/v1/compare/hits/${hitA}/steps`, { action: 'send' })).toBe(403);
    expect(await status(u.financeA, 'POST', '/api/v1/compare/hits/send', { place: a.countyCode })).toBe(403);
    expect(await status(u.leaderA, 'PUT', '/api/v1/compare/rules', { note: 'x', rules: {} })).toBe(403);
    expect(await status(u.opA, 'GET', '/api/v1/compare/rules')).toBe(200);
    expect(await status(u.opA, 'GET', '/api/v1/compare/kinds')).toBe(200);
    expect(await status(u.villageA, 'GET', `/api/v1/compare/hits/${hitA}`)).toBe(200);
  });

  it('answers 404 (audited) for another county’s batch, 疑点 and place', async () => {
    expect(await status(u.opB, 'GET', `/api/v1/compare/batches/${batchA}`)).toBe(404);
    expect(await status(u.opB, 'GET', `/api/v1/compare/hits/${hitA}`)).toBe(404);
    expect(await status(u.opB, 'POST', `/api/v1/compare/hits/${hitA}/steps`, { action: 'send' })).toBe(404);
    expect(await status(u.opB, 'GET', `/api/v1/compare/hits?place=${a.countyCode}`)).toBe(404);
    expect(await status(u.opB, 'POST', '/api/v1/compare/runs', { place: a.countyCode })).toBe(404);
    expect(await status(u.opB, 'GET', `/api/v1/compare/households/${hA.householdNo}/hits`)).toBe(404);
    const file = Buffer.from('身份证号,姓名\r\n');
    const boundary = '----t';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    expect((await u.opB.inject('POST', `/api/v1/compare/batches?kind=payroll&county=${a.countyCode}`, payload, { 'content-type': `multipart/form-data; boundary=${boundary}` })).statusCode).toBe(404);
    const refused = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE action = 'access.refused' AND object_type IN ('compare_batch', 'compare_hit')`.execute(database.db);
    expect(refused.rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('shows reference rows masked, to importers of the kind’s line only, and audits the view', async () => {
    const rows = await u.opA.inject('GET', `/api/v1/compare/batches/${batchA}`);
    expect(rows.statusCode).toBe(200);
    const value = rows.json().rows[0].values['身份证号'];
    expect(value).not.toBe(hA.members[0].idNumber);
    expect(value).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect((await u.financeA.inject('GET', `/api/v1/compare/batches/${batchA}`)).statusCode).toBe(200);
    expect((await u.civilA.inject('GET', `/api/v1/compare/batches/${batchA}`)).statusCode).toBe(404);
    expect((await u.civilA.inject('GET', '/api/v1/compare/batches')).json().items).toEqual([]);
    const viewed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE action = 'compare.view_rows' AND object_id = ${String(batchA)}`.execute(database.db);
    expect(viewed.rows[0].n).toBe(2);
    const hits = await u.villageA.inject('GET', `/api/v1/compare/hits?place=${a.villageCodes[0]}`);
    expect(hits.json().items[0].idNumber).toMatch(/\*{8}/);
  });
});
