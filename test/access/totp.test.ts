/**
 * TOTP as the second login factor: enrolment (URI, QR code, first code), login with a code,
 * wrong codes counting toward the lockout, replays refused, ±1 step of clock drift accepted
 * and ±2 refused, the half-session reaching nothing else, forced enrolment of the roles the
 * policy names, disabling with a current code, and the security administrator's audited reset.
 * Codes are generated with the otpauth library from the secret the server handed out.
 */
import type { FastifyInstance } from 'fastify';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { loadSecurityPolicy, manualClock, securityPolicy, TOTP_REQUIRED_ROLES_DEFAULT, type ManualClock } from '../../src/modules/auth/service';
import { matchTotp, openTotpSecret, sealTotpSecret } from '../../src/modules/auth/totp';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { buildTestApp, loginAs as loginEnrolled, makeUser, PASSWORD, START, type Client } from './helpers';

/** These tests enrol by hand, step by step: sign in without the helper's enrolment. */
const loginAs = (app: FastifyInstance, username: string) => loginEnrolled(app, username, PASSWORD, { enrolTotp: false });

/** 等保 level 3: the 三员 must use TOTP (the built-in default is transitional, see policy.ts). */
const policy = securityPolicy('dengbao', { totp: { requiredRoles: [...TOTP_REQUIRED_ROLES_DEFAULT] } });

const codeAt = (secret: string, at: Date) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at.getTime() });

/** A client on the cookies of a login response (a half-session or a session). */
function clientOf(app: FastifyInstance, res: { cookies: { name: string; value: string }[] }): Client {
  const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
  const cookie = `fupin_session=${cookies.fupin_session}; fupin_csrf=${cookies.fupin_csrf}`;
  const csrf = cookies.fupin_csrf;
  return {
    cookie,
    csrf,
    inject: (method, url, payload, extra = {}) =>
      app.inject({ method: method as 'GET', url, payload: payload as object, headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }), ...extra } }),
  };
}

/** The password step of a user with TOTP on: 200, no user, a half-session. */
async function passwordStep(app: FastifyInstance, username: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({ secondFactor: 'totp' });
  expect(res.json().user).toBeUndefined();
  return clientOf(app, res);
}

const sendCode = (half: Client, code: string) => half.inject('POST', '/api/v1/auth/login/totp', { code });

/** Enrol the signed-in user: start, read the secret from the otpauth:// URI, confirm with the current code. */
async function enrol(client: Client, clock: ManualClock): Promise<string> {
  const start = await client.inject('POST', '/api/v1/auth/totp/enrol');
  expect(start.statusCode, start.body).toBe(200);
  const uri = OTPAuth.URI.parse(start.json().uri);
  expect(uri).toBeInstanceOf(OTPAuth.TOTP);
  const secret = uri.secret.base32;
  const confirm = await client.inject('POST', '/api/v1/auth/totp/confirm', { code: codeAt(secret, clock.now()) });
  expect(confirm.statusCode, confirm.body).toBe(200);
  expect(confirm.json()).toMatchObject({ enabled: true, pending: false });
  return secret;
}

