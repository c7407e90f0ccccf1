/**
 * Embedded mode keeps its data with fsync off (PGlite): a power loss can take what the last
 * import wrote. So after every import that wrote something, a snapshot of the data directory
 * (.tar.gz, the same as `fupin backup`) goes to `<data dir>/snapshots/`, the newest
 * FUPIN_SNAPSHOTS_KEEP (default 5, 0: none) kept. A PostgreSQL server is backed up with its own
 * tools (pg_dump, WAL archiving): nothing is taken there.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database';

export const SNAPSHOT_DIR = 'snapshots';
const NAME = /^fupin-\d{8}-\d{6}-[\w-]+\.tar\.gz$/;

export function snapshotsToKeep(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.FUPIN_SNAPSHOTS_KEEP;
  if (raw === undefined || raw === '') return 5;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`FUPIN_SNAPSHOTS_KEEP 应为不小于 0 的整数：“${raw}”`);
  return n;
}

/**
 * Take a snapshot labelled `label` (e.g. `import-12`) and drop the oldest beyond `keep`.
 * Returns the file written, or null when there is nothing to do (PostgreSQL, in-memory, keep 0).
 */
export async function takeSnapshot(database: Database, label: string, options: { keep?: number; now?: Date } = {}): Promise<string | null> {
  const keep = options.keep ?? snapshotsToKeep();
  if (!database.snapshot || database.where.startsWith('memory://') || keep === 0) return null;
  if (!/^[\w-]+$/.test(label)) throw new Error(`快照标签只能含字母、数字、下划线和连字符：“${label}”`);
  const dir = join(database.where, SNAPSHOT_DIR);
  mkdirSync(dir, { recursive: true });
  const stamp = (options.now ?? new Date()).toISOString().slice(0, 19).replace(/-/g, '').replace('T', '-').replace(/:/g, '');
  const file = join(dir, `fupin-${stamp}-${label}.tar.gz`);
  const bytes = await database.snapshot();
  // Written whole, then renamed: a crash never leaves a half snapshot under a snapshot's name.
  writeFileSync(file + '.part', bytes);
  renameSync(file + '.part', file);
  const all = readdirSync(dir).filter((f) => NAME.test(f)).sort();
  for (const old of all.slice(0, Math.max(0, all.length - keep))) rmSync(join(dir, old), { force: true });
  return file;
}
