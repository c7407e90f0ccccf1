import { sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import { ALL_PLACES } from '../src/db/placeScope';
import { householdsWhere, batchBounds, prepareBatchPlanner, groupsPresent } from '../src/modules/monitoring/queries';
import { assessmentSelect, rangeCondition } from '../src/modules/monitoring/assessmentQueries';
import { loadActivePolicies } from '../src/modules/policy/service';
import { groupPlans, rangesBetween } from '../src/modules/monitoring/recompute';
const schema = process.argv[2];
const database = await openDatabase({ url: `postgres://postgres@127.0.0.1:5432/test?options=${encodeURIComponent('-c search_path=' + schema)}` });
const where = householdsWhere(ALL_PLACES, '0');
const explain = async (tx: any, q: any) => console.log((await sql`EXPLAIN (ANALYZE, BUFFERS) ${q}`.execute(tx)).rows.map((r: any) => r['QUERY PLAN']).filter((l: string) => /actual|Execution|Trigger/.test(l)).join('\n'));
await database.db.transaction().execute(async (tx) => {
  await prepareBatchPlanner(tx);
  const plans = groupPlans(await loadActivePolicies(tx), '0', 2021, where);
  const ranges = rangesBetween(await batchBounds(tx, where, Number(process.argv[3] ?? 20000)));
  const range = ranges[0];
  let t = Date.now();
  console.log(await groupsPresent(tx, plans.map((p) => p.group), range, where), Date.now() - t);
  await explain(tx, sql`DELETE FROM assessment_result r WHERE r.year = 2021 AND ${rangeCondition('r', range)} AND EXISTS (SELECT 1 FROM household h WHERE h.county_code = r.county_code AND h.household_no = r.household_no AND ${rangeCondition('h', range)} AND ${where})`);
  const p = plans[1];
  await explain(tx, sql`INSERT INTO assessment_result (county_code, household_no, year, policy_key, policy_versions, outcome, criteria, risk_grade, risk_reasons, suggested_category, per_capita_net, persons, computed_at)
    SELECT a.county_code, a.household_no, 2021, 'k', '[]'::jsonb, a.outcome, a.criteria, a.risk_grade, a.risk_reasons, a.suggested_category, a.per_capita_net, a.persons, now() FROM (${assessmentSelect(p.plan, { range, where: p.where })}) a`);
  throw new Error('rollback');
}).catch((e) => console.log(e.message));
await database.close();