describe('TOTP primitives', () => {
  it('matches the RFC 6238 SHA-1 test vector (6 digits) and the ±1 step window', () => {
    const secret = OTPAuth.Secret.fromLatin1('12345678901234567890').base32;
    // RFC 6238 appendix B: T = 59 s gives 94287082; its last 6 digits are the 6-digit code.
    expect(matchTotp(secret, '287082', new Date(59_000))).toBe(1);
    expect(matchTotp(secret, '287082', new Date(89_000))).toBe(1); // one step later: still accepted, same step
    expect(matchTotp(secret, '287082', new Date(119_000))).toBeNull(); // two steps later
    expect(matchTotp(secret, '28708', new Date(59_000))).toBeNull();
  });

  it('seals the secret with AES-256-GCM under a key, and keeps it readable without one', () => {
    const secret = OTPAuth.Secret.fromLatin1('abcdefghijklmnopqrst').base32;
    const key = Buffer.alloc(32, 7);
    const sealed = sealTotpSecret(secret, key);
    expect(sealed.startsWith('gcm:')).toBe(true);
    expect(sealed).not.toContain(secret);
    expect(openTotpSecret(sealed, key)).toBe(secret);
    expect(() => openTotpSecret(sealed, Buffer.alloc(32, 8))).toThrow();
    expect(() => openTotpSecret(sealed, null)).toThrow(/FUPIN_TOTP_KEY/);
    expect(openTotpSecret(sealTotpSecret(secret, null), null)).toBe(secret);
  });

  it('names the 三员 as the 等保 list; FUPIN_TOTP_REQUIRED_ROLES sets the list', () => {
    expect(TOTP_REQUIRED_ROLES_DEFAULT).toEqual(['sys_admin', 'security_admin', 'auditor']);
    expect(loadSecurityPolicy({ FUPIN_TOTP_REQUIRED_ROLES: 'default' }).totp.requiredRoles).toEqual(['sys_admin', 'security_admin', 'auditor']);
    // The built-in default is the 等保 list; a deployment turns it off with `none`.
    expect(loadSecurityPolicy({}).totp.requiredRoles).toEqual(['sys_admin', 'security_admin', 'auditor']);
    expect(securityPolicy().totp.requiredRoles).toEqual(['sys_admin', 'security_admin', 'auditor']);
    expect(loadSecurityPolicy({ FUPIN_TOTP_REQUIRED_ROLES: 'none' }).totp.requiredRoles).toEqual([]);
    expect(loadSecurityPolicy({ FUPIN_TOTP_REQUIRED_ROLES: 'sys_admin, leader' }).totp.requiredRoles).toEqual(['sys_admin', 'leader']);
    expect(() => loadSecurityPolicy({ FUPIN_TOTP_REQUIRED_ROLES: 'sys_admin,boss' })).toThrow(/boss/);
  });
});

