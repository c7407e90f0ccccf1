/**
 * Roster matching benchmark (issue 25 item 6): a county of about 1,000,000 registered persons
 * (valid ID numbers, generated in SQL into a fresh PostgreSQL schema) and a roster of
 * 1,000,000 rows (by default) held in memory as a spreadsheet's cells: 70% of the rows name a
 * registered person — their ID numbers written the ways real files write them (10% as the old
 * 15 digits, 5% in full-width digits, 5% with spaces, every X in lower case) — and 30% name
 * nobody; one row in ten says 低保 and one in twenty gives another name. Measured in the same run:
 *   baseline  a bare hash join of the same keys: the registry's ID numbers read into a hash set,
 *             probed with the roster's ID numbers already in their 18-character form;
 *   matching  what an upload does between reading the file and writing the result: the
 *             registry facts read into a hash map, every row's ID number normalised and its check
 *             digit verified, its fields checked, matched, categorised and its conflicts found;
 *   store     (for information) writing the matched rows in one transaction, as an upload does.
 * The schema is dropped at the end.
 *
 *   BENCH_DATABASE_URL=postgres://… npm run bench:rosters -- [--households 333334] [--rows 1000000] [--no-store] [--keep]
 */
import { cpus, totalmem } from 'node:os';
import { sql } from 'kysely';
import type { Database } from '../src/db/database';
import { locateMapping, type RosterMapping } from '../src/domain/rosters/fields';
import { RosterMatcher } from '../src/domain/rosters/matcher';
import { completeIdNumber } from '../src/domain/idNumber';
import { insertRoster, insertRosterRows, registryFacts } from '../src/modules/rosters/rosterQueries';
import { arg, fmt, inBenchSchema, runBench, seconds } from './common';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `bench_rosters_${process.pid}`;
const COUNTY = '411426';
const STATUSES = `(ARRAY['exited','monitored','risk_eliminated','not_poor','poor'])[1 + h % 5]`;

const GENERATE = (households: number) => `
CREATE FUNCTION bench_id(first17 text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT first17 || substr('10X98765432', (SELECT sum(substr(first17, k, 1)::int * (ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[k]) FROM generate_series(1, 17) k)::int % 11 + 1, 1) $$;
INSERT INTO place (code, name, level, parent_code) VALUES ('41', '基准省', 1, NULL), ('4114', '基准市', 2, '41'), ('${COUNTY}', '基准县', 3, '4114'),
  ('${COUNTY}001', '基准镇', 4, '${COUNTY}'), ('${COUNTY}001001', '基准村', 5, '${COUNTY}001');
INSERT INTO household (county_code, household_no, village_code, township_code, head_name, attribute, status, monitor_category, size)
SELECT '${COUNTY}', '${COUNTY}' || lpad(h::text, 9, '0'), '${COUNTY}001001', '${COUNTY}001', '户主' || h, CASE WHEN h % 10 = 0 THEN 'dibao' ELSE 'general' END,
  ${STATUSES}, CASE WHEN ${STATUSES} = 'monitored' THEN 'marginal' END, 3
FROM generate_series(1, ${households}) h;
INSERT INTO person (county_code, id_number, household_no, name, sex, birth_date, relation)
SELECT '${COUNTY}', bench_id('${COUNTY}' || to_char(date '1950-01-01' + (p % 20000), 'YYYYMMDD') || lpad((p / 20000)::text, 3, '0')),
  '${COUNTY}' || lpad((p / 3 + 1)::text, 9, '0'), '成员' || p, CASE WHEN (p / 20000) % 2 = 1 THEN 'M' ELSE 'F' END, date '1950-01-01' + (p % 20000),
  CASE WHEN p % 3 = 0 THEN 'head' ELSE 'other' END
FROM generate_series(0, ${households * 3 - 1}) p;`;

const MAPPING: RosterMapping = { idNumber: '身份证号', name: '姓名', assistance: '救助类型' };
const HEADERS = ['身份证号', '姓名', '救助类型'];

