import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { pairCadreHouseholds } from '../../src/modules/users/bootstrap';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, idNumberFor, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { registryApp, signIn, type Client } from './session';

const MASKED_ID = /^\d{6}\*{8}[\dX]{4}$/;

interface Endpoint {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** The permission it declares. */
  needs: 'read' | 'write' | 'export';
  /** The URL reaching `h` (a household's members: its first member), the payload, and the status of success. */
  request: (h: CreatedHousehold & { key: string }, places: TestPlaces) => { url: string; payload?: object };
  ok: number;
}

let serial = 600;
const ENDPOINTS: Endpoint[] = [
  { name: 'list', method: 'GET', needs: 'read', ok: 200, request: (h) => ({ url: `/api/v1/households?place=${h.villageCode}` }) },
  { name: 'card', method: 'GET', needs: 'read', ok: 200, request: (h) => ({ url: `/api/v1/households/${h.householdNo}` }) },
  { name: 'timeline', method: 'GET', needs: 'read', ok: 200, request: (h) => ({ url: `/api/v1/households/${h.householdNo}/timeline` }) },
  { name: 'household update', method: 'PATCH', needs: 'write', ok: 200, request: (h) => ({ url: `/api/v1/households/${h.householdNo}`, payload: { relocated: true } }) },
  {
    name: 'member add',
    method: 'POST',
    needs: 'write',
    ok: 201,
    request: (h) => ({ url: `/api/v1/households/${h.householdNo}/members`, payload: { idNumber: idNumberFor(h.countyCode, '2001-01-01', serial++), name: '新成员', relation: 'other' } }),
  },
  { name: 'member update', method: 'PATCH', needs: 'write', ok: 200, request: (h) => ({ url: `/api/v1/households/${h.householdNo}/members/${h.key}`, payload: { education: 'junior' } }) },
  { name: 'export', method: 'GET', needs: 'export', ok: 200, request: (h) => ({ url: `/api/v1/households/export.xlsx?place=${h.villageCode}` }) },
];

