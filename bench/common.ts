/** Pieces a benchmark script needs: its arguments, timings, a PostgreSQL schema of its own, its exit. */
import { openDatabase, type Database } from '../src/db/database';

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : fallback;
}

export const seconds = (from: number) => (performance.now() - from) / 1000;
export const fmt = (s: number) => s.toFixed(2) + ' s';

/** Run `work` on a database in a fresh schema of the server at `url`, dropped afterwards unless --keep. */
export async function inBenchSchema(url: string, schema: string, work: (database: Database) => Promise<void>): Promise<void> {
  const admin = await openDatabase({ url, migrate: false });
  await admin.session((s) => s.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`));
  const database = await openDatabase({ url: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}` });
  try {
    await work(database);
  } finally {
    await database.close();
    if (!process.argv.includes('--keep')) await admin.session((s) => s.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    await admin.close();
  }
}

/** Run a benchmark's main, exiting 1 with the error printed when it fails. */
export function runBench(main: () => Promise<void>): void {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
