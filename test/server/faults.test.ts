/**
 * Faults under load (issue 26, "Bad input and faults"), without timing assertions:
 * - a client that opens a connection and sends nothing, or starts a body and stalls, is cut off
 *   by the server's timeouts, and no database connection is held for it meanwhile;
 * - on PostgreSQL, the server's connections killed from the database side (what a restart does
 *   to a pool): a request in flight gets a clear 503, readiness and the next requests work again
 *   on new connections by themselves, and a write acknowledged before is still there.
 */
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { buildApp } from '../../src/server/app';
import { manualClock, securityPolicy } from '../../src/modules/auth/service';
import type { LoadLimits } from '../../src/config';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree } from '../helpers/factory';
import { makeUser, PASSWORD, START } from '../access/helpers';

async function appOn(database: Database, limits: Partial<LoadLimits> = {}) {
  return buildApp({ database, webDir: '/nonexistent', limits, access: { clock: manualClock(START), policy: securityPolicy('dengbao') } });
}

/** Open a raw connection, write `text`, and resolve with what the server sent once it closes the socket. */
function closedBy(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1', () => {
      if (text) socket.write(text);
    });
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}

describe.each(testDatabases)('slow clients on $name', ({ open }) => {
  let database: Database;
  let app: Awaited<ReturnType<typeof appOn>>;
  let port: number;
  beforeAll(async () => {
    database = await open();
    // Short bounds so the test waits little; the defaults are in src/config.ts.
    app = await appOn(database, { connectionTimeoutMs: 300, requestTimeoutMs: 600 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('cuts off a client that sends nothing, holding no database connection', async () => {
    const before = database.poolState().busy;
    const received = await closedBy(port, '');
    expect(received).toBe('');
    expect(database.poolState().busy).toBe(before);
  });

  it('cuts off a client that starts a body and stalls, before any handler or database work', async () => {
    const before = database.poolState().busy;
    const head =
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"username":"a';
    const received = await closedBy(port, head);
    // Either closed silently or answered 408 (request timeout): never a login answer.
    expect(received === '' || received.startsWith('HTTP/1.1 408')).toBe(true);
    expect(database.poolState().busy).toBe(before);
    // The server still serves others.
    expect((await app.inject({ method: 'GET', url: '/api/v1/health/live' })).statusCode).toBe(200);
  });
});

describe.runIf(process.env.DATABASE_URL)('database connections killed under way on postgres', () => {
  const appName = `fupin_faults_${process.pid}`;
  let database: Database;
  let admin: pg.Client;
  let username: string;

  beforeAll(async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set('application_name', appName);
    database = await openDatabase({ url: url.toString(), limits: { poolSize: 3, poolWaitMs: 3000 } });
    const places = await createPlaceTree(database, 1, 1);
    username = (await makeUser(database, 'leader', places.countyCode)).username;
    admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await database?.close();
  });

  const killPool = () => admin.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1', [appName]);

  it('answers a request in flight with a clear 503, then serves again on new connections without a restart', async () => {
    const app = await appOn(database);
    const login = () => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: PASSWORD } });
    expect((await login()).statusCode).toBe(200);

    // A request in flight: its statement waits on a lock another session holds, then the server's
    // connections are killed (as a database restart does).
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE app_user IN ACCESS EXCLUSIVE MODE');
    const inFlight = login();
    while (!(await admin.query("SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'", [appName])).rowCount) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await killPool()).rows[0].n).toBeGreaterThan(0);
    await admin.query('ROLLBACK');
    const refused = await inFlight;
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json().error).toEqual({ code: 'database_unavailable', message: '数据库暂时不可用，请稍后重试' });

    // Idle connections killed too: the pool drops each as its error arrives, and opens new ones.
    await killPool();
    while (database.poolState().total > 0) await new Promise((resolve) => setImmediate(resolve));
    expect((await app.inject({ method: 'GET', url: '/api/v1/health/ready' })).statusCode).toBe(200);
    expect((await login()).statusCode).toBe(200);
    await app.close();
  });
});
