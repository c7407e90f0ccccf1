/**
 * Load benchmark (issue 26): the server started as an operator starts it (`fupin serve`, its own
 * process) on PostgreSQL with the 1M-person bench dataset (or the demo data with --demo, or on
 * embedded PGlite with --pglite), real signed-in sessions of three roles, and a closed-loop load
 * generator (bench/loadClient.ts) that sends:
 *   the read mix (household list and card as a county operator, cause report and dashboard as a
 *   county leader and as a city leader) at 10, 50 and 200 connections; 20 writers (a member added
 *   to a household) beside 50 readers; an overload point (1,000 connections) and the recovery
 *   after it; a soak with --soak N seconds;
 * then the same read mix's SQL (captured from the server's statement trace) straight through a
 * pool of the same size at 50 connections: the API/direct ratio (target ≥ 0.7). Before/after in
 * the same run: the read mix at 50 with the session cache off (every request reads its session).
 * Every acknowledged write must be present exactly once and every refused one absent (exit 1
 * otherwise). Prints req/s, p50/p95/p99 per endpoint, errors by kind, server RSS and pool use.
 *
 *   DATABASE_URL=postgres://… npm run bench:load -- [--demo] [--pglite] [--households N] [--seconds 10]
 *     [--connections 10,50,200] [--overload 1000] [--writers 20] [--soak 900] [--no-compare] [--keep]
 *     [--rollup-refresh 1000] [--ignore-retry-after]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database';
import { refreshRollups } from '../src/modules/reports/service';
import { prepareFirstStart } from '../src/cli/firstStart';
import { makeUser, PASSWORD } from '../test/access/helpers';
import { idNumberFor } from '../test/helpers/factory';
import { COMPLETE_REGISTRY, GENERATE_REGISTRY } from './recomputeData';
import { closedLoop, newTally, percentile, report, reqPerSecond, allOk, type Session, type Step, type Tally } from './loadClient';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes('--' + name);
const arg = (name: string, fallback: string) => {
  const i = argv.indexOf('--' + name);
  return i >= 0 && argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : fallback;
};
const PGLITE = flag('pglite');
const DEMO = flag('demo');
const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(arg('seconds', '10'));
const CONNECTIONS = arg('connections', '10,50,200').split(',').map(Number);
const OVERLOAD = Number(arg('overload', '1000'));
const WRITERS = Number(arg('writers', '20'));
const SOAK = Number(arg('soak', '0'));
const POOL = Number(process.env.FUPIN_POOL_SIZE ?? 10);
/** FUPIN_ROLLUP_REFRESH_MS of the server: a written county's rollups rebuilt at most once per this many ms (0: before every report). */
const ROLLUP_REFRESH = arg('rollup-refresh', '1000');
const CITY = '4114';
const COUNTY = DEMO ? '411426' : '411401';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const out = (line = '') => console.log(line);

/** The data: the generated registry (1M persons by default on PostgreSQL) or the demo, and the bench users. */
async function prepare(database: Database): Promise<{ households: string[]; users: Record<string, string> }> {
  const t = performance.now();
  if (DEMO) {
    await prepareFirstStart(database, { demo: true, log: (m) => out('  ' + m) });
  } else {
    const households = Number(arg('households', PGLITE ? '30300' : '303000'));
    await database.session((s) => s.exec(GENERATE_REGISTRY(households, 2021)));
    await database.session((s) => s.exec(COMPLETE_REGISTRY));
    const counties = (await sql<{ code: string }>`SELECT code FROM place WHERE level = 3 AND code LIKE ${CITY + '%'} ORDER BY code`.execute(database.db)).rows.map((r) => r.code);
    await refreshRollups(database.db, counties);
  }
  const counts = (await sql<{ h: number; p: number }>`SELECT (SELECT count(*) FROM household)::int AS h, (SELECT count(*) FROM person)::int AS p`.execute(database.db)).rows[0];
  out(`  data: ${counts.h} households, ${counts.p} persons (${((performance.now() - t) / 1000).toFixed(0)} s)`);
  const households = (await sql<{ n: string }>`SELECT household_no AS n FROM household WHERE county_code = ${COUNTY} ORDER BY household_no LIMIT 500`.execute(database.db)).rows.map((r) => r.n);
  // Passwords changed today: the password-age rule (90 days) lets them work.
  const changedAt = new Date().toISOString();
  const users = {
    operator: (await makeUser(database, 'county_operator', COUNTY, { changedAt })).username,
    countyLeader: (await makeUser(database, 'leader', COUNTY, { changedAt })).username,
    cityLeader: (await makeUser(database, 'leader', CITY, { changedAt })).username,
  };
  return { households, users };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

interface Server {
  base: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGTERM');
});

