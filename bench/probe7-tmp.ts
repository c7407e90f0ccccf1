import { sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import { ALL_PLACES } from '../src/db/placeScope';
import { householdsWhere, prepareBatchPlanner } from '../src/modules/monitoring/queries';
import { assessmentSelect } from '../src/modules/monitoring/assessmentQueries';
import { loadActivePolicies } from '../src/modules/policy/service';
import { groupPlans } from '../src/modules/monitoring/recompute';
import { householdBatches } from '../src/modules/monitoring/batches';
const schema = process.argv[2];
const size = Number(process.argv[3]);
const database = await openDatabase({ url: `postgres://postgres@127.0.0.1:5432/test?options=${encodeURIComponent('-c search_path=' + schema)}` });
const where = householdsWhere(ALL_PLACES, '0');
const modes: Record<string, string[]> = { hash: [], merge: ['enable_hashjoin=off', 'enable_hashagg=off'] };
for (let round = 0; round < 3; round++) {
  for (const [name, settings] of Object.entries(modes)) {
    await database.db.transaction().execute(async (tx) => {
      await prepareBatchPlanner(tx);
      for (const s of settings) await sql.raw(`SET LOCAL ${s}`).execute(tx);
      const plans = groupPlans(await loadActivePolicies(tx), '0', 2021, where);
      const b = householdBatches(tx, where, size);
      await b.next();
      const range = (await b.next())!;
      const t = performance.now();
      const r = await sql`SELECT count(*) FILTER (WHERE a.criteria <> 'x' AND a.risk_reasons >= 0 AND a.outcome <> 'x' AND a.risk_grade <> 'x' AND coalesce(a.suggested_category,'') <> 'x' AND coalesce(a.per_capita_net, 0) > -1 AND a.persons >= 0) AS n FROM (${assessmentSelect(plans[1].plan, { range, where: plans[1].where }, { history: false })}) a`.execute(tx);
      console.log(name, round, (performance.now() - t).toFixed(0), (r.rows[0] as any).n, (await import('node:os')).loadavg()[0].toFixed(1));
    });
  }
}
await database.close();
