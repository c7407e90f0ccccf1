/** Test helpers of the access tests: an app on a manual clock, users with known passwords, signed-in clients. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database';
import { buildApp } from '../../src/server/app';
import { manualClock, securityPolicy, hashPassword, type ManualClock, type SecurityPolicy } from '../../src/modules/auth/service';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { consoleAdmin, createUser } from '../../src/modules/users/service';
import type { TestDatabase } from '../helpers/databases';
import * as OTPAuth from 'otpauth';
import { totpStep } from '../../src/modules/auth/totp';

export const START = '2024-03-01T00:00:00.000Z';
export const PASSWORD = 'Xiayi#2024ok';

export async function buildTestApp(database: Database, options: { policy?: SecurityPolicy; requireLogin?: boolean; clock?: ManualClock } = {}) {
  const clock = options.clock ?? manualClock(START);
  const app = await buildApp({ database, webDir: '/nonexistent', access: { clock, policy: options.policy ?? securityPolicy('dengbao'), requireLogin: options.requireLogin } });
  return { app, clock };
}

let serial = 0;

/** A user of `role` scoped to `placeCode`, password PASSWORD, no change pending (unless asked). */
export async function makeUser(
  database: Database,
  role: string,
  placeCode: string,
  options: { departmentLine?: string; mustChange?: boolean; changedAt?: string } = {},
): Promise<{ id: number; username: string }> {
  const username = `t${randomBytes(5).toString('hex')}.${++serial}.${role.slice(0, 8)}`;
  const { user } = await createUser(
    database.db,
    { username, displayName: `测试${role}`, role, placeCode, departmentLine: options.departmentLine ?? null },
    consoleAdmin(CONSOLE_ACTOR, new Date(START)),
  );
  await database.db
    .updateTable('app_user')
    .set({ password_hash: await hashPassword(PASSWORD), must_change_password: options.mustChange ?? false, password_changed_at: options.changedAt ?? START })
    .where('id', '=', user.id)
    .execute();
  return { id: user.id, username };
}

export interface Client {
  cookie: string;
  csrf: string;
  inject(method: string, url: string, payload?: unknown, extra?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/**
 * Sign in as the login page would. A user of a role that must use TOTP (the 三员, by default)
 * is enrolled at his first login, as the web app sends him to; later logins give the code of
 * the secret he enrolled, computed at the app's clock (a different step each time, as the
 * server refuses a code used before: up to three logins of one user per 30-second step).
 */
export async function loginAs(app: FastifyInstance, username: string, password = PASSWORD, options: { enrolTotp?: boolean } = {}): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  if (res.json().secondFactor === 'totp') {
    const half = clientOf(app, res);
    const second = await half.inject('POST', '/api/v1/auth/login/totp', { code: nextTotpCode(app, username) });
    if (second.statusCode !== 200) throw new Error(`login ${username} (TOTP): ${second.statusCode} ${second.body}`);
    return clientOf(app, second);
  }
  const client = clientOf(app, res);
  // After a pending password change (the test changes it, then calls enrolTotp).
  const user = res.json().user;
  if (user?.mustEnrolTotp && !user.mustChangePassword && options.enrolTotp !== false) await enrolTotp(app, client, username);
  return client;
}

const totpSecrets = new Map<string, string>();
const lastTotpStep = new Map<string, number>();

/** The secret a test user enrolled through loginAs (undefined when he has not). */
export const totpSecretOf = (username: string) => totpSecrets.get(username);

/** A code the server accepts and has not seen: the earliest unused step of the ±1 window. */
export function nextTotpCode(app: FastifyInstance, username: string): string {
  const secret = totpSecrets.get(username);
  if (!secret) throw new Error(`${username} 没有通过 loginAs 登记动态口令`);
  const now = app.security.clock.now();
  const step = Math.max(totpStep(now) - 1, (lastTotpStep.get(username) ?? -Infinity) + 1);
  if (step > totpStep(now) + 1) throw new Error(`${username} 在同一 30 秒内登录超过三次：请推进测试时钟`);
  lastTotpStep.set(username, step);
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: step * 30_000 });
}

/** First-login enrolment: start, read the secret from the otpauth:// URI, confirm with a code. */
export async function enrolTotp(app: FastifyInstance, client: Client, username: string): Promise<void> {
  const start = await client.inject('POST', '/api/v1/auth/totp/enrol');
  if (start.statusCode !== 200) throw new Error(`TOTP enrol ${username}: ${start.statusCode} ${start.body}`);
  const uri = OTPAuth.URI.parse(start.json().uri) as OTPAuth.TOTP;
  totpSecrets.set(username, uri.secret.base32);
  lastTotpStep.delete(username);
  const confirm = await client.inject('POST', '/api/v1/auth/totp/confirm', { code: nextTotpCode(app, username) });
  if (confirm.statusCode !== 200) throw new Error(`TOTP confirm ${username}: ${confirm.statusCode} ${confirm.body}`);
}

function clientOf(app: FastifyInstance, res: LightMyRequestResponse): Client {
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

/**
 * A database no other test shares, for tests that tamper with or prune the audit chain:
 * in-memory PGlite, or a new database on the PostgreSQL server, dropped afterwards.
 */
export async function openIsolated(t: TestDatabase): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!process.env.DATABASE_URL || t.name !== 'postgres') {
    const database = await t.open();
    return { database, drop: () => database.close() };
  }
  const name = 'fupin_audit_' + randomBytes(6).toString('hex');
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = '/' + name;
  const database = await openDatabase({ url: url.toString() });
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      // The pool's close resolves before its sockets are gone: let the server see them leave
      // (up to 10 s) rather than terminate them, which the closing clients report as an error.
      await c.query(`DO $$ BEGIN
        FOR i IN 1..200 LOOP
          EXIT WHEN NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = '${name}');
          PERFORM pg_sleep(0.05);
        END LOOP;
      END $$`);
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
