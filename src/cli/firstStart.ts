/** What the first start of an empty database does: load the place hierarchy, then the demo data. */
import type { Database } from '../db/database';
import { ensureFirstAdministrator } from '../modules/users/service';
import { isRegistryEmpty } from '../modules/demo/service';
import { loadDemoWithLog } from './commands/demo';
import { ensurePlaces } from '../modules/places/load';

export interface FirstStartOptions {
  demo: boolean;
  log: (message: string) => void;
}

export async function prepareFirstStart(_database: Database, _options: FirstStartOptions): Promise<void> {
  await ensureFirstAdministrator(_database.db, _options.log);
  await ensurePlaces(_database, _options.log);
  if (_options.demo && (await isRegistryEmpty(_database))) await loadDemoWithLog(_database, _options.log);
}
