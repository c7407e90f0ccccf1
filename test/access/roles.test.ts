import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { inScope } from '../../src/db/placeScope';
import { assertInScope, householdAccessOf, pairedHouseholdCondition, requirePermission } from '../../src/server/access';
import { notFound } from '../../src/server/errors';
import { pairCadreHouseholds } from '../../src/modules/users/bootstrap';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';
import { buildTestApp, loginAs, makeUser, PASSWORD } from './helpers';

/** A route shaped like the registry's once wired: permission, scoped list, scoped record. */
function addProbeRoutes(app: FastifyInstance, database: Database) {
  app.get('/api/v1/probe/households', { preHandler: requirePermission('registry.read') }, async (request) => {
    const access = householdAccessOf(request);
    let q = database.db.selectFrom('household as h').select('h.household_no').where(inScope(access.scope, { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' }));
    if (access.pairedCadreId !== null) q = q.where(pairedHouseholdCondition(access.pairedCadreId, { county: 'h.county_code', householdNo: 'h.household_no' }));
    return (await q.orderBy('h.household_no').execute()).map((r) => r.household_no);
  });
  app.get<{ Params: { no: string } }>('/api/v1/probe/households/:no', { preHandler: requirePermission('registry.read') }, async (request) => {
    const h = await database.db.selectFrom('household').selectAll().where('household_no', '=', request.params.no).executeTakeFirst();
    if (!h) throw notFound(`户 ${request.params.no} `);
    await assertInScope(request, { type: 'household', id: h.household_no, placeCode: h.village_code, household: { countyCode: h.county_code, householdNo: h.household_no } });
    return { householdNo: h.household_no };
  });
}

describe.each(testDatabases)('roles, scope and user administration on $name', ({ open }) => {
  let database: Database;
  let places: TestPlaces;
  beforeAll(async () => {
    database = await open();
    places = await createPlaceTree(database, 2, 2);
  });
  afterAll(async () => database?.close());

  it('keeps the three administrators apart: audit for auditor and security admin only, no writes for the auditor', async () => {
    const { app } = await buildTestApp(database);
    const sys = await loginAs(app, (await makeUser(database, 'sys_admin', places.countyCode)).username);
    const sec = await loginAs(app, (await makeUser(database, 'security_admin', places.countyCode)).username);
    const aud = await loginAs(app, (await makeUser(database, 'auditor', places.countyCode)).username);
    const op = await loginAs(app, (await makeUser(database, 'county_operator', places.countyCode)).username);
    const target = await makeUser(database, 'village_operator', places.villageCodes[0]);

    for (const url of ['/api/v1/audit/events', '/api/v1/audit/events/export.xlsx']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      expect((await sys.inject('GET', url)).statusCode, url).toBe(403);
      expect((await op.inject('GET', url)).statusCode, url).toBe(403);
      expect((await aud.inject('GET', url)).statusCode, url).toBe(200);
      expect((await sec.inject('GET', url)).statusCode, url).toBe(200);
    }
    const refused = await sys.inject('GET', '/api/v1/audit/events');
    expect(refused.json().error).toMatchObject({ code: 'forbidden', message: '您的角色（系统管理员）没有「查看审计日志」权限' });

    const newUser = { username: `n${target.username.slice(1, 11)}`, displayName: '新用户', role: 'village_operator', placeCode: places.villageCodes[1] };
    for (const [method, url, body] of [
      ['POST', '/api/v1/users', newUser],
      ['POST', `/api/v1/users/${target.id}/reset-password`, {}],
      ['POST', `/api/v1/users/${target.id}/disable`, {}],
      ['POST', `/api/v1/users/${target.id}/enable`, {}],
      ['POST', `/api/v1/users/${target.id}/unlock`, {}],
    ] as const) {
      expect((await app.inject({ method, url, payload: body })).statusCode, url).toBe(401);
      expect((await aud.inject(method, url, body)).statusCode, url).toBe(403);
      expect((await op.inject(method, url, body)).statusCode, url).toBe(403);
    }
    expect((await aud.inject('GET', '/api/v1/users')).statusCode).toBe(200);
    expect((await sec.inject('POST', '/api/v1/users', newUser)).statusCode).toBe(403);
    const created = await sys.inject('POST', '/api/v1/users', newUser);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ user: { username: newUser.username, roleLabel: '村级信息员', mustChangePassword: true, placeName: '测试1镇2村村委会' } });
    expect(created.json().user).not.toHaveProperty('passwordHash');
    expect(created.json().oneTimePassword).toMatch(/^\S{16}$/);
    const firstLogin = await loginAs(app, newUser.username, created.json().oneTimePassword);
    expect((await firstLogin.inject('GET', '/api/v1/auth/me')).json().mustChangePassword).toBe(true);

    // The auditor sees these administrative events; the list is newest first.
    const events = (await aud.inject('GET', `/api/v1/audit/events?action=user&place=${places.countyCode}`)).json();
    expect(events.items[0]).toMatchObject({ action: 'user.create', actionLabel: '创建用户', objectId: String(created.json().user.id), outcome: 'success' });
    expect(events.items[0].after).toMatchObject({ username: newUser.username, role: 'village_operator' });
    expect(JSON.stringify(events)).not.toMatch(/argon2/);
    await app.close();
  });

  it('lets administrative accounts be managed only as 三员分立 allows', async () => {
    const { app } = await buildTestApp(database);
    const sysUser = await makeUser(database, 'sys_admin', places.countyCode);
    const sys = await loginAs(app, sysUser.username);
    const sec = await loginAs(app, (await makeUser(database, 'security_admin', places.countyCode)).username);
    const otherSys = await makeUser(database, 'sys_admin', places.countyCode);
    const auditor = { username: 'x' + sysUser.username.slice(1, 12), displayName: '审计', role: 'auditor', placeCode: places.countyCode };
    const res = await sys.inject('POST', '/api/v1/users', auditor);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/只能在服务器上用 fupin user 命令创建/);
    expect((await sys.inject('POST', `/api/v1/users/${otherSys.id}/reset-password`)).statusCode).toBe(403);
    expect((await sys.inject('POST', `/api/v1/users/${otherSys.id}/disable`)).statusCode).toBe(403);
    expect((await sys.inject('POST', `/api/v1/users/${sysUser.id}/disable`)).json().error.message).toBe('不能停用、启用或重置自己的账户');
    for (let i = 0; i < 5; i++) await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: otherSys.username, password: 'Wrong#pass1' } });
    const unlocked = await sec.inject('POST', `/api/v1/users/${otherSys.id}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().user.lockedUntil).toBeNull();
    expect((await sec.inject('POST', `/api/v1/users/${otherSys.id}/reset-password`)).statusCode).toBe(403);
    await app.close();
  });

  it('validates new users field by field and refuses duplicates', async () => {
    const { app } = await buildTestApp(database);
    const sys = await loginAs(app, (await makeUser(database, 'sys_admin', places.countyCode)).username);
    const base = { username: `v${Date.now().toString(36)}${process.pid}`, displayName: '王五', role: 'village_operator', placeCode: places.villageCodes[0] };
    const cases: [object, string, RegExp][] = [
      [{ ...base, username: 'A b' }, 'username', /用户名“a b”无效/],
      [{ ...base, role: 'king' }, 'role', /角色“king”不存在/],
      [{ ...base, placeCode: places.townshipCodes[0] }, 'placeCode', /须为村级，“\d+”是乡镇级/],
      [{ ...base, placeCode: places.countyCode + '999999' }, 'placeCode', /不存在/],
      [{ ...base, role: 'department_operator', placeCode: places.countyCode }, 'departmentLine', /行业部门“”无效/],
      [{ ...base, departmentLine: 'education' }, 'departmentLine', /只有行业部门业务员/],
    ];
    for (const [body, field, message] of cases) {
      const res = await sys.inject('POST', '/api/v1/users', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message).toMatch(message);
      expect(res.json().error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const outside = await sys.inject('POST', '/api/v1/users', { ...base, placeCode: '0', role: 'leader' });
    expect(outside.statusCode).toBe(403);
    expect((await sys.inject('POST', '/api/v1/users', base)).statusCode).toBe(201);
    const duplicate = await sys.inject('POST', '/api/v1/users', base);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.message).toBe(`用户名“${base.username}”已被使用`);
    const dept = await sys.inject('POST', '/api/v1/users', { ...base, username: base.username + 'd', role: 'department_operator', placeCode: places.countyCode, departmentLine: 'education' });
    expect(dept.json().user.departmentLine).toBe('education');
    await app.close();
  });

  it('scopes user administration to the administrator’s place, and disabling ends sessions', async () => {
    const { app } = await buildTestApp(database);
    const other = await createPlaceTree(database, 1, 1);
    const sys = await loginAs(app, (await makeUser(database, 'sys_admin', places.countyCode)).username);
    const mine = await makeUser(database, 'village_operator', places.villageCodes[0]);
    const theirs = await makeUser(database, 'village_operator', other.villageCodes[0]);
    const listed = (await sys.inject('GET', '/api/v1/users?pageSize=200')).json();
    expect(listed.items.every((u: { placeCode: string }) => u.placeCode.startsWith(places.countyCode))).toBe(true);
    expect(listed.items.map((u: { username: string }) => u.username)).toContain(mine.username);
    expect((await sys.inject('POST', `/api/v1/users/${theirs.id}/disable`)).statusCode).toBe(404);

    const victim = await loginAs(app, mine.username);
    const disabled = await sys.inject('POST', `/api/v1/users/${mine.id}/disable`);
    expect(disabled.json().user.disabled).toBe(true);
    expect((await victim.inject('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: mine.username, password: PASSWORD } });
    expect(login.json().error.code).toBe('account_disabled');
    expect((await sys.inject('POST', `/api/v1/users/${mine.id}/enable`)).json().user.disabled).toBe(false);
    const reset = await sys.inject('POST', `/api/v1/users/${mine.id}/reset-password`);
    expect((await loginAs(app, mine.username, reset.json().oneTimePassword).then((c) => c.inject('GET', '/api/v1/auth/me'))).json().mustChangePassword).toBe(true);
    const roles = (await sys.inject('GET', '/api/v1/roles')).json();
    expect(roles.roles.find((r: { code: string }) => r.code === 'auditor')).toMatchObject({ label: '安全审计员', privileged: true });
    await app.close();
  });

  it('answers 404 for a record outside the scope and audits the refusal; a pairing cadre sees only his households', async () => {
    const { app } = await buildTestApp(database);
    addProbeRoutes(app, database);
    const [v1, v2] = places.villageCodes;
    const h1 = await createHousehold(database, places, { villageCode: v1 });
    const h1b = await createHousehold(database, places, { villageCode: v1 });
    const h2 = await createHousehold(database, places, { villageCode: v2 });
    const villageUser = await makeUser(database, 'village_operator', v1);
    const village = await loginAs(app, villageUser.username);
    expect((await village.inject('GET', '/api/v1/probe/households')).json()).toEqual([h1.householdNo, h1b.householdNo]);
    expect((await village.inject('GET', `/api/v1/probe/households/${h1.householdNo}`)).statusCode).toBe(200);
    const refused = await village.inject('GET', `/api/v1/probe/households/${h2.householdNo}`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('not_found');
    const audit = await database.db.selectFrom('audit_event').selectAll().where('username', '=', villageUser.username).where('action', '=', 'access.refused').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ outcome: 'refused', object_type: 'household', object_id: h2.householdNo, place_code: v2, role: 'village_operator' });
    expect(audit[0].note).toBe(`GET /api/v1/probe/households/${h2.householdNo}`);

    const cadreUser = await makeUser(database, 'pairing_cadre', v1);
    await pairCadreHouseholds(database.db, cadreUser.id, [{ countyCode: h1.countyCode, householdNo: h1.householdNo }]);
    const cadre = await loginAs(app, cadreUser.username);
    expect((await cadre.inject('GET', '/api/v1/probe/households')).json()).toEqual([h1.householdNo]);
    expect((await cadre.inject('GET', `/api/v1/probe/households/${h1.householdNo}`)).statusCode).toBe(200);
    expect((await cadre.inject('GET', `/api/v1/probe/households/${h1b.householdNo}`)).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/probe/households' })).statusCode).toBe(401);
    const sys = await loginAs(app, (await makeUser(database, 'sys_admin', places.countyCode)).username);
    expect((await sys.inject('GET', '/api/v1/probe/households')).statusCode).toBe(403);
    await app.close();
  });
});
