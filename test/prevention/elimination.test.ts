/**
 * 风险消除, 风险再标注, 消除回退 as run from 2026: elimination through 入户核实 → 民主评议 → 公示 →
 * 乡镇审核 → 县级审核确认并公告, with the measures under contract running on; refused for a
 * household with no one able to work, and for one still in the range by the 口径; re-marking a
 * new risk and reverting a wrong elimination as procedures with reasons.
 */
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { act, ELIGIBLE_MEMBER, eligibleHousehold, makeTeam, PNG, setDay, upload, withProcedureApp, type Team } from '../procedures/helpers';
import { activateRecord, policyAdmin, RANGE_2026 } from './helpers';

describe.each(testDatabases)('风险消除、再标注和回退 on $name', ({ open }) => {
  const suite = withProcedureApp(open);
  const statusOf = (no: string) => suite.database.db.selectFrom('household').select(['status', 'monitor_category']).where('household_no', '=', no).executeTakeFirstOrThrow();

  async function county() {
    const { app, database, clock } = suite;
    setDay(clock, '2026-08-03');
    const places = await createPlaceTree(database, 1, 1);
    const team = await makeTeam(app, database, places);
    await activateRecord(await policyAdmin(app, database), places.countyCode, 2026, { prevention: { rangeByYear: RANGE_2026 } }, '监测范围 2026');
    return { places, team };
  }
  /** Monitored since 2025, income 9000 a person in 2025 and 2026, one measure since January 2026. */
  async function monitored(places: TestPlaces, spec: Parameters<typeof eligibleHousehold>[2] = {}) {
    const h = await eligibleHousehold(suite.database, places, {
      status: 'monitored', monitorCategory: 'marginal', history: [{ year: 2025, status: 'monitored', monitorCategory: 'marginal' }],
      incomes: [{ year: 2025, wages: 18000 }, { year: 2026, wages: 18000 }], ...spec,
    });
    await addMeasure(h, 'industry', '2026-01-15', null);
    return h;
  }
  const addMeasure = (h: CreatedHousehold, type: string, startedOn: string, endedOn: string | null) =>
    suite.database.db.insertInto('household_measure').values({ county_code: h.countyCode, household_no: h.householdNo, year: 2026, measure_type: type, role: 'auxiliary', persons: 1, started_on: startedOn, ended_on: endedOn }).execute();
  const start = async (team: Team, as: 'village' | 'township', body: Record<string, unknown>) => (await team.as(as)).inject('POST', '/api/v1/procedures/cases', { year: 2026, ...body });

  it('eliminates through 入户核实, 评议, 公示 and 县级审核确认公告; measures under contract keep running', async () => {
    const { places, team } = await county();
    const village = places.villageCodes[0];
    const h = await monitored(places);
    await addMeasure(h, 'welfare_job', '2026-03-01', '2027-06-30');
    const res = await start(team, 'village', { procedure: 'risk_elimination', householdNo: h.householdNo });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json().reason).toContain('合同期内的帮扶措施继续执行至期满：产业扶持、公益岗位（至 2027-06-30）');
    const v = await team.as('village');
    expect((await v.inject('GET', `/api/v1/procedures/cases/${id}`)).json().plan.map((s: { label: string }) => s.label)).toEqual(['入户核实', '民主评议', '村内公示', '乡镇审核', '县级审核确认并公告']);
    expect((await act(v, [id], 'approve', { evidenceIds: [await upload(v, village, 'income_check')] })).statusCode).toBe(200);
    expect((await act(v, [id], 'approve', { evidenceIds: [await upload(v, village, 'review_minutes')] })).statusCode).toBe(200);
    expect((await v.inject('POST', '/api/v1/procedures/notices', { caseIds: [id], startsOn: '2026-08-03', contact: '村委会' })).json()).toMatchObject({ days: 5 });
    setDay(suite.clock, '2026-08-08');
    const v2 = await team.as('village');
    expect((await act(v2, [id], 'approve', { evidenceIds: [await upload(v2, village, 'notice_photo', '公示.png', 'image/png', PNG)] })).statusCode).toBe(200);
    expect((await act(await team.as('township'), [id], 'approve')).statusCode).toBe(200);
    expect((await act(await team.as('county'), [id], 'approve')).statusCode).toBe(200);
    expect(await statusOf(h.householdNo)).toEqual({ status: 'risk_eliminated', monitor_category: 'marginal' });
    const running = await suite.database.db.selectFrom('household_measure').select(['measure_type', 'ended_on']).where('household_no', '=', h.householdNo).orderBy('measure_type').execute();
    expect(running.map((m) => m.measure_type)).toEqual(['industry', 'welfare_job']);
  });

  it('refuses elimination for a household with no one able to work, and for one still in the range by the 口径', async () => {
    const { places, team } = await county();
    const idle = await monitored(places, { members: [{ name: '老人乙', relation: 'head', columns: { ...ELIGIBLE_MEMBER, labour: 'lost' } }], incomes: [{ year: 2025, wages: 9000 }, { year: 2026, wages: 9000 }] });
    const noLabour = await start(team, 'village', { procedure: 'risk_elimination', householdNo: idle.householdNo });
    expect(noLabour.statusCode).toBe(409);
    expect(noLabour.json().error.message).toContain('家中没有有劳动能力的成员（老人乙（丧失劳动力）），应继续监测并落实兜底保障，不能消除风险');
    expect((await statusOf(idle.householdNo)).status).toBe('monitored');

    const sick = await monitored(places);
    const c = await team.as('county');
    expect((await c.inject('PUT', `/api/v1/prevention/households/${sick.householdNo}/costs/2026`, { lines: [{ item: 'medical_compliant', amount: 1800 }] })).statusCode).toBe(200);
    const inRange = await start(team, 'village', { procedure: 'risk_elimination', householdNo: sick.householdNo });
    expect(inRange.statusCode).toBe(409);
    expect(inRange.json().error.message).toContain('按收支核算口径仍在监测范围内（2026 年）：突发严重困难户：人均纯收入 9000 元，超过监测范围，但扣除合规自付医疗费用 1800 元后人均 8100 元');
    await c.inject('PUT', `/api/v1/prevention/households/${sick.householdNo}/costs/2026`, { lines: [{ item: 'medical_compliant', amount: 1799.98 }] });
    expect((await start(team, 'village', { procedure: 'risk_elimination', householdNo: sick.householdNo })).statusCode).toBe(201);
  });

  it('re-marks a new risk on an eliminated household and reverts a wrong elimination, each with its reason', async () => {
    const { places, team } = await county();
    const village = places.villageCodes[0];
    const eliminated = () => eligibleHousehold(suite.database, places, { status: 'risk_eliminated', monitorCategory: 'unstable', history: [{ year: 2025, status: 'risk_eliminated', monitorCategory: 'unstable' }] });
    const a = await eliminated();
    const noReason = await start(team, 'village', { procedure: 'risk_remark', householdNo: a.householdNo, monitorCategory: 'sudden' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('风险再标注须写明原因（reason）');
    expect((await start(team, 'village', { procedure: 'risk_remark', householdNo: a.householdNo, reason: '户主车祸住院' })).json().error.message).toContain('监测对象类别（monitorCategory）应为');
    const remark = await start(team, 'village', { procedure: 'risk_remark', householdNo: a.householdNo, reason: '户主车祸住院，自付医疗费用 3 万元', monitorCategory: 'sudden' });
    expect(remark.statusCode, remark.body).toBe(201);
    expect(remark.json().reason).toBe('风险再标注为突发严重困难户：户主车祸住院，自付医疗费用 3 万元');
    const v = await team.as('village');
    expect((await act(v, [remark.json().id], 'approve', { evidenceIds: [await upload(v, village, 'verification_record')] })).statusCode).toBe(200);
    expect((await act(await team.as('township'), [remark.json().id], 'approve')).statusCode).toBe(200);
    expect((await act(await team.as('county'), [remark.json().id], 'approve')).statusCode).toBe(200);
    expect(await statusOf(a.householdNo)).toEqual({ status: 'monitored', monitor_category: 'sudden' });
    expect((await start(team, 'village', { procedure: 'risk_remark', householdNo: a.householdNo, reason: '再次', monitorCategory: 'sudden' })).json().error.message).toContain('不能发起风险再标注程序（须为：风险已消除）');

    const b = await eliminated();
    expect((await start(team, 'township', { procedure: 'elimination_revert', householdNo: b.householdNo, reason: '  ' })).json().error.message).toContain('消除回退须写明原因（reason）');
    const revert = await start(team, 'township', { procedure: 'elimination_revert', householdNo: b.householdNo, reason: '核查发现 2025 年收入含一次性征地补偿，风险消除有误' });
    expect(revert.statusCode, revert.body).toBe(201);
    const t = await team.as('township');
    expect((await act(t, [revert.json().id], 'approve', { evidenceIds: [await upload(t, places.townshipCodes[0], 'check_record')] })).statusCode).toBe(200);
    expect((await act(await team.as('county'), [revert.json().id], 'approve')).statusCode).toBe(200);
    expect(await statusOf(b.householdNo)).toEqual({ status: 'monitored', monitor_category: 'unstable' });
    const history = await suite.database.db.selectFrom('household_status_history').select(['year', 'status', 'reason']).where('household_no', '=', b.householdNo).orderBy('year').execute();
    expect(history.at(-1)).toMatchObject({ year: 2026, status: 'monitored' });
    expect(history.at(-1)?.reason).toContain('消除回退程序');
  });
});
