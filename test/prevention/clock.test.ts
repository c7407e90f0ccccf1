/**
 * The legal clock of monitoring entry through the API: a province profile in working days across
 * the National Day holiday, escalation (orange to the township, red to the county) when a step is
 * overdue, one case through 评议, 公示 and 审定 within the clock, urgent measures before the
 * decision, and the reach of a case's clock.
 */
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';
import { act, makeTeam, PNG, setDay, upload, withProcedureApp, type Team } from '../procedures/helpers';
import { activateRecord, policyAdmin } from './helpers';

describe.each(testDatabases)('纳入监测时限 on $name', ({ open }) => {
  const suite = withProcedureApp(open);

  async function entry(team: Team, places: TestPlaces, discoveredOn: string) {
    const h = await createHousehold(suite.database, places, { status: 'exited', exitYear: 2019, incomes: [{ year: 2025, wages: 9000 }] });
    const v = await team.as('village');
    const res = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'monitoring_entry', householdNo: h.householdNo, year: 2026, source: 'cadre_discovery', monitorCategory: 'unstable', discoveredOn });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  }
  const clocksOf = async (team: Team, places: TestPlaces) => {
    const res = await (await team.as('county')).inject('GET', `/api/v1/prevention/clocks?place=${places.countyCode}`);
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(res.json().items.map((i: { caseId: number }) => [i.caseId, i]));
  };

  it('counts 海南\'s 20 working days across the National Day holiday and escalates an overdue step to the township', async () => {
    const { app, database, clock } = suite;
    setDay(clock, '2026-10-09');
    const places = await createPlaceTree(database, 1, 1);
    const team = await makeTeam(app, database, places);
    await activateRecord(await policyAdmin(app, database), places.countyCode, 2026, { prevention: { clock: { profile: 'hainan' } } }, '按海南方案');
    const id = await entry(team, places, '2026-09-28');
    let c = (await clocksOf(team, places))[id];
    expect(c).toMatchObject({ profile: 'hainan', unit: 'working', unitLabel: '个工作日', clueOn: '2026-09-28', dueOn: '2026-10-30', remaining: 16, status: 'on_time', escalateTo: null });
    expect(c.currentStep).toEqual({ code: 'verification', label: '入户核实（承诺授权）', dueOn: '2026-10-10' });
    setDay(clock, '2026-10-13');
    c = (await clocksOf(team, places))[id];
    expect(c).toMatchObject({ status: 'orange', stepRemaining: -2, escalateTo: '乡镇', remaining: 13 });
    expect(c.text).toContain('本步骤已超期 2 个工作日；超期（橙色预警），报乡镇督办');
  });

  it('turns red to the county when overdue past the red days; a case through 公示 to 审定 keeps the 15-day clock', async () => {
    const { app, database, clock } = suite;
    setDay(clock, '2026-06-01');
    const places = await createPlaceTree(database, 1, 1);
    const village = places.villageCodes[0];
    const team = await makeTeam(app, database, places);
    const idle = await entry(team, places, '2026-06-01');
    const id = await entry(team, places, '2026-06-01');
    let v = await team.as('village');
    expect((await act(v, [id], 'approve', { evidenceIds: [await upload(v, village, 'review_minutes'), await upload(v, village, 'consent')] })).statusCode).toBe(200);
    expect((await v.inject('POST', '/api/v1/procedures/notices', { caseIds: [id], startsOn: '2026-06-01', contact: '村委会' })).json()).toMatchObject({ days: 5, endsOn: '2026-06-05' });
    setDay(clock, '2026-06-06');
    let clocks = await clocksOf(team, places);
    expect(clocks[idle]).toMatchObject({ status: 'orange', escalateTo: '乡镇', dueOn: '2026-06-16', remaining: 10 });
    expect(clocks[id]).toMatchObject({ status: 'on_time', currentStep: { code: 'review_notice', dueOn: '2026-06-11' } });
    v = await team.as('village');
    expect((await act(v, [id], 'approve', { evidenceIds: [await upload(v, village, 'notice_photo', '公示.png', 'image/png', PNG)] })).statusCode).toBe(200);
    setDay(clock, '2026-06-08');
    clocks = await clocksOf(team, places);
    expect(clocks[idle]).toMatchObject({ status: 'red', statusLabel: '严重超期（红色预警）', escalateTo: '县级' });
    expect(clocks[id]).toMatchObject({ status: 'on_time', procedureStepLabel: '乡镇审核' });
    expect((await act(await team.as('township'), [id], 'approve')).statusCode).toBe(200);
    expect((await act(await team.as('county'), [id], 'approve')).statusCode).toBe(200);
    clocks = await clocksOf(team, places);
    expect(clocks[id]).toMatchObject({ caseStatus: 'completed', status: 'done', statusLabel: '按时办结' });
    expect(Object.values(clocks).map((c) => (c as { caseId: number }).caseId)).toEqual([idle, id]);
    const xlsx = await (await team.as('county')).inject('GET', `/api/v1/prevention/clocks.xlsx?place=${places.countyCode}`);
    expect(xlsx.statusCode).toBe(200);
  });

  it('records urgent measures before the decision on an open case only, and refuses a case outside the reach', async () => {
    const { app, database, clock } = suite;
    setDay(clock, '2026-07-01');
    const places = await createPlaceTree(database, 1, 1);
    const team = await makeTeam(app, database, places);
    const id = await entry(team, places, '2026-06-30');
    const v = await team.as('village');
    const post = (body: Record<string, unknown>) => v.inject('POST', `/api/v1/prevention/cases/${id}/urgent-measures`, body);
    const bad = await post({ startedOn: '2026-07-01', cause: 'rain', measure: '临时救助' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('紧急原因（cause）应为 disaster 自然灾害');
    expect((await post({ startedOn: '2026-07-02', cause: 'disaster', measure: '临时救助' })).statusCode).toBe(400);
    const ok = await post({ startedOn: '2026-07-01', cause: 'disaster', measure: '房屋受损，先行发放临时救助 3000 元' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().urgentMeasures).toMatchObject([{ startedOn: '2026-07-01', causeLabel: '自然灾害', measure: '房屋受损，先行发放临时救助 3000 元' }]);
    expect((await v.inject('GET', `/api/v1/prevention/cases/${id}/clock`)).json().urgentMeasures).toHaveLength(1);
    const audit = await database.db.selectFrom('audit_event').select('action').where('action', '=', 'prevention.urgent_measure').where('object_id', '=', String(ok.json().urgentMeasures[0].id)).execute();
    expect(audit).toHaveLength(1);

    const other = await createPlaceTree(database, 1, 1);
    const stranger = await (await makeTeam(app, database, other)).as('village');
    expect((await stranger.inject('GET', `/api/v1/prevention/cases/${id}/clock`)).statusCode).toBe(404);
    expect((await stranger.inject('POST', `/api/v1/prevention/cases/${id}/urgent-measures`, { startedOn: '2026-07-01', cause: 'disaster', measure: 'x' })).statusCode).toBe(404);
  });
});
