import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { buildTestApp, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';
import { api, finishedJob, signedIn, goodColumns, incomeOf, insuredAdult, recompute, storedResults } from '../monitoring/helpers';

const raiseLine = (amount: number) => ({ monitoring: { lineByYear: { 2021: { amount } } } });

describe.each(testDatabases)('policy records on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let admin: Client;
  let leader: Client;
  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database));
    admin = await signedIn(app, database, 'policy_admin', '0');
    leader = await signedIn(app, database, 'leader', '0');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  async function draft(places: TestPlaces, rules: unknown, title = '县监测线调整') {
    const res = await api(admin, 'POST', '/api/v1/policies', { regionCode: places.countyCode, effectiveYear: 2021, title, note: '测试', rules });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  async function activate(id: string) {
    const res = await api(admin, 'POST', `/api/v1/policies/${id}/activate`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const job = await finishedJob(admin, `/api/v1/monitoring/jobs/${res.body.jobId}`, res.body.jobId);
    expect(job.status).toBe('done');
    return res.body;
  }

  it('lists the shipped defaults, seeded once, with region names', async () => {
    const { body } = await api(admin, 'GET', '/api/v1/policies?region=0');
    // The complete national record, and its 2026 successor (防止返贫致贫: 公示 5 days, the 2026 elimination steps).
    expect(body.items.map((i: { id: string }) => i.id)).toEqual(['national', 'national-2026']);
    expect(body.items[0]).toMatchObject({ id: 'national', regionName: '全国', status: 'active', statusLabel: '生效', version: 1 });
    const guangdong = await api(admin, 'GET', '/api/v1/policies/guangdong-relative');
    expect(guangdong.body).toMatchObject({ regionCode: '44', effectiveYear: 2016, rules: { income: { standard: 'relative' } } });
  });

  it('activating a county override raising the monitoring line regrades households, and keeps the old version', async () => {
    const places = await createPlaceTree(database);
    const members = [insuredAdult('王一', '1970-01-01'), insuredAdult('王二', '1971-01-01')];
    const at6200 = await createHousehold(database, places, { members, columns: goodColumns(), incomes: [incomeOf(2020, 6200, 2), incomeOf(2021, 6200, 2)] });
    const at6600 = await createHousehold(database, places, { members, columns: goodColumns(), incomes: [incomeOf(2020, 6600, 2), incomeOf(2021, 6600, 2)] });
    await recompute(admin, places.countyCode, 2021);
    const before = await storedResults(database, places.countyCode, 2021);
    expect(before.get(at6200.householdNo)).toMatchObject({ risk_grade: 'green', policy_key: '0@2011v1' });

    const first = await draft(places, raiseLine(6500));
    expect(first).toMatchObject({ status: 'draft', version: 1, regionName: `测试县${places.countyCode}` });
    const activation = await activate(first.id);
    expect(activation).toMatchObject({ policy: { status: 'active', version: 1 }, superseded: null });

    const after = await storedResults(database, places.countyCode, 2021);
    expect(after.get(at6200.householdNo)).toMatchObject({ risk_grade: 'yellow', risk_reasons: 8, policy_key: `0@2011v1+${places.countyCode}@2021v1` });
    expect(after.get(at6600.householdNo)).toMatchObject({ risk_grade: 'green' });
    const yellow = await api(leader, 'GET', `/api/v1/monitoring/households?place=${places.countyCode}&year=2021&grade=yellow`);
    expect(yellow.body.items.map((i: { householdNo: string }) => i.householdNo)).toEqual([at6200.householdNo]);

    const second = await draft(places, raiseLine(7000), '县监测线再调整');
    expect(second.version).toBe(2);
    const again = await activate(second.id);
    expect(again.superseded).toBe(first.id);
    const old = await api(admin, 'GET', `/api/v1/policies/${first.id}`);
    expect(old.body).toMatchObject({ status: 'superseded', rules: raiseLine(6500) });
    expect((await storedResults(database, places.countyCode, 2021)).get(at6600.householdNo)).toMatchObject({ risk_grade: 'yellow', policy_key: `0@2011v1+${places.countyCode}@2021v2` });

    const effective = await api(admin, 'GET', `/api/v1/policies/effective?place=${places.villageCodes[0]}&year=2021`);
    expect(effective.body.versions.map((v: { id: string }) => v.id)).toEqual(['national', second.id]);
    expect(effective.body.rules.monitoring.lineByYear['2021']).toEqual({ amount: 7000 });
    expect(effective.body.rules.income.povertyLineByYear['2020']).toBe(4000);

    const compare = await api(admin, 'GET', `/api/v1/policies/compare?a=${first.id}&b=${second.id}`);
    expect(compare.body.differences).toEqual([
      { path: 'monitoring.lineByYear.2021.amount', field: '防返贫监测 · 监测线（按年） · 2021 · 监测线金额（元/人·年）', a: 6500, b: 7000 },
    ]);
    const effectiveCompare = await api(admin, 'GET', `/api/v1/policies/compare?a=national&b=${second.id}&mode=effective`);
    expect(effectiveCompare.body.differences.map((d: { path: string }) => d.path)).toEqual(['monitoring.lineByYear.2021.amount']);

    const audit = await database.db.selectFrom('audit_event').select(['action', 'object_id']).where('object_type', '=', 'policy_record').where('object_id', 'in', [first.id, second.id]).orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.object_id])).toEqual([
      ['policy.create', first.id],
      ['policy.activate', first.id],
      ['policy.create', second.id],
      ['policy.activate', second.id],
    ]);
  });

  it('edits a draft, and refuses to change an active version', async () => {
    const places = await createPlaceTree(database);
    const d = await draft(places, raiseLine(6100));
    const edited = await api(admin, 'PUT', `/api/v1/policies/${d.id}`, { title: '改过的标题', rules: raiseLine(6300) });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: '改过的标题', rules: raiseLine(6300), status: 'draft' });
    const audit = await database.db.selectFrom('audit_event').select(['action', 'before', 'after']).where('object_id', '=', d.id).where('action', '=', 'policy.update').executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ rules: raiseLine(6100) });
    expect(audit.after).toMatchObject({ rules: raiseLine(6300) });
    await activate(d.id);
    const change = await api(admin, 'PUT', `/api/v1/policies/${d.id}`, { rules: raiseLine(6400) });
    expect(change.status).toBe(409);
    expect(change.body.error.message).toContain('已生效，不能修改');
    const twice = await api(admin, 'POST', `/api/v1/policies/${d.id}/activate`);
    expect(twice.status).toBe(409);
  });

  it('refuses invalid drafts with Chinese messages naming the field and value, saving nothing', async () => {
    const places = await createPlaceTree(database);
    const cases: { body: Record<string, unknown>; message: string }[] = [
      { body: { rules: raiseLine(-5) }, message: '（rules.monitoring.lineByYear.2021.amount）应大于 0，实为 -5' },
      { body: { rules: { water: { minLitresScarce: 50 } } }, message: '缺水地区最低水量 50 高于正常地区 35' },
      { body: { rules: { water: { minLitresScarce: 'twenty' } } }, message: '应为数字，实为 "twenty"' },
      { body: { rules: { roads: { paved: true } } }, message: '不认识的字段：roads' },
      { body: { effectiveYear: 1990, rules: {} }, message: '生效年份（effectiveYear）应不小于 2000' },
      { body: { regionCode: '990999', rules: {} }, message: '990999 不是已知的行政区划' },
      { body: { title: '', rules: {} }, message: '名称（title）不能为空' },
      { body: { rules: { education: { compulsoryAgeFrom: 16 } } }, message: '义务教育截止年龄 15 小于起始年龄 16' },
    ];
    for (const c of cases) {
      const res = await api(admin, 'POST', '/api/v1/policies', { regionCode: places.countyCode, effectiveYear: 2021, title: '坏草稿', ...c.body });
      expect(res.status, JSON.stringify(c.body)).toBe(400);
      expect(res.body.error.code).toBe('invalid_policy');
      expect(res.body.error.message).toContain(c.message);
    }
    const notObject = await api(admin, 'POST', '/api/v1/policies', [1, 2]);
    expect(notObject.status).toBe(400);
    const saved = await api(admin, 'GET', `/api/v1/policies?region=${places.countyCode}`);
    expect(saved.body.items).toEqual([]);
    const d = await draft(places, raiseLine(6100));
    const badEdit = await api(admin, 'PUT', `/api/v1/policies/${d.id}`, { rules: { housing: { passingGrades: ['E'] } } });
    expect(badEdit.status).toBe(400);
    expect(badEdit.body.error.message).toContain('住房安全 · 达标的鉴定等级');
    expect((await api(admin, 'GET', `/api/v1/policies/${d.id}`)).body.rules).toEqual(raiseLine(6100));
    expect((await api(admin, 'GET', '/api/v1/policies/no-such-policy')).status).toBe(404);
    expect((await api(admin, 'GET', '/api/v1/policies/effective?place=0')).status).toBe(400);
  });
});
