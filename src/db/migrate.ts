/** Numbered plain-SQL migrations (migrations/NNN_name.sql), applied in order, never edited after landing. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 7_270_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.replace(/\.sql$/, ''), sql: readFileSync(join(dir, f), 'utf8') }));
}

/** Apply pending migrations, each in its own transaction; returns the names applied. */
export async function migrate(database: Database): Promise<string[]> {
  return database.session(async (s) => {
    await s.exec('SELECT pg_advisory_lock(' + LOCK_KEY + ')');
    try {
      await s.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = new Set((await s.db.selectFrom('schema_migration').select('version').execute()).map((r) => r.version));
      const applied: string[] = [];
      for (const m of listMigrations()) {
        if (done.has(m.version)) continue;
        await s.exec('BEGIN');
        try {
          await s.exec(m.sql);
          await s.exec(`INSERT INTO schema_migration (version, name) VALUES (${m.version}, '${m.name}')`);
          await s.exec('COMMIT');
        } catch (e) {
          await s.exec('ROLLBACK');
          throw new Error(`迁移 ${m.name} 失败：${(e as Error).message}`);
        }
        applied.push(m.name);
      }
      return applied;
    } finally {
      await s.exec('SELECT pg_advisory_unlock(' + LOCK_KEY + ')');
    }
  });
}
