/**
 * Comparison benchmark (issue 20): the recompute benchmark's synthetic registry (about 1,000,000
 * persons in 30 counties) and reference rows of every kind generated in SQL into a fresh
 * PostgreSQL schema (about 10 rows per person over the ten kinds: for most kinds 60% of them
 * matching a registered person, the rest unknown ID numbers; see VALUES), then
 *   baseline  a bare hash join of the same keys (reference row ↔ person on county and ID number),
 *   compare   the comparison job over every county (first run: every hit new),
 *   again     the same job on the same data (nothing added, nothing resolved),
 * with the ratios measured in the same run and the peak RSS of this process. The schema is
 * dropped at the end.
 *
 *   npm run bench:compare -- [--households 303000] [--rows-per-person 10] [--keep]
 */
import { cpus, totalmem } from 'node:os';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database';
import { ALL_PLACES } from '../src/db/placeScope';
import { CONSOLE_ACTOR } from '../src/modules/audit/service';
import { getCompareJob, startRun } from '../src/modules/compare/service';
import { jobSettled } from '../src/modules/jobs/service';
import { REFERENCE_KINDS } from '../src/domain/compare/kinds';
import { GENERATE_REGISTRY } from './recomputeData';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `bench_compare_${process.pid}`;
const YEAR = 2021;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : fallback;
}

const seconds = (from: number) => (performance.now() - from) / 1000;
const fmt = (s: number) => s.toFixed(2) + ' s';

/**
 * Per kind: the values its typed columns take. Each column takes its last value (the one the
 * rules look for) in 5% of the rows and one of the others otherwise, so hits stay a plausible
 * share of the matches; 死亡 and 迁出 rows mostly name persons not in the registry.
 */
const VALUES: Record<string, { category: string[]; role: string[]; status: string[]; amount: number; matched: number }> = {
  death: { category: [''], role: [''], status: [''], amount: 0, matched: 0.02 },
  move: { category: ['440106', '440106'], role: ['升学', '务工'], status: [''], amount: 0, matched: 0.02 },
  business: { category: ['农民专业合作社', '有限责任公司'], role: ['经营者', '股东'], status: ['注销', '存续'], amount: 300000, matched: 0.6 },
  vehicle: { category: ['拖拉机', '摩托车', '小型轿车'], role: [''], status: ['报废', '正常'], amount: 100000, matched: 0.6 },
  housing: { category: ['安置房', '商品房'], role: ['集镇', '县城'], status: [''], amount: 0, matched: 0.6 },
  payroll: { category: [''], role: ['村干部', '在编'], status: [''], amount: 0, matched: 0.6 },
  social_insurance: { category: ['城乡居民基本养老保险', '城镇职工基本养老保险'], role: [''], status: ['参保', '领取'], amount: 0, matched: 0.6 },
  assistance: { category: ['低保边缘', '低保'], role: [''], status: ['停保', '在保'], amount: 0, matched: 0.6 },
  disability: { category: ['肢体', '视力'], role: [''], status: ['注销', '有效'], amount: 0, matched: 0.6 },
  medical: { category: [''], role: [''], status: [''], amount: 8000, matched: 0.6 },
};

const pick = (values: string[]) =>
  values.length === 1 ? `'${values[0]}'` : `CASE WHEN random() < 0.05 THEN '${values.at(-1)}' ELSE (ARRAY[${values.slice(0, -1).map((v) => `'${v}'`).join(',')}])[1 + floor(random() * ${values.length - 1})::int] END`;

/** Reference rows of one kind for every county: matching persons (share `matched`), and unknown ID numbers (share `unknown`). */
function generateKind(kind: string, matched: number, unknown: number): string {
  const v = VALUES[kind];
  const columns = `${pick(v.category)}, ${pick(v.role)}, ${pick(v.status)}, ${v.amount ? `round((random() * ${v.amount})::numeric, 2)` : 'NULL'},
    ${kind === 'disability' ? '1 + floor(random() * 4)::int' : 'NULL'}, date '${YEAR}-06-30' - (random() * 700)::int`;
  return `
INSERT INTO compare_batch (county_code, kind, source, file_name, as_of, status, row_count, error_count, imported_by, imported_at)
SELECT DISTINCT county_code, '${kind}', '基准', '${kind}.csv', date '${YEAR}-06-30', 'complete', 0, 0, 'bench', now() FROM household;
INSERT INTO compare_row (county_code, batch_id, row_no, id_number, name, category, role, status, amount, grade, on_date)
SELECT p.county_code, b.id, right(p.id_number, 9)::int, p.id_number, p.name, ${columns}
FROM person p JOIN compare_batch b ON b.county_code = p.county_code AND b.kind = '${kind}' WHERE random() < ${matched};
INSERT INTO compare_row (county_code, batch_id, row_no, id_number, name, category, role, status, amount, grade, on_date)
SELECT p.county_code, b.id, 1000000000 + right(p.id_number, 9)::int, 'N' || p.id_number, p.name, ${columns}
FROM person p JOIN compare_batch b ON b.county_code = p.county_code AND b.kind = '${kind}' WHERE random() < ${unknown};`;
}