describe.each(testDatabases)('TOTP second factor on $name', ({ open }) => {
  let database: Database;
  let places: TestPlaces;
  beforeAll(async () => {
    database = await open();
    places = await createPlaceTree(database, 1, 2);
  });
  afterAll(async () => database?.close());

  const eventsOf = (username: string) =>
    database.db.selectFrom('audit_event').select(['action', 'outcome', 'note', 'username', 'object_id', 'before', 'after']).where('username', '=', username).orderBy('id').execute();
  const userRow = (id: number) => database.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('enrols with a URI, QR code and manual key, then logs in with password and a code', async () => {
    const { app, clock } = await buildTestApp(database, { policy });
    const u = await makeUser(database, 'village_operator', places.villageCodes[0]);
    const client = await loginAs(app, u.username);
    expect((await client.inject('GET', '/api/v1/auth/totp')).json()).toEqual({ enabled: false, enabledAt: null, required: false, pending: false });

    const start = await client.inject('POST', '/api/v1/auth/totp/enrol');
    expect(start.statusCode, start.body).toBe(200);
    const { uri, qrDataUrl, manualKey } = start.json();
    expect(uri).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=[A-Z2-7]+/);
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
    expect(uri).toContain('algorithm=SHA1');
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]{200,}$/);
    const secret = (OTPAuth.URI.parse(uri) as OTPAuth.TOTP).secret.base32;
    expect(manualKey.replace(/ /g, '')).toBe(secret);
    expect((await client.inject('GET', '/api/v1/auth/totp')).json()).toMatchObject({ enabled: false, pending: true });

    // A wrong first code does not turn TOTP on.
    const wrongFirst = await client.inject('POST', '/api/v1/auth/totp/confirm', { code: codeAt(secret, new Date(clock.now().getTime() + 120_000)) });
    expect(wrongFirst.statusCode).toBe(400);
    expect(wrongFirst.json().error.code).toBe('invalid_totp');
    const confirmed = await client.inject('POST', '/api/v1/auth/totp/confirm', { code: codeAt(secret, clock.now()) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toEqual({ enabled: true, enabledAt: START, required: false, pending: false });
    // Once on, the secret is never handed out again.
    const again = await client.inject('POST', '/api/v1/auth/totp/enrol');
    expect(again.statusCode).toBe(409);
    expect(again.body).not.toContain(secret);
    expect((await client.inject('GET', '/api/v1/auth/me')).json()).toMatchObject({ totpEnabled: true, mustEnrolTotp: false });

    // Password step: a half-session that reaches nothing but the second step.
    const half = await passwordStep(app, u.username);
    expect((await half.inject('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await half.inject('GET', '/api/v1/households')).statusCode).toBe(401);
    expect((await half.inject('POST', '/api/v1/auth/totp/enrol')).statusCode).toBe(401);
    expect((await half.inject('POST', '/api/v1/auth/login/totp', { code: codeAt(secret, clock.now()) }, { 'x-csrf-token': 'forged' })).json().error.code).toBe('csrf');
    // The enrolment code's step is used: the same code again is a replay.
    const replay = await sendCode(half, codeAt(secret, clock.now()));
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('totp_replayed');

    clock.advanceMinutes(0.5);
    const ok = await sendCode(half, codeAt(secret, clock.now()));
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().user).toMatchObject({ username: u.username, totpEnabled: true });
    const full = clientOf(app, ok);
    expect(full.cookie).not.toBe(half.cookie);
    expect((await full.inject('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    // The half-session token was not promoted: it is gone.
    expect((await sendCode(half, codeAt(secret, clock.now()))).statusCode).toBe(401);
    expect((await userRow(u.id)).failed_count).toBe(0);

    expect((await eventsOf(u.username)).map((e) => `${e.action}:${e.outcome}`)).toEqual([
      'auth.login:success',
      'auth.totp_enrol_start:success',
      'auth.totp_enable:success',
      'auth.totp_challenge:success',
      'auth.totp_verify:failure',
      'auth.login:success',
    ]);
    await app.close();
  });

  it('counts wrong codes toward the lockout, and a right password between guesses does not reset the count', async () => {
    const { app, clock } = await buildTestApp(database, { policy });
    const u = await makeUser(database, 'county_operator', places.countyCode);
    const secret = await enrol(await loginAs(app, u.username), clock);
    clock.advanceMinutes(1);
    const wrong = codeAt(secret, new Date(clock.now().getTime() + 600_000));
    let half = await passwordStep(app, u.username);
    for (let i = 1; i <= 3; i++) {
      const res = await sendCode(half, wrong);
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'invalid_totp', message: expect.stringContaining('动态口令错误') });
    }
    half = await passwordStep(app, u.username);
    expect((await sendCode(half, wrong)).json().error.code).toBe('invalid_totp');
    const fifth = await sendCode(half, wrong);
    expect(fifth.json().error.code).toBe('account_locked');
    expect(fifth.json().error.message).toMatch(/北京时间 08:16/);
    // The lock ends the half-session; the right code does not help, nor the password.
    expect((await sendCode(half, codeAt(secret, clock.now()))).statusCode).toBe(401);
    const locked = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: PASSWORD } });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('invalid_credentials'); // the same answer as to an unknown user name
    const notes = (await eventsOf(u.username)).filter((e) => e.action === 'auth.totp_verify' || e.action === 'auth.lockout').map((e) => e.note);
    expect(notes).toEqual(['动态口令错误（连续第 1 次）', '动态口令错误（连续第 2 次）', '动态口令错误（连续第 3 次）', '动态口令错误（连续第 4 次）', '动态口令错误（连续第 5 次）', '连续 5 次动态口令错误，锁定 15 分钟']);

    clock.advanceMinutes(15);
    half = await passwordStep(app, u.username);
    expect((await sendCode(half, codeAt(secret, clock.now()))).statusCode).toBe(200);
    await app.close();
  });

  it('accepts the codes of the previous and next step, refuses two steps away, and refuses a used step', async () => {
    const { app, clock } = await buildTestApp(database, { policy });
    const u = await makeUser(database, 'township_operator', places.townshipCodes[0]);
    const secret = await enrol(await loginAs(app, u.username), clock);
    clock.advanceMinutes(10);
    const at = (seconds: number) => codeAt(secret, new Date(clock.now().getTime() + seconds * 1000));
    let half = await passwordStep(app, u.username);
    expect((await sendCode(half, at(-60))).json().error.code).toBe('invalid_totp');
    expect((await sendCode(half, at(60))).json().error.code).toBe('invalid_totp');
    expect((await sendCode(half, at(-30))).statusCode).toBe(200);
    expect((await userRow(u.id)).failed_count).toBe(0);

    half = await passwordStep(app, u.username);
    expect((await sendCode(half, at(30))).statusCode).toBe(200);
    // The step after the current one is used: the current code (an earlier step) is now a replay too.
    half = await passwordStep(app, u.username);
    const replay = await sendCode(half, at(0));
    expect(replay.json().error).toMatchObject({ code: 'totp_replayed', message: expect.stringContaining('已使用过') });
    expect((await userRow(u.id)).failed_count).toBe(1);
    expect((await eventsOf(u.username)).at(-1)).toMatchObject({ action: 'auth.totp_verify', outcome: 'failure', note: '动态口令重复使用（连续第 1 次）' });

    // A half-session waits 5 minutes for its code.
    clock.advanceMinutes(6);
    expect((await sendCode(half, at(0))).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', payload: { code: '123456' } })).statusCode).toBe(401);
    await app.close();
  });

  it('lets a required role in only to enrol, after a pending password change', async () => {
    const { app, clock } = await buildTestApp(database, { policy });
    const pending = await makeUser(database, 'auditor', places.countyCode, { mustChange: true });
    const first = await loginAs(app, pending.username);
    expect((await first.inject('GET', '/api/v1/auth/me')).json()).toMatchObject({ mustChangePassword: true, mustEnrolTotp: true });
    expect((await first.inject('POST', '/api/v1/auth/totp/enrol')).json().error.code).toBe('password_change_required');

    const u = await makeUser(database, 'security_admin', places.countyCode);
    const client = await loginAs(app, u.username);
    expect((await client.inject('GET', '/api/v1/auth/me')).json()).toMatchObject({ mustChangePassword: false, mustEnrolTotp: true, totpEnabled: false });
    const refused = await client.inject('GET', '/api/v1/audit/events');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'totp_enrolment_required', message: expect.stringContaining('请先绑定验证器') });
    expect((await client.inject('GET', '/api/v1/users')).json().error.code).toBe('totp_enrolment_required');
    expect((await client.inject('GET', '/api/v1/auth/totp')).json()).toMatchObject({ required: true, enabled: false });

    const secret = await enrol(client, clock);
    expect((await client.inject('GET', '/api/v1/auth/me')).json()).toMatchObject({ mustEnrolTotp: false, totpEnabled: true });
    expect((await client.inject('GET', '/api/v1/audit/events')).statusCode).toBe(200);
    // The role requires TOTP: it cannot be disabled.
    clock.advanceMinutes(0.5);
    const disable = await client.inject('POST', '/api/v1/auth/totp/disable', { code: codeAt(secret, clock.now()) });
    expect(disable.statusCode).toBe(403);
    expect(disable.json().error.code).toBe('totp_required');
    await app.close();

    // Under a policy that names no role, the same kind of account is not forced.
    const relaxed = await buildTestApp(database, { policy: securityPolicy('dengbao', { totp: { requiredRoles: [] } }), clock: manualClock(START) });
    const other = await makeUser(database, 'security_admin', places.countyCode);
    const c = await loginAs(relaxed.app, other.username);
    expect((await c.inject('GET', '/api/v1/audit/events')).statusCode).toBe(200);
    await relaxed.app.close();
  });

  it('disables only with a current code, a wrong one counting toward the lockout', async () => {
    const { app, clock } = await buildTestApp(database, { policy });
    const u = await makeUser(database, 'leader', places.countyCode);
    const client = await loginAs(app, u.username);
    const secret = await enrol(client, clock);
    clock.advanceMinutes(1);
    expect((await client.inject('POST', '/api/v1/auth/totp/disable', {})).statusCode).toBe(400);
    const wrong = await client.inject('POST', '/api/v1/auth/totp/disable', { code: codeAt(secret, new Date(clock.now().getTime() + 300_000)) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('invalid_totp');
    expect((await userRow(u.id)).failed_count).toBe(1);
    expect((await userRow(u.id)).totp_enabled_at).not.toBeNull();

    const ok = await client.inject('POST', '/api/v1/auth/totp/disable', { code: codeAt(secret, clock.now()) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ enabled: false, enabledAt: null, required: false, pending: false });
    const row = await userRow(u.id);
    expect([row.totp_secret, row.totp_enabled_at, row.totp_last_step]).toEqual([null, null, null]);
    expect((await eventsOf(u.username)).filter((e) => e.action === 'auth.totp_disable').map((e) => [e.outcome, e.before, e.after])).toEqual([
      ['failure', null, null],
      ['success', { totpEnabled: true }, { totpEnabled: false }],
    ]);
    // Back to the password alone.
    const plain = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.username, password: PASSWORD } });
    expect(plain.json().user).toMatchObject({ username: u.username, totpEnabled: false });
    await app.close();
  });

  it('lets a security administrator reset another user’s TOTP, audited, and nobody else', async () => {
    const { app, clock } = await buildTestApp(database, { policy });
    const target = await makeUser(database, 'village_operator', places.villageCodes[1]);
    const targetClient = await loginAs(app, target.username);
    await enrol(targetClient, clock);
    const admin = await makeUser(database, 'security_admin', places.countyCode);
    const adminClient = await loginAs(app, admin.username);
    const adminSecret = await enrol(adminClient, clock);
    const sys = await makeUser(database, 'sys_admin', places.countyCode);
    const sysClient = await loginAs(app, sys.username);
    await enrol(sysClient, clock);
    const elsewhere = await createPlaceTree(database, 1, 1);
    const outsider = await makeUser(database, 'village_operator', elsewhere.villageCodes[0]);

    expect((await sysClient.inject('POST', `/api/v1/users/${target.id}/reset-totp`)).statusCode).toBe(403);
    expect((await adminClient.inject('POST', `/api/v1/users/${admin.id}/reset-totp`)).statusCode).toBe(403);
    expect((await adminClient.inject('POST', `/api/v1/users/${outsider.id}/reset-totp`)).statusCode).toBe(404);
    expect((await adminClient.inject('POST', '/api/v1/users/99999999/reset-totp')).statusCode).toBe(404);

    // The users list says who has TOTP on (the page's tag and reset button follow it).
    const listed = async () => (await adminClient.inject('GET', `/api/v1/users?q=${target.username}`)).json().items.map((u: { username: string; totpEnabled: boolean }) => [u.username, u.totpEnabled]);
    expect(await listed()).toEqual([[target.username, true]]);
    const res = await adminClient.inject('POST', `/api/v1/users/${target.id}/reset-totp`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ user: { id: target.id, username: target.username, totpEnabled: false } });
    expect((await userRow(target.id)).totp_secret).toBeNull();
    expect(await listed()).toEqual([[target.username, false]]);
    // The target's sessions end; his next login needs the password only.
    expect((await targetClient.inject('GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const plain = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: target.username, password: PASSWORD } });
    expect(plain.json().user).toMatchObject({ totpEnabled: false });

    const audited = (await eventsOf(admin.username)).filter((e) => e.action === 'user.totp_reset');
    expect(audited).toEqual([
      { action: 'user.totp_reset', outcome: 'success', note: null, username: admin.username, object_id: String(target.id), before: { username: target.username, totpEnabled: true }, after: { username: target.username, totpEnabled: false } },
    ]);
    // The administrator himself signs in with two factors.
    clock.advanceMinutes(0.5);
    const half = await passwordStep(app, admin.username);
    expect((await sendCode(half, codeAt(adminSecret, clock.now()))).statusCode).toBe(200);
    await app.close();
  });
});