const fullWidth = (s: string) => s.replace(/[0-9X]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** The roster's rows as cells (as the spreadsheet reader gives them) and the same rows' 18-character keys. */
function makeRoster(registered: { id: string; name: string }[], rows: number): { cells: string[][]; keys: string[] } {
  const cells: string[][] = new Array(rows);
  const keys: string[] = new Array(rows);
  let next = 0;
  for (let i = 0; i < rows; i++) {
    let id: string;
    let name: string;
    if (i % 10 < 7) {
      if (next >= registered.length) throw new Error(`--rows ${rows} needs at least ${Math.ceil(rows * 0.7)} registered persons (each named once)`);
      const p = registered[(next++ * 7919) % registered.length];
      id = p.id;
      name = i % 20 === 1 ? '别名' + i : p.name;
    } else {
      const d = new Date(Date.UTC(1960, 0, 1) + (i % 15000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      id = completeIdNumber(`411427${d}${String(Math.floor(i / 15000) % 1000).padStart(3, '0')}`);
      name = '名单外' + i;
    }
    keys[i] = id;
    const k = i % 20;
    const written = k === 3 && id.slice(6, 8) === '19' ? id.slice(0, 6) + id.slice(8, 17) : k === 4 ? fullWidth(id) : k === 5 ? `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}` : id.replace('X', 'x');
    cells[i] = [written, name, i % 10 === 2 ? '低保' : ''];
  }
  return { cells, keys };
}

async function bareJoin(database: Database, keys: readonly string[]): Promise<{ seconds: number; matched: number }> {
  const t = performance.now();
  const r = await sql<{ id: string }>`SELECT id_number AS id FROM person WHERE county_code = ${COUNTY}`.execute(database.db);
  const set = new Set<string>();
  for (const x of r.rows) set.add(x.id);
  let matched = 0;
  for (const k of keys) if (set.has(k)) matched++;
  return { seconds: seconds(t), matched };
}

async function matching(database: Database, cells: readonly string[][]): Promise<{ seconds: number; matcher: RosterMatcher }> {
  const t = performance.now();
  const { index } = locateMapping(MAPPING, HEADERS);
  const matcher = new RosterMatcher(index, HEADERS, { place: COUNTY, today: new Date() }, await registryFacts(database.db, COUNTY));
  for (let i = 0; i < cells.length; i++) matcher.add(i + 2, cells[i]);
  return { seconds: seconds(t), matcher };
}

async function store(database: Database, m: RosterMatcher): Promise<number> {
  const t = performance.now();
  await database.db.transaction().execute(async (tx) => {
    const at = new Date();
    const id = await insertRoster(tx, { countyCode: COUNTY, place: COUNTY, source: '基准', fileName: 'bench.csv', rows: m.rows.length, matched: m.matched, conflicts: m.withConflicts, by: 'bench', at, purgeAfter: at });
    await insertRosterRows(tx, COUNTY, id, m.rows);
  });
  return seconds(t);
}

runBench(() => inBenchSchema(PG_URL, SCHEMA, async (database) => {
  const households = Number(arg('households', '333334'));
  const rows = Number(arg('rows', '1000000'));
  const version = (await sql<{ server_version: string }>`SHOW server_version`.execute(database.db)).rows[0].server_version;
  console.log(`fupin roster benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, PostgreSQL ${version}, Node ${process.version}`);
  let t = performance.now();
  await database.session((s) => s.exec(GENERATE(households)));
  await database.session((s) => s.exec('VACUUM ANALYZE household, person'));
  const registered = (await sql<{ id: string; name: string }>`SELECT id_number AS id, name FROM person ORDER BY id_number`.execute(database.db)).rows;
  console.log(`  registry: ${households} households, ${registered.length} persons in one county (${fmt(seconds(t))})`);
  t = performance.now();
  const { cells, keys } = makeRoster(registered, rows);
  registered.length = 0;
  console.log(`  roster: ${rows} rows in memory (${fmt(seconds(t))})`);
  console.log('measuring…');
  const base1 = await bareJoin(database, keys);
  console.log(`  bare hash join: ${fmt(base1.seconds)} (${base1.matched} matched)`);
  const run1 = await matching(database, cells);
  const m = run1.matcher;
  console.log(`  matching: ${fmt(run1.seconds)} (${m.rows.length} rows, ${m.matched} matched, ${m.withConflicts} with conflicts, ${m.problems.length} refused)`);
  if (m.matched !== base1.matched || m.problems.length) throw new Error(`matching disagrees with the bare join: ${m.matched} vs ${base1.matched}, ${m.problems.length} refused (${m.problems[0]?.message})`);
  const base2 = await bareJoin(database, keys);
  const run2 = await matching(database, cells);
  console.log(`  again: bare hash join ${fmt(base2.seconds)}, matching ${fmt(run2.seconds)}`);
  const stored = process.argv.includes('--no-store') ? null : await store(database, run2.matcher);
  if (stored !== null) console.log(`  store: ${fmt(stored)} (${run2.matcher.rows.length} rows written in one transaction)`);
  const bare = Math.min(base1.seconds, base2.seconds);
  const match = Math.min(run1.seconds, run2.seconds);
  console.log('');
  console.log(`bare hash join (best of 2)  ${fmt(bare)}`);
  console.log(`matching (best of 2)        ${fmt(match)}  ratio ${(match / bare).toFixed(2)}× (target ≤ 3×)`);
  if (stored !== null) console.log(`storing the result          ${fmt(stored)}  (not part of the ratio)`);
  console.log(`peak RSS of this process    ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}));
