/**
 * Public notice and the objection register: one printable notice per village and procedure,
 * an objection holding its case past the period until resolved, a dismissed objection letting
 * it pass, an upheld one returning it to the village (with the case's other objections closed).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import type { ManualClock } from '../../src/modules/auth/service';
import { loginAs } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree } from '../helpers/factory';
import { act, caseOf, ELIGIBLE_MEMBER, eligibleHousehold, makeTeam, PNG, procedureApp, setDay, upload, makeProcedureUser } from './helpers';

describe.each(testDatabases)('public notice and objections on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let clock: ManualClock;
  beforeAll(async () => {
    database = await open();
    ({ app, clock } = await procedureApp(database));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('publishes a village notice, registers objections, and resolves them both ways', async () => {
    setDay(clock, '2024-05-06');
    const places = await createPlaceTree(database, 1, 2);
    const [village, other] = places.villageCodes;
    const team = await makeTeam(app, database, places);
    const a = await eligibleHousehold(database, places, { members: [{ name: '扎西', relation: 'head', sex: 'M', columns: ELIGIBLE_MEMBER }] });
    const b = await eligibleHousehold(database, places);
    const c = await eligibleHousehold(database, places, { villageCode: other });
    let v = await team.as('village');
    const start = async (no: string) => {
      const res = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: no });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    const [ia, ib] = [await start(a.householdNo), await start(b.householdNo)];
    const minutes = await upload(v, village, 'review_minutes');
    const agreement = await upload(v, village, 'household_agreement');
    await act(v, [ia, ib], 'approve', { evidenceIds: [minutes] });

    const tooEarly = await v.inject('POST', '/api/v1/procedures/notices', { caseIds: [ia, ib], startsOn: '2024-05-06', contact: '村委会' });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().error.message).toContain('当前步骤「村两委组织信息核实（农户签字认可）」不能开始公示');
    await act(v, [ia, ib], 'approve', { evidenceIds: [agreement] });

    const v2 = await (await team.as('county')).inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: c.householdNo });
    expect(v2.statusCode).toBe(409);
    expect((await v.inject('POST', '/api/v1/procedures/notices', { caseIds: [ia], startsOn: '2024-05-07', contact: '村委会' })).json().error.message).toContain('晚于今天');
    expect((await v.inject('POST', '/api/v1/procedures/notices', { caseIds: [ia], startsOn: '2024-05-06', contact: '  ' })).statusCode).toBe(400);

    const published = await v.inject('POST', '/api/v1/procedures/notices', { caseIds: [ia, ib], startsOn: '2024-05-06', contact: '村委会（电话 0894-5550101），或向乡镇扶贫办反映' });
    expect(published.statusCode).toBe(201);
    const notice = published.json();
    expect(notice).toMatchObject({
      procedure: 'exit',
      procedureLabel: '贫困户退出',
      villageCode: village,
      startsOn: '2024-05-06',
      endsOn: '2024-05-12',
      days: 7,
      contact: '村委会（电话 0894-5550101），或向乡镇扶贫办反映',
      objections: [],
    });
    expect(notice.placePath).toMatch(/^测试县\d+ \/ 测试1镇 \/ 测试1镇1村村委会$/);
    expect(notice.households.map((h: { headName: string; persons: number }) => [h.headName, h.persons])).toEqual([['扎西', 1], [b.headName, 2]]);
    expect(notice.households[0].reason).toContain('拟脱贫退出');
    const again = await v.inject('POST', '/api/v1/procedures/notices', { caseIds: [ia], startsOn: '2024-05-06', contact: '村委会' });
    expect(again.json().error.message).toContain('已于 2024-05-06 开始公示（至 2024-05-12）');

    const object = (caseId: number, content: string, receivedOn = '2024-05-08') =>
      v.inject('POST', `/api/v1/procedures/notices/${notice.id}/objections`, { caseId, objector: '村民李某', contact: '13900000000', receivedOn, content });
    setDay(clock, '2024-05-08');
    v = await team.as('village');
    expect((await object(ia, '扎西家新买了汽车', '2024-05-05')).json().error.message).toContain('早于公示开始日期 2024-05-06');
    expect((await object(ia, '扎西家新买了汽车', '2024-05-09')).statusCode).toBe(400);
    const first = await object(ia, '扎西家新买了汽车');
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'open', objector: '村民李某', receivedOn: '2024-05-08', caseId: ia });
    const second = (await object(ia, '扎西的儿子在县城工作')).json();
    const onB = (await object(ib, '收入核算有误')).json();

    setDay(clock, '2024-05-13');
    v = await team.as('village');
    const photo = await upload(v, village, 'notice_photo', '公示.png', 'image/png', PNG);
    const held = await act(v, [ib], 'approve', { evidenceIds: [photo] });
    expect(held.json().error.message).toContain('「村内公示」还有 1 条异议未处理，须先处理异议');

    const dismissed = await v.inject('POST', `/api/v1/procedures/objections/${onB.id}/resolve`, { outcome: 'dismissed', resolution: '经村两委核实，收入核算无误，已向异议人反馈' });
    expect(dismissed.json()).toMatchObject({ status: 'resolved', outcome: 'dismissed', resolvedOn: '2024-05-13' });
    expect((await v.inject('POST', `/api/v1/procedures/objections/${onB.id}/resolve`, { outcome: 'upheld', resolution: 'x' })).statusCode).toBe(409);
    expect((await act(v, [ib], 'approve', { evidenceIds: [photo] })).statusCode).toBe(200);

    const upheld = await v.inject('POST', `/api/v1/procedures/objections/${first.json().id}/resolve`, { outcome: 'upheld', resolution: '经核实家庭拥有小轿车，重新评议' });
    expect(upheld.statusCode).toBe(200);
    const caseA = await caseOf(v, ia);
    expect(caseA).toMatchObject({ step: { code: 'village_review' }, openObjections: 0, noticeId: null });
    expect(caseA.objections.map((o: { id: number; status: string; outcome: string }) => [o.id, o.status, o.outcome])).toEqual([
      [first.json().id, 'resolved', 'upheld'],
      [second.id, 'resolved', 'upheld'],
    ]);
    expect(caseA.history.map((s: { result: string }) => s.result).slice(-4)).toEqual(['published', 'objection', 'objection', 'objection_upheld']);

    const print = (await v.inject('GET', `/api/v1/procedures/notices/${notice.id}`)).json();
    expect(print.households.map((h: { stillAtNotice: boolean }) => h.stillAtNotice)).toEqual([false, false]);
    expect(print.objections).toHaveLength(3);
    const list = (await v.inject('GET', '/api/v1/procedures/notices')).json();
    expect(list.items).toContainEqual(expect.objectContaining({ id: notice.id, cases: 2, openObjections: 0 }));

    const township = await team.as('township');
    expect((await township.inject('POST', `/api/v1/procedures/notices/${notice.id}/objections`, { caseId: ia, objector: 'x', receivedOn: '2024-05-13', content: 'y' })).statusCode).toBe(409);
    const otherVillage = await loginAs(app, (await makeProcedureUser(database, 'village_operator', other)).username);
    expect((await otherVillage.inject('GET', `/api/v1/procedures/notices/${notice.id}`)).statusCode).toBe(404);
  });

  it('one notice holds one village and one procedure', async () => {
    setDay(clock, '2024-05-06');
    const places = await createPlaceTree(database, 1, 2);
    const team = await makeTeam(app, database, places, places.townshipCodes[0] + '201');
    const county = await team.as('county');
    const a = await eligibleHousehold(database, places, { villageCode: places.villageCodes[0] });
    const b = await eligibleHousehold(database, places, { villageCode: places.villageCodes[1] });
    const ids: number[] = [];
    for (const h of [a, b]) {
      const v = await loginAs(app, (await makeProcedureUser(database, 'village_operator', h.villageCode)).username);
      const id = (await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo })).json().id;
      await database.db.updateTable('procedure_case').set({ step_index: 2, step_code: 'public_notice' }).where('id', '=', id).execute();
      ids.push(id);
    }
    const township = await team.as('township');
    const mixed = await township.inject('POST', '/api/v1/procedures/notices', { caseIds: ids, startsOn: '2024-05-06', contact: '乡镇' });
    expect(mixed.json().error.message).toBe('一张公示只能包含同一个村、同一种程序的户；所选案件涉及 2 个村、1 种程序');
    expect((await county.inject('GET', `/api/v1/procedures/cases?step=public_notice`)).json().total).toBe(2);
  });
});
