/**
 * Identification (new and re-entry), monitoring entry (from an application, a cadre's discovery
 * or a department's warning) and risk elimination, each end to end through the API with the
 * roles of its steps, and the conditions that refuse them.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import type { ManualClock } from '../../src/modules/auth/service';
import { loginAs, type Client } from '../access/helpers';
import { waitForJob } from '../../src/modules/monitoring/service';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';
import { act, caseOf, ELIGIBLE_MEMBER, eligibleHousehold, makeTeam, PNG, procedureApp, setDay, upload, type Team, makeProcedureUser } from './helpers';

describe.each(testDatabases)('identification, monitoring entry and risk elimination on $name', ({ open }) => {
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

  const householdOf = (no: string) => database.db.selectFrom('household').select(['status', 'monitor_category', 'identified_year', 'exit_year']).where('household_no', '=', no).executeTakeFirstOrThrow();

  /** Village review (with the given evidence kinds) → township → county, no notice in between. */
  async function reviewAndDecide(team: Team, places: TestPlaces, id: number, kinds: string[]) {
    const v = await team.as('village');
    const files = [];
    for (const k of kinds) files.push(await upload(v, places.villageCodes[0], k));
    expect((await act(v, [id], 'approve', { evidenceIds: files })).statusCode).toBe(200);
    expect((await act(await team.as('township'), [id], 'approve')).statusCode).toBe(200);
    const c = await team.as('county');
    const done = await act(c, [id], 'approve');
    expect(done.statusCode, done.body).toBe(200);
    return c;
  }

  it('identifies in a relative-poverty region only below the year\'s adjusted line (4000 yuan at 2014 prices), the reason showing that line', async () => {
    setDay(clock, '2024-06-03');
    const places = await createPlaceTree(database, 1, 1);
    const team = await makeTeam(app, database, places);
    const admin = await loginAs(app, (await makeProcedureUser(database, 'policy_admin', '0')).username);
    const relativePoverty = { householdLine: 4000, priceBaseYear: 2014, householdLineByYear: { 2018: 4350 }, villageIncomeLine: 8000, villagePoorShareMin: 0.05, householdExitShare: 0.45, villageExitShare: 0.6, provincialRuralIncomeByYear: { 2018: 17167.7 } };
    const draft = await admin.inject('POST', '/api/v1/policies', { regionCode: places.countyCode, effectiveYear: 2016, title: '相对贫困标准', rules: { income: { standard: 'relative' }, relativePoverty } });
    expect(draft.statusCode, draft.body).toBe(201);
    const activated = await admin.inject('POST', `/api/v1/policies/${draft.json().id}/activate`);
    expect(activated.statusCode, activated.body).toBe(200);
    await waitForJob(activated.json().jobId);
    const make = (perCapita: number) => createHousehold(database, places, { status: 'not_poor', identifiedYear: null, history: [], incomes: [{ year: 2018, wages: perCapita * 2 }] });
    const below = await make(4349.99);
    const at = await make(4350);
    const v = await team.as('village');
    const start = (no: string) => v.inject('POST', '/api/v1/procedures/cases', { procedure: 'identification', householdNo: no, year: 2018 });
    const ok = await start(below.householdNo);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().reason).toBe('申请纳入建档立卡，主要致贫原因：因病；人均可支配收入 4,349.99 元，低于2018 年相对贫困户识别标准 4,350 元（4,000 元（2014 年不变价）按 2018 年价格调整），属相对贫困户');
    const no = await start(at.householdNo);
    expect(no.statusCode).toBe(409);
    expect(no.json().error.message).toContain('人均可支配收入 4,350.00 元，不低于2018 年相对贫困户识别标准 4,350 元（4,000 元（2014 年不变价）按 2018 年价格调整），不属相对贫困户');
  });

  it('identifies a new poor household after review, a 7-day notice, township review and county decision', async () => {
    setDay(clock, '2024-06-03');
    const places = await createPlaceTree(database, 1, 1);
    const team = await makeTeam(app, database, places);
    const h = await createHousehold(database, places, { status: 'not_poor', identifiedYear: null, history: [], mainCause: 'illness' });
    let v = await team.as('village');
    const started = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'identification', householdNo: h.householdNo, year: 2024 });
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({ variant: 'new', step: { code: 'village_review' }, stepCount: 4, reason: '申请纳入建档立卡，主要致贫原因：因病' });
    const id = started.json().id;
    const missing = await act(v, [id], 'approve', { evidenceIds: [await upload(v, places.villageCodes[0], 'review_minutes')] });
    expect(missing.json().error.message).toContain('须上传佐证材料：申请书或排查记录');
    const files = [await upload(v, places.villageCodes[0], 'application'), await upload(v, places.villageCodes[0], 'review_minutes')];
    expect((await act(v, [id], 'approve', { evidenceIds: files })).statusCode).toBe(200);
    await v.inject('POST', '/api/v1/procedures/notices', { caseIds: [id], startsOn: '2024-06-03', contact: '村委会' });
    setDay(clock, '2024-06-10');
    v = await team.as('village');
    expect((await act(v, [id], 'approve', { evidenceIds: [await upload(v, places.villageCodes[0], 'notice_photo', 'p.png', 'image/png', PNG)] })).statusCode).toBe(200);
    expect((await act(await team.as('township'), [id], 'approve')).statusCode).toBe(200);
    const c = await team.as('county');
    expect((await act(c, [id], 'approve')).statusCode).toBe(200);
    expect(await householdOf(h.householdNo)).toEqual({ status: 'poor', monitor_category: null, identified_year: 2024, exit_year: null });
    expect((await caseOf(c, id)).history.at(-1)).toMatchObject({ stepCode: 'county_decision', result: 'completed' });
  });

  it('re-enters an exited household as returned to poverty; a county decision can also reject', async () => {
    setDay(clock, '2024-06-03');
    const places = await createPlaceTree(database, 1, 1);
    const team = await makeTeam(app, database, places);
    const h = await createHousehold(database, places, { status: 'exited', exitYear: 2019 });
    const v = await team.as('village');
    const id = (await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'identification', householdNo: h.householdNo, year: 2024 })).json().id;
    expect((await caseOf(v, id)).variant).toBe('return');
    await database.db.updateTable('procedure_case').set({ step_index: 3, step_code: 'county_decision' }).where('id', '=', id).execute();
    const c = await team.as('county');
    expect((await act(c, [id], 'approve')).statusCode).toBe(200);
    expect(await householdOf(h.householdNo)).toMatchObject({ status: 'returned', exit_year: 2019 });

    const other = await createHousehold(database, places, { status: 'exited', exitYear: 2019 });
    const id2 = (await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'identification', householdNo: other.householdNo })).json().id;
    const rejected = await act(v, [id2], 'reject', { comment: '经民主评议，家庭收入稳定，不属返贫' });
    expect(rejected.json().items[0]).toMatchObject({ result: 'rejected', status: 'rejected' });
    expect((await householdOf(other.householdNo)).status).toBe('exited');
    expect((await act(v, [id2], 'approve')).json().error.message).toContain('程序已终止');
  });

  it('enters a household into monitoring from a department warning, with consent, deadline and category', async () => {
    setDay(clock, '2024-07-01');
    const places = await createPlaceTree(database, 1, 1);
    const team = await makeTeam(app, database, places);
    const h = await createHousehold(database, places, { status: 'exited', exitYear: 2019 });
    const dept = await loginAs(app, (await makeProcedureUser(database, 'department_operator', places.countyCode, 'health')).username);
    const start = (client: Client, body: Record<string, unknown>) => client.inject('POST', '/api/v1/procedures/cases', { procedure: 'monitoring_entry', householdNo: h.householdNo, year: 2024, ...body });
    expect((await start(dept, { monitorCategory: 'unstable' })).json().error.message).toContain('纳入监测须写明来源（source）');
    expect((await start(dept, { source: 'self_application', monitorCategory: 'unstable' })).json().error.message).toContain('行业部门发起纳入监测的来源只能是“部门筛查预警”');
    expect((await start(dept, { source: 'department_warning', monitorCategory: 'rich' })).json().error.message).toContain('监测对象类别（monitorCategory）应为');
    expect((await start(dept, { source: 'department_warning', monitorCategory: 'unstable', discoveredOn: '2024-07-02' })).statusCode).toBe(400);
    const started = await start(dept, { source: 'department_warning', monitorCategory: 'sudden', discoveredOn: '2024-06-10' });
    expect(started.statusCode).toBe(201);
    const id = started.json().id;
    expect(started.json()).toMatchObject({ variant: 'department_warning', dueOn: '2024-06-25', overdue: true, stepCount: 3, reason: '突发严重困难户（部门筛查预警）；收入核算期 2023-06 至 2024-05（纳入监测前 12 个月）：仅登记年度收入，应按 2023 年全年收入核算，但无 2023 年收入记录，2023 年监测线 6000 元' });
    expect(started.json().history[0].stepLabel).toBe('发起（部门筛查预警）');

    const v = await team.as('village');
    const noConsent = await act(v, [id], 'approve', { evidenceIds: [await upload(v, places.villageCodes[0], 'review_minutes')] });
    expect(noConsent.json().error.message).toContain('须上传佐证材料：承诺授权书');
    const c = await reviewAndDecide(team, places, id, ['review_minutes', 'consent']);
    expect(await householdOf(h.householdNo)).toMatchObject({ status: 'monitored', monitor_category: 'sudden' });
    expect((await caseOf(c, id)).overdue).toBe(false);
  });

  const addMeasure = (h: { countyCode: string; householdNo: string }, startedOn: string) =>
    database.db.insertInto('household_measure').values({ county_code: h.countyCode, household_no: h.householdNo, year: Number(startedOn.slice(0, 4)), measure_type: 'industry', role: 'auxiliary', persons: 2, started_on: startedOn }).execute();

  it('eliminates the risk only with income above the monitoring line for six months (yearly records count from 1 January), naming the failing condition', async () => {
    const places = await createPlaceTree(database, 1, 1);
    const team = await makeTeam(app, database, places);
    // 2023 exactly at the 6000-yuan line (not above), 2024 one yuan per person above it.
    const h = await eligibleHousehold(database, places, {
      status: 'monitored',
      monitorCategory: 'marginal',
      history: [{ year: 2022, status: 'monitored', monitorCategory: 'marginal' }],
      incomes: [{ year: 2023, wages: 12000 }, { year: 2024, wages: 12002 }],
    });
    await addMeasure(h, '2023-05-01');
    const start = async () => (await team.as('village')).inject('POST', '/api/v1/procedures/cases', { procedure: 'risk_elimination', householdNo: h.householdNo });
    setDay(clock, '2024-06-30');
    const early = await start();
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('收入稳定高于监测线的条件不满足：自 2024-01-01 起（2024 年收入记录）高于监测线仅 5 个月，不满 6 个月');
    expect(early.json().error.message).not.toContain('帮扶措施落实的条件不满足');
    setDay(clock, '2024-07-01');
    const ready = await start();
    expect(ready.statusCode, ready.body).toBe(201);
  });

  it('eliminates the risk only after the monitoring period, with income above the line and a member able to work', async () => {
    setDay(clock, '2024-02-01');
    const places = await createPlaceTree(database, 1, 1);
    const team = await makeTeam(app, database, places);
    const h = await eligibleHousehold(database, places, { status: 'exited', exitYear: 2019 });
    const v0 = await team.as('village');
    const entry = (await v0.inject('POST', '/api/v1/procedures/cases', { procedure: 'monitoring_entry', householdNo: h.householdNo, source: 'cadre_discovery', monitorCategory: 'unstable' })).json().id;
    await reviewAndDecide(team, places, entry, ['review_minutes', 'consent']);

    await addMeasure(h, '2024-01-31');
    setDay(clock, '2024-07-31');
    let v = await team.as('village');
    const early = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'risk_elimination', householdNo: h.householdNo });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('自 2024-02-01 纳入监测仅 5 个月，不满 6 个月');

    const idle = await eligibleHousehold(database, places, {
      status: 'monitored',
      monitorCategory: 'marginal',
      history: [{ year: 2022, status: 'monitored', monitorCategory: 'marginal' }],
      members: [{ name: '老人甲', relation: 'head', columns: { ...ELIGIBLE_MEMBER, labour: 'none' } }],
    });
    const noLabour = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'risk_elimination', householdNo: idle.householdNo });
    expect(noLabour.json().error.message).toContain('家中没有有劳动能力的成员（老人甲（无劳动力））');

    setDay(clock, '2024-08-01');
    v = await team.as('village');
    const noMeasure = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'risk_elimination', householdNo: h.householdNo });
    expect(noMeasure.statusCode).toBe(409);
    expect(noMeasure.json().error.message).toContain('帮扶措施落实的条件不满足：纳入监测（2024-02-01）以来至今落实的帮扶措施 0 项，须至少 1 项；另有 1 项措施开始日期不在此期间或未登记，不计入');
    expect(noMeasure.json().error.message).not.toContain('收入稳定高于监测线的条件不满足');
    await addMeasure(h, '2024-08-01');
    const started = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'risk_elimination', householdNo: h.householdNo });
    expect(started.statusCode).toBe(201);
    await reviewAndDecide(team, places, started.json().id, ['review_minutes', 'income_check']);
    expect(await householdOf(h.householdNo)).toMatchObject({ status: 'risk_eliminated', monitor_category: 'unstable' });

    const poor = await createHousehold(database, places);
    const wrong = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'risk_elimination', householdNo: poor.householdNo });
    expect(wrong.json().error.message).toContain('当前状态为「未脱贫」，不能发起风险消除程序（须为：监测对象）');
    const open = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: poor.householdNo, year: 1999 });
    expect(open.json().error.message).toContain('年度（year）1999 无效');
  });
});
