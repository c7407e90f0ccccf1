/**
 * The task ledger over HTTP on both databases: seed 000's plan with its deadlines read from
 * 完成时限, overdue and due-soon lists per department on the app's clock, progress with evidence,
 * spreadsheet import (all rows or none, problems by row), and the access matrix.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import type { ManualClock } from '../../src/modules/auth/service';
import { SPRING_OFFENSIVE } from '../../src/modules/tasks/service';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';

type Task = { id: number; seq: number; title: string; deadline: string; ongoing: boolean; status: string; overdue: boolean; leadDepartment: string };

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = '----fupin' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

async function planWorkbook(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('计划');
  sheet.addRow(['某镇2020年脱贫攻坚工作计划']);
  sheet.addRow(['序号', '工作任务', '具体措施', '完成时限', '牵头单位', '责任单位', '责任人']);
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe.each(testDatabases)('task ledger on $name', (t) => {
  let database: Database;
  let app: FastifyInstance;
  let clock: ManualClock;
  let places: TestPlaces;
  let operatorName: string;
  let operator: Client;
  let tasks: Task[];

  const on = async (date: string) => {
    clock.set(`${date}T02:00:00.000Z`);
    operator = await loginAs(app, operatorName);
  };
  const get = async (url: string) => {
    const res = await operator.inject('GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    database = await t.open();
    places = await createPlaceTree(database, 2, 1);
    ({ app, clock } = await buildTestApp(database, { requireLogin: true }));
    operatorName = (await makeUser(database, 'township_operator', places.townshipCodes[0])).username;
    await on('2019-03-09');
    const res = await operator.inject('POST', '/api/v1/plans', { ...SPRING_OFFENSIVE, placeCode: places.townshipCodes[0] });
    expect(res.statusCode, res.body).toBe(201);
    tasks = res.json().tasks;
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('keeps seed 000’s tasks with deadlines read from 完成时限, lead and responsible departments', () => {
    expect(tasks).toHaveLength(18);
    expect(tasks.slice(0, 5).map((x) => [x.seq, x.title, x.deadline, x.ongoing, x.leadDepartment])).toEqual([
      [1, '全面完成易地扶贫搬迁任务', '2019-09-30', false, '项目办'],
      [2, '彻底完成农村危房改造工作', '2019-04-30', false, '危改办'],
      [3, '全力抓好人居环境整治提升', '2019-03-31', false, '人居办'],
      [4, '进一步完善产业扶持政策', '2019-05-31', true, '产业办'],
      [5, '继续培育壮大增收产业', '2019-12-31', true, '产业办'],
    ]);
  });

  it('lists overdue and due-soon tasks per department on the app’s date', async () => {
    await on('2019-04-25');
    const overdue = await get(`/api/v1/tasks?place=${places.townshipCodes[0]}&due=overdue`);
    expect(overdue.items.map((x: Task) => x.title)).toEqual(['全力抓好人居环境整治提升']);
    const soon = await get(`/api/v1/tasks?place=${places.townshipCodes[0]}&due=soon&department=${encodeURIComponent('危改办')}`);
    expect(soon.items.map((x: Task) => [x.title, x.deadline])).toEqual([['彻底完成农村危房改造工作', '2019-04-30']]);
    const summary = await get(`/api/v1/tasks/departments?place=${places.townshipCodes[0]}`);
    const weigai = summary.departments.find((d: { department: string }) => d.department === '危改办');
    expect(weigai).toEqual({ department: '危改办', lead: 1, responsible: 1, done: 0, overdue: 1, dueSoon: 1 });
    const villages = summary.departments.find((d: { department: string }) => d.department === '各村（社区）');
    expect([villages.lead, villages.responsible, villages.overdue]).toEqual([0, 14, 1]);
  });

  it('reports progress with evidence; 100 % completes the task and takes it off the overdue list', async () => {
    const id = tasks[2].id;
    const half = await operator.inject('POST', `/api/v1/tasks/${id}/progress`, { progress: 60, note: '已验收 6 个村' });
    expect([half.statusCode, half.json().status, half.json().progress]).toEqual([200, 'in_progress', 60]);
    const noProof = await operator.inject('POST', `/api/v1/tasks/${id}/progress`, { progress: 100, note: '全部验收' });
    expect(noProof.statusCode).toBe(400);
    expect(noProof.json().error.message).toContain('佐证材料（evidence）');
    const done = await operator.inject('POST', `/api/v1/tasks/${id}/progress`, { progress: 100, note: '全部验收', evidence: ['验收单'], onDate: '2019-04-20' });
    expect([done.json().status, done.json().completedOn, done.json().overdue, done.json().updates.length]).toEqual(['done', '2019-04-20', false, 2]);
    expect((await get(`/api/v1/tasks?place=${places.townshipCodes[0]}&due=overdue`)).items).toEqual([]);
    expect((await operator.inject('POST', `/api/v1/tasks/${id}/progress`, { progress: 101, note: 'x' })).statusCode).toBe(400);
    expect((await operator.inject('POST', `/api/v1/tasks/${id}/progress`, { progress: 50, note: 'x', onDate: '2019-05-01' })).json().error.message).toContain('晚于今天');
  });

  it('imports a plan from .xlsx, all rows or none, naming the bad rows', async () => {
    const meta = { placeCode: places.townshipCodes[0], year: '2020', title: '某镇2020年工作计划' };
    const bad = multipart(meta, { name: 'plan.xlsx', content: await planWorkbook([[1, '危房改造', '', '6月底前', '危改办', '国土所、各村', '张三'], [2, '', '', '尽快', '', '', ''], [3, '产业发展', '', '尽快完成', '产业办', '', '']]) });
    const refused = await operator.inject('POST', '/api/v1/plans/import', bad.body, { 'content-type': bad.type });
    expect(refused.statusCode).toBe(400);
    const problems = refused.json().error.details.map((p: { row: number; field: string }) => [p.row, p.field]);
    expect(problems).toEqual([[4, 'title'], [4, 'leadDepartment'], [5, 'deadlineText']]);
    expect(refused.json().error.message).toContain('第 5 行：完成时限“尽快完成”中没有可识别的日期');
    const plansBefore = (await get(`/api/v1/plans?place=${places.townshipCodes[0]}`)).length;
    const good = multipart(meta, { name: 'plan.xlsx', content: await planWorkbook([[1, '危房改造', '危房清零', '6月底前', '危改办', '国土所、各村', '张三'], [2, '产业发展', '', '2020年底完成，并长期坚持', '产业办', '', '']]) });
    const created = await operator.inject('POST', '/api/v1/plans/import', good.body, { 'content-type': good.type });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().tasks.map((x: Task & { responsibleDepartments: string[] }) => [x.title, x.deadline, x.ongoing, x.responsibleDepartments])).toEqual([
      ['危房改造', '2020-06-30', false, ['国土所', '各村']],
      ['产业发展', '2020-12-31', true, []],
    ]);
    const csv = multipart(meta, { name: 'plan.csv', content: Buffer.from('\ufeff工作任务,完成时限,牵头部门,责任部门\n控辍保学,9月10日前,镇中心学校,各村完小\n', 'utf8') });
    const fromCsv = await operator.inject('POST', '/api/v1/plans/import', csv.body, { 'content-type': csv.type });
    expect([fromCsv.statusCode, fromCsv.json().tasks[0].deadline]).toEqual([201, '2020-09-10']);
    expect((await get(`/api/v1/plans?place=${places.townshipCodes[0]}`)).length).toBe(plansBefore + 2);
  });

  it('exports the ledger and the template as .xlsx', async () => {
    const res = await operator.inject('GET', `/api/v1/tasks/export.xlsx?place=${places.townshipCodes[0]}&plan=${(await get(`/api/v1/tasks/${tasks[0].id}`)).planId}`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = workbook.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows.filter((r) => r[0] === SPRING_OFFENSIVE.title)).toHaveLength(18);
    expect((await operator.inject('GET', '/api/v1/plans/template.xlsx')).statusCode).toBe(200);
  });

  it('refuses anonymous (401), a read-only role (403) and plans outside the scope (404)', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/tasks' })).statusCode).toBe(401);
    const leader = await loginAs(app, (await makeUser(database, 'leader', places.countyCode)).username);
    expect((await leader.inject('GET', `/api/v1/tasks/${tasks[0].id}`)).statusCode).toBe(200);
    expect((await leader.inject('POST', `/api/v1/tasks/${tasks[0].id}/progress`, { progress: 10, note: 'x' })).statusCode).toBe(403);
    expect((await leader.inject('POST', '/api/v1/plans', { ...SPRING_OFFENSIVE, placeCode: places.townshipCodes[0] })).statusCode).toBe(403);
    const other = await loginAs(app, (await makeUser(database, 'township_operator', places.townshipCodes[1])).username);
    expect((await other.inject('GET', `/api/v1/tasks/${tasks[0].id}`)).statusCode).toBe(404);
    expect((await other.inject('POST', `/api/v1/tasks/${tasks[0].id}/progress`, { progress: 10, note: 'x' })).statusCode).toBe(404);
    expect((await other.inject('GET', `/api/v1/plans/${(await get(`/api/v1/tasks/${tasks[0].id}`)).planId}`)).statusCode).toBe(404);
    expect((await other.inject('POST', '/api/v1/plans', { ...SPRING_OFFENSIVE, placeCode: places.townshipCodes[0] })).statusCode).toBe(404);
    expect((await other.inject('GET', '/api/v1/tasks')).json().items).toEqual([]);
  });
});
