/**
 * One recompute or what-if at a time per database: a session-level advisory lock on
 * PostgreSQL (across processes), a queue in this process for embedded PGlite (one process
 * per data directory, and a session there would hold its only connection).
 */
import type { Database } from '../../db/database';
import { lockRecompute, unlockRecompute } from './queries';

const queues = new WeakMap<Database, Promise<unknown>>();

export async function exclusively<T>(database: Database, fn: () => Promise<T>): Promise<T> {
  if (database.kind === 'postgres') {
    return database.session(async (s) => {
      await lockRecompute(s.db);
      try {
        return await fn();
      } finally {
        await unlockRecompute(s.db);
      }
    });
  }
  const before = queues.get(database) ?? Promise.resolve();
  const run = before.then(fn, fn);
  queues.set(database, run.catch(() => undefined));
  return run;
}
