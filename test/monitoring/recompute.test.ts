import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { recomputeAssessments } from '../../src/modules/monitoring/service';
import { buildTestApp } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree } from '../helpers/factory';
import { api, goodColumns, incomeOf, insuredAdult, recompute, signedIn, storedResults } from './helpers';

describe.each(testDatabases)('recompute, overview, list and checklist on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const members = [insuredAdult('张大山', '1970-03-01'), insuredAdult('李小红', '1972-05-02')];

  it('stores each household’s result with the policy versions used, and shows them in the overview and list', async () => {
    const places = await createPlaceTree(database);
    const op = await signedIn(app, database, 'county_operator', places.countyCode);
    const good = await createHousehold(database, places, { members, columns: goodColumns(), incomes: [incomeOf(2020, 9000, 2), incomeOf(2021, 9000, 2)] });
    const dangerousHouse = await createHousehold(database, places, {
      villageCode: places.villageCodes[3],
      members,
      columns: { ...goodColumns(), house_grade: 'D', house_renovated: false },
      incomes: [incomeOf(2020, 9000, 2), incomeOf(2021, 9000, 2)],
    });
    const nearLine = await createHousehold(database, places, { members, columns: goodColumns(), incomes: [incomeOf(2020, 5000, 2), incomeOf(2021, 5000, 2)] });

    const job = await recompute(op, places.countyCode, 2021);
    expect(job).toMatchObject({ kind: 'recompute', status: 'done', progress: 1 });
    expect(job.result.summaries[0]).toMatchObject({ place: places.countyCode, year: 2021, households: 3 });

    const stored = await storedResults(database, places.countyCode, 2021);
    expect(stored.get(good.householdNo)).toMatchObject({ outcome: 'meets', criteria: 'PPPPPPP', risk_grade: 'green', risk_reasons: 0, persons: 2, policy_key: '0@2011v1' });
    expect(stored.get(dangerousHouse.householdNo)).toMatchObject({ outcome: 'does_not_meet', criteria: 'PPPPPFP', risk_grade: 'red', risk_reasons: 2 });
    expect(stored.get(nearLine.householdNo)).toMatchObject({ outcome: 'meets', risk_grade: 'yellow', risk_reasons: 8 });

    const overview = await api(op, 'GET', `/api/v1/monitoring/overview?place=${places.countyCode}&year=2021`);
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({ year: 2021, households: 3, persons: 6, policyKeys: ['0@2011v1'] });
    expect(overview.body.grades).toMatchObject({ red: { households: 1, persons: 2 }, yellow: { households: 1, persons: 2 }, green: { households: 1, persons: 2 } });
    expect(overview.body.children.map((c: { code: string; households: number }) => [c.code, c.households])).toEqual([
      [places.townshipCodes[0], 2],
      [places.townshipCodes[1], 1],
    ]);
    expect(overview.body.children[1].grades.red.households).toBe(1);

    const red = await api(op, 'GET', `/api/v1/monitoring/households?place=${places.countyCode}&grade=red`);
    expect(red.body).toMatchObject({ year: 2021, total: 1 });
    expect(red.body.items[0]).toMatchObject({ householdNo: dangerousHouse.householdNo, failing: ['housing'], riskReasons: ['criterion_failed'], headName: '张大山' });
    expect(red.body.items[0].placePath).toContain('测试2镇');
    const failingHousing = await api(op, 'GET', `/api/v1/monitoring/households?place=${places.countyCode}&failing=housing`);
    expect(failingHousing.body.items.map((i: { householdNo: string }) => i.householdNo)).toEqual([dangerousHouse.householdNo]);
    const all = await api(op, 'GET', `/api/v1/monitoring/households?place=${places.countyCode}&pageSize=2&page=1`);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((i: { riskGrade: string }) => i.riskGrade)).toEqual(['red', 'yellow']);
  });

  it('shows a household’s checklist with values, reasons, grade, versions and whether the stored result is current', async () => {
    const places = await createPlaceTree(database);
    const op = await signedIn(app, database, 'county_operator', places.countyCode);
    const h = await createHousehold(database, places, { members, columns: { ...goodColumns(), water_lpd: 30 }, incomes: [incomeOf(2020, 9000, 2), incomeOf(2021, 9000, 2)] });
    const before = await api(op, 'GET', `/api/v1/households/${h.householdNo}/assessment?year=2021`);
    expect(before.status).toBe(200);
    expect(before.body.stored).toBeNull();
    await recompute(op, places.countyCode, 2021);
    const { body } = await api(op, 'GET', `/api/v1/households/${h.householdNo}/assessment?year=2021`);
    expect(body).toMatchObject({ householdNo: h.householdNo, year: 2021, outcome: 'does_not_meet', failing: ['water'], policyKey: '0@2011v1' });
    const water = body.criteria.find((c: { criterion: string }) => c.criterion === 'water');
    expect(water).toMatchObject({ status: 'fail', label: '饮水安全有保障', values: { litresPerDay: 30 } });
    expect(water.reason).toContain('水量 30 升/人·日，低于正常地区标准 35 升');
    expect(body.risk).toMatchObject({ grade: 'red', gradeLabel: '红色' });
    expect(body.policyVersions[0]).toMatchObject({ id: 'national', regionCode: '0', version: 1 });
    expect(body.stored).toMatchObject({ outcome: 'does_not_meet', riskGrade: 'red', current: true, criteria: { water: 'fail', income: 'pass' } });

    await database.db.updateTable('household').set({ water_lpd: 40 }).where('household_no', '=', h.householdNo).execute();
    const changed = await api(op, 'GET', `/api/v1/households/${h.householdNo}/assessment?year=2021`);
    expect(changed.body).toMatchObject({ outcome: 'meets', stored: { outcome: 'does_not_meet', current: false } });
  });

  it('recomputes a past year from that year’s income, status and members', async () => {
    const places = await createPlaceTree(database);
    const op = await signedIn(app, database, 'county_operator', places.countyCode);
    const h = await createHousehold(database, places, {
      status: 'exited',
      exitYear: 2020,
      members: [...members, { ...insuredAdult('张小宝', '2020-06-01'), relation: 'son' }],
      columns: goodColumns(),
      history: [{ year: 2016, status: 'poor' }, { year: 2020, status: 'exited' }],
      incomes: [incomeOf(2018, 3100, 3), incomeOf(2019, 3000, 3), incomeOf(2020, 9000, 3), incomeOf(2021, 5000, 3)],
    });
    await recompute(op, places.countyCode, 2019);
    await recompute(op, places.countyCode, 2021);
    const y2019 = (await storedResults(database, places.countyCode, 2019)).get(h.householdNo)!;
    const y2021 = (await storedResults(database, places.countyCode, 2021)).get(h.householdNo)!;
    // 2019: 3000 yuan is not above that year's line of 3218; the household was poor, so no monitoring suggestion; the child was not yet born.
    expect(y2019).toMatchObject({ outcome: 'does_not_meet', risk_grade: 'red', risk_reasons: 1, suggested_category: null, persons: 2 });
    // 2021: 5000 yuan is above 4000 but below the monitoring line of 6000, and fell by more than 30%; exited in 2020 → 脱贫不稳定户.
    expect(y2021).toMatchObject({ outcome: 'meets', risk_grade: 'yellow', risk_reasons: 8 + 16, suggested_category: 'unstable', persons: 3 });
    const checklist2019 = await api(op, 'GET', `/api/v1/households/${h.householdNo}/assessment?year=2019`);
    expect(checklist2019.body.income).toMatchObject({ year: 2019, perCapitaNet: 3000, line: 3218, meetsLine: false });
    expect(checklist2019.body.stored.current).toBe(true);
  });

  it('covers every household of the place in small batches, replacing the results of the year, and reports progress', async () => {
    const places = await createPlaceTree(database);
    const other = await createPlaceTree(database);
    const made = [];
    for (let i = 0; i < 11; i++) made.push(await createHousehold(database, places, { villageCode: places.villageCodes[i % 4], members, columns: goodColumns(), incomes: [incomeOf(2021, 7000 + i, 2)] }));
    const outside = await createHousehold(database, other, { members, columns: goodColumns(), incomes: [incomeOf(2021, 7000, 2)] });
    await database.db.updateTable('household').set({ status: 'deregistered' }).where('household_no', '=', made[10].householdNo).execute();
    const progress: number[] = [];
    const first = await recomputeAssessments(database, { place: places.countyCode, year: 2021, batchSize: 3, onProgress: (p) => progress.push(p.done) });
    expect(first).toMatchObject({ households: 10, batches: 4, year: 2021, policies: [{ region: '0', policyKey: '0@2011v1' }] });
    expect(progress.at(-1)).toBe(11);
    expect(progress[0]).toBe(0);
    const stored = await storedResults(database, places.countyCode, 2021);
    expect([...stored.keys()].sort()).toEqual(made.slice(0, 10).map((h) => h.householdNo).sort());
    expect((await storedResults(database, other.countyCode, 2021)).has(outside.householdNo)).toBe(false);
    const inFirst = made.slice(0, 10).filter((h) => h.townshipCode === places.townshipCodes[0]);
    const computedAt = async (no: string) => (await database.db.selectFrom('assessment_result').select('computed_at').where('household_no', '=', no).executeTakeFirstOrThrow()).computed_at;
    const unchangedAt = await computedAt(inFirst[1].householdNo);
    await database.db.updateTable('household').set({ status: 'deregistered' }).where('household_no', '=', inFirst[0].householdNo).execute();
    await database.db.updateTable('household').set({ house_grade: 'D' }).where('household_no', '=', inFirst[2].householdNo).execute();
    const again = await recomputeAssessments(database, { place: places.townshipCodes[0], year: 2021, batchSize: 2 });
    expect(again.households).toBe(inFirst.length - 1);
    const after = await storedResults(database, places.countyCode, 2021);
    expect(after.size).toBe(9);
    expect(after.has(inFirst[0].householdNo)).toBe(false);
    expect(after.get(inFirst[2].householdNo)).toMatchObject({ risk_grade: 'red', criteria: 'PPPPPFP' });
    expect(await computedAt(inFirst[1].householdNo)).toEqual(unchangedAt);
  });

  it('records risk events with validation, and a serious one regrades the household red', async () => {
    const places = await createPlaceTree(database);
    const op = await signedIn(app, database, 'county_operator', places.countyCode);
    const h = await createHousehold(database, places, { members, columns: goodColumns(), incomes: [incomeOf(2020, 9000, 2), incomeOf(2021, 9000, 2)] });
    const url = `/api/v1/households/${h.householdNo}/risk-events`;
    const added = await api(op, 'POST', url, { type: 'illness', occurredOn: '2021-05-01', cost: 9000.01, note: '住院' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ type: 'illness', typeLabel: '因病', occurredOn: '2021-05-01', cost: 9000.01 });
    const bad = [
      [{ type: 'flood', occurredOn: '2021-05-01', cost: 1 }, '风险类型（type）应为'],
      [{ type: 'illness', occurredOn: '2021-02-30', cost: 1 }, '2021-02-30 不是有效日期'],
      [{ type: 'illness', occurredOn: '2999-01-01', cost: 1 }, '晚于今天'],
      [{ type: 'illness', occurredOn: '2021-05-01', cost: -3 }, '不能为负数'],
    ] as const;
    for (const [body, message] of bad) {
      const res = await api(op, 'POST', url, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
    expect((await api(op, 'POST', '/api/v1/households/NO-SUCH/risk-events', { type: 'illness', occurredOn: '2021-05-01', cost: 1 })).status).toBe(404);
    const list = await api(op, 'GET', url);
    expect(list.body.items).toHaveLength(1);
    await recompute(op, places.countyCode, 2021);
    expect((await storedResults(database, places.countyCode, 2021)).get(h.householdNo)).toMatchObject({ risk_grade: 'red', risk_reasons: 4 });
    const audit = await database.db.selectFrom('audit_event').select('action').where('object_id', '=', h.householdNo).execute();
    expect(audit.map((a) => a.action)).toEqual(['household.risk_event.add']);
  });

  it('refuses bad input and unknown places in Chinese', async () => {
    const places = await createPlaceTree(database);
    const op = await signedIn(app, database, 'county_operator', places.countyCode);
    const bad = await api(op, 'POST', '/api/v1/monitoring/recompute', { place: '12345', year: 2021 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('行政区划代码');
    const unknown = await api(op, 'POST', '/api/v1/monitoring/recompute', { place: '990000', year: 2021 });
    expect(unknown.status).toBe(404);
    const year = await api(op, 'GET', '/api/v1/monitoring/overview?place=0&year=1800');
    expect(year.status).toBe(400);
    expect(year.body.error.message).toContain('年份');
    const failing = await api(op, 'GET', '/api/v1/monitoring/households?failing=roads');
    expect(failing.status).toBe(400);
    expect(failing.body.error.message).toContain('未达标指标');
    const job = await api(op, 'GET', '/api/v1/monitoring/jobs/99999999');
    expect(job.status).toBe(404);
    const household = await api(op, 'GET', '/api/v1/households/NO-SUCH-HOUSEHOLD/assessment');
    expect(household.status).toBe(404);
  });
});
