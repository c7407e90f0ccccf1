/**
 * The exit procedure end to end through the API with the roles of each step: village review
 * and verification with evidence, the public notice and its period, township check, county spot
 * check and marking; the household's status, history and card afterwards (pairing kept), and
 * the refusals: a failing assessment, wrong roles, out-of-scope users, bad evidence.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import type { ManualClock } from '../../src/modules/auth/service';
import { loginAs } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree } from '../helpers/factory';
import { act, caseOf, eligibleHousehold, makeTeam, multipart, PNG, procedureApp, setDay, upload, makeProcedureUser } from './helpers';

describe.each(testDatabases)('exit procedure on $name', ({ open }) => {
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

  it('walks a household from the village proposal to the county marking; status, history and card change, pairing stays', async () => {
    setDay(clock, '2024-03-01');
    const places = await createPlaceTree(database, 1, 2);
    const village = places.villageCodes[0];
    const team = await makeTeam(app, database, places);
    const h = await eligibleHousehold(database, places);
    const cadre = await makeProcedureUser(database, 'pairing_cadre', village);
    await database.db.insertInto('cadre_household').values({ user_id: cadre.id, county_code: h.countyCode, household_no: h.householdNo }).execute();

    let v = await team.as('village');
    const started = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo });
    expect(started.statusCode).toBe(201);
    const id: number = started.json().id;
    expect(started.json()).toMatchObject({ procedure: 'exit', year: 2024, status: 'in_progress', step: { code: 'village_review' }, waitingOnMe: true, persons: 2 });
    expect(started.json().reason).toContain('人均纯收入 9000 元');

    const bare = await act(v, [id], 'approve');
    expect(bare.statusCode).toBe(409);
    expect(bare.json().error.message).toContain('须上传佐证材料：评议会议记录');

    expect((await act(v, [id], 'approve', { evidenceIds: [await upload(v, village, 'review_minutes')] })).statusCode).toBe(200);
    expect((await act(v, [id], 'approve', { evidenceIds: [await upload(v, village, 'household_agreement')] })).statusCode).toBe(200);

    const notice = await v.inject('POST', '/api/v1/procedures/notices', { caseIds: [id], startsOn: '2024-03-01', contact: '村委会，电话 0894-1234567' });
    expect(notice.statusCode).toBe(201);
    expect(notice.json()).toMatchObject({ startsOn: '2024-03-01', endsOn: '2024-03-07', days: 7, households: [{ householdNo: h.householdNo, persons: 2, stillAtNotice: true }] });
    const photo = await upload(v, village, 'notice_photo', '公示照片.png', 'image/png', PNG);

    const early = await act(v, [id], 'approve', { evidenceIds: [photo] });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('公示期为 2024-03-01 至 2024-03-07（7 天），2024-03-08 起方可通过');
    setDay(clock, '2024-03-07');
    v = await team.as('village');
    expect((await act(v, [id], 'approve', { evidenceIds: [photo] })).statusCode).toBe(409);
    setDay(clock, '2024-03-08');
    v = await team.as('village');
    expect((await act(v, [id], 'approve', { evidenceIds: [photo] })).statusCode).toBe(200);

    const wrong = await act(v, [id], 'approve');
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.message).toContain('「乡镇核查」由乡镇业务员办理，您的角色（村级信息员）不能通过');
    const t = await team.as('township');
    expect((await act(t, [id], 'approve', { comment: '入户核查属实' })).statusCode).toBe(200);

    const c = await team.as('county');
    const draw = await c.inject('POST', '/api/v1/procedures/spot-checks', { procedure: 'exit', place: places.townshipCodes[0], seed: '察隅-2024-1' });
    expect(draw.statusCode).toBe(201);
    expect(draw.json()).toMatchObject({ seed: '察隅-2024-1', share: 0.1, population: [id], sample: [id], reproduced: true, cases: [{ id, awaiting: true }] });
    expect((await act(c, [id], 'verify', { passed: true, comment: '抽查属实' })).statusCode).toBe(200);
    const marked = await act(c, [id], 'approve');
    expect(marked.statusCode).toBe(200);
    expect(marked.json().items).toEqual([{ id, householdNo: h.householdNo, result: 'completed', status: 'completed', step: 'county_marking' }]);

    const household = await database.db.selectFrom('household').select(['status', 'exit_year']).where('household_no', '=', h.householdNo).executeTakeFirstOrThrow();
    expect(household).toEqual({ status: 'exited', exit_year: 2024 });
    const history = await database.db.selectFrom('household_status_history').select(['year', 'status', 'reason']).where('household_no', '=', h.householdNo).orderBy('year').execute();
    expect(history.at(-1)).toMatchObject({ year: 2024, status: 'exited' });
    expect(history.at(-1)!.reason).toContain(`贫困户退出程序（第 ${id} 号）完成：未脱贫 → 已脱贫`);
    const paired = await database.db.selectFrom('cadre_household').selectAll().where('household_no', '=', h.householdNo).execute();
    expect(paired).toEqual([{ user_id: cadre.id, county_code: h.countyCode, household_no: h.householdNo }]);

    const detail = await caseOf(c, id);
    expect(detail.status).toBe('completed');
    expect(detail.history.map((s: { stepCode: string; result: string; actorRole: string }) => `${s.stepCode}:${s.result}:${s.actorRole}`)).toEqual([
      'start:started:village_operator',
      'village_review:passed:village_operator',
      'village_verification:passed:village_operator',
      'public_notice:published:village_operator',
      'public_notice:passed:village_operator',
      'township_check:passed:township_operator',
      'county_spot_check:sampled:county_operator',
      'county_spot_check:verified:county_operator',
      'county_marking:completed:county_operator',
    ]);
    expect(detail.history[1].evidence[0]).toMatchObject({ kind: 'review_minutes', mediaType: 'application/pdf' });
    expect(detail.history[1].evidence[0]).toMatchObject({ digestAlg: 'sm3', digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(detail.history[5].comment).toBe('入户核查属实');
    expect(detail.plan.every((s: { state: string }) => s.state === 'done')).toBe(true);
    expect(detail.actions).toEqual([]);

    const card = (await c.inject('GET', `/api/v1/households/${h.householdNo}`)).json();
    expect(card.household.status).toBe('exited');
    expect(card.statusHistory).toContainEqual(expect.objectContaining({ year: 2024, status: 'exited' }));
    const timeline = (await c.inject('GET', `/api/v1/households/${h.householdNo}/timeline`)).json();
    expect(timeline.items[0]).toMatchObject({ action: 'household.status_change', actionLabel: '程序办结，变更户状态' });
    expect(timeline.items[0].changes).toContainEqual(expect.objectContaining({ field: 'status', before: 'poor', after: 'exited' }));

    const again = await (await team.as('village')).inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('当前状态为「已脱贫」，不能发起贫困户退出程序');
  });

  it('refuses to start an exit for a household whose assessment fails, naming each failing criterion', async () => {
    setDay(clock, '2024-03-01');
    const places = await createPlaceTree(database, 1, 1);
    const team = await makeTeam(app, database, places);
    const h = await eligibleHousehold(database, places, { columns: { house_grade: 'D', water_lpd: 10 } });
    const v = await team.as('village');
    const res = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo });
    expect(res.statusCode).toBe(409);
    const body = res.json().error;
    expect(body.code).toBe('assessment_fails');
    expect(body.message).toContain(`户 ${h.householdNo}（${h.headName}）不能发起退出；2024 年评估未达到退出标准`);
    expect(body.details.problems.some((p: string) => p.startsWith('住房安全'))).toBe(true);
    expect(body.details.problems.some((p: string) => p.startsWith('饮水安全'))).toBe(true);
    expect(await database.db.selectFrom('procedure_case').select('id').where('household_no', '=', h.householdNo).execute()).toEqual([]);
  });

  it('refuses the marking when a later assessment fails, and nothing is written', async () => {
    setDay(clock, '2024-03-01');
    const places = await createPlaceTree(database, 1, 1);
    const team = await makeTeam(app, database, places);
    const h = await eligibleHousehold(database, places);
    const v = await team.as('village');
    const id = (await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo })).json().id;
    await database.db.updateTable('procedure_case').set({ step_index: 5, step_code: 'county_marking' }).where('id', '=', id).execute();
    await database.db.updateTable('household').set({ house_grade: 'D' }).where('household_no', '=', h.householdNo).execute();
    const c = await team.as('county');
    const res = await act(c, [id], 'approve');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain(`户 ${h.householdNo}（${h.headName}）不能标注脱贫：2024 年评估未达到退出标准；住房安全`);
    expect((await caseOf(c, id)).status).toBe('in_progress');
    expect((await database.db.selectFrom('household').select('status').where('household_no', '=', h.householdNo).executeTakeFirstOrThrow()).status).toBe('poor');
  });

  it('refuses anonymous users, roles without the permission and users of another place', async () => {
    setDay(clock, '2024-03-01');
    const places = await createPlaceTree(database, 2, 1);
    const team = await makeTeam(app, database, places);
    const h = await eligibleHousehold(database, places);
    const v = await team.as('village');
    const id = (await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo })).json().id;

    expect((await app.inject({ method: 'GET', url: `/api/v1/procedures/cases/${id}` })).statusCode).toBe(401);
    const leader = await loginAs(app, (await makeProcedureUser(database, 'leader', places.countyCode)).username);
    expect((await leader.inject('GET', `/api/v1/procedures/cases/${id}`)).statusCode).toBe(200);
    const leaderAct = await act(leader, [id], 'approve');
    expect(leaderAct.statusCode).toBe(403);
    expect(leaderAct.json().error.message).toContain('没有「办理退出、识别、纳入监测和风险消除程序」权限');

    const otherVillage = await loginAs(app, (await makeProcedureUser(database, 'village_operator', places.villageCodes[1])).username);
    expect((await otherVillage.inject('GET', `/api/v1/procedures/cases/${id}`)).statusCode).toBe(404);
    expect((await act(otherVillage, [id], 'reject', { comment: 'x' })).statusCode).toBe(404);
    const otherStart = await otherVillage.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo });
    expect(otherStart.statusCode).toBe(404);
    const refused = await database.db.selectFrom('audit_event').select(['object_type', 'object_id']).where('action', '=', 'access.refused').where('username', '=', (await database.db.selectFrom('app_user').select('username').orderBy('id', 'desc').executeTakeFirstOrThrow()).username).execute();
    expect(refused).toContainEqual({ object_type: 'procedure_case', object_id: String(id) });
    const list = (await otherVillage.inject('GET', '/api/v1/procedures/cases')).json();
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(id);

    const cadre = await makeProcedureUser(database, 'pairing_cadre', places.countyCode);
    const cadreClient = await loginAs(app, cadre.username);
    expect((await cadreClient.inject('GET', `/api/v1/procedures/cases/${id}`)).statusCode).toBe(404);
    await database.db.insertInto('cadre_household').values({ user_id: cadre.id, county_code: h.countyCode, household_no: h.householdNo }).execute();
    expect((await cadreClient.inject('GET', `/api/v1/procedures/cases/${id}`)).statusCode).toBe(200);

    const county = await team.as('county');
    const countyStart = await county.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo });
    expect(countyStart.statusCode).toBe(409);
  });

  it('checks evidence files: type by content, not empty, declared type agreeing, place in scope; a file of another village cannot back a case', async () => {
    setDay(clock, '2024-03-01');
    const places = await createPlaceTree(database, 1, 2);
    const team = await makeTeam(app, database, places);
    const v = await team.as('village');
    const post = (name: string, type: string, content: Buffer, place = places.villageCodes[0]) => {
      const { payload, headers } = multipart(name, type, content);
      return v.inject('POST', `/api/v1/procedures/evidence?place=${place}&kind=review_minutes`, payload, headers);
    };
    const text = await post('会议记录.pdf', 'application/pdf', Buffer.from('just text'));
    expect(text.statusCode).toBe(400);
    expect(text.json().error.message).toBe('文件「会议记录.pdf」不是 PDF、JPEG 或 PNG 文件（按文件内容判断），请上传扫描件或照片');
    const lying = await post('照片.jpg', 'image/jpeg', PNG);
    expect(lying.json().error.message).toBe('文件「照片.jpg」声明为 image/jpeg，但内容是 PNG 文件');
    expect((await post('空.pdf', 'application/pdf', Buffer.alloc(0))).json().error.message).toBe('文件「空.pdf」是空文件');
    expect((await post('x.pdf', 'application/pdf', Buffer.from('%PDF-1.4'), places.villageCodes[1])).statusCode).toBe(404);
    const ok = await post('会议记录.pdf', 'application/octet-stream', Buffer.from('%PDF-1.7 minutes'));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ name: '会议记录.pdf', mediaType: 'application/pdf', size: 16, kind: 'review_minutes' });
    const download = await v.inject('GET', `/api/v1/procedures/evidence/${ok.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    // The digest is SM3 (密评), named with its algorithm.
    expect(ok.json()).toMatchObject({ digestAlg: 'sm3', digest: createHash('sm3').update('%PDF-1.7 minutes').digest('hex') });
    expect(download.headers['x-content-digest']).toBe(`sm3=${ok.json().digest}`);
    expect(download.rawPayload.toString()).toBe('%PDF-1.7 minutes');

    const township = await team.as('township');
    const townshipFile = await upload(township, places.villageCodes[1], 'review_minutes');
    const h = await eligibleHousehold(database, places);
    const id = (await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo })).json().id;
    const foreign = await act(v, [id], 'approve', { evidenceIds: [townshipFile] });
    expect(foreign.statusCode).toBe(409);
    expect(foreign.json().error.message).toContain(`不能作为 ${places.villageCodes[0]} 村这户的佐证`);
    expect((await act(v, [id], 'approve', { evidenceIds: [999_999_999] })).json().error.message).toBe('佐证材料 第 999999999 号不存在');
  });
});
