import { sql } from 'kysely';
import { openDatabase } from '../src/db/database';
import { ALL_PLACES } from '../src/db/placeScope';
import { householdsWhere, batchBounds, prepareBatchPlanner, insertResults, deleteResults, groupsPresent } from '../src/modules/monitoring/queries';
import { loadActivePolicies } from '../src/modules/policy/service';
import { groupPlans, rangesBetween } from '../src/modules/monitoring/recompute';
const schema = process.argv[2];
const database = await openDatabase({ url: `postgres://postgres@127.0.0.1:5432/test?options=${encodeURIComponent('-c search_path=' + schema)}` });
const where = householdsWhere(ALL_PLACES, '0');
await database.db.transaction().execute(async (tx) => {
  await prepareBatchPlanner(tx);
  const plans = groupPlans(await loadActivePolicies(tx), '0', 2021, where);
  console.log(plans.length, plans.map(p => p.region));
  let t = Date.now();
  const ranges = rangesBetween(await batchBounds(tx, where, 20000));
  console.log('bounds', Date.now() - t);
  for (const range of ranges.slice(0, 3)) {
    t = Date.now();
    await deleteResults(tx, 2021, range, where);
    const d = Date.now() - t; t = Date.now();
    for (const g of await groupsPresent(tx, plans.map((p) => p.group), range, where)) await insertResults(tx, plans[g].plan, range, plans[g].where, plans[g].versions);
    console.log('delete', d, 'insert', Date.now() - t);
  }
  throw new Error('rollback');
}).catch((e) => console.log(e.message));
await database.close();
