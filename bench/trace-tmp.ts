import { openDatabase } from '../src/db/database';
import { importRegistry } from '../src/modules/imports/service';
const [,, url, file] = process.argv;
const database = await openDatabase(url.startsWith('postgres') ? { url } : { dataDir: url });
const t0 = Date.now();
let last = t0;
const r = await importRegistry(database, { path: file, fileName: file }, { onProgress: (p) => { if (p.phase !== 'reading' || p.fraction === 0) { console.log(p.phase, p.fraction.toFixed(2), Date.now() - last); last = Date.now(); } } });
console.log(r.ok, r.errors.slice(0, 3), r.households, r.persons, Date.now() - t0);
await database.close();