async function startServer(env: Record<string, string>, trace: string): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/fupin.ts', 'serve', '--no-demo'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FUPIN_TRACE_SQL: trace, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(base + '/api/v1/health/live').then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 1500) throw new Error('server did not start within 300 s');
    await pause(200);
  }
  return {
    base,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function login(base: string, username: string): Promise<Session> {
  let res: Response;
  // A server just started (or a busy machine) may refuse with 503 for a moment: wait as Retry-After says.
  for (let i = 0; ; i++) {
    res = await fetch(base + '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (res.status !== 503 || i >= 10) break;
    await pause(1000 * Number(res.headers.get('retry-after') ?? 1));
  }
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  const cookies = Object.fromEntries(res.headers.getSetCookie().map((c) => c.split(';')[0].split('=') as [string, string]));
  return { cookie: `fupin_session=${cookies.fupin_session}; fupin_csrf=${cookies.fupin_csrf}`, csrf: cookies.fupin_csrf };
}

/** Server RSS (from /proc) and pool use (from the liveness probe, which reads it from memory), sampled while a phase runs. */
function monitor(server: Server) {
  const rss: number[] = [];
  const busy: number[] = [];
  const waiting: number[] = [];
  const live: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
        rss.push(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      } catch {
        /* not Linux: no RSS */
      }
      const t = performance.now();
      const r = await fetch(server.base + '/api/v1/health/live', { signal: AbortSignal.timeout(10_000) }).then((x) => x.json(), () => null);
      live.push(performance.now() - t);
      if (r?.pool) {
        busy.push(r.pool.busy);
        waiting.push(r.pool.waiting);
      }
      await pause(250);
    }
  })();
  return async () => {
    running = false;
    await loop;
    const max = (a: number[]) => (a.length ? Math.max(...a) : NaN);
    return `    server RSS max ${max(rss).toFixed(0)} MB (last ${rss.at(-1)?.toFixed(0)} MB); pool busy max ${max(busy)} of ${PGLITE ? 1 : POOL}, waiting max ${max(waiting)}; /health/live p95 ${percentile(live, 0.95).toFixed(1)} ms, max ${max(live).toFixed(1)} ms`;
  };
}

async function phase(server: Server, label: string, run: (tally: Tally) => Promise<void>, endpoints?: string[]): Promise<Tally> {
  const tally = newTally();
  const stop = monitor(server);
  await run(tally);
  const lines = [...report(label, tally, endpoints), await stop()];
  for (const l of lines) out('  ' + l);
  return tally;
}

type Roles = Record<'operator' | 'countyLeader' | 'cityLeader', Session[]>;

function readMix(roles: Roles, households: string[]): (worker: number, n: number) => Step {
  const pick = (list: Session[], i: number) => list[i % list.length];
  const steps = [
    (w: number, n: number): Step => ({ endpoint: 'household list', method: 'GET', url: `/api/v1/households?place=${COUNTY}&after=${households[(w * 3 + n) % households.length]}&pageSize=20`, session: pick(roles.operator, w) }),
    (w: number, n: number): Step => ({ endpoint: 'household card', method: 'GET', url: `/api/v1/households/${households[(w * 7 + n) % households.length]}`, session: pick(roles.operator, w) }),
    (w: number): Step => ({ endpoint: 'causes county', method: 'GET', url: `/api/v1/reports/causes?place=${COUNTY}`, session: pick(roles.countyLeader, w) }),
    (w: number): Step => ({ endpoint: 'causes city', method: 'GET', url: `/api/v1/reports/causes?place=${CITY}`, session: pick(roles.cityLeader, w) }),
    (w: number): Step => ({ endpoint: 'dashboard county', method: 'GET', url: `/api/v1/dashboard?place=${COUNTY}`, session: pick(roles.countyLeader, w) }),
    (w: number): Step => ({ endpoint: 'dashboard city', method: 'GET', url: `/api/v1/dashboard?place=${CITY}`, session: pick(roles.cityLeader, w) }),
  ];
  return (w, n) => steps[(w + n) % steps.length](w, n);
}

/** Writers: each adds a new member (a fresh, valid ID number) to one of the county's households. */
function writeMix(roles: Roles, households: string[], acknowledged: string[], refused: string[]): (worker: number, n: number) => Step {
  let serial = 0;
  return (w) => {
    const k = serial++;
    const day = new Date(Date.UTC(2025, 0, 1) + Math.floor(k / 1000) * 86_400_000).toISOString().slice(0, 10);
    const idNumber = idNumberFor(COUNTY, day, k % 500, k % 1000 < 500 ? 'M' : 'F');
    return {
      endpoint: 'member added (write)',
      method: 'POST',
      url: `/api/v1/households/${households[k % households.length]}/members`,
      session: roles.operator[w % roles.operator.length],
      body: { idNumber, name: '压测成员', relation: 'other' },
      onAnswer: (status) => (status === 201 ? acknowledged : status === 503 ? refused : []).push(idNumber),
    };
  };
}

