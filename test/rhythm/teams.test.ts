/**
 * 驻村工作队 on both databases: days on post against the prorated minimum (a repeated check-in
 * is one day, leave does not count), a team under three members and a poor village without a
 * team listed, leave refused over a day on post, a replacement ending one member and posting
 * another in the same role.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { addTeamMember, createCadre, listTeams } from '../../src/modules/assistance/service';
import { loadWorkTeamDemo } from '../../src/modules/rhythm/service';
import { ALL_PLACES } from '../../src/db/placeScope';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import type { ManualClock } from '../../src/modules/auth/service';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';

describe.each(testDatabases)('work teams on $name', (t) => {
  let database: Database;
  let app: FastifyInstance;
  let clock: ManualClock;
  let places: TestPlaces;
  let operator: Client;
  const members: Record<string, number> = {};
  let spare: number;

  const ok = async (method: string, url: string, body?: unknown, status = 200) => {
    const res = await operator.inject(method, url, body);
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };

  beforeAll(async () => {
    database = await t.open();
    places = await createPlaceTree(database, 1, 2);
    const [v1, v2] = places.villageCodes;
    await createHousehold(database, places, { villageCode: v1 });
    await createHousehold(database, places, { villageCode: v2 });
    const cadre = (name: string) => createCadre(database.db, { name, unit: '县农业农村局', rank: 'section_chief', visitRole: 'pairing_cadre', placeCode: places.countyCode, phone: null, userId: null }, CONSOLE_ACTOR);
    members.secretary = await addTeamMember(database.db, { villageCode: v1, cadreId: await cadre('李书记'), role: 'first_secretary', startedOn: '2023-06-01' }, CONSOLE_ACTOR);
    members.member = await addTeamMember(database.db, { villageCode: v1, cadreId: await cadre('王队员'), role: 'team_member', startedOn: '2024-04-16' }, CONSOLE_ACTOR);
    spare = await cadre('赵接替');
    ({ app, clock } = await buildTestApp(database, { requireLogin: true }));
    clock.set('2024-05-02T00:00:00Z');
    operator = await loginAs(app, (await makeUser(database, 'county_operator', places.countyCode)).username);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('lists a member below the prorated minimum, a small team and a poor village without a team', async () => {
    for (let d = 1; d <= 19; d++) await ok('POST', '/api/v1/workteams/presence', { memberId: members.secretary, onDate: `2024-04-${String(d).padStart(2, '0')}`, kind: d === 19 ? 'official_trip' : 'present' });
    // A repeated check-in on one day is one day.
    await ok('POST', '/api/v1/workteams/presence', { memberId: members.secretary, onDate: '2024-04-01', kind: 'present' });
    for (let d = 16; d <= 25; d++) await ok('POST', '/api/v1/workteams/presence', { memberId: members.member, onDate: `2024-04-${d}`, kind: 'present' });
    const month = await ok('GET', `/api/v1/workteams/month?place=${places.countyCode}&month=2024-04`);
    const line = (id: number) => month.villages[0].members.find((m: { id: number }) => m.id === id);
    expect([line(members.secretary).onPost, line(members.secretary).required, line(members.secretary).below]).toEqual([19, 20, true]);
    // Assigned 15 of 30 days: 10 required.
    expect([line(members.member).assigned, line(members.member).required, line(members.member).below]).toEqual([15, 10, false]);
    expect(month.belowMinimum.map((m: { cadreName: string }) => m.cadreName)).toEqual(['李书记']);
    expect(month.smallTeams).toEqual([{ villageCode: places.villageCodes[0], villageName: expect.any(String), activeMembers: 2 }]);
    expect(month.withoutTeam.map((v: { villageCode: string }) => v.villageCode)).toEqual([places.villageCodes[1]]);
    const xlsx = await operator.inject('GET', `/api/v1/workteams/month/export.xlsx?place=${places.countyCode}&month=2024-04`);
    expect(xlsx.statusCode).toBe(200);
  });

  it('refuses leave over a day on post, records leave otherwise, and replaces a member in the same role', async () => {
    const clash = await operator.inject('POST', '/api/v1/workteams/leave', { memberId: members.member, fromOn: '2024-04-25', toOn: '2024-04-27', reason: '病假' });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().error.message).toContain('2024-04-25 已记为在岗');
    expect((await ok('POST', '/api/v1/workteams/leave', { memberId: members.member, fromOn: '2024-04-26', toOn: '2024-04-28', reason: '病假' }, 201)).days).toBe(3);
    const replaced = await ok('POST', '/api/v1/workteams/replacements', { memberId: members.member, endedOn: '2024-04-30', reason: '调回原单位', cadreId: spare, startedOn: '2024-05-01' }, 201);
    const may = await ok('GET', `/api/v1/workteams/month?place=${places.countyCode}&month=2024-05`);
    const names = may.villages[0].members.map((m: { cadreName: string; role: string }) => [m.cadreName, m.role]);
    expect(names).toEqual(expect.arrayContaining([['赵接替', 'team_member'], ['李书记', 'first_secretary']]));
    expect(names).not.toContainEqual(['王队员', 'team_member']);
    expect(replaced.newMemberId).toBeGreaterThan(0);
    const again = await operator.inject('POST', '/api/v1/workteams/replacements', { memberId: members.member, endedOn: '2024-04-30', reason: '再次', cadreId: spare, startedOn: '2024-05-01' });
    expect([again.statusCode, again.json().error.message]).toEqual([400, expect.stringContaining('已于 2024-04-30 离任')]);
    await ok('POST', '/api/v1/workteams/diary', { memberId: members.secretary, onDate: '2024-05-01', content: '走访张某户，了解到其子女上学困难' }, 201);
    const diary = await ok('GET', `/api/v1/workteams/diary?place=${places.countyCode}&month=2024-05`);
    expect(diary.items.map((d: { content: string }) => d.content)).toEqual(['走访张某户，了解到其子女上学困难']);
  });

  it('loads demo teams: a 第一书记 and two members a village, the first village left without a team, the second with two', async () => {
    const demo = await createPlaceTree(database, 1, 4);
    for (const v of demo.villageCodes) await createHousehold(database, demo, { villageCode: v });
    await database.db.transaction().execute((tx) => loadWorkTeamDemo(tx, demo.townshipCodes[0]));
    const teams = await listTeams(database.db, ALL_PLACES, demo.countyCode);
    const size = (v: string) => teams.filter((m) => m.villageCode === v).length;
    expect(demo.villageCodes.map(size)).toEqual([0, 2, 3, 3]);
    expect(teams.filter((m) => m.role === 'first_secretary')).toHaveLength(3);
    expect(teams.every((m) => m.unit.endsWith('（演示数据）'))).toBe(true);
  });
});