async function bareJoin(database: Database): Promise<{ seconds: number; rows: number }> {
  const t = performance.now();
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM compare_row r JOIN person p ON p.county_code = r.county_code AND p.id_number = r.id_number`.execute(database.db);
  return { seconds: seconds(t), rows: r.rows[0].n };
}

async function compareAll(database: Database, counties: string[]): Promise<{ seconds: number; added: number; resolved: number }> {
  const t = performance.now();
  const id = await startRun(database, '0', counties, { userId: 0, actor: CONSOLE_ACTOR, scope: ALL_PLACES, at: new Date(), today: `${YEAR}-07-15` });
  await jobSettled(id);
  const job = await getCompareJob(database, id, 0);
  if (job.status !== 'done') throw new Error(job.message ?? 'comparison failed');
  const result = job.result as { added: number; resolved: number };
  return { seconds: seconds(t), ...result };
}

async function main(): Promise<void> {
  const households = Number(arg('households', '303000'));
  const perPerson = Number(arg('rows-per-person', '10'));
  const keep = process.argv.includes('--keep');
  const perKind = perPerson / REFERENCE_KINDS.length;
  const admin = await openDatabase({ url: PG_URL, migrate: false });
  await admin.session((s) => s.exec(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`));
  const database = await openDatabase({ url: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${SCHEMA}`)}` });
  try {
    const version = (await sql<{ server_version: string }>`SHOW server_version`.execute(database.db)).rows[0].server_version;
    console.log(`fupin comparison benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, PostgreSQL ${version}, Node ${process.version}`);
    let t = performance.now();
    await database.session((s) => s.exec(GENERATE_REGISTRY(households, YEAR)));
    const persons = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM person`.execute(database.db)).rows[0].n;
    console.log(`  registry: ${households} households, ${persons} persons (${fmt(seconds(t))})`);
    t = performance.now();
    for (const kind of REFERENCE_KINDS) await database.session((s) => s.exec(generateKind(kind.code, perKind * VALUES[kind.code].matched, perKind * (1 - VALUES[kind.code].matched))));
    const rows = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM compare_row`.execute(database.db)).rows[0].n;
    console.log(`  reference rows: ${rows} in ${REFERENCE_KINDS.length} kinds (${fmt(seconds(t))})`);
    t = performance.now();
    await database.session(async (s) => {
      await s.exec('VACUUM ANALYZE household, person, compare_batch, compare_row');
      await s.exec('CHECKPOINT');
    });
    console.log(`  settled: VACUUM ANALYZE and CHECKPOINT (${fmt(seconds(t))})`);
    const counties = (await sql<{ c: string }>`SELECT DISTINCT county_code AS c FROM compare_batch ORDER BY 1`.execute(database.db)).rows.map((r) => r.c);
    console.log('measuring…');
    const base = await bareJoin(database);
    console.log(`  bare hash join: ${fmt(base.seconds)} (${base.rows} matched rows)`);
    const first = await compareAll(database, counties);
    console.log(`  comparison, first run: ${fmt(first.seconds)} (${first.added} 疑点 added)`);
    const again = await compareAll(database, counties);
    console.log(`  comparison, same data again: ${fmt(again.seconds)} (${again.added} added, ${again.resolved} resolved)`);
    const base2 = await bareJoin(database);
    console.log(`  bare hash join again: ${fmt(base2.seconds)}`);
    const bare = Math.min(base.seconds, base2.seconds);
    const rss = process.resourceUsage().maxRSS / 1024;
    console.log('');
    console.log(`bare hash join (best of 2) ${fmt(bare)}`);
    console.log(`comparison (first run)     ${fmt(first.seconds)}  ratio ${(first.seconds / bare).toFixed(2)}× (target ≤ 3×)`);
    console.log(`comparison (repeated)      ${fmt(again.seconds)}  ratio to first ${(again.seconds / first.seconds).toFixed(2)}× (target ≤ 1.5×)`);
    console.log(`peak RSS of this process   ${rss.toFixed(0)} MB (target < 1024 MB)`);
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
