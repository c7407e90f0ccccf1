/**
 * 名单比对 over HTTP on both databases: the permission (compare.import), a roster or place of
 * another county → 404 as if absent, the mapping input's Chinese errors, rows masked, the export
 * audited, and a purged roster answering 410.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { saveMapping, purgeRosters } from '../../src/modules/rosters/service';
import { AT, MAPPING, upload } from './helpers';

describe.each(testDatabases)('名单比对 routes on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let a: TestPlaces;
  let b: TestPlaces;
  let h: CreatedHousehold;
  let rosterA = 0;
  const u = {} as Record<'opA' | 'opB' | 'leaderA', Client>;

  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database));
    a = await createPlaceTree(database);
    b = await createPlaceTree(database);
    h = await createHousehold(database, a, { status: 'risk_eliminated', exitYear: 2024 });
    await saveMapping(database.db, a.countyCode, '民政低收入人口', MAPPING, 'test', AT);
    const r = await upload(database, a.countyCode, [{ 公民身份号码: h.members[0].idNumber, 姓名: h.members[0].name, 区划代码: '', 户类型: '', 救助类型: '低保', 残疾等级: '' }], { retentionDays: 365 });
    rosterA = r.result.rosterId!;
    const sign = async (role: string, place: string) => loginAs(app, (await makeUser(database, role, place)).username);
    u.opA = await sign('county_operator', a.countyCode);
    u.opB = await sign('county_operator', b.countyCode);
    u.leaderA = await sign('leader', a.countyCode);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers the roster to its county\'s importer only, masked, and audits the export', async () => {
    expect((await u.leaderA.inject('GET', `/api/v1/rosters/${rosterA}`)).statusCode).toBe(403);
    expect((await u.opB.inject('GET', `/api/v1/rosters/${rosterA}`)).statusCode).toBe(404);
    expect((await u.opB.inject('GET', `/api/v1/rosters/${rosterA}/rows?view=conflicts`)).statusCode).toBe(404);
    expect((await u.opB.inject('GET', '/api/v1/rosters')).json().items.map((r: { id: number }) => r.id)).not.toContain(rosterA);
    expect((await u.opB.inject('GET', `/api/v1/rosters/mappings?place=${a.countyCode}`)).statusCode).toBe(404);
    const report = await u.opA.inject('GET', `/api/v1/rosters/${rosterA}`);
    expect(report.json().byCategory).toEqual([{ category: 'risk_eliminated', label: '风险已消除', rows: 1, conflicts: 1 }]);
    const rows = await u.opA.inject('GET', `/api/v1/rosters/${rosterA}/rows?view=conflicts`);
    expect(rows.body).not.toContain(h.members[0].idNumber);
    expect(rows.json().items[0].conflicts[0]).toMatchObject({ field: '救助类型', roster: '低保' });
    const exported = await u.opA.inject('GET', `/api/v1/rosters/${rosterA}/export.xlsx?view=conflicts`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const audited = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE action = 'rosters.export' AND object_id = ${String(rosterA)}`.execute(database.db);
    expect(audited.rows[0].n).toBe(1);
  });

  it('saves a mapping once per source and refuses one without the ID number in Chinese', async () => {
    const bad = await u.opA.inject('PUT', '/api/v1/rosters/mappings', { place: a.countyCode, source: '银行贷款', columns: { name: '借款人' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('列映射必须指定「身份证号」所在的列');
    const unknown = await u.opA.inject('PUT', '/api/v1/rosters/mappings', { place: a.countyCode, source: '银行贷款', columns: { idNumber: '证件号', phone: '手机' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('不能在此填写或修改字段 phone');
    const ok = await u.opA.inject('PUT', '/api/v1/rosters/mappings', { place: a.countyCode, source: '银行贷款', columns: { idNumber: '证件号码', name: '借款人' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.find((m: { source: string }) => m.source === '银行贷款').columns).toEqual({ idNumber: '证件号码', name: '借款人' });
    expect((await u.opA.inject('PUT', '/api/v1/rosters/mappings', { place: b.countyCode, source: '银行贷款', columns: { idNumber: '证件号码' } })).statusCode).toBe(404);
  });

  it('answers 410 for a roster purged on its retention', async () => {
    const r = await upload(database, a.countyCode, [{ 公民身份号码: h.members[1].idNumber, 姓名: '', 区划代码: '', 户类型: '', 救助类型: '', 残疾等级: '' }], { retentionDays: 1 });
    await purgeRosters(database.db, new Date(AT.getTime() + 2 * 86_400_000));
    const res = await u.opA.inject('GET', `/api/v1/rosters/${r.result.rosterId}`);
    expect(res.statusCode).toBe(410);
    expect(res.json().error.message).toContain('已按保留期限');
  });
});
