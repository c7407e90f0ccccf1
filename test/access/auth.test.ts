import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { securityPolicy } from '../../src/modules/auth/service';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { buildTestApp, enrolTotp, loginAs, makeUser, PASSWORD } from './helpers';

/** The one answer of the password step to an unknown name, a wrong password and a locked account alike. */
const INVALID = '用户名或密码错误。连续输错 5 次将锁定账户 15 分钟；如已锁定，请稍后重试或请管理员解锁';

const loginBody = (username: string, password: string) => ({ method: 'POST' as const, url: '/api/v1/auth/login', payload: { username, password } });

describe.each(testDatabases)('authentication on $name', ({ open }) => {
  let database: Database;
  let places: TestPlaces;
  beforeAll(async () => {
    database = await open();
    places = await createPlaceTree(database, 1, 2);
  });
  afterAll(async () => database?.close());

  const eventsOf = (username: string) =>
    database.db.selectFrom('audit_event').select(['action', 'outcome', 'note', 'address']).where('username', '=', username).orderBy('id').execute();

  it('logs in with HttpOnly SameSite=Strict cookies, answers /me, audits, and logs out', async () => {
    const { app } = await buildTestApp(database);
    const u = await makeUser(database, 'village_operator', places.villageCodes[0]);
    const res = await app.inject(loginBody(u.username, PASSWORD));
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'fupin_session')!;
    const csrf = res.cookies.find((c) => c.name === 'fupin_csrf')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session.secure).toBeFalsy();
    expect(csrf.httpOnly).toBeFalsy();
    expect(res.json()).toMatchObject({ csrfToken: csrf.value, user: { username: u.username, role: 'village_operator', placeCode: places.villageCodes[0], mustChangePassword: false } });
    expect(res.json().user.permissions).toContain('registry.write');
    // Only hashes are stored server-side.
    const stored = await database.db.selectFrom('session').selectAll().where('user_id', '=', u.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toBe(session.value);
    expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);

    const client = await loginAs(app, u.username);
    expect((await client.inject('GET', '/api/v1/auth/me')).json()).toMatchObject({ username: u.username, roleLabel: '村级信息员' });
    expect((await client.inject('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    const after = await client.inject('GET', '/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('unauthenticated');
    expect((await eventsOf(u.username)).map((e) => `${e.action}:${e.outcome}`)).toEqual(['auth.login:success', 'auth.login:success', 'auth.logout:success']);
    await app.close();
  });

  it('refuses a wrong password and an unknown user alike, and audits both', async () => {
    const { app } = await buildTestApp(database);
    const u = await makeUser(database, 'county_operator', places.countyCode);
    const wrong = await app.inject(loginBody(u.username, 'Wrong#pass1'));
    const unknown = await app.inject(loginBody('nobody.' + u.username, 'Wrong#pass1'));
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'invalid_credentials', message: INVALID });
      expect(res.cookies).toHaveLength(0);
    }
    expect(await eventsOf(u.username)).toEqual([{ action: 'auth.login', outcome: 'failure', note: '密码错误（连续第 1 次）', address: '127.0.0.1' }]);
    expect(await eventsOf('nobody.' + u.username)).toEqual([{ action: 'auth.login', outcome: 'failure', note: '用户不存在', address: '127.0.0.1' }]);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '', password: '' } })).statusCode).toBe(400);
    // A cross-site form cannot post JSON: other content types are refused.
    const form = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify({ username: u.username, password: PASSWORD }) });
    expect(form.statusCode).toBe(415);
    await app.close();
  });

  it('locks after 5 failures for 15 minutes, even for the right password, then lets in again', async () => {
    const { app, clock } = await buildTestApp(database);
    const u = await makeUser(database, 'township_operator', places.townshipCodes[0]);
    // Every answer of the password step is the one an unknown user name gets: the lock tells nobody the name exists.
    const unknown = await app.inject(loginBody('nobody.' + u.username, 'Wrong#pass1'));
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error).toMatchObject({ code: 'invalid_credentials', message: INVALID });
    for (let i = 1; i <= 4; i++) expect((await app.inject(loginBody(u.username, 'Wrong#pass' + i))).json()).toEqual(unknown.json());
    const fifth = await app.inject(loginBody(u.username, 'Wrong#pass5'));
    expect(fifth.statusCode).toBe(401);
    expect(fifth.json()).toEqual(unknown.json());
    clock.advanceMinutes(14);
    const stillLocked = await app.inject(loginBody(u.username, PASSWORD));
    expect(stillLocked.statusCode).toBe(401);
    expect(stillLocked.json()).toEqual(unknown.json());
    expect(stillLocked.cookies).toHaveLength(0);
    const lockedRow = await database.db.selectFrom('app_user').select(['locked_until']).where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(new Date(lockedRow.locked_until!).toISOString()).toBe('2024-03-01T00:15:00.000Z');
    clock.advanceMinutes(1);
    expect((await app.inject(loginBody(u.username, PASSWORD))).statusCode).toBe(200);
    const events = await eventsOf(u.username);
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual([
      ...Array(5).fill('auth.login:failure'),
      'auth.lockout:success',
      'auth.login:failure',
      'auth.login:success',
    ]);
    expect(events[6].note).toBe('账户锁定中');
    const row = await database.db.selectFrom('app_user').select(['failed_count', 'locked_until']).where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_count: 0, locked_until: null });
    await app.close();
  });

  it('starts the failure count afresh once a lock has run out', async () => {
    const { app, clock } = await buildTestApp(database);
    const u = await makeUser(database, 'township_operator', places.townshipCodes[0]);
    for (let i = 0; i < 5; i++) await app.inject(loginBody(u.username, 'Wrong#pass'));
    clock.advanceMinutes(16);
    const res = await app.inject(loginBody(u.username, 'Wrong#pass'));
    expect(res.json().error.code).toBe('invalid_credentials');
    expect((await eventsOf(u.username)).at(-1)!.note).toBe('密码错误（连续第 1 次）');
    await app.close();
  });

  it('ends a session idle for 30 minutes, and any session after 12 hours', async () => {
    const { app, clock } = await buildTestApp(database);
    const u = await makeUser(database, 'leader', places.countyCode);
    const idle = await loginAs(app, u.username);
    clock.advanceMinutes(29);
    expect((await idle.inject('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    clock.advanceMinutes(29);
    expect((await idle.inject('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    clock.advanceMinutes(30);
    const expired = await idle.inject('GET', '/api/v1/auth/me');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toBe('长时间未操作，会话已过期，请重新登录');
    expect((await idle.inject('GET', '/api/v1/auth/me')).json().error.message).toBe('请先登录');

    const busy = await loginAs(app, u.username);
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      clock.advanceMinutes(20);
      expect((await busy.inject('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    }
    clock.advanceMinutes(20);
    const old = await busy.inject('GET', '/api/v1/auth/me');
    expect(old.statusCode).toBe(401);
    expect(old.json().error.message).toBe('会话已达最长时限，请重新登录');
    await app.close();
  });

  it('refuses a state-changing request of a session without the CSRF header, or with a wrong one', async () => {
    const { app } = await buildTestApp(database);
    const u = await makeUser(database, 'county_operator', places.countyCode);
    const client = await loginAs(app, u.username);
    const body = { currentPassword: PASSWORD, newPassword: 'Another#2024' };
    const missing = await app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: body, headers: { cookie: client.cookie } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('csrf');
    const wrong = await client.inject('POST', '/api/v1/auth/password', body, { 'x-csrf-token': 'x'.repeat(43) });
    expect(wrong.statusCode).toBe(403);
    // A token from another session of the same user does not fit this one.
    const other = await loginAs(app, u.username);
    const crossed = await client.inject('POST', '/api/v1/auth/password', body, { 'x-csrf-token': other.csrf, cookie: `fupin_session=${client.cookie.split(/[=;]/)[1]}; fupin_csrf=${other.csrf}` });
    expect(crossed.statusCode).toBe(403);
    const logoutWithout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: client.cookie } });
    expect(logoutWithout.statusCode).toBe(403);
    expect((await client.inject('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    expect((await client.inject('POST', '/api/v1/auth/password', body)).statusCode).toBe(204);
    await app.close();
  });

  it('applies the password policy on change: length, classes, user name, reuse, banned passwords, wrong current password', async () => {
    const { app } = await buildTestApp(database);
    const u = await makeUser(database, 'county_operator', places.countyCode);
    const client = await loginAs(app, u.username);
    const change = (newPassword: string, currentPassword = PASSWORD) => client.inject('POST', '/api/v1/auth/password', { currentPassword, newPassword });
    const cases: [string, RegExp][] = [
      ['Ab#1', /至少 8 个字符（现为 4 个）/],
      ['abcdefgh12', /至少 3 类（现只有 2 类：小写字母、数字）/],
      [`X#1${u.username.toUpperCase()}`, /不能包含用户名/],
      [PASSWORD, /不能与当前密码相同/],
      ['x'.repeat(129), /最多 128 个字符/],
      // Banned: the README's demo password, and common ones from the npm list in any case.
      ['Fupin@2024', /常见密码或已公开的密码/],
      ['fUPIN@2024', /常见密码或已公开的密码/],
      ['Password1', /常见密码或已公开的密码/],
      ['P@ssw0rd', /常见密码或已公开的密码/],
      ['1qaz@WSX', /常见密码或已公开的密码/],
    ];
    for (const [password, message] of cases) {
      const res = await change(password);
      expect(res.statusCode, password).toBe(400);
      expect(res.json().error.code).toBe('weak_password');
      expect(res.json().error.message).toMatch(message);
      expect(res.json().error.details[0].field).toBe('newPassword');
    }
    const wrongCurrent = await change('Good#pass2024', 'Not#current1');
    expect(wrongCurrent.statusCode).toBe(400);
    expect(wrongCurrent.json().error.code).toBe('wrong_password');
    expect((await change('Good#pass2024')).statusCode).toBe(204);
    expect((await app.inject(loginBody(u.username, PASSWORD))).statusCode).toBe(401);
    expect((await app.inject(loginBody(u.username, 'Good#pass2024'))).statusCode).toBe(200);
    expect((await eventsOf(u.username)).filter((e) => e.action === 'auth.password_change').map((e) => e.outcome)).toEqual(['failure', 'success']);
    await app.close();
  });

  it('accepts a long single-class password under the ASVS profile', async () => {
    const { app } = await buildTestApp(database, { policy: securityPolicy('asvs') });
    const u = await makeUser(database, 'county_operator', places.countyCode);
    const client = await loginAs(app, u.username);
    const short = await client.inject('POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'Abc#12345' });
    expect(short.json().error.message).toMatch(/至少 12 个字符/);
    expect((await client.inject('POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'correct horse battery staple' })).statusCode).toBe(204);
    await app.close();
  });

  it('publishes the password rules in force to anyone, for the password page', async () => {
    for (const [profile, expected] of [
      ['dengbao', { profileLabel: '等级保护三级', minLength: 8, minClasses: 3, forbidUsername: true, maxAgeDays: 90 }],
      ['asvs', { profileLabel: 'OWASP ASVS', minLength: 12, minClasses: 0, maxAgeDays: null }],
    ] as const) {
      const { app } = await buildTestApp(database, { requireLogin: true, policy: securityPolicy(profile) });
      const res = await app.inject({ method: 'GET', url: '/api/v1/auth/password-policy' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ profile, ...expected });
      await app.close();
    }
  });

  it('lets a user with a one-time or expired password do nothing but change it', async () => {
    const { app, clock } = await buildTestApp(database);
    const fresh = await makeUser(database, 'security_admin', places.countyCode, { mustChange: true });
    const client = await loginAs(app, fresh.username);
    expect((await client.inject('GET', '/api/v1/auth/me')).json().mustChangePassword).toBe(true);
    const blocked = await client.inject('GET', '/api/v1/audit/events');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    expect((await client.inject('POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'Changed#2024' })).statusCode).toBe(204);
    expect((await client.inject('GET', '/api/v1/auth/me')).json().mustChangePassword).toBe(false);
    // A security administrator must then enrol TOTP (等保, the default) before anything else.
    expect((await client.inject('GET', '/api/v1/audit/events')).json().error.code).toBe('totp_enrolment_required');
    await enrolTotp(app, client, fresh.username);
    expect((await client.inject('GET', '/api/v1/audit/events')).statusCode).toBe(200);

    // 等保: 90 days later the password has expired.
    clock.advanceMinutes(90 * 24 * 60);
    const later = await loginAs(app, fresh.username, 'Changed#2024');
    expect((await later.inject('GET', '/api/v1/auth/me')).json().mustChangePassword).toBe(true);
    expect((await later.inject('GET', '/api/v1/audit/events')).json().error.code).toBe('password_change_required');
    await app.close();
  });

  it('limits login attempts per address', async () => {
    const { app } = await buildTestApp(database, { policy: securityPolicy('dengbao', { loginRateLimit: { max: 3, windowSeconds: 60 } }) });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await app.inject(loginBody('nobody.rate', 'Wrong#pass1'))).statusCode);
    expect(codes).toEqual([401, 401, 401, 429]);
    const limited = await app.inject(loginBody('nobody.rate', 'Wrong#pass1'));
    expect(limited.json().error.code).toBe('rate_limited');
    await app.close();
  });

  it('sends security headers with a CSP that allows the app', async () => {
    const { app } = await buildTestApp(database);
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    await app.close();
  });

  it('refuses anonymous API requests when login is required, except the public routes', async () => {
    const { app } = await buildTestApp(database, { requireLogin: true });
    const u = await makeUser(database, 'county_operator', places.countyCode, { mustChange: true });
    expect((await app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
    const anon = await app.inject({ method: 'GET', url: '/api/v1/households' });
    expect(anon.statusCode).toBe(401);
    const client = await loginAs(app, u.username);
    expect((await client.inject('GET', '/api/v1/households')).json().error.code).toBe('password_change_required');
    expect((await client.inject('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    await app.close();
  });
});
