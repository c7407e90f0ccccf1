/**
 * The databases integration tests run against: embedded PGlite always, and the PostgreSQL
 * server of DATABASE_URL when it is set (CI sets it). Use with describe.each.
 */
import { openDatabase, type Database } from '../../src/db/database';

export interface TestDatabase {
  name: string;
  open: () => Promise<Database>;
}

export const testDatabases: TestDatabase[] = [
  { name: 'pglite', open: () => openDatabase({ dataDir: 'memory://' }) },
  ...(process.env.DATABASE_URL ? [{ name: 'postgres', open: () => openDatabase({ url: process.env.DATABASE_URL }) }] : []),
];
