/**
 * Holding up under load (issue 26), on both databases and without timing assertions: the
 * liveness probe answers while the database is blocked, readiness says 503 with its reason
 * when the pool is exhausted and when the database is stopped, a request past capacity is
 * refused at once with 503 and Retry-After, a statement over its timeout is cancelled with a
 * clear error and the log names it, and the session cache is forgotten on logout, password
 * change and disabling.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/db/database';
import { buildApp } from '../../src/server/app';
import { manualClock, securityPolicy } from '../../src/modules/auth/service';
import type { LoadLimits } from '../../src/config';
import { testDatabases, type TestDatabase } from '../helpers/databases';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { loginAs, makeUser, PASSWORD, START } from '../access/helpers';

const BUSY = '系统繁忙，请稍后重试';

async function appOn(database: Database, limits: Partial<LoadLimits> = {}, logger?: { level: string; stream: { write(line: string): void } }) {
  return buildApp({ database, webDir: '/nonexistent', logger, limits, access: { clock: manualClock(START), policy: securityPolicy('dengbao') } });
}

/** Hold every connection of the pool until the returned release is called. */
async function holdPool(database: Database): Promise<() => Promise<void>> {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const held: Promise<unknown>[] = [];
  const count = database.kind === 'pglite' ? 1 : database.limits.poolSize;
  let started = 0;
  let allHeld!: () => void;
  const ready = new Promise<void>((resolve) => (allHeld = resolve));
  for (let i = 0; i < count; i++) {
    held.push(
      database.session(async () => {
        if (++started === count) allHeld();
        await gate;
      }),
    );
  }
  await ready;
  return async () => {
    open();
    await Promise.all(held);
  };
}

/** Resolve once `condition` holds, checking after each turn of the event loop (no fixed delay). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/** A database of `t`'s kind with a small pool and short bounds. */
function openSmall(t: TestDatabase, limits: Partial<Database['limits']>): Promise<Database> {
  if (t.name === 'pglite') return openDatabase({ dataDir: 'memory://', limits });
  return openDatabase({ url: process.env.DATABASE_URL, limits: { poolSize: 2, ...limits } });
}

describe.each(testDatabases)('under load on $name', (t) => {
  let database: Database;
  let places: TestPlaces;
  let leader: string;

  beforeAll(async () => {
    database = await openSmall(t, { poolWaitMs: 300 });
    places = await createPlaceTree(database, 1, 1);
    leader = (await makeUser(database, 'leader', places.countyCode)).username;
  });
  afterAll(async () => {
    await database.close();
  });

  it('answers liveness while the database is blocked, readiness 503 (pool saturated), and refuses a request that cannot get a connection with 503 and Retry-After', async () => {
    const app = await appOn(database, { readyTimeoutMs: 50, sessionCacheMs: 0 });
    const client = await loginAs(app, leader);
    const release = await holdPool(database);
    try {
      for (const url of ['/api/v1/health/live', '/api/v1/health']) {
        const live = await app.inject({ method: 'GET', url, headers: { cookie: client.cookie } });
        expect(live.statusCode, url).toBe(200);
        expect(live.json()).toMatchObject({ ok: true, database: database.kind, status: 'live' });
      }
      const ready = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ ok: false, reason: 'pool_saturated' });
      expect(ready.json().message).toContain('连接池已满');
      const refused = await client.inject('GET', `/api/v1/places/${places.countyCode}`);
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.json()).toEqual({ error: { code: 'busy', message: BUSY } });
    } finally {
      await release();
    }
    const ready = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ ok: true, status: 'ready', database: database.kind });
    expect((await client.inject('GET', `/api/v1/places/${places.countyCode}`)).statusCode).toBe(200);
    await app.close();
  });

  it('refuses requests past the admission bound at once with 503, Retry-After and the busy message; the admitted one is served', async () => {
    const app = await appOn(database, { maxInFlight: 1, sessionCacheMs: 0 });
    const client = await loginAs(app, leader);
    const release = await holdPool(database);
    // Waits for the database (the pool wait bound is long enough for the release below).
    const admitted = client.inject('GET', `/api/v1/places/${places.countyCode}`, undefined, {});
    let overloaded;
    try {
      await until(() => database.poolState().waiting > 0);
      overloaded = await client.inject('GET', `/api/v1/places/${places.countyCode}`);
      const ready = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ reason: 'overloaded', inFlight: 1, maxInFlight: 1 });
      expect((await app.inject({ method: 'GET', url: '/api/v1/health/live' })).statusCode).toBe(200);
    } finally {
      await release();
    }
    expect(overloaded.statusCode).toBe(503);
    expect(overloaded.headers['retry-after']).toBe('2');
    expect(overloaded.json().error).toEqual({ code: 'busy', message: BUSY });
    // The admitted request either got its connection after the release (200) or met the pool's wait bound (503 busy): never a hang.
    const first = await admitted;
    expect([200, 503]).toContain(first.statusCode);
    expect((await client.inject('GET', `/api/v1/places/${places.countyCode}`)).statusCode).toBe(200);
    await app.close();
  });

  it('forgets a cached session at logout, at a password change and when the account is disabled', async () => {
    const app = await appOn(database, { sessionCacheMs: 60_000 });
    const me = (c: { inject: (m: string, u: string) => Promise<{ statusCode: number }> }) => c.inject('GET', '/api/v1/auth/me').then((r) => r.statusCode);

    const a = await loginAs(app, leader);
    expect([await me(a), await me(a)]).toEqual([200, 200]);
    expect((await a.inject('POST', '/api/v1/auth/logout', {})).statusCode).toBe(204);
    expect(await me(a)).toBe(401);

    const user = await makeUser(database, 'leader', places.countyCode);
    const mine = await loginAs(app, user.username);
    const other = await loginAs(app, user.username);
    expect([await me(mine), await me(other)]).toEqual([200, 200]);
    expect((await mine.inject('POST', '/api/v1/auth/password', { currentPassword: PASSWORD, newPassword: 'Changed#2024x' })).statusCode).toBe(204);
    expect(await me(other)).toBe(401);
    expect(await me(mine)).toBe(200);

    const admin = await loginAs(app, (await makeUser(database, 'security_admin', places.countyCode)).username);
    const target = await makeUser(database, 'leader', places.countyCode);
    const session = await loginAs(app, target.username);
    expect(await me(session)).toBe(200);
    expect((await admin.inject('POST', `/api/v1/users/${target.id}/disable`, {})).statusCode).toBe(200);
    expect(await me(session)).toBe(401);
    await app.close();
  });
});