describe.each(testDatabases)('registry access on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await open();
    app = await registryApp(database);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  /** A county of two villages: two households in the first, one in the second, each with its first member's key. */
  async function seed() {
    const places = await createPlaceTree(database, 1, 2);
    const [v1, v2] = places.villageCodes;
    const withKey = async (h: CreatedHousehold) => {
      const row = await database.db.selectFrom('person').select('member_key').where('county_code', '=', h.countyCode).where('id_number', '=', h.members[0].idNumber).executeTakeFirstOrThrow();
      return { ...h, key: row.member_key };
    };
    const mine = await withKey(await createHousehold(database, places, { villageCode: v1, phone: '13712345678', members: [{ name: '张一', relation: 'head', columns: { phone: '13600001111' } }, { name: '李二', relation: 'spouse' }] }));
    const neighbour = await withKey(await createHousehold(database, places, { villageCode: v1 }));
    const elsewhere = await withKey(await createHousehold(database, places, { villageCode: v2 }));
    const operator = await signIn(app, database, 'village_operator', v1);
    return { places, v1, v2, mine, neighbour, elsewhere, operator };
  }

  const call = (client: Client | null, e: Endpoint, target: { url: string; payload?: object }) =>
    client ? client.inject(e.method, target.url, target.payload) : app.inject({ method: e.method, url: target.url, payload: target.payload });

  const events = (username: string, action: string) =>
    database.db.selectFrom('audit_event').selectAll().where('username', '=', username).where('action', '=', action).orderBy('id').execute();

  it('gives every endpoint the access matrix: anonymous 401, wrong role 403, another village 404 and audited, the right user 2xx', async () => {
    const s = await seed();
    const auditor = await signIn(app, database, 'auditor', s.places.countyCode);
    const leader = await signIn(app, database, 'leader', s.places.countyCode);
    const department = await signIn(app, database, 'department_operator', s.places.countyCode);
    const cadre = await signIn(app, database, 'pairing_cadre', s.places.countyCode);
    for (const e of ENDPOINTS) {
      const at = (h: typeof s.mine) => e.request(h, s.places);
      const anonymous = await call(null, e, at(s.mine));
      expect(anonymous.statusCode, e.name).toBe(401);
      expect(anonymous.json().error.code).toBe('unauthenticated');

      expect((await call(auditor, e, at(s.mine))).statusCode, `${e.name} by the auditor`).toBe(403);
      const wrong = [...(e.needs === 'read' ? [] : [leader, cadre]), ...(e.needs === 'write' ? [department] : [])];
      for (const client of wrong) {
        const res = await call(client, e, at(s.mine));
        expect(res.statusCode, `${e.name} by ${client.username}`).toBe(403);
        expect(res.json().error.message).toContain('权限');
      }

      const before = (await events(s.operator.username, 'access.refused')).length;
      const outside = await call(s.operator, e, at(s.elsewhere));
      expect(outside.statusCode, `${e.name} of another village`).toBe(404);
      expect(outside.json().error.code).toBe('not_found');
      const refused = await events(s.operator.username, 'access.refused');
      expect(refused).toHaveLength(before + 1);
      const isList = e.name === 'list' || e.name === 'export';
      expect(refused[refused.length - 1]).toMatchObject({
        role: 'village_operator',
        outcome: 'refused',
        object_type: isList ? 'place' : 'household',
        object_id: isList ? s.v2 : s.elsewhere.householdNo,
      });

      const ok = await call(s.operator, e, at(s.mine));
      expect(ok.statusCode, `${e.name} by the village operator: ${ok.body.slice(0, 200)}`).toBe(e.ok);
      if (e.needs === 'read') expect((await call(leader, e, at(s.mine))).statusCode, `${e.name} by the leader`).toBe(200);
    }
  });

  it('lists only the user’s village, also under a place above it, and refuses an unknown household as absent', async () => {
    const s = await seed();
    const numbers = async (url: string) => (await s.operator.inject('GET', url)).json().items.map((i: { householdNo: string }) => i.householdNo).sort();
    const own = [s.mine.householdNo, s.neighbour.householdNo].sort();
    expect(await numbers('/api/v1/households')).toEqual(own);
    expect(await numbers(`/api/v1/households?place=${s.places.countyCode}`)).toEqual(own);
    expect(await numbers(`/api/v1/households?q=${s.elsewhere.members[0].idNumber}`)).toEqual([]);
    const absent = await s.operator.inject('GET', '/api/v1/households/NO-SUCH');
    expect(absent.statusCode).toBe(404);
    const foreign = await s.operator.inject('GET', `/api/v1/households/${s.elsewhere.householdNo}`);
    expect(foreign.json().error.message).toBe(`户 ${s.elsewhere.householdNo} 不存在或不在您的权限范围内`);
    const otherCounty = await createPlaceTree(database, 1, 1);
    expect((await s.operator.inject('GET', `/api/v1/households?place=${otherCounty.countyCode}`)).statusCode).toBe(404);
    const memberOfOther = await s.operator.inject('PATCH', `/api/v1/households/${s.mine.householdNo}/members/${s.elsewhere.key}`, { education: 'junior' });
    expect(memberOfOther.statusCode).toBe(404);
    const unchanged = await database.db.selectFrom('person').select('education').where('member_key', '=', s.elsewhere.key).executeTakeFirstOrThrow();
    expect(unchanged.education).toBeNull();
  });

  it('shows a pairing cadre only his paired households', async () => {
    const s = await seed();
    const cadre = await signIn(app, database, 'pairing_cadre', s.places.countyCode);
    await pairCadreHouseholds(database.db, cadre.userId, [{ countyCode: s.mine.countyCode, householdNo: s.mine.householdNo }]);
    const list = (await cadre.inject('GET', '/api/v1/households')).json();
    expect(list.total).toBe(1);
    expect(list.items.map((i: { householdNo: string }) => i.householdNo)).toEqual([s.mine.householdNo]);
    expect((await cadre.inject('GET', `/api/v1/households?place=${s.v1}`)).json().total).toBe(1);
    expect((await cadre.inject('GET', `/api/v1/households/${s.mine.householdNo}`)).statusCode).toBe(200);
    expect((await cadre.inject('GET', `/api/v1/households/${s.mine.householdNo}/timeline`)).statusCode).toBe(200);
    for (const url of [`/api/v1/households/${s.neighbour.householdNo}`, `/api/v1/households/${s.neighbour.householdNo}/timeline`]) {
      expect((await cadre.inject('GET', url)).statusCode, url).toBe(404);
    }
    const refused = await events(cadre.username, 'access.refused');
    expect(refused.map((r) => r.object_id)).toEqual([s.neighbour.householdNo, s.neighbour.householdNo]);
  });

  it('reveals ID numbers and phones only to a role allowed that asks, and audits each reveal and refusal', async () => {
    const s = await seed();
    const url = `/api/v1/households/${s.mine.householdNo}`;
    const masked = (await s.operator.inject('GET', url)).json();
    for (const m of masked.members) expect(m.idNumber).toMatch(MASKED_ID);
    for (const m of masked.members) expect(m.birthDate).toMatch(/^\d{4}-\*\*-\*\*$/);
    expect(await events(s.operator.username, 'person.reveal')).toHaveLength(0);

    const ids = (await s.operator.inject('GET', `${url}?reveal=idNumber`)).json();
    expect(ids.members.map((m: { idNumber: string }) => m.idNumber)).toEqual(s.mine.members.map((m) => m.idNumber));
    expect(ids.household.headIdNumber).toBe(s.mine.members[0].idNumber);
    expect(ids.members[0].birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(ids.household.phone).toBe('137****5678');
    expect(ids.members[0].phone).toBe('136****1111');
    const both = (await s.operator.inject('GET', `${url}?reveal=idNumber,phone`)).json();
    expect(both.household.phone).toBe('13712345678');
    expect(both.members[0].phone).toBe('13600001111');
    const list = (await s.operator.inject('GET', `/api/v1/households?reveal=idNumber`)).json();
    expect(list.items.map((i: { headIdNumber: string }) => i.headIdNumber).sort()).toEqual([s.mine, s.neighbour].map((h) => h.members[0].idNumber).sort());

    const reveals = await events(s.operator.username, 'person.reveal');
    expect(reveals.map((r) => [r.object_id, r.place_code, r.outcome])).toEqual([
      [s.mine.householdNo, s.v1, 'success'],
      [s.mine.householdNo, s.v1, 'success'],
      [null, s.v1, 'success'],
    ]);
    expect(reveals[0].after).toEqual({ fields: ['idNumber'], members: masked.members.map((m: { memberKey: string; name: string }) => ({ memberKey: m.memberKey, name: m.name })) });
    expect(reveals[1].after).toMatchObject({ fields: ['idNumber', 'phone'] });
    expect(reveals[2].after).toEqual({ fields: ['idNumber'], households: [s.mine.householdNo, s.neighbour.householdNo].sort() });
    expect(JSON.stringify(reveals)).not.toContain(s.mine.members[0].idNumber);

    const leader = await signIn(app, database, 'leader', s.v1);
    const refused = await leader.inject('GET', `${url}?reveal=idNumber`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('证件号码');
    expect(refused.body).not.toContain(s.mine.members[0].idNumber);
    const department = await signIn(app, database, 'department_operator', s.places.countyCode);
    expect((await department.inject('GET', `/api/v1/households/export.xlsx?place=${s.v1}&reveal=phone`)).statusCode).toBe(403);
    expect((await leader.inject('GET', `/api/v1/households?reveal=idNumber`)).statusCode).toBe(403);
    for (const who of [leader, department]) {
      const attempts = await events(who.username, 'person.reveal');
      expect(attempts.length, who.username).toBeGreaterThan(0);
      expect(attempts.every((a) => a.outcome === 'refused')).toBe(true);
    }
    expect((await events(department.username, 'registry.export'))).toHaveLength(0);

    const bad = await s.operator.inject('GET', `${url}?reveal=password`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('password');
  });

  it('audits every export with its filters, row count and revealed fields', async () => {
    const s = await seed();
    const plain = await s.operator.inject('GET', `/api/v1/households/export.xlsx?status=poor`);
    expect(plain.statusCode).toBe(200);
    const revealed = await s.operator.inject('GET', `/api/v1/households/export.xlsx?place=${s.v1}&reveal=idNumber`);
    expect(revealed.statusCode).toBe(200);
    const exported = await events(s.operator.username, 'registry.export');
    const rows = s.mine.members.length + s.neighbour.members.length;
    expect(exported.map((e) => ({ place: e.place_code, object: e.object_type, after: e.after, outcome: e.outcome }))).toEqual([
      { place: s.v1, object: 'household', after: { filters: { status: 'poor' }, revealed: [], households: 2, rows }, outcome: 'success' },
      { place: s.v1, object: 'household', after: { filters: { place: s.v1 }, revealed: ['idNumber'], households: 2, rows }, outcome: 'success' },
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(plain.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(1 + rows);
    const numbers = new Set(sheet.getColumn(1).values.slice(2).map(String));
    expect([...numbers].sort()).toEqual([s.mine.householdNo, s.neighbour.householdNo].sort());
  });

  it('audits member and household changes with masked before/after and shows them in the timeline, newest first', async () => {
    const s = await seed();
    const no = s.mine.householdNo;
    const newId = idNumberFor(s.mine.countyCode, '2010-10-10', 700, 'F');
    const added = await s.operator.inject('POST', `/api/v1/households/${no}/members`, { idNumber: newId, name: '张小妹', relation: 'daughter', schooling: '小学' });
    expect(added.statusCode).toBe(201);
    const key = added.json().member.memberKey;
    const corrected = idNumberFor(s.mine.countyCode, '2010-10-11', 701, 'F');
    expect((await s.operator.inject('PATCH', `/api/v1/households/${no}/members/${key}`, { idNumber: corrected, schooling: 'junior', phone: '13911112222' })).statusCode).toBe(200);
    expect((await s.operator.inject('PATCH', `/api/v1/households/${no}`, { houseGrade: 'C', relocated: true })).statusCode).toBe(200);
    const sameAgain = await s.operator.inject('PATCH', `/api/v1/households/${no}`, { houseGrade: 'C' });
    expect(sameAgain.statusCode).toBe(200);
    expect(sameAgain.json().household.houseGrade).toBe('C');

    const trail = await database.db.selectFrom('audit_event').selectAll().where('username', '=', s.operator.username).where('action', 'in', ['member.add', 'member.update', 'household.update']).orderBy('id').execute();
    expect(trail.map((e) => [e.action, e.object_type, e.object_id, e.place_code])).toEqual([
      ['member.add', 'person', key, s.v1],
      ['member.update', 'person', key, s.v1],
      ['household.update', 'household', no, s.v1],
    ]);
    expect(trail[1].before).toEqual({ idNumber: newId.slice(0, 6) + '********' + newId.slice(-4), schooling: 'primary', phone: null });
    expect(trail[1].after).toEqual({ idNumber: corrected.slice(0, 6) + '********' + corrected.slice(-4), schooling: 'junior', phone: '139****2222' });
    expect(trail[1].note).toBe(`户 ${no} 成员 张小妹`);
    expect(trail[2].before).toEqual({ houseGrade: null, relocated: null });
    expect(trail[2].after).toEqual({ houseGrade: 'C', relocated: true });
    const stored = JSON.stringify(trail);
    for (const secret of [newId, corrected, '13911112222']) expect(stored).not.toContain(secret);

    const timeline = await s.operator.inject('GET', `/api/v1/households/${no}/timeline`);
    expect(timeline.statusCode).toBe(200);
    const items = timeline.json().items;
    expect(items.map((i: { action: string }) => i.action)).toEqual(['household.update', 'member.update', 'member.add']);
    expect(items[0]).toMatchObject({ userName: s.operator.username, role: 'village_operator', roleLabel: '村级信息员', actionLabel: '修改户信息', subject: null });
    expect(items[0].changes).toEqual([
      { field: 'houseGrade', fieldLabel: '住房安全等级', before: null, after: 'C' },
      { field: 'relocated', fieldLabel: '易地扶贫搬迁', before: null, after: true },
    ]);
    expect(items[1]).toMatchObject({ actionLabel: '修改家庭成员信息', subject: '成员 张小妹' });
    const maskedIds = [newId, corrected].map((id) => id.slice(0, 6) + '********' + id.slice(-4));
    expect(items[1].changes).toContainEqual({ field: 'idNumber', fieldLabel: '证件号码', before: maskedIds[0], after: maskedIds[1] });
    expect(items[1].changes).toContainEqual({ field: 'schooling', fieldLabel: '在校生状况', before: 'primary', after: 'junior' });
    expect(items[2]).toMatchObject({ actionLabel: '新增家庭成员', subject: '成员 张小妹' });
    expect(new Date(items[0].at).toISOString()).toBe(items[0].at);
    for (const secret of [newId, corrected, '13911112222']) expect(timeline.body).not.toContain(secret);

    expect((await s.operator.inject('GET', `/api/v1/households/${s.neighbour.householdNo}/timeline`)).json().items).toEqual([]);
  });
});
