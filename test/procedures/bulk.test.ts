/**
 * Many cases at once: a village reviews, verifies and publicises 200 households together, the
 * township approves all 200 in one request (each case still gets its own step record and audit
 * event), one refused case refuses the whole batch, and the county draws a reproducible 10%
 * sample whose failed verification returns a case.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import type { ManualClock } from '../../src/modules/auth/service';
import { drawSample } from '../../src/domain/workflow/sample';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { act, caseOf, eligibleHousehold, makeTeam, PNG, procedureApp, setDay, upload, type Team } from './helpers';

const N = 200;

describe.each(testDatabases)('bulk township approval and county spot check on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let clock: ManualClock;
  let places: TestPlaces;
  let team: Team;
  let ids: number[];

  beforeAll(async () => {
    database = await open();
    ({ app, clock } = await procedureApp(database));
    setDay(clock, '2024-04-01');
    places = await createPlaceTree(database, 1, 1);
    team = await makeTeam(app, database, places);
    const village = places.villageCodes[0];
    const v = await team.as('village');
    ids = [];
    for (let i = 0; i < N; i++) {
      const h = await eligibleHousehold(database, places);
      const res = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo });
      if (res.statusCode !== 201) throw new Error(res.body);
      ids.push(res.json().id);
    }
    const minutes = await upload(v, village, 'review_minutes', '2024年4月村民代表大会记录.pdf');
    expect((await act(v, ids, 'approve', { evidenceIds: [minutes] })).statusCode).toBe(200);
    const agreements = await upload(v, village, 'household_agreement', '农户签字确认书（200户）.pdf');
    expect((await act(v, ids, 'approve', { evidenceIds: [agreements] })).statusCode).toBe(200);
    const notice = await v.inject('POST', '/api/v1/procedures/notices', { caseIds: ids, startsOn: '2024-04-01', contact: '村委会' });
    expect(notice.statusCode).toBe(201);
    expect(notice.json().households).toHaveLength(N);
    setDay(clock, '2024-04-08');
    const v2 = await team.as('village');
    const photo = await upload(v2, village, 'notice_photo', '公示.png', 'image/png', PNG);
    expect((await act(v2, ids, 'approve', { evidenceIds: [photo] })).statusCode).toBe(200);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const stepsAt = async (code: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM procedure_step WHERE county_code = ${places.countyCode} AND step_code = ${code}`.execute(database.db)).rows[0].n;

  it('one refused case refuses the whole batch, naming it, and writes nothing', async () => {
    const t = await team.as('township');
    const before = await stepsAt('township_check');
    const res = await act(t, [...ids, ids[0] + 10_000_000], 'approve');
    expect(res.statusCode).toBe(404);
    const h = await eligibleHousehold(database, places);
    const early = (await (await team.as('village')).inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo })).json().id;
    const one = await act(t, [...ids, early], 'approve');
    expect(one.statusCode).toBe(409);
    expect(one.json().error.message).toBe(`所选 ${N + 1} 件中有 1 件不能办理，全部未办理。第 ${early} 号（户 ${h.householdNo}）：「村民代表大会民主评议」由村级信息员办理，您的角色（乡镇业务员）不能通过`);
    expect(await stepsAt('township_check')).toBe(before);
    const rejectAll = await act(t, ids, 'reject', { comment: '' });
    expect(rejectAll.statusCode).toBe(409);
    expect(rejectAll.json().error.message).toContain(`所选 ${N} 件中有 ${N} 件不能办理，全部未办理。`);
    expect(rejectAll.json().error.details.refusals).toHaveLength(N);
    expect(await stepsAt('township_check')).toBe(before);
  });

  it('the township approves all 200 in one request; each case has its own step record and audit event', async () => {
    const t = await team.as('township');
    const todo = (await t.inject('GET', '/api/v1/procedures/cases?mine=true&pageSize=500')).json();
    expect(todo.total).toBe(N);
    expect(todo.items.every((c: { step: { code: string }; waitingOnMe: boolean }) => c.step.code === 'township_check' && c.waitingOnMe)).toBe(true);
    const res = await act(t, ids, 'approve', { comment: '乡镇逐户核查属实' });
    expect(res.statusCode).toBe(200);
    expect(res.json().done).toBe(N);
    expect(await stepsAt('township_check')).toBe(N);
    const steps = await database.db.selectFrom('procedure_step').select(['case_id', 'comment', 'actor_name', 'on_date']).where('county_code', '=', places.countyCode).where('step_code', '=', 'township_check').execute();
    expect(new Set(steps.map((s) => s.case_id)).size).toBe(N);
    expect(steps.every((s) => s.comment === '乡镇逐户核查属实' && s.actor_name === team.township && s.on_date === '2024-04-08')).toBe(true);
    const events = await database.db.selectFrom('audit_event').select('object_id').where('action', '=', 'procedure.approve').where('username', '=', team.township).execute();
    expect(new Set(events.map((e) => e.object_id))).toEqual(new Set(ids.map(String)));
    expect((await t.inject('GET', '/api/v1/procedures/cases?mine=true')).json().total).toBe(0);
    const summary = (await t.inject('GET', '/api/v1/procedures/summary')).json();
    expect(summary.items).toContainEqual({ procedure: 'exit', step: 'county_spot_check', cases: N, persons: 2 * N });
    expect(summary.items).toContainEqual({ procedure: 'exit', step: 'village_review', cases: 1, persons: 2 });
  });

  it('the county draws a reproducible 10% sample; the rest pass on, a failed check returns its case', async () => {
    const c = await team.as('county');
    const draw = await c.inject('POST', '/api/v1/procedures/spot-checks', { procedure: 'exit', place: places.countyCode, seed: 'county-2024-04' });
    expect(draw.statusCode).toBe(201);
    const d = draw.json();
    expect(d.population).toEqual([...ids].sort((a, b) => a - b));
    expect(d.sample).toHaveLength(20);
    expect(d.sample).toEqual(drawSample(ids, 0.1, 'county-2024-04', (a, b) => a - b).sample);
    expect(d.reproduced).toBe(true);
    const stored = await database.db.selectFrom('spot_check_draw').select(['seed', 'share']).where('id', '=', d.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ seed: 'county-2024-04', share: 0.1 });

    const counts = (await c.inject('GET', '/api/v1/procedures/summary')).json().items;
    expect(counts).toContainEqual({ procedure: 'exit', step: 'county_spot_check', cases: 20, persons: 40 });
    expect(counts).toContainEqual({ procedure: 'exit', step: 'county_marking', cases: 180, persons: 360 });
    const again = await c.inject('POST', '/api/v1/procedures/spot-checks', { procedure: 'exit', place: places.countyCode });
    expect(again.statusCode).toBe(409);

    const notSampled = ids.find((id) => !d.sample.includes(id))!;
    expect((await act(c, [notSampled], 'verify', { passed: true })).json().error.message).toContain('「县级标注脱贫」不能抽查核实');
    const [failed, ...passed] = d.sample as number[];
    expect((await act(c, [failed], 'verify', { passed: false })).json().error.message).toContain('抽查未通过须写明发现的问题');
    expect((await act(c, [failed], 'verify', { passed: false, comment: '家庭收入未如实核算' })).statusCode).toBe(200);
    expect((await act(c, passed, 'verify', { passed: true, comment: '属实' })).statusCode).toBe(200);
    expect((await caseOf(c, failed)).step.code).toBe('village_verification');
    const view = (await c.inject('GET', `/api/v1/procedures/spot-checks/${d.id}`)).json();
    expect(view.cases.find((x: { id: number }) => x.id === failed).verification).toMatchObject({ result: 'check_failed', comment: '家庭收入未如实核算' });
    expect(view.cases.filter((x: { verification: { result: string } | null }) => x.verification?.result === 'verified')).toHaveLength(19);

    const marking = ids.filter((id) => id !== failed);
    const done = await act(c, marking, 'approve');
    expect(done.statusCode).toBe(200);
    const statuses = await sql<{ status: string; n: number }>`SELECT status, count(*)::int AS n FROM household WHERE county_code = ${places.countyCode} GROUP BY status ORDER BY status`.execute(database.db);
    expect(statuses.rows).toEqual([{ status: 'exited', n: N - 1 }, { status: 'poor', n: 2 }]);
  });
});
