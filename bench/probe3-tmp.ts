import { sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import { ALL_PLACES } from '../src/db/placeScope';
import { householdsWhere, prepareBatchPlanner } from '../src/modules/monitoring/queries';
import { assessmentSelect } from '../src/modules/monitoring/assessmentQueries';
import { loadActivePolicies } from '../src/modules/policy/service';
import { groupPlans } from '../src/modules/monitoring/recompute';
import { householdBatches } from '../src/modules/monitoring/batches';
const schema = process.argv[2];
const database = await openDatabase({ url: `postgres://postgres@127.0.0.1:5432/test?options=${encodeURIComponent('-c search_path=' + schema)}` });
const where = householdsWhere(ALL_PLACES, '0');
const explain = async (tx: any, q: any) => console.log((await sql`EXPLAIN (ANALYZE) ${q}`.execute(tx)).rows.map((r: any) => r['QUERY PLAN']).filter((l: string) => /actual|Execution/.test(l)).map((l: string) => l.replace(/\(cost=[^)]*\)/, '')).join('\n'));
await database.db.transaction().execute(async (tx) => {
  await prepareBatchPlanner(tx);
  const plans = groupPlans(await loadActivePolicies(tx), '0', 2021, where);
  const b = householdBatches(tx, where, Number(process.argv[3] ?? 10000));
  let range = await b.next();
  range = (await b.next()) ?? range;
  const p = plans[1];
  await explain(tx, sql`DELETE FROM assessment_result WHERE year = 2021`);
  await explain(tx, sql`INSERT INTO assessment_result (county_code, household_no, year, policy_key, outcome, criteria, risk_grade, risk_reasons, suggested_category, per_capita_net, persons, computed_at)
    SELECT a.county_code, a.household_no, 2021, 'k', a.outcome, a.criteria, a.risk_grade, a.risk_reasons, a.suggested_category, a.per_capita_net, a.persons, now() FROM (${assessmentSelect(p.plan, { range: range!, where: p.where }, { history: false })}) a`);
  throw new Error('rollback');
}).catch((e) => console.log(e.message));
await database.close();
