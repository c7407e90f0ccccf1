/**
 * 县摘帽 on both databases: the verdict reads 三率一度 from the quality module's sample records
 * (boundaries exactly at 2% / 90%), the exit procedure refuses a failing county (naming the
 * conditions) and completes through 公示 with an objection, and the centre's spot check draws
 * the policy share per province (rounded up; exactly reached) and marks a failed county.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { drawSample } from '../../src/domain/workflow/sample';
import { ALL_PLACES } from '../../src/db/placeScope';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { recheckSampleChanges } from '../../src/modules/counties/service';
import { createPolicyDraft } from '../../src/modules/policy/service';
import { loginAs } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree } from '../helpers/factory';
import { makeProcedureUser, setDay, withProcedureApp } from '../procedures/helpers';

const survey = (placeCode: string, over: Record<string, number> = {}) => ({
  placeCode, year: 2024, surveyedOn: '2024-02-20', ruralPopulation: 10000, personsSampled: 1000, missedPersons: 10,
  exitedPersonsSampled: 500, wronglyExitedPersons: 10, respondents: 100, satisfied: 90, ...over,
});

describe.each(testDatabases)('county exit ($name)', (t) => {
  const s = withProcedureApp(t.open);

  async function countyWithSurvey(over: Record<string, number> = {}) {
    const places = await createPlaceTree(s.database, 1, 1);
    await createHousehold(s.database, places, { status: 'poor' });
    await createHousehold(s.database, places, { status: 'exited', exitYear: 2023 });
    const op = await makeProcedureUser(s.database, 'county_operator', places.countyCode);
    const client = await loginAs(s.app, op.username);
    const res = await client.inject('POST', '/api/v1/quality/surveys', survey(places.countyCode, over));
    expect(res.statusCode, res.body).toBe(201);
    return { places, client };
  }

  it('reads 三率一度 from the sample records: 2% and 90% exactly pass, a village survey tips the wrong-exit rate over', async () => {
    setDay(s.clock, '2024-03-01');
    const { places, client } = await countyWithSurvey();
    const read = async () => {
      const res = await client.inject('GET', `/api/v1/counties/exit-verdicts?place=${places.countyCode}&year=2024`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().rows[0];
    };
    const row = await read();
    expect(row.verdict.passed).toBe(true);
    const reasons = Object.fromEntries(row.verdict.conditions.map((c: { key: string; reason: string }) => [c.key, c.reason]));
    expect(reasons).toMatchObject({ wrongExitRate: '错退率 2.00% = 2%', missedRate: '漏评率 1.00% < 2%', approval: '群众认可度 90.00% = 90%' });
    // (2 poor + 1% × (10000 − 4 registered) + 2% × 2 exited) / 10000
    expect(row.verdict.conditions[0]).toMatchObject({ key: 'incidence', passed: true, shown: '1.02%' });
    expect(row.verdict.conditions[0].formula).toContain('剩余贫困人口 2');

    const res = await client.inject('POST', '/api/v1/quality/surveys', survey(places.villageCodes[0], { exitedPersonsSampled: 100, wronglyExitedPersons: 3, ruralPopulation: 800 }));
    expect(res.statusCode, res.body).toBe(201);
    const after = await read();
    expect(after.verdict.passed).toBe(false);
    expect(after.verdict.failing).toEqual(['错退率 2.17% > 2%，未达标']);

    const draft = await createPolicyDraft(s.database.db, {
      regionCode: places.countyCode, effectiveYear: 2024, title: '测试：错退率放宽到 2.5%', rules: { countyExit: { wrongExitRate: { threshold: 0.025, source: '测试' } } },
    }, CONSOLE_ACTOR);
    const whatIf = await client.inject('GET', `/api/v1/counties/exit-verdicts/what-if?place=${places.countyCode}&year=2024&policy=${draft.id}`);
    expect(whatIf.statusCode, whatIf.body).toBe(200);
    expect(whatIf.json().changed).toEqual([{ code: places.countyCode, name: row.name, passedBefore: false, passedAfter: true, failingBefore: ['错退率 2.17% > 2%，未达标'], failingAfter: [] }]);

    const xlsx = await client.inject('GET', `/api/v1/counties/exit-verdicts/export.xlsx?place=${places.countyCode}&year=2024`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses to start the exit of a failing county and completes a passing one through 公示 and an objection', async () => {
    setDay(s.clock, '2024-03-01');
    const failing = await countyWithSurvey({ satisfied: 89 });
    const refused = await failing.client.inject('POST', `/api/v1/counties/${failing.places.countyCode}/exit-cases`, { year: 2024 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('群众认可度 89.00% < 90%，未达标');

    const { places, client } = await countyWithSurvey();
    const countyOp = await makeProcedureUser(s.database, 'county_operator', places.countyCode);
    const city = await makeProcedureUser(s.database, 'department_operator', places.cityCode, 'agriculture');
    const province = await makeProcedureUser(s.database, 'department_operator', places.provinceCode, 'agriculture');
    const started = await client.inject('POST', `/api/v1/counties/${places.countyCode}/exit-cases`, { year: 2024 });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id;
    expect((await failing.client.inject('GET', `/api/v1/counties/exit-cases/${id}`)).statusCode).toBe(404);
    expect((await failing.client.inject('POST', `/api/v1/counties/${places.countyCode}/exit-cases`, { year: 2024 })).statusCode).toBe(404);
    expect((await client.inject('POST', `/api/v1/counties/exit-cases/${id}/actions`, { type: 'publish', startsOn: '2024-02-30' })).json().error.message).toContain('公示开始日期（startsOn）不是有效日期');
    const act = async (username: string, body: Record<string, unknown>) => (await loginAs(s.app, username)).inject('POST', `/api/v1/counties/exit-cases/${id}/actions`, body);

    expect((await act(province.username, { type: 'approve' })).json().error.message).toContain('「县申请」由县级办理');
    expect((await act(countyOp.username, { type: 'approve' })).json().stepLabel).toBe('市初审');
    expect((await act(city.username, { type: 'approve' })).json().stepLabel).toBe('省核查');
    expect((await act(province.username, { type: 'approve' })).json().stepLabel).toBe('公示');
    const published = await act(province.username, { type: 'publish', startsOn: '2024-03-01' });
    expect(published.json()).toMatchObject({ noticeStartsOn: '2024-03-01', noticeEndsOn: '2024-03-07' });
    const objected = await act(province.username, { type: 'object', objector: '村民甲', content: '本村仍有漏评户' });
    expect(objected.json().openObjections).toBe(1);
    setDay(s.clock, '2024-03-08');
    expect((await act(province.username, { type: 'approve' })).json().error.message).toContain('异议未处理');
    const objectionId = objected.json().objections[0].id;
    expect((await act(province.username, { type: 'resolve', objectionId, upheld: false, comment: '经核实不属实' })).statusCode).toBe(200);
    expect((await act(province.username, { type: 'approve' })).json().stepLabel).toBe('批准');
    const done = await act(province.username, { type: 'approve' });
    expect(done.json()).toMatchObject({ status: 'completed', statusLabel: '已批准摘帽' });
    expect(done.json().history.map((h: { stepLabel: string }) => h.stepLabel)).toEqual(['县申请', '县申请', '市初审', '省核查', '公示', '公示', '公示', '公示', '批准']);

    const dashboard = await (await loginAs(s.app, province.username)).inject('GET', `/api/v1/counties/exit-verdicts?place=${places.cityCode}&year=2024`);
    const row = dashboard.json().rows.find((r: { code: string }) => r.code === places.countyCode);
    expect(row.exit).toMatchObject({ year: 2024, status: 'exited', approvedOn: '2024-03-08' });
    const again = await (await loginAs(s.app, countyOp.username)).inject('POST', `/api/v1/counties/${places.countyCode}/exit-cases`, { year: 2025 });
    expect(again.statusCode).toBe(409);
  });

  it('draws the policy share of last year\'s exited counties per province (rounded up) and marks a failed re-check', async () => {
    setDay(s.clock, '2024-04-01');
    const { db } = s.database;
    await sql`DELETE FROM county_recheck WHERE year = 2024`.execute(db);
    await sql`DELETE FROM county_recheck_draw WHERE year = 2024`.execute(db);
    await sql`DELETE FROM county_exit WHERE year = 2023`.execute(db);
    const counties: Record<string, string[]> = { '93': [], '94': [] };
    for (const [province, n] of [['93', 6], ['94', 5]] as const) {
      await db.insertInto('place').values({ code: province, name: `测试${province}省`, level: 1, parent_code: null }).onConflict((oc) => oc.column('code').doNothing()).execute();
      await db.insertInto('place').values({ code: `${province}01`, name: `测试${province}市`, level: 2, parent_code: province }).onConflict((oc) => oc.column('code').doNothing()).execute();
      for (let i = 1; i <= n; i++) {
        const code = `${province}01${String(i).padStart(2, '0')}`;
        counties[province].push(code);
        await db.insertInto('place').values({ code, name: `测试县${code}`, level: 3, parent_code: `${province}01` }).onConflict((oc) => oc.column('code').doNothing()).execute();
        await db.insertInto('county_exit').values({ county_code: code, year: 2023, approved_on: '2023-10-01', recorded_at: new Date(), note: '测试' }).execute();
      }
    }
    const centre = await makeProcedureUser(s.database, 'policy_admin', '0');
    const client = await loginAs(s.app, centre.username);
    const county = await loginAs(s.app, (await makeProcedureUser(s.database, 'county_operator', counties['93'][0])).username);
    expect((await county.inject('POST', '/api/v1/counties/rechecks/draws', { year: 2024, place: '93' })).statusCode).toBe(404);

    const res = await client.inject('POST', '/api/v1/counties/rechecks/draws', { year: 2024, place: '0', seed: 'test-seed' });
    expect(res.statusCode, res.body).toBe(201);
    const draw = res.json();
    const sampled = (p: string) => draw.sample.filter((c: string) => c.startsWith(p));
    expect(sampled('93')).toHaveLength(2); // 20% of 6 = 1.2 → 2
    expect(sampled('94')).toHaveLength(1); // 20% of 5 = 1 exactly
    expect(sampled('93')).toEqual(drawSample(counties['93'], 0.2, 'test-seed/93', (a, b) => a.localeCompare(b)).sample);
    expect((await client.inject('POST', '/api/v1/counties/rechecks/draws', { year: 2024, place: '94' })).statusCode).toBe(409);
    // The policy what-if of a 30% share: 6 exited counties still give 2 (1.8 → 2), 5 give 2 instead of 1 (1.5 → 2).
    expect(await recheckSampleChanges(db, ALL_PLACES, '0', 2024, 0.2, 0.3)).toEqual(expect.arrayContaining([{ code: '94', name: '测试94省', exited: 5, before: 1, after: 2 }]));
    expect((await recheckSampleChanges(db, ALL_PLACES, '0', 2024, 0.2, 0.3)).map((p) => p.code)).not.toContain('93');

    const [failed] = sampled('94');
    const findings = { checkedOn: '2024-03-30', ruralPopulation: 100000, personsSampled: 1000, missedPersons: 5, exitedPersonsSampled: 1000, wronglyExitedPersons: 25, respondents: 200, satisfied: 190 };
    const bad = await client.inject('PUT', `/api/v1/counties/rechecks/${failed}/2024`, { ...findings, satisfied: 201 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('认可人数（satisfied）201 大于受访人数 200');
    const recorded = await client.inject('PUT', `/api/v1/counties/rechecks/${failed}/2024`, findings);
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ passed: false, verdict: { failing: ['错退率 2.50% > 2%，未达标'] } });
    const passed = await client.inject('PUT', `/api/v1/counties/rechecks/${sampled('93')[0]}/2024`, { ...findings, wronglyExitedPersons: 20 });
    expect(passed.json().passed).toBe(true);

    const overview = (await client.inject('GET', '/api/v1/counties/rechecks?place=0&year=2024')).json();
    const failedRow = overview.rechecks.find((r: { countyCode: string }) => r.countyCode === failed);
    expect(failedRow).toMatchObject({ status: 'failed', statusLabel: '复查未通过' });
    expect(failedRow.rectificationIds).toHaveLength(1);
    const rect = await db.selectFrom('rectification').select(['place_code', 'finding']).where('id', '=', failedRow.rectificationIds[0]).executeTakeFirstOrThrow();
    expect(rect).toMatchObject({ place_code: failed });
    expect(rect.finding).toContain('错退率 2.50% > 2%');
    const exit = await db.selectFrom('county_exit').select('status').where('county_code', '=', failed).executeTakeFirstOrThrow();
    expect(exit.status).toBe('recheck_failed');
    expect(overview.draws[0]).toMatchObject({ drawnBy: centre.username, seed: 'test-seed', populationCount: 11, sampleCount: 3 });
  });
});
