/**
 * Reports benchmark: a registry of about 1,000,000 persons (303,000 households over 30 counties
 * × 10 townships × 10 villages, bench/recomputeData.ts's generator, with main causes and the
 * township and village places added) in a fresh PostgreSQL schema, its rollups built once, then
 * through the real API stack (Fastify app.inject, a signed-in city leader, session, CSRF,
 * permission and scope checks, zod output validation):
 *   select1   GET of a route answering `SELECT 1` behind the same preHandler (the stack's floor),
 *   causes    GET /api/v1/reports/causes at a county and at the city,
 *   dashboard GET /api/v1/dashboard at a county and at the city,
 * 200 requests each (after 10 warm-up requests), one after another; p50, p95 and max in ms.
 * Targets: p95 < 100 ms at county level, < 300 ms at city level. The schema is dropped at the end.
 *
 *   npm run bench:reports -- [--households 303000] [--requests 200] [--keep]
 */
import { cpus, totalmem } from 'node:os';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database';
import { refreshRollups } from '../src/modules/reports/service';
import { requirePermission } from '../src/server/access';
import { buildTestApp, loginAs, makeUser, type Client } from '../test/access/helpers';
import { COMPLETE_REGISTRY, GENERATE_REGISTRY } from './recomputeData';

const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `bench_reports_${process.pid}`;
const YEAR = 2021;
const CITY = '4114';
const COUNTY = '411401';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : fallback;
}

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1) + ' s';

interface Stats {
  p50: number;
  p95: number;
  max: number;
}

function stats(times: number[]): Stats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

async function measure(client: Client, url: string, requests: number): Promise<Stats> {
  const once = async () => {
    const t = performance.now();
    const res = await client.inject('GET', url);
    const ms = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode} ${res.body.slice(0, 300)}`);
    return ms;
  };
  for (let i = 0; i < 10; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) times.push(await once());
  return stats(times);
}

async function main(): Promise<void> {
  const households = Number(arg('households', '303000'));
  const requests = Number(arg('requests', '200'));
  const keep = process.argv.includes('--keep');
  const admin = await openDatabase({ url: PG_URL, migrate: false });
  await admin.session((s) => s.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`));
  const database: Database = await openDatabase({ url: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}` });
  try {
    const version = (await sql<{ server_version: string }>`SHOW server_version`.execute(database.db)).rows[0].server_version;
    console.log(`fupin reports benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, PostgreSQL ${version}, Node ${process.version}`);
    console.log(`generating ${households} households in schema ${SCHEMA}…`);
    let t = performance.now();
    await database.session((s) => s.exec(GENERATE_REGISTRY(households, YEAR)));
    await database.session((s) => s.exec(COMPLETE_REGISTRY));
    const counts = (await sql<{ h: number; p: number }>`SELECT (SELECT count(*) FROM household)::int AS h, (SELECT count(*) FROM person)::int AS p`.execute(database.db)).rows[0];
    console.log(`  ${counts.h} households, ${counts.p} persons (${seconds(t)})`);
    t = performance.now();
    const counties = (await sql<{ code: string }>`SELECT code FROM place WHERE level = 3 ORDER BY code`.execute(database.db)).rows.map((r) => r.code);
    await refreshRollups(database.db, counties);
    const rollup = (await sql<{ v: number; t: number; c: number }>`SELECT (SELECT count(*) FROM registry_rollup)::int AS v, (SELECT count(*) FROM registry_rollup_township)::int AS t, (SELECT count(*) FROM registry_rollup_county)::int AS c`.execute(database.db)).rows[0];
    console.log(`  rollups of ${counties.length} counties built: ${rollup.v} village rows, ${rollup.t} township rows, ${rollup.c} county rows (${seconds(t)})`);

    const { app } = await buildTestApp(database, { requireLogin: true });
    // The floor: a route behind the same access checks whose handler runs SELECT 1 on the same pool.
    app.get('/api/v1/bench/select-1', { preHandler: requirePermission('dashboard.read') }, async () => {
      const row = (await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db)).rows[0];
      return { one: row.one };
    });
    const leader = await loginAs(app, (await makeUser(database, 'leader', CITY)).username);

    console.log(`measuring ${requests} requests each (after 10 warm-up requests), one at a time…`);
    const cases: [string, string, number | null][] = [
      ['SELECT 1 through the stack', '/api/v1/bench/select-1', null],
      ['cause report, county', `/api/v1/reports/causes?place=${COUNTY}`, 100],
      ['cause report, city (30 counties)', `/api/v1/reports/causes?place=${CITY}`, 300],
      ['dashboard, county', `/api/v1/dashboard?place=${COUNTY}`, 100],
      ['dashboard, city (30 counties)', `/api/v1/dashboard?place=${CITY}`, 300],
    ];
    const rows: string[] = [];
    let floor = 0;
    let failed = false;
    for (const [label, url, target] of cases) {
      const s = await measure(leader, url, requests);
      if (target === null) floor = s.p50;
      const verdict = target === null ? '' : s.p95 < target ? `  p95 < ${target} ms ✓` : `  p95 ≥ ${target} ms ✗`;
      if (target !== null && s.p95 >= target) failed = true;
      const line = `${label.padEnd(34)} p50 ${s.p50.toFixed(1).padStart(6)} ms  p95 ${s.p95.toFixed(1).padStart(6)} ms  max ${s.max.toFixed(1).padStart(6)} ms  (p50 ${(s.p50 / floor).toFixed(1)}× SELECT 1)${verdict}`;
      console.log('  ' + line);
      rows.push(line);
    }
    console.log('');
    console.log(rows.join('\n'));
    console.log(`peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
    await app.close();
    if (failed) process.exitCode = 1;
  } finally {
    await database.close();
    if (!keep) await admin.session((s) => s.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`));
    await admin.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
