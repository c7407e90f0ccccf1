/**
 * The listing computed from the registry on both databases: the township line at 300 vs 301,
 * county and village lines from policy records of the county (in force from their year),
 * delisting once the figures fall, leaders, findings handed to departments, the export and
 * the access matrix.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { activatePolicy, createPolicyDraft } from '../../src/modules/policy/service';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { buildListingFixture, type ListingFixture } from './fixture';
import { markRollupsStale } from '../../src/db/rollupMarks';

type Listed = { code: string; persons: number; households: number; threshold: number; reason: string; delistable: boolean; latestPersons: number; leader: unknown; openRectifications: number };
const codesOf = (list: Listed[]) => list.map((l) => [l.code, l.persons]);

describe.each(testDatabases)('listed supervision on $name', (t) => {
  let database: Database;
  let app: FastifyInstance;
  let fx: ListingFixture;
  let county: string;
  let leader: Client;
  let operator: Client;

  const get = async (client: Client, url: string) => {
    const res = await client.inject('GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    database = await t.open();
    fx = await buildListingFixture(database);
    county = fx.places.countyCode;
    ({ app } = await buildTestApp(database, { requireLogin: true }));
    leader = await loginAs(app, (await makeUser(database, 'leader', county)).username);
    operator = await loginAs(app, (await makeUser(database, 'county_operator', county)).username);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lists the township with 301 remaining poor and not the one with exactly 300', async () => {
    const listing = await get(leader, `/api/v1/supervision/listing?place=${county}&asOf=2020-03-03`);
    expect([listing.statusYear, listing.campaignYear, listing.latestYear]).toEqual([2019, 2020, 2019]);
    expect(listing.thresholds).toEqual({ county: 5000, township: 300, village: 1000 });
    expect(codesOf(listing.townships)).toEqual([[fx.places.townshipCodes[0], 301]]);
    expect(listing.townships[0].reason).toBe('2019 年底剩余贫困人口 301 人，超过乡镇级挂牌督战线 300 人（全国默认）');
    expect([listing.counties, listing.villages]).toEqual([[], []]);
  });

  it('takes county and village lines from a policy record of the county, from its effective year on', async () => {
    const draft = await createPolicyDraft(database.db, {
      regionCode: county, effectiveYear: 2020, title: '测试县挂牌督战线',
      rules: { supervision: { countyRemainingPoorPersons: 600, villagePoorPersons: 153 } },
    }, CONSOLE_ACTOR);
    await activatePolicy(database.db, draft.id, CONSOLE_ACTOR);
    const listing = await get(leader, `/api/v1/supervision/listing?place=${county}&asOf=2020-03-03`);
    expect(codesOf(listing.counties)).toEqual([[county, 601]]);
    expect(listing.counties[0].reason).toContain('超过县级挂牌督战线 600 人（测试县挂牌督战线）');
    // 154 persons in township 1's first village are over a line of 153; township 2's second village has exactly 153
    expect(codesOf(listing.villages)).toEqual([[fx.places.villageCodes[0], 154]]);
    const before = await get(leader, `/api/v1/supervision/listing?place=${county}&asOf=2019-12-31`);
    expect([before.statusYear, before.counties, before.villages]).toEqual([2019, [], []]);
    expect(codesOf(before.townships)).toEqual([[fx.places.townshipCodes[0], 301]]);
  });

  it('assigns a leader, hands a finding to a department, and counts it on the listed place', async () => {
    const township = fx.places.townshipCodes[0];
    const put = await operator.inject('PUT', `/api/v1/supervision/places/${township}/leader`, { year: 2020, leaderName: '张督战', leaderTitle: '副县长' });
    expect(put.statusCode, put.body).toBe(200);
    const finding = await operator.inject('POST', `/api/v1/supervision/places/${township}/findings`, {
      finding: '部分贫困户家庭医生签约未落实', responsibleUnit: '县卫健委', deadline: '2024-04-30', foundOn: '2024-02-20',
    });
    expect(finding.statusCode, finding.body).toBe(201);
    expect([finding.json().source, finding.json().placeCode, finding.json().status]).toEqual(['listed_supervision', township, 'reported']);
    const listing = await get(leader, `/api/v1/supervision/listing?place=${county}&asOf=2020-03-03`);
    const listed = listing.townships.find((l: Listed) => l.code === township);
    expect([listed.leader, listed.openRectifications]).toEqual([{ name: '张督战', title: '副县长' }, 1]);
    const notListed = await operator.inject('POST', `/api/v1/supervision/places/${fx.places.townshipCodes[1]}/findings`, { finding: '问题', responsibleUnit: '县扶贫办', deadline: '2024-04-30' });
    expect(notListed.statusCode).toBe(409);
    expect(notListed.json().error.message).toContain('不在挂牌督战名单中');
    const bad = await operator.inject('PUT', `/api/v1/supervision/places/${township}/leader`, { year: 2020, leaderName: ' ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('督战领导（leaderName）不能为空');
  });

  it('shows a listed place with its causes and trend', async () => {
    const detail = await get(leader, `/api/v1/supervision/places/${fx.places.townshipCodes[0]}?asOf=2020-03-03`);
    expect(detail.listing.persons).toBe(301);
    expect([detail.causes.year, detail.causes.persons]).toEqual([2019, 301]);
    expect(detail.causes.causes.map((c: { cause: string; households: number }) => [c.cause, c.households])).toEqual([['illness', 28], ['disability', 15]]);
    expect(detail.trend.map((y: { year: number; remainingPersons: number }) => [y.year, y.remainingPersons])).toEqual([[2016, 301], [2017, 301], [2018, 301], [2019, 301]]);
  });

  it('exports the listing as .xlsx', async () => {
    const res = await leader.inject('GET', `/api/v1/supervision/listing/export.xlsx?place=${county}&asOf=2020-03-03`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('乡镇')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const line = rows.find((r) => r[3] === fx.places.townshipCodes[0])!;
    expect([line[0], line[2], line[4], line[6], line[7]]).toEqual([1, '测试1镇', 301, 300, '副县长 张督战']);
  });

  it('keeps a place listed at its date but marks it delistable, and drops it from later listings, when its poor exit', async () => {
    const exiting = fx.t1v1[0];
    await database.db.insertInto('household_status_history').values({ county_code: county, household_no: exiting.householdNo, year: 2020, status: 'exited', reason: '脱贫' }).execute();
    await markRollupsStale(database.db, [county]);
    const atPlan = await get(leader, `/api/v1/supervision/listing?place=${county}&asOf=2020-03-03`);
    const township = atPlan.townships.find((l: Listed) => l.code === fx.places.townshipCodes[0]);
    expect([township.persons, township.latestPersons, township.delistable]).toEqual([301, 294, true]);
    expect(atPlan.latestYear).toBe(2020);
    const county0 = atPlan.counties[0];
    expect([county0.latestPersons, county0.delistable]).toEqual([594, true]);
    const later = await get(leader, `/api/v1/supervision/listing?place=${county}`);
    expect([later.asOf, later.statusYear, later.townships, later.counties]).toEqual(['2021-01-01', 2020, [], []]);
  });

  it('refuses anonymous (401), wrong roles (403), places outside the scope (404), bad dates (400)', async () => {
    const township = fx.places.townshipCodes[0];
    expect((await app.inject({ method: 'GET', url: `/api/v1/supervision/listing?place=${county}` })).statusCode).toBe(401);
    const admin = await loginAs(app, (await makeUser(database, 'sys_admin', county)).username);
    expect((await admin.inject('GET', `/api/v1/supervision/listing?place=${county}`)).statusCode).toBe(403);
    expect((await leader.inject('PUT', `/api/v1/supervision/places/${township}/leader`, { year: 2020, leaderName: '李' })).statusCode).toBe(403);
    const outsider = await loginAs(app, (await makeUser(database, 'leader', fx.places.townshipCodes[1])).username);
    for (const [method, url] of [['GET', `/api/v1/supervision/places/${township}`], ['GET', `/api/v1/supervision/listing?place=${township}`]]) {
      expect((await outsider.inject(method, url)).statusCode, url).toBe(404);
    }
    const townshipOperator = await loginAs(app, (await makeUser(database, 'township_operator', fx.places.townshipCodes[1])).username);
    expect((await townshipOperator.inject('PUT', `/api/v1/supervision/places/${township}/leader`, { year: 2020, leaderName: '李' })).statusCode).toBe(403);
    expect((await leader.inject('GET', `/api/v1/supervision/listing?place=${county}&asOf=2020-02-30`)).statusCode).toBe(400);
    expect((await leader.inject('GET', '/api/v1/supervision/places/4114')).statusCode).toBe(400);
  });
});