/** The read mix's statements, one list per endpoint, from the server's statement trace. */
async function captureStatements(server: Server, trace: string, mix: (w: number, n: number) => Step): Promise<Map<string, { sql: string; parameters: unknown[] }[]>> {
  const captured = new Map<string, { sql: string; parameters: unknown[] }[]>();
  for (let i = 0; i < 6; i++) {
    const step = mix(0, i);
    await fetch(server.base + step.url, { headers: { cookie: step.session.cookie } });
    writeFileSync(trace, '');
    server.child.kill('SIGUSR2');
    await pause(200);
    await fetch(server.base + step.url, { headers: { cookie: step.session.cookie } });
    server.child.kill('SIGUSR2');
    await pause(200);
    captured.set(step.endpoint, readFileSync(trace, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
  }
  return captured;
}

/** The captured statements straight through a pool of the server's size: one request = its statements on one connection. */
async function direct(database: Database, captured: Map<string, { sql: string; parameters: unknown[] }[]>, connections: number): Promise<Tally> {
  const tally = newTally();
  const lists = [...captured];
  const end = performance.now() + SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, w) => {
      for (let n = 0; performance.now() < end; n++) {
        const [endpoint, statements] = lists[(w + n) % lists.length];
        const t = performance.now();
        await database.db.connection().execute(async (c) => {
          for (const s of statements) await c.executeQuery(CompiledQuery.raw(s.sql, s.parameters));
        });
        const list = tally.ok.get(endpoint) ?? [];
        list.push(performance.now() - t);
        tally.ok.set(endpoint, list);
      }
    }),
  );
  tally.seconds = (performance.now() - t0) / 1000;
  return tally;
}

