/** Opens the configured database for a CLI command and closes it afterwards, on success or failure. */
import { loadConfig } from '../config';
import { openDatabase, type Database } from '../db/database';

export async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}
