/**
 * The reporting rhythm on both databases: a month-end snapshot unchanged by later edits (and
 * read by the trend and the listed-place page), submissions on time and late, missing ones
 * listed, return with a reason, resubmission, sign-off and a refused submission after it; an
 * inspection finding opening a rectification, closed and shown in the 通报; 问责 causes checked.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import type { ManualClock } from '../../src/modules/auth/service';
import { takeMonthEndSnapshots } from '../../src/modules/rhythm/service';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';

const poor = (village: string) => ({ villageCode: village, history: [{ year: 2023, status: 'poor' }] });

describe.each(testDatabases)('reporting rhythm on $name', (t) => {
  let database: Database;
  let app: FastifyInstance;
  let clock: ManualClock;
  let places: TestPlaces;
  let county: string;
  let users: Record<'countyOperator' | 'townshipOperator' | 'township2Operator' | 'countyLeader' | 'townshipLeader', string>;

  /** Sign in at a China date (08:00 there): sessions do not outlive a jump of days. */
  const at = async (date: string, who: keyof typeof users): Promise<Client> => {
    clock.set(`${date}T00:00:00Z`);
    return loginAs(app, users[who]);
  };
  const ok = async (client: Client, method: string, url: string, body?: unknown, status = 200) => {
    const res = await client.inject(method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  beforeAll(async () => {
    database = await t.open();
    places = await createPlaceTree(database, 2, 2);
    county = places.countyCode;
    for (let i = 0; i < 3; i++) await createHousehold(database, places, poor(places.villageCodes[0]));
    await createHousehold(database, places, poor(places.villageCodes[2]));
    ({ app, clock } = await buildTestApp(database, { requireLogin: true }));
    users = {
      countyOperator: (await makeUser(database, 'county_operator', county)).username,
      townshipOperator: (await makeUser(database, 'township_operator', places.townshipCodes[0])).username,
      township2Operator: (await makeUser(database, 'township_operator', places.townshipCodes[1])).username,
      countyLeader: (await makeUser(database, 'leader', county)).username,
      townshipLeader: (await makeUser(database, 'leader', places.townshipCodes[0])).username,
    };
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('keeps a month-end snapshot unchanged by later edits; the trend and the listed-place page read it', async () => {
    const first = await takeMonthEndSnapshots(database.db, new Date('2024-03-01T01:00:00Z'));
    expect(first.month).toBe('2024-02-01');
    expect(first.taken).toContain(county);
    const leader = await at('2024-03-02', 'countyLeader');
    const trend = await ok(leader, 'GET', `/api/v1/rhythm/trend?place=${county}&year=2024`);
    expect([trend.months[1].taken, trend.months[1].remaining_households, trend.months[1].remaining_persons]).toEqual([true, 4, 8]);
    expect(trend.months[2].taken).toBe(false);

    await createHousehold(database, places, poor(places.villageCodes[0]));
    const operator = await at('2024-03-02', 'countyOperator');
    const now = await ok(operator, 'POST', '/api/v1/rhythm/snapshots', { place: county }, 201);
    expect([now.kind, now.total.remaining_households]).toEqual(['on_demand', 5]);
    const again = await takeMonthEndSnapshots(database.db, new Date('2024-03-05T01:00:00Z'));
    expect(again.taken).not.toContain(county);
    const later = await ok(leader, 'GET', `/api/v1/rhythm/trend?place=${county}&year=2024`);
    expect(later.months[1].remaining_households).toBe(4);
    const byTownship = await ok(leader, 'GET', `/api/v1/rhythm/periods?place=${county}&year=2024&kind=quarter&index=1`);
    expect([byTownship.endMonth, byTownship.children.map((c: { code: string; remaining_households: number }) => [c.code, c.remaining_households])])
      .toEqual(['2024-02-01', [[places.townshipCodes[0], 3], [places.townshipCodes[1], 1]]]);
    await expect(sql`UPDATE month_snapshot_line SET remaining_persons = 0 WHERE county_code = ${county}`.execute(database.db)).rejects.toThrow(/不得修改/);
    const listed = await ok(leader, 'GET', `/api/v1/supervision/places/${places.townshipCodes[0]}`);
    expect(listed.snapshots).toEqual([{ month: '2024-02-01', households: 3, persons: 6 }]);
    const xlsx = await leader.inject('GET', `/api/v1/rhythm/periods/export.xlsx?place=${county}&year=2024&kind=year`);
    expect([xlsx.statusCode, xlsx.headers['content-type']]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });

  it('returns a submission with a reason, takes the resubmission, signs it off and refuses a submission after', async () => {
    const [t1] = places.townshipCodes;
    const url = `/api/v1/rhythm/reports/${t1}/2024-03`;
    const operator = await at('2024-03-10', 'townshipOperator');
    const first = await ok(operator, 'POST', url, { progress: '本月走访贫困户 40 户', problems: '个别户医保未续缴' });
    expect([first.status, first.version, first.dueOn, first.late, first.figures.total.remaining_households]).toEqual(['submitted', 1, '2024-03-15', false, 4]);

    const own = await at('2024-03-11', 'townshipLeader');
    expect((await own.inject('POST', `${url}/decision`, { decision: 'signed_off' })).statusCode).toBe(403);
    const leader = await at('2024-03-11', 'countyLeader');
    const noReason = await leader.inject('POST', `${url}/decision`, { decision: 'returned' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('退回时须写明退回理由');
    const returned = await ok(leader, 'POST', `${url}/decision`, { decision: 'returned', reason: '未写明整改进度' });
    expect([returned.status, returned.versions[0].reason]).toEqual(['returned', '未写明整改进度']);

    const again = await at('2024-03-18', 'townshipOperator');
    const second = await ok(again, 'POST', url, { progress: '本月走访贫困户 40 户，整改问题 2 个已销号' });
    // Timeliness stays with the first submission.
    expect([second.status, second.version, second.late, second.firstSubmittedOn]).toEqual(['submitted', 2, false, '2024-03-10']);
    const signer = await at('2024-03-18', 'countyLeader');
    const signed = await ok(signer, 'POST', `${url}/decision`, { decision: 'signed_off' });
    expect([signed.status, signed.versions.map((v: { decision: string }) => v.decision)]).toEqual(['signed_off', ['returned', 'signed_off']]);

    const late = await again.inject('POST', url, { progress: '补充' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('已于第 2 版签收，不能再次上报');
    const after = await ok(signer, 'GET', url);
    expect([after.version, after.versions.length, after.status]).toEqual([2, 2, 'signed_off']);
  });

  it('lists a missing township after its deadline and its late submission after', async () => {
    const [, t2] = places.townshipCodes;
    const leader = await at('2024-03-17', 'countyLeader');
    const list = await ok(leader, 'GET', `/api/v1/rhythm/submissions?place=${county}&month=2024-03`);
    const state = (l: { items: { placeCode: string; state: string }[] }, code: string) => l.items.find((i) => i.placeCode === code)?.state;
    expect([state(list, t2), state(list, county), list.items[0].placeCode]).toEqual(['missing', 'pending', t2]);

    const operator = await at('2024-03-17', 'township2Operator');
    const late = await ok(operator, 'POST', `/api/v1/rhythm/reports/${t2}/2024-03`, { progress: '补报' });
    expect(late.late).toBe(true);
    const countyOperator = await at('2024-03-19', 'countyOperator');
    const countyReport = await ok(countyOperator, 'POST', `/api/v1/rhythm/reports/${county}/2024-03`, { progress: '全县进展' });
    expect([countyReport.dueOn, countyReport.late, countyReport.versions[0].missing]).toEqual(['2024-03-20', false, []]);
    const reader = await at('2024-03-19', 'countyLeader');
    const after = await ok(reader, 'GET', `/api/v1/rhythm/submissions?place=${county}&month=2024-03`);
    expect([state(after, t2), state(after, county), after.totals.late, after.totals.missing]).toEqual(['late', 'on_time', 1, 0]);
    const xlsx = await reader.inject('GET', `/api/v1/rhythm/submissions/export.xlsx?place=${county}&month=2024-03`);
    expect(xlsx.statusCode).toBe(200);
  });

  it('opens a rectification from a finding, refuses one outside the round, and shows it closed in the 通报', async () => {
    const [t1, t2] = places.townshipCodes;
    const operator = await at('2024-04-02', 'countyOperator');
    const round = await ok(operator, 'POST', '/api/v1/inspections', {
      title: '2024年第一轮明察', mode: 'open', places: [t1], team: ['王督查', '李督查'], leader: '赵副县长', startsOn: '2024-04-01', endsOn: '2024-04-05',
    }, 201);
    const base = `/api/v1/inspections/${county}/${round.id}`;
    const count = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM rectification WHERE place_code LIKE ${county + '%'}`.execute(database.db)).rows[0].n);
    const before = await count();
    const outside = await operator.inject('POST', `${base}/findings`, { placeCode: places.villageCodes[2], foundOn: '2024-04-02', finding: '问题', responsibleUnit: '镇政府', deadline: '2024-04-30' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('不在本次督查的范围内');
    const badDate = await operator.inject('POST', `${base}/findings`, { placeCode: places.villageCodes[0], foundOn: '2024-03-30', finding: '问题', responsibleUnit: '镇政府', deadline: '2024-04-30' });
    expect(badDate.statusCode).toBe(400);
    expect(await count()).toBe(before);
    expect(t2).toBeTruthy();

    const found = await ok(operator, 'POST', `${base}/findings`, { placeCode: places.villageCodes[0], foundOn: '2024-04-02', finding: '3户危房改造未验收', responsibleUnit: '县住建局', deadline: '2024-04-30' }, 201);
    const rectId = found.round.findings[0].rectificationId;
    expect(await count()).toBe(before + 1);
    const rect = await ok(operator, 'GET', `/api/v1/rectifications/${rectId}`);
    expect([rect.source, rect.status, rect.placeCode]).toEqual(['supervision_check', 'reported', places.villageCodes[0]]);
    for (const step of [{ action: 'start' }, { action: 'rectify', evidence: ['验收单'] }, { action: 'verify_pass', evidence: ['核验记录'] }, { action: 'close', evidence: ['销号材料'] }]) {
      await ok(operator, 'POST', `/api/v1/rectifications/${rectId}/steps`, { note: '办理', ...step });
    }
    const bulletin = await ok(operator, 'POST', `${base}/bulletins`, { title: '关于第一轮明察情况的通报', docNo: '扶督〔2024〕1号', issuedOn: '2024-04-03', praise: [{ placeCode: t1, text: '走访到位' }] }, 201);
    const criticism = bulletin.items.find((i: { kind: string }) => i.kind === 'criticism');
    expect([criticism.rectificationId, criticism.followUp.status, bulletin.items.length]).toEqual([rectId, 'closed', 2]);

    const cause = await ok(operator, 'POST', '/api/v1/accountability', { placeCode: t1, person: '张某', position: '副镇长', causeKind: 'finding', causeRef: `${round.id}-1`, measure: 'reminder', decidedOn: '2024-04-02' }, 201);
    expect(cause.causeText).toContain('3户危房改造未验收');
    const noBasis = await operator.inject('POST', '/api/v1/accountability', { placeCode: t1, person: '张某', causeKind: 'basis', measure: 'reminder', decidedOn: '2024-04-02' });
    expect([noBasis.statusCode, noBasis.json().error.message]).toEqual([400, expect.stringContaining('问责依据（basis）不能为空')]);
    const unknown = await operator.inject('POST', '/api/v1/accountability', { placeCode: t1, person: '张某', causeKind: 'finding', causeRef: `${round.id}-9`, measure: 'reminder', decidedOn: '2024-04-02' });
    expect(unknown.statusCode).toBe(400);
    const ledger = await ok(operator, 'GET', `/api/v1/accountability?place=${county}&year=2024`);
    expect(ledger.items.map((a: { person: string; measureLabel: string }) => [a.person, a.measureLabel])).toEqual([['张某', '提醒谈话']]);
  });
});
