/**
 * The rectification ledger over HTTP on both databases: the loop report → rectify → verify →
 * close, reopening by a failed 回头看, overdue and due-soon on the app's (manual) clock, counts
 * by unit and place, the audit trail, the .xlsx ledger, bad input and the access matrix.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import type { ManualClock } from '../../src/modules/auth/service';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';

describe.each(testDatabases)('rectification ledger on $name', (t) => {
  let database: Database;
  let app: FastifyInstance;
  let clock: ManualClock;
  let places: TestPlaces;
  let operatorName: string;
  let operator: Client;
  let first: number;
  let second: number;

  const on = async (date: string) => {
    clock.set(`${date}T02:00:00.000Z`);
    operator = await loginAs(app, operatorName);
  };
  const step = async (id: number, body: object, status = 200) => {
    const res = await operator.inject('POST', `/api/v1/rectifications/${id}/steps`, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  beforeAll(async () => {
    database = await t.open();
    places = await createPlaceTree(database, 2, 1);
    ({ app, clock } = await buildTestApp(database, { requireLogin: true }));
    operatorName = (await makeUser(database, 'county_operator', places.countyCode)).username;
    await on('2024-03-01');
    const create = async (body: object) => {
      const res = await operator.inject('POST', '/api/v1/rectifications', body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json();
    };
    const a = await create({
      placeCode: places.townshipCodes[0], source: 'inspection', sourceRef: '省委第三巡视组反馈', foundOn: '2024-02-20',
      finding: '部分贫困户家庭医生签约服务未落实', responsibleLeader: '王副县长', responsibleUnit: '县卫健委', responsiblePerson: '李四', deadline: '2024-03-31',
    });
    expect([a.status, a.statusLabel, a.steps.length, a.steps[0].action]).toEqual(['reported', '待整改', 1, 'report']);
    first = a.id;
    second = (await create({ placeCode: places.townshipCodes[1], source: 'patrol', foundOn: '2024-02-25', finding: '控辍保学台账不全', responsibleUnit: '县教体局', deadline: '2024-03-05' })).id;
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('runs the loop to 销号 with evidence at each step, and reopens on a failed 回头看', async () => {
    await step(first, { action: 'start', note: '制定整改方案', measures: '逐户签约', onDate: '2024-03-01' });
    await step(first, { action: 'rectify', note: '已逐户签约', evidence: ['签约花名册.xlsx', '入户照片 12 张'] });
    await step(first, { action: 'verify_pass', note: '乡镇核验', evidence: ['核验记录'] });
    const closed = await step(first, { action: 'close', note: '同意销号', evidence: ['销号审批表'] });
    expect([closed.status, closed.closedOn, closed.overdue, closed.daysLeft]).toEqual(['closed', '2024-03-01', false, null]);
    expect(closed.actions.map((a: { action: string }) => a.action)).toEqual(['lookback_pass', 'lookback_fail']);
    await on('2024-05-20');
    const reopened = await step(first, { action: 'lookback_fail', note: '回头看发现 3 户未签约', evidence: ['回头看记录'], deadline: '2024-06-30' });
    expect([reopened.status, reopened.reopenCount, reopened.closedOn, reopened.deadline]).toEqual(['rectifying', 1, null, '2024-06-30']);
    expect(reopened.steps.map((s: { action: string; statusAfter: string }) => [s.action, s.statusAfter])).toEqual([
      ['report', 'reported'], ['start', 'rectifying'], ['rectify', 'rectified'], ['verify_pass', 'verified'], ['close', 'closed'], ['lookback_fail', 'rectifying'],
    ]);
    expect(reopened.steps[2].evidence).toEqual(['签约花名册.xlsx', '入户照片 12 张']);
    const audit = await database.db.selectFrom('audit_event').select('action').where('object_type', '=', 'rectification').where('object_id', '=', String(first)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['rectification.create', 'rectification.start', 'rectification.rectify', 'rectification.verify_pass', 'rectification.close', 'rectification.lookback_fail']);
  });

  it('refuses steps out of order, without evidence or with bad dates, naming the field', async () => {
    await on('2024-03-02');
    const wrong = await step(second, { action: 'close', note: '销号', evidence: ['x'] }, 409);
    expect(wrong.error.message).toContain('问题当前为“待整改”，不能“销号”');
    await step(second, { action: 'start', note: '开始' });
    const noEvidence = await step(second, { action: 'rectify', note: '完成' }, 400);
    expect(noEvidence.error.message).toContain('佐证材料（evidence）');
    expect(noEvidence.error.details).toEqual([{ field: 'evidence', value: [] }]);
    expect((await step(second, { action: 'rectify', note: '完成', evidence: ['x'], onDate: '2024-03-03' }, 400)).error.message).toContain('晚于今天 2024-03-02');
    expect((await step(second, { action: 'fly', note: 'x' }, 400)).error.message).toContain('操作（action）');
    const bad = await operator.inject('POST', '/api/v1/rectifications', { placeCode: places.townshipCodes[0], source: 'rumour', foundOn: '2024-03-01', finding: 'x', responsibleUnit: 'y', deadline: '2024-02-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('问题来源（source）');
    const early = await operator.inject('POST', '/api/v1/rectifications', { placeCode: places.townshipCodes[0], source: 'lookback', foundOn: '2024-03-01', finding: 'x', responsibleUnit: 'y', deadline: '2024-02-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toBe('整改时限（deadline）2024-02-01 早于发现日期 2024-03-01');
  });

  it('computes overdue and due-soon on the app’s date, and counts by unit and place', async () => {
    await on('2024-03-01');
    const soon = (await (await operator.inject('GET', `/api/v1/rectifications?place=${places.countyCode}&due=soon`)).json()).items;
    expect(soon.map((r: { id: number }) => r.id)).toContain(second);
    await on('2024-03-10');
    const overdue = (await operator.inject('GET', `/api/v1/rectifications?place=${places.countyCode}&due=overdue`)).json();
    expect(overdue.items.map((r: { id: number; overdue: boolean; daysLeft: number }) => [r.id, r.overdue, r.daysLeft])).toEqual([[second, true, -5]]);
    const summary = (await operator.inject('GET', `/api/v1/rectifications/summary?place=${places.countyCode}`)).json();
    expect(summary.today).toBe('2024-03-10');
    expect(summary.totals).toEqual({ open: 2, overdue: 1, closed: 0, reopened: 1 });
    expect(summary.byUnit.map((u: { name: string; open: number; overdue: number; reopened: number }) => [u.name, u.open, u.overdue, u.reopened])).toEqual([['县卫健委', 1, 0, 1], ['县教体局', 1, 1, 0]]);
    expect(summary.byPlace.map((p: { key: string; name: string; open: number; overdue: number }) => [p.key, p.name, p.open, p.overdue])).toEqual([
      [places.townshipCodes[0], '测试1镇', 1, 0],
      [places.townshipCodes[1], '测试2镇', 1, 1],
    ]);
  });

  it('exports the ledger as .xlsx', async () => {
    const res = await operator.inject('GET', `/api/v1/rectifications/export.xlsx?place=${places.countyCode}`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.getWorksheet('整改台账')!.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    const line = rows.find((r) => r[0] === second)!;
    expect([line[1], line[2], line[7], line[11], line[12]]).toEqual(['测试2镇', '巡察', '县教体局', '整改中', '逾期']);
  });

  it('refuses anonymous (401), a read-only role (403), and findings outside the scope (404)', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/v1/rectifications?place=${places.countyCode}` })).statusCode).toBe(401);
    const leader = await loginAs(app, (await makeUser(database, 'leader', places.countyCode)).username);
    expect((await leader.inject('GET', `/api/v1/rectifications/${first}`)).statusCode).toBe(200);
    expect((await leader.inject('POST', `/api/v1/rectifications/${first}/steps`, { action: 'rectify', note: 'x', evidence: ['y'] })).statusCode).toBe(403);
    expect((await leader.inject('POST', '/api/v1/rectifications', {})).statusCode).toBe(403);
    const admin = await loginAs(app, (await makeUser(database, 'sys_admin', places.countyCode)).username);
    expect((await admin.inject('GET', `/api/v1/rectifications?place=${places.countyCode}`)).statusCode).toBe(403);
    const township = await loginAs(app, (await makeUser(database, 'township_operator', places.townshipCodes[1])).username);
    expect((await township.inject('GET', `/api/v1/rectifications/${first}`)).statusCode).toBe(404);
    expect((await township.inject('POST', `/api/v1/rectifications/${first}/steps`, { action: 'rectify', note: 'x', evidence: ['y'] })).statusCode).toBe(404);
    expect((await township.inject('GET', `/api/v1/rectifications?place=${places.countyCode}`)).statusCode).toBe(404);
    const own = (await township.inject('GET', '/api/v1/rectifications')).json();
    expect(own.items.map((r: { id: number }) => r.id)).toEqual([second]);
    const elsewhere = await township.inject('POST', '/api/v1/rectifications', { placeCode: places.townshipCodes[0], source: 'lookback', foundOn: '2024-03-01', finding: 'x', responsibleUnit: 'y', deadline: '2024-04-01' });
    expect(elsewhere.statusCode).toBe(404);
    expect((await operator.inject('GET', '/api/v1/rectifications/0')).statusCode).toBe(400);
    expect((await operator.inject('GET', '/api/v1/rectifications/999999999')).statusCode).toBe(404);
  });
});