async function main(): Promise<void> {
  const schema = `bench_load_${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'fupin-load-'));
  const trace = join(dir, 'statements.jsonl');
  const scopedUrl = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const openData = () => (PGLITE ? openDatabase({ dataDir: join(dir, 'data') }) : openDatabase({ url: scopedUrl }));
  const serverEnv: Record<string, string> = { FUPIN_ROLLUP_REFRESH_MS: ROLLUP_REFRESH, ...(PGLITE ? { DATABASE_URL: '', FUPIN_DATA_DIR: join(dir, 'data') } : { DATABASE_URL: scopedUrl }) };
  out(`fupin load benchmark — ${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}, Node ${process.version}`);
  out(`database: ${PGLITE ? 'embedded PGlite' : 'PostgreSQL, schema ' + schema}; data: ${DEMO ? 'demo' : 'generated'}; pool ${PGLITE ? 1 : POOL}; ${SECONDS} s per point; rollup refresh at most every ${ROLLUP_REFRESH} ms; refused clients ${process.argv.includes('--ignore-retry-after') ? 're-send at once' : 'wait as Retry-After says'}`);
  const admin = PGLITE ? null : await openDatabase({ url: PG_URL, migrate: false });
  await admin?.session((s) => s.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`));
  let failed = false;
  try {
    let database = await openData();
    const { households, users } = await prepare(database);
    if (PGLITE) await database.close();

    const signIn = async (server: Server): Promise<Roles> => {
      // Five sessions per role: logins are rate-limited (20 a minute from one address).
      const many = async (u: string) => {
        const sessions: Session[] = [];
        for (let i = 0; i < 5; i++) sessions.push(await login(server.base, u));
        return sessions;
      };
      return { operator: await many(users.operator), countyLeader: await many(users.countyLeader), cityLeader: await many(users.cityLeader) };
    };

    let before: Tally | null = null;
    if (!flag('no-compare')) {
      out('\nbefore: read mix at 50 connections, the session read from the database on every request (FUPIN_SESSION_CACHE_MS=0)');
      const server = await startServer({ ...serverEnv, FUPIN_SESSION_CACHE_MS: '0' }, trace);
      const mix = readMix(await signIn(server), households);
      await closedLoop(server.base, 10, 3, mix, newTally());
      before = await phase(server, 'read mix, 50 connections, no session cache', (t) => closedLoop(server.base, 50, SECONDS, mix, t));
      await server.stop();
    }

    const server = await startServer(serverEnv, trace);
    const roles = await signIn(server);
    const mix = readMix(roles, households);
    const captured = await captureStatements(server, trace, mix);
    out('\nstatements per request (server trace, session cache warm): ' + [...captured].map(([e, s]) => `${e} ${s.length}`).join(', '));
    await closedLoop(server.base, 10, 3, mix, newTally());

    out('\nread mix');
    const byConnections = new Map<number, Tally>();
    for (const c of CONNECTIONS) byConnections.set(c, await phase(server, `${c} connections`, (t) => closedLoop(server.base, c, SECONDS, mix, t)));
    const at50 = byConnections.get(50) ?? byConnections.get(CONNECTIONS[0])!;
    const p95at50 = percentile(allOk(at50), 0.95);
    if (before) out(`  after/before at 50 connections: ${(reqPerSecond(at50) / reqPerSecond(before)).toFixed(2)}× req/s, p95 ${(p95at50 / percentile(allOk(before), 0.95)).toFixed(2)}×`);

    out(`\n${WRITERS} writers beside 50 readers`);
    const acknowledged: string[] = [];
    const refused: string[] = [];
    const writes = writeMix(roles, households, acknowledged, refused);
    const readers = newTally();
    const writers = newTally();
    const stopMonitor = monitor(server);
    await Promise.all([closedLoop(server.base, 50, SECONDS, mix, readers), closedLoop(server.base, WRITERS, SECONDS, writes, writers)]);
    for (const l of [...report('readers', readers), ...report('writers', writers), await stopMonitor()]) out('  ' + l);
    const readersP95 = percentile(allOk(readers), 0.95);
    out(`  readers' p95 beside writers / reads alone: ${(readersP95 / p95at50).toFixed(2)}× (target ≤ 1.5)`);

    out(`\noverload: ${OVERLOAD} connections`);
    const over = await phase(server, `${OVERLOAD} connections`, (t) => closedLoop(server.base, OVERLOAD, SECONDS, mix, t));
    const admittedP95 = percentile(allOk(over), 0.95);
    const timeouts = over.errors.get('client timeout') ?? 0;
    out(`  admitted p95 / p95 at 50: ${(admittedP95 / p95at50).toFixed(2)}× (target ≤ 2); refusals p95 ${percentile(over.refused, 0.95).toFixed(1)} ms (target ≤ 100); client timeouts ${timeouts} (target 0)`);
    let recovered = NaN;
    for (let s = 1; s <= 10; s++) {
      const slice = newTally();
      await closedLoop(server.base, 50, 1, mix, slice);
      if (percentile(allOk(slice), 0.95) <= p95at50 * 1.2) {
        recovered = s;
        break;
      }
    }
    out(`  after the overload: back to within 1.2× of the p95 at 50 connections after ${Number.isNaN(recovered) ? 'more than 10' : recovered} s (target ≤ 10)`);

    if (SOAK > 0) {
      out(`\nsoak: 50 readers and 5 writers for ${SOAK} s`);
      const soakReaders = newTally();
      const soakWriters = newTally();
      const stopSoak = monitor(server);
      await Promise.all([closedLoop(server.base, 50, SOAK, mix, soakReaders), closedLoop(server.base, 5, SOAK, writes, soakWriters)]);
      for (const l of [...report('readers', soakReaders), ...report('writers', soakWriters), await stopSoak()]) out('  ' + l);
    }
    await server.stop();

    out(`\ndirect: the read mix's statements through a pool of ${PGLITE ? 1 : POOL} at 50 connections`);
    // The direct pool waits for a connection as long as it takes (the server's wait bound is for requests).
    database = PGLITE ? await openDatabase({ dataDir: join(dir, 'data'), limits: { poolWaitMs: 0 } }) : await openDatabase({ url: scopedUrl, limits: { poolWaitMs: 0 } });
    const straight = await direct(database, captured, 50);
    for (const l of report('direct SQL, 50 connections', straight)) out('  ' + l);
    const ratio = reqPerSecond(at50) / reqPerSecond(straight);
    out(`  API / direct SQL at 50 connections: ${ratio.toFixed(2)} (target ≥ 0.7)`);

    const count = async (ids: string[]) => {
      if (ids.length === 0) return new Map<string, number>();
      const rows = (await sql<{ id: string; n: number }>`SELECT id_number AS id, count(*)::int AS n FROM person WHERE id_number = ANY(${ids}) GROUP BY id_number`.execute(database.db)).rows;
      return new Map(rows.map((r) => [r.id, r.n]));
    };
    const present = await count(acknowledged);
    const wrong = acknowledged.filter((id) => present.get(id) !== 1);
    const leaked = [...(await count(refused))].filter(([, n]) => n > 0);
    out(`\nwrites: ${acknowledged.length} acknowledged, ${wrong.length} not present exactly once; ${refused.length} refused with 503, ${leaked.length} of them present`);
    if (wrong.length || leaked.length) failed = true;
    await database.close();
  } finally {
    await admin?.session((s) => s.exec(flag('keep') ? 'SELECT 1' : `DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    await admin?.close();
    if (!flag('keep')) rmSync(dir, { recursive: true, force: true });
  }
  if (failed) {
    out('FAILED: an acknowledged write is missing or doubled, or a refused one was written');
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
