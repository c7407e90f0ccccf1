/**
 * Recompute benchmark: a registry of about 1,000,000 persons (303,000 households, two income
 * years, status history, risk events) generated in SQL into a fresh PostgreSQL schema, then
 *   baseline  CREATE TABLE … AS SELECT of the household and person columns the rules read,
 *   recompute recomputeAssessments over the whole registry (first run: nothing stored yet;
 *             second run: every result replaced),
 * with the ratio of each recompute to the baseline measured in the same run, the peak RSS of
 * this process, and for comparison the pure TypeScript rules on a sample (per household). The
 * schema is dropped at the end.
 *
 * With ledger facts (issue 19, the default; --no-ledgers leaves them out): student register,
 * 家庭医生签约, 参保, medical expenses and the housing ledgers (recomputeData.ts GENERATE_LEDGERS),
 * read by the recompute over the registry's fields.
 *
 *   npm run bench:recompute -- [--households 303000] [--batch 100000] [--keep] [--no-ledgers]
 */
import { cpus, totalmem } from 'node:os';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database';
import { DEFAULT_BATCH, recomputeAssessments } from '../src/modules/monitoring/recompute';
import { compactResult, evaluateHousehold } from '../src/modules/monitoring/evaluate';
import { loadHouseholdRecords } from '../src/modules/monitoring/recordQueries';
import { checkPolicyDraft, loadActivePolicies } from '../src/modules/policy/service';
import { getJob, startWhatIfJob, waitForJob } from '../src/modules/monitoring/service';
import { resolvePolicy } from '../src/domain/policy/resolve';
import { GENERATE_LEDGERS, GENERATE_REGISTRY } from './recomputeData';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `bench_recompute_${process.pid}`;
const YEAR = 2021;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : fallback;
}

const seconds = (from: number) => (performance.now() - from) / 1000;
const fmt = (s: number) => s.toFixed(2) + ' s';

async function timed(label: string, fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  const s = seconds(t);
  console.log(`  ${label}: ${fmt(s)}`);
  return s;
}

async function baseline(database: Database): Promise<number> {
  return database.session(async (s) => {
    await s.exec('DROP TABLE IF EXISTS baseline_household, baseline_person');
    const t = performance.now();
    await s.exec(`CREATE TABLE baseline_household AS SELECT county_code, household_no, village_code, township_code, status, exit_year, size,
      food_secure, clothing_secure, house_grade, house_renovated, relocated, water_lpd, water_quality_ok, water_trip_minutes, water_piped,
      water_outage_days, water_scarce_area, water_horizontal_m, water_vertical_m, open_risk_types FROM household`);
    await s.exec(`CREATE TABLE baseline_person AS SELECT county_code, household_no, name, birth_date, schooling, health, disability_grade,
      home_schooling, insured_basic, insured_serious, family_doctor, chronic_card, labour FROM person`);
    const took = seconds(t);
    await s.exec('DROP TABLE baseline_household, baseline_person');
    return took;
  });
}

/** The pure rules over a sample of households, per household (loading included). */
async function pureSample(database: Database, count: number): Promise<number> {
  const db = database.db;
  const counties = await sql<{ county_code: string }>`SELECT DISTINCT county_code FROM household ORDER BY 1 LIMIT 1`.execute(db);
  const county = counties.rows[0].county_code;
  const numbers = (await db.selectFrom('household').select('household_no').where('county_code', '=', county).orderBy('household_no').limit(count).execute()).map((r) => r.household_no);
  const records = await loadActivePolicies(db);
  const t = performance.now();
  const loaded = await loadHouseholdRecords(db, county, numbers);
  const villages = new Map<string, ReturnType<typeof resolvePolicy>>();
  for (const rec of loaded.values()) {
    const v = rec.household.village_code;
    if (!villages.has(v)) villages.set(v, resolvePolicy(records, v, YEAR));
    compactResult(evaluateHousehold(rec, villages.get(v)!, YEAR));
  }
  return seconds(t) / loaded.size;
}

