/**
 * A database of its own for tests that load the whole demo (its counties are fixed codes):
 * in-memory PGlite, or a fresh schema on the PostgreSQL server, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database';
import type { TestDatabase } from '../helpers/databases';

export interface Isolated {
  database: Database;
  drop: () => Promise<void>;
}

export async function openIsolated(t: TestDatabase): Promise<Isolated> {
  const url = process.env.DATABASE_URL;
  if (t.name !== 'postgres' || !url) {
    const database = await t.open();
    return { database, drop: () => database.close() };
  }
  const schema = `reports_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema},public`);
  const database = await openDatabase({ url: scoped.toString() });
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}