describe.each(testDatabases)('database stopped on $name', (t) => {
  it('readiness answers 503 database_unavailable, liveness 200, and a request gets a clear 503', async () => {
    let database: Database;
    if (t.name === 'pglite') {
      database = await openDatabase({ dataDir: 'memory://' });
      await database.close();
    } else {
      // A pool pointed at a closed port stands for a stopped server (the shared one is left alone).
      database = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/fupin_stopped', migrate: false, limits: { poolWaitMs: 2000 } });
    }
    const app = await appOn(database);
    const ready = await app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBeDefined();
    expect(ready.json()).toMatchObject({ ok: false, reason: 'database_unavailable' });
    expect(ready.json().message).toContain('数据库不可用');
    expect((await app.inject({ method: 'GET', url: '/api/v1/health/live' })).statusCode).toBe(200);
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' } });
    expect(login.statusCode).toBe(503);
    expect(login.headers['retry-after']).toBeDefined();
    expect(login.json().error).toEqual({ code: 'database_unavailable', message: '数据库暂时不可用，请稍后重试' });
    await app.close();
    if (t.name !== 'pglite') await database.close();
  });
});

describe.runIf(process.env.DATABASE_URL)('statement timeout on postgres', () => {
  it('cancels a request statement over its timeout with a clear Chinese error and logs the statement; bulk work is exempt', async () => {
    const database = await openDatabase({ url: process.env.DATABASE_URL, limits: { statementTimeoutMs: 100 } });
    const lines: string[] = [];
    const app = await appOn(database, {}, { level: 'warn', stream: { write: (line) => void lines.push(line) } });
    app.get('/api/v1/test/slow', { config: { public: true } }, async () => {
      await sql`SELECT pg_sleep(3) AS slow_statement_under_test`.execute(database.db);
      return { ok: true };
    });
    const res = await app.inject({ method: 'GET', url: '/api/v1/test/slow' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('statement_timeout');
    expect(res.json().error.message).toBe('查询超时（超过 0.1 秒）已取消：请缩小查询范围（地区、年份、条件）后重试');
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'statement cancelled by its timeout');
    expect(logged?.statement).toContain('slow_statement_under_test');
    // A held session (imports, recomputation) runs past the request timeout, then the connection gets it back.
    await database.session((s) => s.exec('SELECT pg_sleep(0.3)'));
    await expect(sql`SELECT pg_sleep(3)`.execute(database.db)).rejects.toMatchObject({ code: '57014' });
    await app.close();
    await database.close();
  });
});