async function main(): Promise<void> {
  const households = Number(arg('households', '303000'));
  const batchSize = Number(arg('batch', String(DEFAULT_BATCH)));
  const keep = process.argv.includes('--keep');
  const admin = await openDatabase({ url: PG_URL, migrate: false });
  await admin.session((s) => s.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`));
  const database = await openDatabase({ url: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}` });
  try {
    const version = (await sql<{ server_version: string }>`SHOW server_version`.execute(database.db)).rows[0].server_version;
    console.log(`fupin recompute benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, PostgreSQL ${version}, Node ${process.version}`);
    console.log(`generating ${households} households in schema ${SCHEMA}…`);
    const t = performance.now();
    await database.session((s) => s.exec(GENERATE_REGISTRY(households, YEAR)));
    if (!process.argv.includes('--no-ledgers')) await database.session((s) => s.exec(GENERATE_LEDGERS(YEAR)));
    const counts = (await sql<{ h: number; p: number; i: number; e: number }>`SELECT
      (SELECT count(*) FROM household)::int AS h, (SELECT count(*) FROM person)::int AS p,
      (SELECT count(*) FROM household_income)::int AS i, (SELECT count(*) FROM risk_event)::int AS e`.execute(database.db)).rows[0];
    const ledgers = (await sql<{ kind: string; n: number }>`SELECT kind, count(*)::int AS n FROM ledger_record GROUP BY 1 ORDER BY 1`.execute(database.db)).rows;
    console.log(`  ${counts.h} households, ${counts.p} persons, ${counts.i} income records, ${counts.e} risk events (${fmt(seconds(t))})`);
    console.log(`  ledger records: ${ledgers.map((l) => `${l.kind} ${l.n}`).join(', ') || 'none'}`);
    // Let the registry settle as a live one would have (autovacuum may be off on the bench server):
    // statistics and hint bits set, and the checkpoint the generation's WAL triggers written before
    // the clock starts, so neither the baseline nor the recompute pays for the generation.
    const tSettle = performance.now();
    await database.session(async (s) => {
      await s.exec('VACUUM ANALYZE household, person, household_income, household_status_history, risk_event, ledger_record');
      await s.exec('CHECKPOINT');
    });
    console.log(`  settled: VACUUM ANALYZE and CHECKPOINT (${fmt(seconds(tSettle))})`);
    console.log('measuring…');
    const base = await timed('baseline (CREATE TABLE AS SELECT household + person columns)', () => baseline(database));
    const first = await timed(`recompute, nothing stored yet (batches of ${batchSize})`, () => recomputeAssessments(database, { year: YEAR, batchSize }));
    const second = await timed('recompute, replacing every result', () => recomputeAssessments(database, { year: YEAR, batchSize }));
    const whatIf = await timed('what-if: Shangqiu monitoring line 6000 → 6500 (both evaluations, changes kept)', async () => {
      const draft = await checkPolicyDraft(database.db, { regionCode: '4114', effectiveYear: YEAR, title: '监测线 6500 元测算', rules: { monitoring: { lineByYear: { [YEAR]: { amount: 6500 } } } } });
      const id = await startWhatIfJob(database, { draft, place: '4114', year: YEAR, batchSize });
      await waitForJob(id);
      const job = await getJob(database, id);
      if (job.status !== 'done') throw new Error(job.message ?? 'what-if failed');
      console.log('    ' + job.message);
    });
    const stored = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM assessment_result WHERE year = ${YEAR}`.execute(database.db)).rows[0].n;
    const grades = (await sql<{ risk_grade: string; n: number }>`SELECT risk_grade, count(*)::int AS n FROM assessment_result WHERE year = ${YEAR} GROUP BY 1 ORDER BY 1`.execute(database.db)).rows;
    const perHousehold = await pureSample(database, 20_000);
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log('');
    console.log(`results stored: ${stored} (${grades.map((g) => `${g.risk_grade} ${g.n}`).join(', ')})`);
    console.log(`baseline                 ${fmt(base)}`);
    console.log(`recompute (first run)    ${fmt(first)}  ratio ${(first / base).toFixed(2)}× (target ≤ 3×, < 30 s)`);
    console.log(`recompute (replace all)  ${fmt(second)}  ratio ${(second / base).toFixed(2)}×`);
    console.log(`what-if                  ${fmt(whatIf)}  ratio ${(whatIf / base).toFixed(2)}×`);
    console.log(`pure TypeScript rules    ${(perHousehold * 1e6).toFixed(0)} µs per household incl. loading → ${fmt(perHousehold * counts.h)} for all (for comparison)`);
    console.log(`peak RSS of this process ${rss.toFixed(0)} MB (target < 1024 MB)`);
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
