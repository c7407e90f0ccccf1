/**
 * Projects, funds and micro-loans over HTTP: the balance invariant under parallel
 * disbursements, the fund-rule panel, the 6:3:1 split, loan limits, extensions and overdue
 * transitions feeding the household's risk, and the access matrix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';

describe.each(testDatabases)('projects, funds and loans ($name)', (t) => {
  let database: Database;
  let app: FastifyInstance;
  let places: TestPlaces;
  let other: TestPlaces;
  let op: Client;
  let leader: Client;
  let outsider: Client;
  let households: CreatedHousehold[];

  beforeAll(async () => {
    database = await t.open();
    ({ app } = await buildTestApp(database));
    places = await createPlaceTree(database, 1, 2);
    other = await createPlaceTree(database, 1, 1);
    households = [await createHousehold(database, places), await createHousehold(database, places), await createHousehold(database, places, { villageCode: places.villageCodes[1] })];
    op = await loginAs(app, (await makeUser(database, 'county_operator', places.countyCode)).username);
    leader = await loginAs(app, (await makeUser(database, 'leader', places.countyCode)).username);
    outsider = await loginAs(app, (await makeUser(database, 'county_operator', other.countyCode)).username);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const project = (over: Record<string, unknown> = {}) => ({
    placeCode: places.townshipCodes[0], year: 2024, name: '烤烟种植', industry: '烤烟', type: 'planting', scale: 6600, scaleUnit: '亩',
    plannedOutput: 25467000, leadDepartment: '产业办', plannedStart: '2024-02-01', benefitLink: 'order', coveredHouseholds: 243, avgIncomeGain: 14366, ...over,
  });
  const ok = async (c: Client, method: string, url: string, body?: unknown, status = 200) => {
    const res = await c.inject(method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  it('keeps a project library with status steps and coverage in seed 000 shape', async () => {
    const p = await ok(op, 'POST', '/api/v1/projects', project(), 201);
    expect(p).toMatchObject({ status: 'planned', nextStatus: 'approved', plannedOutput: 25467000, countyCode: places.countyCode });
    const skip = await op.inject('POST', `/api/v1/projects/${p.id}/status`, { status: 'started' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.message).toContain('下一步只能是“已批复”');
    await ok(op, 'POST', `/api/v1/projects/${p.id}/status`, { status: 'approved', onDate: '2024-01-20' });
    const started = await ok(op, 'POST', `/api/v1/projects/${p.id}/status`, { status: 'started', onDate: '2024-02-10' });
    expect(started).toMatchObject({ status: 'started', startedOn: '2024-02-10' });
    const withBeneficiaries = await ok(op, 'PUT', `/api/v1/projects/${p.id}/beneficiaries`, { households: households.slice(0, 2).map((h) => ({ householdNo: h.householdNo, incomeGain: 14366 })) });
    expect(withBeneficiaries.beneficiaryList).toHaveLength(2);
    // The village is shown by its township and village names (the code stays for the title).
    expect(withBeneficiaries.beneficiaryList[0]).toMatchObject({ villageCode: households[0].villageCode, villageName: '测试1镇测试1镇1村村委会' });
    const foreign = await op.inject('PUT', `/api/v1/projects/${p.id}/beneficiaries`, { households: [{ householdNo: '不存在-001' }] });
    expect(foreign.statusCode).toBe(400);
    const coverage = await ok(leader, 'GET', `/api/v1/projects/coverage?place=${places.countyCode}&year=2024`);
    expect(coverage.lines).toEqual([expect.objectContaining({ industry: '烤烟', scale: 6600, scaleUnit: '亩', plannedOutput: 25467000, coveredHouseholds: 243, avgIncomeGain: 14366, linkedHouseholds: 2, linkedAvgIncomeGain: 14366 })]);
    const xlsx = await leader.inject('GET', `/api/v1/projects/export.xlsx?place=${places.countyCode}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('never overdraws: parallel disbursements beyond the allocation are refused with a clear error', async () => {
    const p = await ok(op, 'POST', '/api/v1/projects', project({ name: '生猪养殖', industry: '生猪', type: 'livestock', scaleUnit: '头' }), 201);
    const source = await ok(op, 'POST', '/api/v1/funds/sources', { placeCode: places.countyCode, year: 2024, kind: 'central', name: '中央财政专项扶贫资金', amount: 1000 }, 201);
    const over = await op.inject('POST', '/api/v1/funds/allocations', { sourceId: source.id, projectId: p.id, amount: 1000.01, allocatedOn: '2024-02-01' });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.message).toContain('可分配余额 1,000.00 元，不足分配 1,000.01 元');
    const allocations = await Promise.all(Array.from({ length: 6 }, () => op.inject('POST', '/api/v1/funds/allocations', { sourceId: source.id, projectId: p.id, amount: 300, allocatedOn: '2024-02-01' })));
    expect(allocations.filter((r) => r.statusCode === 201)).toHaveLength(3);
    const allocation = allocations.find((r) => r.statusCode === 201)!.json();
    const payments = await Promise.all(Array.from({ length: 10 }, (_, i) => op.inject('POST', '/api/v1/funds/disbursements', { allocationId: allocation.id, paidOn: '2024-02-20', voucherNo: `记-${i}`, amount: 70 })));
    expect(payments.filter((r) => r.statusCode === 201)).toHaveLength(4);
    const refused = payments.filter((r) => r.statusCode === 409);
    expect(refused).toHaveLength(6);
    expect(refused[0].json().error.message).toContain('未拨付余额 20.00 元，不足拨付 70.00 元');
    const [after] = (await ok(leader, 'GET', `/api/v1/funds/allocations?place=${places.countyCode}&projectId=${p.id}`)).filter((a: { id: number }) => a.id === allocation.id);
    expect(after).toMatchObject({ amount: 300, disbursed: 280, balance: 20 });
    const sources = await ok(leader, 'GET', `/api/v1/funds/sources?place=${places.countyCode}&year=2024`);
    expect(sources.find((s: { id: number }) => s.id === source.id)).toMatchObject({ amount: 1000, allocated: 900, disbursed: 280, unallocated: 100 });
    const direct = await ok(op, 'POST', '/api/v1/funds/allocations', { sourceId: source.id, householdNo: households[2].householdNo, amount: 100, allocatedOn: '2024-02-01' }, 201);
    expect(direct).toMatchObject({ householdNo: households[2].householdNo, placeCode: households[2].villageCode });
    const disclosure = await ok(leader, 'GET', `/api/v1/funds/disclosure?place=${households[2].villageCode}&year=2024`);
    expect(disclosure).toMatchObject({ totalAllocated: 100, totalDisbursed: 0 });
  });

  it('checks the fund rules of the county at their boundaries with the values read', async () => {
    const places2 = await createPlaceTree(database, 1, 1);
    const op2 = await loginAs(app, (await makeUser(database, 'county_operator', places2.countyCode)).username);
    const rules = async () => Object.fromEntries((await ok(op2, 'GET', `/api/v1/funds/rules?place=${places2.countyCode}&year=2024`)).rules.map((r: { code: string; pass: boolean | null }) => [r.code, r.pass]));
    expect(await rules()).toEqual({ industrial_share: null, crop_livestock_processing_share: null, first_quarter_start_rate: null, photovoltaic_welfare_share: null });
    const source = await ok(op2, 'POST', '/api/v1/funds/sources', { placeCode: places2.countyCode, year: 2024, kind: 'province', name: '省级资金', amount: 1000 }, 201);
    const mk = async (type: string, started?: string) => {
      const p = await ok(op2, 'POST', '/api/v1/projects', project({ placeCode: places2.villageCodes[0], type }), 201);
      if (started) {
        await ok(op2, 'POST', `/api/v1/projects/${p.id}/status`, { status: 'approved', onDate: started });
        await ok(op2, 'POST', `/api/v1/projects/${p.id}/status`, { status: 'started', onDate: started });
      }
      return p.id;
    };
    const planting = await mk('planting', '2024-01-10');
    const tourism = await mk('tourism');
    const allocate = (projectId: number, amount: number) => ok(op2, 'POST', '/api/v1/funds/allocations', { sourceId: source.id, projectId, amount, allocatedOn: '2024-01-05' }, 201);
    await allocate(planting, 399.99);
    await allocate(tourism, 100);
    expect(await rules()).toMatchObject({ industrial_share: false, crop_livestock_processing_share: false, first_quarter_start_rate: true });
    await allocate(planting, 0.01);
    expect(await rules()).toMatchObject({ industrial_share: true, crop_livestock_processing_share: true });
    await ok(op2, 'PUT', '/api/v1/funds/pv-revenue', { villageCode: places2.villageCodes[0], year: 2024, revenue: 1000, welfareJobs: 799.99 });
    expect((await rules()).photovoltaic_welfare_share).toBe(false);
    await ok(op2, 'PUT', '/api/v1/funds/pv-revenue', { villageCode: places2.villageCodes[0], year: 2024, revenue: 1000, welfareJobs: 800 });
    const panel = await ok(op2, 'GET', `/api/v1/funds/rules?place=${places2.countyCode}&year=2024`);
    expect(panel.rules.find((r: { code: string }) => r.code === 'photovoltaic_welfare_share')).toMatchObject({ pass: true, share: 0.8, threshold: 0.8 });
    expect(panel.rules[0].text).toBe('2024 年统筹整合资金 1,000.00 元，安排产业项目 500.00 元，占 50.0%，达到不低于 50.0% 的要求');
    await mk('livestock');
    expect((await rules()).first_quarter_start_rate).toBe(false);
  });

  it('computes seed 003 per-person fund shared 6:3:1', async () => {
    const split = await ok(op, 'GET', `/api/v1/funds/split?place=${places.townshipCodes[0]}&year=2016&persons=3608`);
    expect(split).toMatchObject({ persons: 3608, perPerson: 20000, ratio: '6:3:1', total: 72_160_000 });
    expect(split.shares.map((s: { amount: number }) => s.amount)).toEqual([43_296_000, 21_648_000, 7_216_000]);
    const counted = await ok(op, 'GET', `/api/v1/funds/split?place=${places.countyCode}&year=2016`);
    expect(counted).toMatchObject({ persons: 6, personsFrom: 'registry', total: 120_000 });
  });

  it('grants loans within the policy, extends within 6 months, and an overdue loan opens the household risk', async () => {
    const h = households[0];
    const loan = { householdNo: h.householdNo, lender: '农村信用社', amount: 50000, termMonths: 12, annualRate: 0.0435, subsidyRate: 0.0435, purpose: '发展养殖', issuedOn: '2023-01-15' };
    const tooBig = await op.inject('POST', '/api/v1/loans', { ...loan, amount: 50000.01, termMonths: 37 });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.message).toContain('超过政策上限 50,000.00 元');
    expect(tooBig.json().error.message).toContain('超过政策上限 3 年');
    const made = await ok(op, 'POST', '/api/v1/loans', loan, 201);
    expect(made).toMatchObject({ state: 'overdue', overdueSince: '2024-01-15', storedStatus: 'overdue', schedule: [{ dueOn: '2024-01-15', principal: 50000, interest: 2175 }] });
    const risk = await database.db.selectFrom('household').select('open_risk_types').where('county_code', '=', h.countyCode).where('household_no', '=', h.householdNo).executeTakeFirstOrThrow();
    expect(risk.open_risk_types).toContain('unstable_income');
    const overdueList = await ok(leader, 'GET', `/api/v1/loans?place=${places.countyCode}&state=overdue`);
    expect(overdueList.items.map((l: { id: number }) => l.id)).toContain(made.id);
    const extended = await ok(op, 'POST', `/api/v1/loans/${made.id}/extensions`, { grantedOn: '2024-02-01', months: 4, reason: '受疫情影响还款暂时困难' });
    expect(extended).toMatchObject({ state: 'active', storedStatus: 'active', extendedMonths: 4, nextDueOn: '2024-05-15' });
    const tooLong = await op.inject('POST', `/api/v1/loans/${made.id}/extensions`, { grantedOn: '2024-02-02', months: 3, reason: '再次展期' });
    expect(tooLong.statusCode).toBe(409);
    expect(tooLong.json().error.message).toContain('展期合计 7 个月（已展期 4 个月，本次 3 个月）超过政策上限 6 个月');
    const dueSoon = await ok(leader, 'GET', `/api/v1/loans?place=${places.countyCode}&state=due_soon&dueSoonDays=90`);
    expect(dueSoon.items.map((l: { id: number }) => l.id)).toContain(made.id);
    const repaid = await ok(op, 'POST', `/api/v1/loans/${made.id}/repayments`, { paidOn: '2024-02-20', principal: 50000, interest: 2175 });
    expect(repaid).toMatchObject({ state: 'repaid', storedStatus: 'repaid', outstanding: 0 });
    const again = await op.inject('POST', `/api/v1/loans/${made.id}/repayments`, { paidOn: '2024-02-21', principal: 1 });
    expect(again.statusCode).toBe(409);
  });

  it('moves stored loan states on the overdue check', async () => {
    const h = households[1];
    const made = await ok(op, 'POST', '/api/v1/loans', { householdNo: h.householdNo, lender: '农业银行', amount: 30000, termMonths: 36, installments: 3, annualRate: 0.0435, subsidyRate: 0.03, purpose: '种植烤烟', issuedOn: '2023-02-29'.replace('29', '28') }, 201);
    expect(made).toMatchObject({ state: 'overdue', overdueSince: '2024-02-28', overdueAmount: 10000 });
    await ok(op, 'POST', `/api/v1/loans/${made.id}/repayments`, { paidOn: '2024-02-29', principal: 10000 });
    await database.db.updateTable('loan').set({ status: 'overdue', overdue_since: '2024-02-28' }).where('id', '=', made.id).execute();
    const check = await ok(op, 'POST', `/api/v1/loans/overdue-check?place=${places.countyCode}`);
    expect(check.changes).toEqual([expect.objectContaining({ id: made.id, from: 'overdue', to: 'active' })]);
  });

  it('refuses anonymous, wrong role and other places', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/projects' })).statusCode).toBe(401);
    expect((await leader.inject('POST', '/api/v1/projects', project())).statusCode).toBe(403);
    expect((await outsider.inject('GET', `/api/v1/projects?place=${places.countyCode}`)).statusCode).toBe(404);
    const list = await ok(op, 'GET', `/api/v1/projects?place=${places.countyCode}`);
    expect((await outsider.inject('GET', `/api/v1/projects/${list.items[0].id}`)).statusCode).toBe(404);
    expect((await outsider.inject('POST', '/api/v1/projects', project())).statusCode).toBe(404);
    expect((await outsider.inject('GET', `/api/v1/funds/rules?place=${places.countyCode}&year=2024`)).statusCode).toBe(404);
    const audit = await database.db.selectFrom('audit_event').select('action').where('action', 'in', ['project.create', 'fund.disburse', 'loan.extension', 'household.risk_type.open']).execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['project.create', 'fund.disburse', 'loan.extension', 'household.risk_type.open']));
  });
});
