/**
 * Village verdict benchmark (issue 18): the synthetic registry of bench/recompute.ts (about
 * 1,000,000 persons in 3,000 villages with households) plus village records for 30,000 villages
 * (the other 27,000 without registered households), then in the same run
 *   households  recomputeAssessments over the whole registry (the household recompute alone),
 *   both        the household recompute followed by recomputeVillageVerdicts over the nation,
 * and the ratio both / households (target ≤ 1.2). The schema is dropped at the end.
 *
 *   BENCH_DATABASE_URL=postgres://… npm run bench:villages -- [--households 303000] [--villages 30000] [--keep]
 */
import { cpus, totalmem } from 'node:os';
import { sql } from 'kysely';
import type { Database } from '../src/db/database';
import { recomputeAssessments } from '../src/modules/monitoring/recompute';
import { recomputeVillageVerdicts } from '../src/modules/villages/service';
import { arg, fmt, inBenchSchema, runBench, seconds } from './common';
import { GENERATE_REGISTRY } from './recomputeData';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `bench_villages_${process.pid}`;
const YEAR = 2021;


/** Village records: every village with households, then more villages under the same townships up to `total`. */
const PLACES_OF_HOUSEHOLDS = `
INSERT INTO place (code, name, level, parent_code)
SELECT DISTINCT township_code, '基准乡' || right(township_code, 5), 4, county_code FROM household ON CONFLICT DO NOTHING;
INSERT INTO place (code, name, level, parent_code)
SELECT DISTINCT village_code, '基准村' || right(village_code, 6), 5, township_code FROM household ON CONFLICT DO NOTHING;`;

const GENERATE_VILLAGES = (total: number, perTownship: number, year: number) => `
INSERT INTO place (code, name, level, parent_code)
SELECT t.code || lpad((300 + n)::text, 3, '0'), '基准村' || n, 5, t.code
FROM place t CROSS JOIN generate_series(1, ${perTownship}) n
WHERE t.level = 4;
INSERT INTO village_record (county_code, village_code, year, township_code, registered_population, poor_village, poor_village_year,
  road_to_village, power, broadband, mobile_4g, safe_water, clinic, culture_room, school, service_center, income_operating, income_contract, income_investment, updated_by, updated_at)
SELECT left(v.code, 6), v.code, ${year}, v.parent_code,
  greatest(coalesce((SELECT count(*) FROM household h JOIN person p ON p.county_code = h.county_code AND p.household_no = h.household_no
    WHERE h.county_code = left(v.code, 6) AND h.village_code = v.code), 0) * 2, 800),
  random() < 0.3, 2014, random() > 0.05, true, random() > 0.1, random() > 0.2, random() > 0.05, random() > 0.1, true, 'school', true,
  round((random() * 40000)::numeric, 2), round((random() * 5000)::numeric, 2), round((random() * 5000)::numeric, 2), 'bench', now()
FROM (SELECT code, parent_code FROM place WHERE level = 5 ORDER BY code LIMIT ${total}) v;
ANALYZE place; ANALYZE village_record;`;

async function main(): Promise<void> {
  const households = Number(arg('households', '303000'));
  const villages = Number(arg('villages', '30000'));
  await inBenchSchema(PG_URL, SCHEMA, async (database: Database) => {
    const version = (await sql<{ server_version: string }>`SHOW server_version`.execute(database.db)).rows[0].server_version;
    console.log(`fupin village verdict benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, PostgreSQL ${version}, Node ${process.version}`);
    const t = performance.now();
    await database.session((s) => s.exec(GENERATE_REGISTRY(households, YEAR)));
    console.log(`  registry generated (${fmt(seconds(t))})`);
    await database.session((s) => s.exec(PLACES_OF_HOUSEHOLDS));
    const places = (await sql<{ t: number; v: number }>`SELECT count(*) FILTER (WHERE level = 4)::int AS t, count(*) FILTER (WHERE level = 5)::int AS v FROM place`.execute(database.db)).rows[0];
    const perTownship = Math.max(0, Math.ceil((villages - places.v) / Math.max(1, places.t)));
    await database.session((s) => s.exec(GENERATE_VILLAGES(villages, perTownship, YEAR)));
    const counts = (await sql<{ h: number; p: number; v: number }>`SELECT (SELECT count(*) FROM household)::int AS h, (SELECT count(*) FROM person)::int AS p,
      (SELECT count(*) FROM village_record)::int AS v`.execute(database.db)).rows[0];
    console.log(`  ${counts.h} households, ${counts.p} persons, ${counts.v} village records (${fmt(seconds(t))})`);
    await database.session(async (s) => {
      await s.exec('VACUUM ANALYZE household, person, household_income, household_status_history, risk_event, village_record');
      await s.exec('CHECKPOINT');
    });
    console.log('measuring…');
    // Warm-up: the first recompute also creates every stored result.
    await recomputeAssessments(database, { year: YEAR });
    const t1 = performance.now();
    await recomputeAssessments(database, { year: YEAR });
    const alone = seconds(t1);
    console.log(`  household recompute alone: ${fmt(alone)}`);
    const t2 = performance.now();
    await recomputeAssessments(database, { year: YEAR });
    const tv = performance.now();
    const summary = await recomputeVillageVerdicts(database.db, '0', YEAR, new Date());
    const villagePart = seconds(tv);
    const both = seconds(t2);
    console.log(`  household + village verdicts: ${fmt(both)} (village verdicts ${fmt(villagePart)}: ${summary.villages} villages, ${summary.passed} 达标, ${summary.failed} 未达标)`);
    console.log('');
    console.log(`ratio (household + village) / household alone: ${(both / alone).toFixed(2)}× (target ≤ 1.2×)`);
    console.log(`peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  });
}

runBench(main);
