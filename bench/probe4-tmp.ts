import { openDatabase } from '../src/db/database';
import { recomputeAssessments } from '../src/modules/monitoring/recompute';
const schema = process.argv[2];
const database = await openDatabase({ url: `postgres://postgres@127.0.0.1:5432/test?options=${encodeURIComponent('-c search_path=' + schema)}` });
for (const b of process.argv.slice(3).map(Number)) {
  const t = Date.now();
  const s = await recomputeAssessments(database, { year: 2021, batchSize: b });
  console.log(b, Date.now() - t, s.batches, s.households);
}
await database.close();
