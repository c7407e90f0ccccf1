/**
 * The 疑点 ledger through the API, on both databases: a county operator imports a vehicle file
 * and runs the comparison, sends the 疑点 down; the village verifies with a photo, the township
 * reviews, the county confirms — to each outcome: 清退 (the household deregistered), 纳入监测
 * (a monitoring entry procedure started and linked), 更正, 自然减少, 无问题; returns, deadlines
 * and overdue marks, the report and its 导出Excel, the household card's 疑点.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { sql } from 'kysely';
import { jobSettled } from '../../src/modules/jobs/service';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { csvText } from '../imports/files';
import type { Client } from '../access/helpers';
import { makeTeam, multipart, PNG, setDay, upload, withProcedureApp, type Team } from '../procedures/helpers';

const VEHICLE_HEADERS = ['身份证号', '姓名', '号牌号码', '车辆类型', '车辆状态', '车辆价值（元）'];

async function settle(client: Client, res: { statusCode: number; body: string; json(): { jobId: number } }) {
  expect(res.statusCode, res.body).toBe(202);
  const { jobId } = res.json();
  await jobSettled(jobId);
  const job = await client.inject('GET', `/api/v1/compare/jobs/${jobId}`);
  expect(job.statusCode, job.body).toBe(200);
  return job.json();
}

describe.each(testDatabases)('疑点 workflow on $name', ({ open }) => {
  const suite = withProcedureApp(open);
  let a: TestPlaces;
  let team: Team;
  let county: Client;
  const h: Record<string, CreatedHousehold> = {};
  const hitOf: Record<string, number> = {};

  const step = (client: Client, id: number, body: Record<string, unknown>) => client.inject('POST', `/api/v1/compare/hits/${id}/steps`, body);
  const photo = (client: Client, village = a.villageCodes[0]) => upload(client, village, 'compare_photo', '现场.png', 'image/png', PNG);

  beforeAll(async () => {
    const { database, app } = suite;
    a = await createPlaceTree(database);
    team = await makeTeam(app, database, a);
    for (const key of ['removed', 'corrected', 'natural', 'none', 'returned']) h[key] = await createHousehold(database, a);
    h.monitoring = await createHousehold(database, a, { status: 'exited', exitYear: 2019, incomes: [{ year: 2023, wages: 9000 }] });
    county = await team.as('county');
    const rows = ['removed', 'corrected', 'natural', 'none', 'returned'].map((k, i) => ({ 身份证号: h[k].members[0].idNumber, 姓名: h[k].members[0].name, 号牌号码: `测C${i}`, 车辆类型: '小型轿车', 车辆状态: '正常', '车辆价值（元）': 60000 }));
    const file = multipart('车辆.csv', 'text/csv', Buffer.from(csvText(rows, VEHICLE_HEADERS)));
    const imported = await settle(county, await county.inject('POST', `/api/v1/compare/batches?kind=vehicle&county=${a.countyCode}&asOf=2024-02-29`, file.payload, file.headers));
    expect(imported.status, JSON.stringify(imported)).toBe('done');
    const medical = multipart('医保.csv', 'text/csv', Buffer.from(csvText([{ 身份证号: h.monitoring.members[1].idNumber, 姓名: h.monitoring.members[1].name, 结算日期: '2024-01-10', '个人自付（元）': 25000 }], ['身份证号', '姓名', '结算日期', '个人自付（元）'])));
    expect((await settle(county, await county.inject('POST', `/api/v1/compare/batches?kind=medical&county=${a.countyCode}`, medical.payload, medical.headers))).status).toBe('done');
    const run = await settle(county, await county.inject('POST', '/api/v1/compare/runs', { place: a.countyCode }));
    expect(run.status, JSON.stringify(run)).toBe('done');
    expect(run.result.added).toBe(6);
    const list = await county.inject('GET', `/api/v1/compare/hits?place=${a.countyCode}&pageSize=50`);
    expect(list.statusCode, list.body).toBe(200);
    for (const hit of list.json().items) {
      const key = Object.keys(h).find((k) => h[k].householdNo === hit.householdNo)!;
      hitOf[key] = hit.id;
    }
    expect(list.json().items.find((x: { id: number }) => x.id === hitOf.removed).idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    const sent = await county.inject('POST', '/api/v1/compare/hits/send', { place: a.countyCode });
    expect(sent.json()).toEqual({ sent: 6 });
  });

  it('works a 疑点 to 清退: village verifies with a photo, township reviews, county confirms; the household is deregistered and its card shows it', async () => {
    const village = await team.as('village');
    const township = await team.as('township');
    const id = hitOf.removed;
    const noPhoto = await step(village, id, { action: 'verify', outcome: 'removed', note: '核实有车' });
    expect(noPhoto.statusCode).toBe(400);
    expect(noPhoto.json().error.message).toContain('照片');
    expect((await step(township, id, { action: 'verify', outcome: 'removed', note: 'x', evidence: [1] })).statusCode).toBe(409);
    const verified = await step(village, id, { action: 'verify', outcome: 'removed', note: '入户核实：户主购买小型轿车一辆，价值约 6 万元', evidence: [await photo(village)] });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'verified', proposedOutcome: 'removed' });
    expect((await step(township, id, { action: 'review_pass', note: '同意' })).json().status).toBe('reviewed');
    expect((await step(county, id, { action: 'confirm', outcome: 'removed', note: '确认清退' })).statusCode).toBe(400);
    const closed = await step(county, id, { action: 'confirm', outcome: 'removed', note: '确认清退', year: 2024 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'removed', outcomeLabel: '清退', closedOn: '2024-03-01' });
    expect(closed.json().steps.map((s: { action: string }) => s.action)).toEqual(['send', 'verify', 'review_pass', 'confirm']);
    const status = await sql<{ status: string }>`SELECT status FROM household WHERE county_code = ${a.countyCode} AND household_no = ${h.removed.householdNo}`.execute(suite.database.db);
    expect(status.rows[0].status).toBe('deregistered');
    const card = await village.inject('GET', `/api/v1/compare/households/${h.removed.householdNo}/hits`);
    expect(card.statusCode).toBe(200);
    expect(card.json().items).toEqual([expect.objectContaining({ id, outcome: 'removed', outcomeLabel: '清退', ruleLabel: '家庭成员有车' })]);
  });

  it('纳入监测 starts the monitoring entry procedure and links it', async () => {
    const village = await team.as('village');
    const id = hitOf.monitoring;
    const res = await step(village, id, { action: 'verify', outcome: 'monitoring', note: '住院自付较多，家庭负担重', evidence: [await photo(village)], year: 2024, monitorCategory: 'sudden' });
    expect(res.statusCode, res.body).toBe(200);
    const caseId = res.json().procedureCaseId;
    expect(caseId).toBeGreaterThan(0);
    const procedure = await village.inject('GET', `/api/v1/procedures/cases/${caseId}`);
    expect(procedure.statusCode).toBe(200);
    expect(procedure.json()).toMatchObject({ procedure: 'monitoring_entry', householdNo: h.monitoring.householdNo });
    expect((await step(await team.as('township'), id, { action: 'review_pass', note: '' })).statusCode).toBe(200);
    const closed = await step(county, id, { action: 'confirm', outcome: 'monitoring', note: '纳入监测' });
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'monitoring', procedureCaseId: caseId });
  });

  it('closes 疑点 as 更正, 自然减少 and 无问题; a return sends one back to the village', async () => {
    const village = await team.as('village');
    const township = await team.as('township');
    for (const [key, outcome] of [['corrected', 'corrected'], ['natural', 'natural_decrease'], ['none', 'none']] as const) {
      expect((await step(village, hitOf[key], { action: 'verify', outcome, note: '已核实', evidence: [await photo(village)] })).statusCode).toBe(200);
      expect((await step(township, hitOf[key], { action: 'review_pass', note: '' })).statusCode).toBe(200);
      const done = await step(county, hitOf[key], { action: 'confirm', outcome, note: '确认' });
      expect(done.json()).toMatchObject({ status: 'closed', outcome });
    }
    const id = hitOf.returned;
    expect((await step(village, id, { action: 'verify', outcome: 'none', note: '车辆已卖', evidence: [await photo(village)] })).statusCode).toBe(200);
    expect((await step(township, id, { action: 'review_return', note: '' })).statusCode).toBe(400);
    const back = await step(township, id, { action: 'review_return', note: '请补充过户凭证' });
    expect(back.json()).toMatchObject({ status: 'sent' });
    const report = await county.inject('GET', `/api/v1/compare/hits/report?place=${a.countyCode}`);
    expect(report.json().byOutcome.map((l: { key: string; total: number }) => [l.key, l.total])).toEqual(
      [['', 1], ['corrected', 1], ['monitoring', 1], ['natural_decrease', 1], ['none', 1], ['removed', 1]],
    );
    // A second run on the same data adds nothing and closes nothing.
    const again = await settle(county, await county.inject('POST', '/api/v1/compare/runs', { place: a.countyCode }));
    expect(again.result).toMatchObject({ added: 0, resolved: 0 });
  });

  it('marks 疑点 overdue after the deadline, lists and exports them', async () => {
    setDay(suite.clock, '2024-03-20');
    const client = await team.as('county');
    const overdue = await client.inject('GET', `/api/v1/compare/hits?place=${a.countyCode}&overdue=true`);
    expect(overdue.json().items.map((x: { id: number; overdue: boolean }) => [x.id, x.overdue])).toEqual([[hitOf.returned, true]]);
    const file = await client.inject('GET', `/api/v1/compare/hits/export.xlsx?place=${a.countyCode}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    setDay(suite.clock, '2024-03-01');
  });

  it('keeps 疑点 and reference data inside the scope and the line of work (404 as absent), masked', async () => {
    const { database, app } = suite;
    const { loginAs, makeUser } = await import('../access/helpers');
    county = await team.as('county');
    const b = await createPlaceTree(database);
    const otherCounty = await loginAs(app, (await makeUser(database, 'county_operator', b.countyCode, { changedAt: '2099-01-01T00:00:00.000Z' })).username);
    expect((await otherCounty.inject('GET', `/api/v1/compare/hits/${hitOf.removed}`)).statusCode).toBe(404);
    expect((await otherCounty.inject('POST', `/api/v1/compare/hits/${hitOf.returned}/steps`, { action: 'confirm', outcome: 'none', note: 'x' })).statusCode).toBe(404);
    expect((await otherCounty.inject('GET', `/api/v1/compare/hits?place=${a.countyCode}`)).statusCode).toBe(404);
    const otherVillage = await loginAs(app, (await makeUser(database, 'village_operator', a.villageCodes[1], { changedAt: '2099-01-01T00:00:00.000Z' })).username);
    expect((await otherVillage.inject('POST', `/api/v1/compare/hits/${hitOf.returned}/steps`, { action: 'verify', outcome: 'none', note: 'x', evidence: [1] })).statusCode).toBe(404);
    const batches = await county.inject('GET', '/api/v1/compare/batches');
    const vehicle = batches.json().items.find((x: { kind: string }) => x.kind === 'vehicle');
    expect(vehicle).toMatchObject({ status: 'complete', current: true, rowCount: 5 });
    const rows = await county.inject('GET', `/api/v1/compare/batches/${vehicle.id}`);
    expect(rows.json().rows[0].values['身份证号']).toMatch(/\*{8}/);
    expect((await otherCounty.inject('GET', `/api/v1/compare/batches/${vehicle.id}`)).statusCode).toBe(404);
    const finance = await loginAs(app, (await makeUser(database, 'department_operator', a.countyCode, { departmentLine: 'finance', changedAt: '2099-01-01T00:00:00.000Z' })).username);
    expect((await finance.inject('GET', `/api/v1/compare/batches/${vehicle.id}`)).statusCode).toBe(404);
    expect((await finance.inject('GET', '/api/v1/compare/batches')).json().items).toEqual([]);
    const file = multipart('车辆.csv', 'text/csv', Buffer.from('身份证号,姓名\r\n'));
    expect((await finance.inject('POST', `/api/v1/compare/batches?kind=vehicle&county=${a.countyCode}`, file.payload, file.headers)).statusCode).toBe(403);
    const medical = await loginAs(app, (await makeUser(database, 'department_operator', a.countyCode, { departmentLine: 'education', changedAt: '2099-01-01T00:00:00.000Z' })).username);
    const seen = await medical.inject('GET', `/api/v1/compare/hits/${hitOf.monitoring}`);
    expect(seen.json().facts).toEqual({ withheld: true });
    const leader = await loginAs(app, (await makeUser(database, 'leader', a.countyCode, { changedAt: '2099-01-01T00:00:00.000Z' })).username);
    expect((await leader.inject('POST', '/api/v1/compare/runs', { place: a.countyCode })).statusCode).toBe(403);
    expect((await (await team.as('village')).inject('POST', '/api/v1/compare/runs', { place: a.countyCode })).statusCode).toBe(403);
  });
});
