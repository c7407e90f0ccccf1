import { describe, expect, it } from 'vitest';
import { passwordProblems, securityPolicy } from '../../src/modules/auth/service';
import { createDemoUsers, createFirstAdministrator, DEMO_USERS, ensureFirstAdministrator, pairCadreHouseholds } from '../../src/modules/users/bootstrap';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree } from '../helpers/factory';
import { BANNED_PASSWORD_MESSAGE } from '../../src/modules/auth/bannedPasswords';
import { buildTestApp, enrolTotp, loginAs, openIsolated, START } from './helpers';

describe('demo user list', () => {
  it('has one user per role, each password within both profiles but banned as a new password (it is published)', () => {
    expect(new Set(DEMO_USERS.map((u) => u.role)).size).toBe(DEMO_USERS.length);
    for (const u of DEMO_USERS) {
      expect(passwordProblems(u.password, u.username, securityPolicy('dengbao').password), u.username).toEqual([BANNED_PASSWORD_MESSAGE]);
      expect(passwordProblems(u.password, u.username, securityPolicy('asvs').password).filter((p) => p !== BANNED_PASSWORD_MESSAGE), u.username).toEqual(
        u.password.length < 12 ? ['密码至少 12 个字符（现为 10 个）'] : [],
      );
    }
  });
});

describe.each(testDatabases)('first start and demo users on $name', (t) => {
  it('creates admin once with a one-time password printed once, which must be changed', async () => {
    const { database, drop } = await openIsolated(t);
    try {
      const lines: string[] = [];
      await ensureFirstAdministrator(database.db, (m) => lines.push(m));
      const printed = lines.join('\n').match(/一次性密码：(\S+)/)?.[1];
      expect(printed).toMatch(/^\S{16}$/);
      expect(await createFirstAdministrator(database.db)).toBeNull();
      const again: string[] = [];
      await ensureFirstAdministrator(database.db, (m) => again.push(m));
      expect(again.join('\n')).not.toMatch(/一次性密码/);
      const admin = await database.db.selectFrom('app_user').selectAll().where('username', '=', 'admin').executeTakeFirstOrThrow();
      expect(admin).toMatchObject({ role: 'sys_admin', place_code: '0', must_change_password: true });
      expect(admin.password_hash).toMatch(/^\$argon2id\$/);
      expect(admin.password_hash).not.toContain(printed!);

      const { app } = await buildTestApp(database);
      const client = await loginAs(app, 'admin', printed);
      expect((await client.inject('GET', '/api/v1/users')).json().error.code).toBe('password_change_required');
      expect((await client.inject('POST', '/api/v1/auth/password', { currentPassword: printed, newPassword: 'Xiayi#2024new' })).statusCode).toBe(204);
      expect((await client.inject('GET', '/api/v1/users')).json().error.code).toBe('totp_enrolment_required');
      await enrolTotp(app, client, 'admin');
      expect((await client.inject('GET', '/api/v1/users')).json().total).toBe(1);
      await app.close();
    } finally {
      await drop();
    }
  });

  it('creates the demo users on the demo places, each able to log in with its documented password', async () => {
    const { database, drop } = await openIsolated(t);
    try {
      const places = await createPlaceTree(database, 1, 2);
      const ids = await createDemoUsers(database.db, { countyCode: places.countyCode, townshipCode: places.townshipCodes[0], villageCode: places.villageCodes[0] }, new Date(START));
      expect(Object.keys(ids).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
      expect(await createDemoUsers(database.db, { countyCode: places.countyCode, townshipCode: places.townshipCodes[0], villageCode: places.villageCodes[0] })).toEqual(ids);
      const mine = await createHousehold(database, places, { villageCode: places.villageCodes[0] });
      await createHousehold(database, places, { villageCode: places.villageCodes[0] });
      await pairCadreHouseholds(database.db, ids.cadre, [{ countyCode: mine.countyCode, householdNo: mine.householdNo }]);
      const { app } = await buildTestApp(database);
      for (const u of DEMO_USERS) {
        const me = (await (await loginAs(app, u.username, u.password)).inject('GET', '/api/v1/auth/me')).json();
        expect(me, u.username).toMatchObject({ role: u.role, mustChangePassword: false });
      }
      const village = (await (await loginAs(app, 'village', 'Fupin@2024')).inject('GET', '/api/v1/auth/me')).json();
      expect(village.placeCode).toBe(places.villageCodes[0]);
      expect((await (await loginAs(app, 'education', 'Fupin@2024')).inject('GET', '/api/v1/auth/me')).json().departmentLine).toBe('education');
      await app.close();
    } finally {
      await drop();
    }
  });
});
