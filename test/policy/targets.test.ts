/**
 * Policy settings that were stored but never evaluated (issue 23), each at its boundary through
 * the API: the monitoring scale cap (exactly reached, one household over, a deep-poverty county,
 * no cap from 2021), the industry income target (exactly 2000 yuan per person, one yuan short,
 * no income record), and a policy draft with impossible values refused with the field in Chinese.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { buildTestApp, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { api, finishedJob, goodColumns, incomeOf, insuredAdult, signedIn } from '../monitoring/helpers';

describe.each(testDatabases)('policy targets on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let admin: Client;
  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database));
    admin = await signedIn(app, database, 'policy_admin', '0');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  async function activePolicy(places: TestPlaces, rules: unknown, effectiveYear = 2016) {
    const created = await api(admin, 'POST', '/api/v1/policies', { regionCode: places.countyCode, effectiveYear, title: '县政策', note: '测试', rules });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await api(admin, 'POST', `/api/v1/policies/${created.body.id}/activate`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await finishedJob(admin, `/api/v1/monitoring/jobs/${res.body.jobId}`, res.body.jobId);
  }

  const addIndustry = (h: CreatedHousehold, year: number) =>
    database.db.insertInto('household_measure').values({ county_code: h.countyCode, household_no: h.householdNo, year, measure_type: 'industry', role: 'main', persons: 2, started_on: `${year}-03-01` }).execute();

  it('lists a county over the monitoring cap only when monitored persons exceed 5% (10% in a deep-poverty county) of registered persons; none from 2021', async () => {
    const places = await createPlaceTree(database, 1, 1);
    const operator = await signedIn(app, database, 'county_operator', places.countyCode);
    for (let i = 0; i < 19; i++) await createHousehold(database, places);
    await createHousehold(database, places, { status: 'monitored', monitorCategory: 'unstable', exitYear: 2019 });
    const cap = async (year: number) => (await api(operator, 'GET', `/api/v1/monitoring/cap?place=${places.countyCode}&year=${year}`)).body;

    // 2 of 40 registered persons: exactly 5%, not over.
    let report = await cap(2020);
    expect(report.counties).toEqual([expect.objectContaining({ code: places.countyCode, registeredPersons: 40, monitoredPersons: 2, capShare: 0.05, over: false })]);
    expect(report.counties[0].reason).toBe('监测对象 2 人，占建档立卡人口 40 人的 5%，未超过上限 5%（2020 年规则）');
    expect(report.overCap).toEqual([]);

    // A marginal household (never registered) adds 2 monitored persons: 4 of 40 = 10% > 5%.
    await createHousehold(database, places, { status: 'monitored', monitorCategory: 'marginal', identifiedYear: null, history: [] });
    report = await cap(2020);
    expect(report.overCap.map((c: { code: string }) => c.code)).toEqual([places.countyCode]);
    expect(report.overCap[0].reason).toBe('监测对象 4 人，占建档立卡人口 40 人的 10%，超过上限 5%（2020 年规则）');
    expect((await cap(2021)).counties[0]).toMatchObject({ capShare: null, over: false, reason: '2021 年不设监测对象规模上限' });

    // As a deep-poverty county the cap is 10%: exactly reached, not over.
    await activePolicy(places, { monitoring: { deepPovertyCounties: [places.countyCode] } });
    report = await cap(2020);
    expect(report.counties[0]).toMatchObject({ capShare: 0.1, deepPoverty: true, over: false, reason: '监测对象 4 人，占建档立卡人口 40 人的 10%，未超过深度贫困县上限 10%（2020 年规则）' });

    const file = await operator.inject('GET', `/api/v1/monitoring/cap/export.xlsx?place=${places.countyCode}&year=2020`);
    expect(file.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect((book.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(['县代码', '县', '建档立卡人口', '监测对象人数', '比例上限', '深度贫困县', '超过上限', '说明']);
    expect((book.worksheets[0].getRow(2).values as unknown[]).slice(1, 8)).toEqual([places.countyCode, `测试县${places.countyCode}`, 40, 4, '10%', '是', '否']);

    const noYear = await api(operator, 'GET', `/api/v1/monitoring/cap?place=${places.countyCode}`);
    expect(noYear.status).toBe(400);
    expect(JSON.stringify(noYear.body)).toContain('年度（year）应为数字，须写明');
    const other = await signedIn(app, database, 'county_operator', (await createPlaceTree(database, 1, 1)).countyCode);
    const outside = await api(other, 'GET', `/api/v1/monitoring/cap?place=${places.countyCode}&year=2020`);
    expect(outside.status).toBe(404);
    expect(JSON.stringify(outside.body)).not.toContain('监测对象');
  });

  it('reports the industry income target of poor households with industry support: exactly 2000 yuan per person meets it', async () => {
    const places = await createPlaceTree(database, 1, 2);
    const operator = await signedIn(app, database, 'county_operator', places.countyCode);
    const income = (productionNet: number) => [{ year: 2020, productionNet, wages: 5000 }];
    const exact = await createHousehold(database, places, { incomes: income(4000) });
    const short = await createHousehold(database, places, { incomes: income(3998), villageCode: places.villageCodes[1] });
    const none = await createHousehold(database, places, { incomes: [] });
    const unsupported = await createHousehold(database, places, { incomes: income(0) });
    const exited = await createHousehold(database, places, { status: 'exited', exitYear: 2019, incomes: income(0) });
    for (const h of [exact, short, none, exited]) await addIndustry(h, 2020);
    void unsupported;
    const report = async () => (await api(operator, 'GET', `/api/v1/monitoring/industry-income?place=${places.countyCode}&year=2020`)).body;

    // No target set (the default outside 商丘): nothing is reported.
    await activePolicy(places, { income: { industryIncomeTarget: null } });
    expect((await report()).totals).toEqual({ supported: 0, meeting: 0, short: 0, noIncome: 0 });

    await activePolicy(places, { income: { industryIncomeTarget: 2000 } }, 2018);
    const r = await report();
    expect(r.totals).toEqual({ supported: 3, meeting: 1, short: 1, noIncome: 1 });
    expect(r.byPlace).toEqual([
      { code: places.townshipCodes[0], name: '测试1镇', supported: 3, meeting: 1, short: 1, noIncome: 1 },
    ]);
    const byNo = new Map(r.households.map((h: { householdNo: string }) => [h.householdNo, h]));
    expect(byNo.get(exact.householdNo)).toMatchObject({ perCapita: 2000, meets: true, reason: '人均产业收入 2,000.00 元，达到产业增收目标 2,000 元' });
    expect(byNo.get(short.householdNo)).toMatchObject({ perCapita: 1999, meets: false, reason: '人均产业收入 1,999.00 元，低于产业增收目标 2,000 元' });
    expect(byNo.get(none.householdNo)).toMatchObject({ meets: null, reason: '缺少 2020 年收入记录，不能判定产业增收目标' });

    const town = (await api(operator, 'GET', `/api/v1/monitoring/industry-income?place=${places.townshipCodes[0]}&year=2020`)).body;
    expect(town.byPlace.map((p: { code: string; supported: number }) => [p.code, p.supported])).toEqual([[places.villageCodes[0], 2], [places.villageCodes[1], 1]]);

    const file = await operator.inject('GET', `/api/v1/monitoring/industry-income/export.xlsx?place=${places.countyCode}&year=2020`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['按地区', '逐户']);
    expect(book.worksheets[1].rowCount).toBe(4);
  });

  it('what-if on a draft changing each setting reports the households and places it would change', async () => {
    const places = await createPlaceTree(database, 1, 1);
    for (let i = 0; i < 19; i++) await createHousehold(database, places);
    await createHousehold(database, places, { status: 'monitored', monitorCategory: 'unstable', exitYear: 2019 });
    const members = [insuredAdult('甲', '1970-01-01'), insuredAdult('乙', '1971-01-01')].map((m, i) => ({ ...m, relation: i === 0 ? 'head' : 'spouse' }));
    const good = (perCapita: number) => createHousehold(database, places, { status: 'not_poor', identifiedYear: null, history: [], members, incomes: [incomeOf(2020, perCapita, 2)], columns: goodColumns() });
    const below = await good(4999.99);
    const at = await good(5000);
    const supported = await createHousehold(database, places, { incomes: [{ year: 2020, productionNet: 4400, wages: 5000 }] });
    await addIndustry(supported, 2020);
    await activePolicy(places, { income: { industryIncomeTarget: 2000 } });

    const relativePoverty = { householdLine: 4000, priceBaseYear: 2014, householdLineByYear: { 2020: 5000 }, villageIncomeLine: 8000, villagePoorShareMin: 0.05, householdExitShare: 0.45, villageExitShare: 0.6, provincialRuralIncomeByYear: { 2020: 20143.4 } };
    const policy = {
      regionCode: places.countyCode, effectiveYear: 2016, title: '测算', rules: {
        income: { industryIncomeTarget: 2500, standard: 'relative' },
        relativePoverty,
        monitoring: { capByYear: { 2020: { share: 0.04, deepPovertyShare: 0.1 } } },
        procedures: { riskEliminationStableMonths: 12, riskEliminationMinMeasures: 2, countySpotCheckShare: 0.2 },
        exitStandards: { countyCentralSpotCheckShare: 0.3 },
      },
    };
    const started = await api(admin, 'POST', '/api/v1/policies/what-if', { policy, year: 2020, place: places.countyCode });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const job = await finishedJob(admin, `/api/v1/policies/what-if/${started.body.jobId}`, started.body.jobId);
    expect(job.status, job.message).toBe('done');
    const w = job.result;
    // Guangdong-style identification line of 5000 (4000 at 2014 prices adjusted): one fen below it turns red; at it,
    // yellow as before (below the national monitoring line), now short of the relative exit income.
    expect(w.transitions).toEqual(expect.arrayContaining([
      expect.objectContaining({ gradeBefore: 'yellow', gradeAfter: 'red', outcomeBefore: 'meets', outcomeAfter: 'does_not_meet', households: 1 }),
      expect.objectContaining({ gradeBefore: 'yellow', gradeAfter: 'yellow', outcomeBefore: 'meets', outcomeAfter: 'does_not_meet', households: 1 }),
    ]));
    void below; void at;
    expect(w.targets.capCounties).toEqual([expect.objectContaining({ code: places.countyCode, overBefore: false, overAfter: true, after: '监测对象 2 人，占建档立卡人口 42 人的 4.76%，超过上限 4%（2020 年规则）' })]);
    expect(w.targets.industryHouseholds).toEqual([expect.objectContaining({ householdNo: supported.householdNo, before: '人均产业收入 2,200.00 元，达到产业增收目标 2,000 元', after: '人均产业收入 2,200.00 元，低于产业增收目标 2,500 元' })]);
    expect(w.targets.industryPlaces).toEqual([expect.objectContaining({ code: places.townshipCodes[0], meetingBefore: 1, meetingAfter: 0 })]);
    expect(w.targets.procedureSettings.map((p: { path: string; after: unknown }) => [p.path, p.after])).toEqual(expect.arrayContaining([
      ['procedures.riskEliminationStableMonths', 12], ['procedures.riskEliminationMinMeasures', 2], ['procedures.countySpotCheckShare', 0.2], ['exitStandards.countyCentralSpotCheckShare', 0.3],
    ]));
  });

  it('refuses a draft with an impossible value, naming the field in Chinese', async () => {
    const places = await createPlaceTree(database, 1, 1);
    const refused = async (rules: unknown) => {
      const res = await api(admin, 'POST', '/api/v1/policies', { regionCode: places.countyCode, effectiveYear: 2020, title: '错误', rules });
      expect(res.status).toBe(400);
      return JSON.stringify(res.body);
    };
    expect(await refused({ monitoring: { capByYear: { 2020: { share: 1.5, deepPovertyShare: 0.1 } } } })).toContain('监测对象占建档立卡人口比例上限');
    expect(await refused({ income: { industryIncomeTarget: -1 } })).toContain('有产业扶持的未脱贫户人均产业收入目标');
    expect(await refused({ relativePoverty: { householdLine: -4000 } })).toContain('相对贫困户识别标准');
    expect(await refused({ monitoring: { lookbackMonths: 0 } })).toContain('纳入监测的收入核算期（月）');
    expect(await refused({ procedures: { riskEliminationStableMonths: 0 } })).toContain('风险消除：收入稳定高于监测线的月数');
    expect(await refused({ exitStandards: { countyCentralSpotCheckShare: 1.01 } })).toContain('中央对摘帽县抽查比例');
  });
});
