/**
 * Villages on both databases: the record saved and audited, verdict boundaries through the
 * API (2% exactly, 1万 exactly, 5万 target exactly, 3% west through a draft's what-if), a
 * verdict that changes when a household exits, the stored recompute after the household
 * assessment, the import's bad rows refused with row/field/value and nothing written, the
 * village exit procedure through 公示 with an objection, the 10% listing, the exports.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { runRecomputeJob } from '../../src/modules/monitoring/service';
import { createPolicyDraft } from '../../src/modules/policy/service';
import { setHouseholdStatus } from '../../src/modules/registry/service';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';
import { multipart } from '../procedures/helpers';

const YEAR = 2019;

const goodValues = (registered: number, extra: Record<string, unknown> = {}) => ({
  registeredPopulation: registered, residentPopulation: registered - 10, households: Math.round(registered / 4),
  poorVillage: true, poorVillageYear: 2014, roadToVillage: true, power: true, broadband: true, mobile4g: true, safeWater: true,
  clinic: true, cultureRoom: true, school: 'teaching_point', serviceCenter: true, dangerousHouses: 0,
  firstSecretary: '张三', workTeam: '张三、李四、王五', incomeOperating: 6000, incomeContract: 2000, incomeInvestment: 2000, incomeSubsidy: 50000,
  ...extra,
});

describe.each(testDatabases)('villages on $name', (t) => {
  let database: Database;
  let app: FastifyInstance;
  const clients = new Map<string, Client>();

  const client = async (role: string, place: string) => {
    const key = `${role}@${place}`;
    if (!clients.has(key)) clients.set(key, await loginAs(app, (await makeUser(database, role, place)).username));
    return clients.get(key)!;
  };
  const ok = async (c: Client, method: string, url: string, body?: unknown, status = 200) => {
    const res = await c.inject(method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const poorHouseholds = async (places: TestPlaces, count: number, members = 2, village = places.villageCodes[0]) => {
    const made = [];
    for (let i = 0; i < count; i++) {
      const spec = members === 2 ? {} : { members: Array.from({ length: members }, (_, j) => ({ relation: j === 0 ? 'head' : 'child', birthDate: j === 0 ? '1970-01-01' : '2000-01-01', sex: 'M' as const })) };
      made.push(await createHousehold(database, places, { villageCode: village, identifiedYear: 2014, ...spec }));
    }
    return made;
  };
  const save = async (c: Client, village: string, values: Record<string, unknown>, status = 200) => {
    const res = await c.inject('PUT', `/api/v1/villages/${village}/record`, { year: YEAR, values });
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  beforeAll(async () => {
    database = await t.open();
    ({ app } = await buildTestApp(database, { requireLogin: true }));
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('saves a record (audited) and passes at 2% exactly, 1万 exactly and shows the 5万 target', async () => {
    const places = await createPlaceTree(database, 1, 2);
    const village = places.villageCodes[0];
    await poorHouseholds(places, 1);
    const township = await client('township_operator', places.townshipCodes[0]);
    const page = await save(township, village, goodValues(100));
    expect(page.figures).toMatchObject({ poorHouseholds: 1, poorPersons: 2 });
    expect(page.verdict.passed).toBe(true);
    const texts = page.verdict.conditions.map((c: { text: string }) => c.text);
    expect(texts).toContain('贫困发生率 2.00% ≤ 2%（贫困人口 2 人 / 户籍人口 100 人）');
    expect(texts).toContain('集体经济收入 1万 ≥ 1万');
    expect(texts).toContain('集体经济收入 1万 < 5万（贫困村年度目标，不作否决）');
    const audit = await database.db.selectFrom('audit_event').select(['action', 'object_id']).where('object_id', '=', `${village}/${YEAR}`).execute();
    expect(audit.map((a) => a.action)).toEqual(['village.record.save']);

    const at5 = await save(township, village, goodValues(100, { incomeOperating: 46000 }));
    expect(at5.verdict.conditions.find((c: { code: string }) => c.code === 'collective_income_target').text).toBe('集体经济收入 5万 ≥ 5万（贫困村年度目标，不作否决）');

    const over = await save(township, village, goodValues(99, { incomeOperating: 5999, broadband: false }));
    expect(over.verdict.passed).toBe(false);
    expect(over.verdict.failing).toEqual(['贫困发生率 2.02% > 2%（贫困人口 2 人 / 户籍人口 99 人）', '通宽带：未通', '集体经济收入 0.9999万 < 1万']);
  });

  it('changes a village verdict when a household exits, and stores verdicts with the household recompute', async () => {
    const places = await createPlaceTree(database, 1, 1);
    const village = places.villageCodes[0];
    const [first, second] = await poorHouseholds(places, 2);
    const township = await client('township_operator', places.townshipCodes[0]);
    const before = await save(township, village, goodValues(100));
    expect(before.verdict.failing).toEqual(['贫困发生率 4.00% > 2%（贫困人口 4 人 / 户籍人口 100 人）']);
    await database.db.transaction().execute((tx) =>
      setHouseholdStatus(tx, { county_code: first.countyCode, household_no: first.householdNo }, { status: 'exited', monitor_category: null, exit_year: YEAR, identified_year: 2014 }, YEAR, '测试：脱贫', new Date()));
    const after = await ok(township, 'GET', `/api/v1/villages/${village}?year=${YEAR}`);
    expect(after.verdict.passed).toBe(true);
    expect(after.figures).toMatchObject({ poorHouseholds: 1, poorPersons: 2 });
    // The year before still counts both households poor.
    const earlier = await ok(township, 'GET', `/api/v1/villages/${village}?year=2018`);
    expect(earlier.figures.poorPersons).toBe(4);

    await runRecomputeJob(database, { place: places.countyCode, years: [YEAR], reason: 'manual' });
    const stored = await database.db.selectFrom('village_verdict').selectAll().where('county_code', '=', places.countyCode).where('year', '=', YEAR).execute();
    expect(stored.map((s) => [s.village_code, s.passed, s.poor_persons])).toEqual([[village, true, 2]]);
    await database.db.transaction().execute((tx) =>
      setHouseholdStatus(tx, { county_code: second.countyCode, household_no: second.householdNo }, { status: 'exited', monitor_category: null, exit_year: YEAR, identified_year: 2014 }, YEAR, '测试：脱贫', new Date()));
    await runRecomputeJob(database, { place: places.countyCode, years: [YEAR], reason: 'manual' });
    const again = await database.db.selectFrom('village_verdict').select(['village_code', 'poor_persons']).where('county_code', '=', places.countyCode).where('year', '=', YEAR).execute();
    expect(again).toEqual([{ village_code: village, poor_persons: 0 }]);
  });

  it('what-if: a draft treating the province as western passes a village at 2.5%', async () => {
    const places = await createPlaceTree(database, 1, 1);
    const village = places.villageCodes[0];
    await poorHouseholds(places, 1, 5);
    const county = await client('county_operator', places.countyCode);
    expect((await save(county, village, goodValues(200))).verdict.passed).toBe(false);
    const draft = await createPolicyDraft(database.db, {
      regionCode: places.countyCode, effectiveYear: 2016, title: '测试：比照西部',
      rules: { villageExit: { westernRegions: [places.countyCode], westernMaxIncidence: 0.03, countedIncomeSources: ['operating', 'contract', 'investment'], collectiveIncomeTargets: { poorVillage: 50000, otherVillage: 10000, targetSource: '测试' } } },
    }, CONSOLE_ACTOR);
    const leader = await client('leader', places.countyCode);
    const whatIf = await ok(leader, 'GET', `/api/v1/villages/what-if?place=${places.countyCode}&year=${YEAR}&draft=${draft.id}`);
    expect(whatIf.changes).toEqual([expect.objectContaining({ villageCode: village, before: false, after: true, failingBefore: ['贫困发生率 2.50% > 2%（贫困人口 5 人 / 户籍人口 200 人）'], failingAfter: [] })]);
  });

  it('refuses bad records and bad import rows with row, field and value, writing nothing', async () => {
    const places = await createPlaceTree(database, 1, 2);
    const [v1, v2] = places.villageCodes;
    await poorHouseholds(places, 2, 2, v2);
    const county = await client('county_operator', places.countyCode);
    const bad = await save(county, v1, goodValues(-5, { residentPopulation: 10, households: 3 }), 400);
    expect(bad.error.details.problems).toEqual([expect.objectContaining({ field: '户籍人口', value: '-5', message: '户籍人口不能为负数' })]);

    const header = '村代码,村名称,户籍人口,贫困村,集体经营收入,通宽带';
    const csv = [
      header,
      `${v1},测试1镇1村村委会,800,是,20000,是`,
      `${places.countyCode}999999,,500,是,1,是`,
      `,不存在村,500,否,1,是`,
      `${v1.slice(0, 9)}202,测试1镇2村村委会,3,是,1000,是`,
      `${v1},测试1镇1村村委会,-1,是,-20,否`,
    ].join('\n');
    const upload = async (dryRun: boolean) => {
      const { payload, headers } = multipart('村情.csv', 'text/csv', Buffer.from(csv, 'utf8'));
      return county.inject('POST', `/api/v1/villages/import?place=${places.countyCode}&year=${YEAR}&dryRun=${dryRun}`, payload, headers);
    };
    const dry = await upload(true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().problems).toEqual([
      { row: 3, field: '村代码', value: `${places.countyCode}999999`, message: `村代码 ${places.countyCode}999999 不是本县的村` },
      { row: 4, field: '村名称', value: '不存在村', message: '本县没有名为“不存在村”的村' },
      { row: 5, field: '户籍人口', value: '3', message: '户籍人口 3 人少于登记的贫困人口 4 人（2019 年底），贫困发生率将超过 100%' },
      { row: 6, field: '村代码', value: v1, message: '与第 2 行是同一个村' },
    ]);
    const commit = await upload(false);
    expect(commit.statusCode).toBe(400);
    expect(commit.json().error.message).toMatch(/^村情表有 4 处错误，未写入任何数据：第 3 行 村代码/);
    const written = await database.db.selectFrom('village_record').select('village_code').where('county_code', '=', places.countyCode).execute();
    expect(written).toEqual([]);

    const negative = `${header}\n${v1},,-1,是,-20,否`;
    const { payload, headers } = multipart('村情.csv', 'text/csv', Buffer.from(negative, 'utf8'));
    const res = await county.inject('POST', `/api/v1/villages/import?place=${places.countyCode}&year=${YEAR}&dryRun=true`, payload, headers);
    expect(res.json().problems).toEqual([
      { row: 2, field: '户籍人口', value: '-1', message: '户籍人口不能为负数' },
      { row: 2, field: '集体经营收入', value: '-20', message: '集体经营收入不能为负数' },
    ]);

    const good = `${header}\n${v1},,800,是,20000,是\n,测试1镇2村村委会,600,否,0,否`;
    const file = multipart('村情.csv', 'text/csv', Buffer.from(good, 'utf8'));
    const done = await county.inject('POST', `/api/v1/villages/import?place=${places.countyCode}&year=${YEAR}&dryRun=false`, file.payload, file.headers);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ written: 2, problems: [] });
    const audited = await database.db.selectFrom('audit_event').select('object_id').where('action', '=', 'village.record.import').where('place_code', 'like', `${places.countyCode}%`).execute();
    expect(audited.map((a) => a.object_id).sort()).toEqual([`${v1}/${YEAR}`, `${v2}/${YEAR}`]);
  });

  it('runs the village exit through 公示 with an objection, refusing a failing village by its conditions', async () => {
    const places = await createPlaceTree(database, 1, 2);
    const [ok1, failing] = places.villageCodes;
    await poorHouseholds(places, 3, 2, failing);
    const township = await client('township_operator', places.townshipCodes[0]);
    const county = await client('county_operator', places.countyCode);
    await save(township, ok1, goodValues(300));
    await save(township, failing, goodValues(100, { clinic: false }));
    const refused = await township.inject('POST', `/api/v1/villages/${failing}/exit`, { year: YEAR });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('测试1镇2村村委会 2019 年未达到出列标准，不能发起出列：贫困发生率 6.00% > 2%（贫困人口 6 人 / 户籍人口 100 人）；标准化卫生室和合格村医：无');

    const started = await ok(township, 'POST', `/api/v1/villages/${ok1}/exit`, { year: YEAR }, 201);
    expect(started.step.label).toBe('乡镇初审');
    const act = (c: Client, body: unknown, status = 200) => ok(c, 'POST', `/api/v1/village-exits/${started.countyCode}/${started.id}/actions`, body, status);
    const wrongRole = await county.inject('POST', `/api/v1/village-exits/${started.countyCode}/${started.id}/actions`, { type: 'approve' });
    expect(wrongRole.statusCode).toBe(409);
    await act(township, { type: 'approve' });
    await act(county, { type: 'approve' });
    const published = await act(county, { type: 'publish', startsOn: '2024-02-20' });
    expect([published.step.label, published.noticeEndsOn]).toEqual(['公示', '2024-02-26']);
    await act(county, { type: 'object', comment: '村里道路未全部硬化', objector: '村民甲' });
    const held = await county.inject('POST', `/api/v1/village-exits/${started.countyCode}/${started.id}/actions`, { type: 'approve' });
    expect(held.json().error.message).toMatch(/还有 1 条异议未处理/);
    await act(county, { type: 'resolve', upheld: false, comment: '经核实已硬化' });
    await act(county, { type: 'approve' });
    const done = await act(county, { type: 'approve' });
    expect(done.status).toBe('completed');
    expect(done.history.map((h: { stepLabel: string }) => h.stepLabel)).toEqual(['村申请', '乡镇初审', '县审定', '公示', '公示', '公示', '公示', '公告出列']);
    const page = await ok(county, 'GET', `/api/v1/villages/${ok1}?year=${YEAR}`);
    expect(page.values.exitYear).toBe(YEAR);
    expect(page.exitCases[0].objections[0]).toMatchObject({ content: '村里道路未全部硬化', resolved: true, upheld: false });
  });

  it('lists villages by flag and verdict, exports them, and keeps other counties out of reach', async () => {
    const places = await createPlaceTree(database, 1, 3);
    const [a, b] = places.villageCodes;
    await poorHouseholds(places, 6, 2, b);
    const county = await client('county_operator', places.countyCode);
    await save(county, a, goodValues(500));
    await save(county, b, goodValues(100, { deepPoorVillage: true }));
    const list = await ok(county, 'GET', `/api/v1/villages?place=${places.countyCode}&year=${YEAR}`);
    expect(list.items.map((i: { code: string; passed: boolean | null }) => [i.code, i.passed])).toEqual([[a, true], [b, false]]);
    const failed = await ok(county, 'GET', `/api/v1/villages?place=${places.countyCode}&year=${YEAR}&verdict=failed&flag=deep`);
    expect(failed.items.map((i: { code: string; incidence: string }) => [i.code, i.incidence])).toEqual([[b, '12.00%']]);
    const xlsx = await county.inject('GET', `/api/v1/villages/export.xlsx?place=${places.countyCode}&year=${YEAR}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const pageXlsx = await county.inject('GET', `/api/v1/villages/${b}/export.xlsx?year=${YEAR}`);
    expect(pageXlsx.statusCode).toBe(200);
    const other = await createPlaceTree(database, 1, 1);
    expect((await county.inject('GET', `/api/v1/villages/${other.villageCodes[0]}?year=${YEAR}`)).statusCode).toBe(404);

    // 挂牌督战 by incidence: 12% > 10% lists b.
    const leader = await client('leader', places.countyCode);
    const listing = await ok(leader, 'GET', `/api/v1/supervision/listing?place=${places.countyCode}&asOf=2020-03-03`);
    expect(listing.villages.map((v: { code: string; reason: string }) => [v.code, v.reason])).toEqual([[b, '2019 年底贫困发生率 12.00%（12 人 / 户籍人口 100 人），超过村级挂牌督战线 10%']]);
  });
});
