/** What the first start of an empty database does: load the place hierarchy, then the demo data. */
import type { Database } from '../db/database';

export interface FirstStartOptions {
  demo: boolean;
  log: (message: string) => void;
}

export async function prepareFirstStart(_database: Database, _options: FirstStartOptions): Promise<void> {
  // Filled in by the places and demo modules.
}
