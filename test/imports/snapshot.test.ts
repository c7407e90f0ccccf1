/**
 * Embedded mode runs with fsync off, so an import that wrote something is followed by a
 * snapshot of the data directory in <data dir>/snapshots (db/snapshots.ts): a dry run, a
 * refused file or an import that changed nothing takes none, the newest N are kept, and a
 * snapshot opens as a database holding what the import wrote. A PostgreSQL server takes none.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { snapshotsToKeep, takeSnapshot } from '../../src/db/snapshots';
import { runImportJob } from '../../src/modules/imports/service';
import { createPlaceTree } from '../helpers/factory';
import { registryRows, tempDir, writeCsv } from './files';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const snapshotsIn = (data: string) => (existsSync(join(data, 'snapshots')) ? readdirSync(join(data, 'snapshots')).sort() : []);

describe('snapshots after an import (embedded database)', () => {
  it('takes one after an import that wrote, none after a dry run, a refused file or an unchanged re-import', { timeout: 300_000 }, async () => {
    const data = join(dir, 'data');
    const database = await openDatabase({ dataDir: data });
    try {
      const places = await createPlaceTree(database, 1, 2);
      const file = writeCsv(dir, 'registry.csv', registryRows(places, 3));
      const seen: string[] = [];
      const options = { recompute: false, onSnapshot: (f: string) => seen.push(f) };

      const dry = await runImportJob(database, { path: file, fileName: 'registry.csv' }, { ...options, dryRun: true });
      expect(dry.report.ok).toBe(true);
      expect(snapshotsIn(data)).toEqual([]);

      const bad = writeCsv(dir, 'bad.csv', [{ ...registryRows(places, 1)[0], 证件号码: '123' }]);
      expect((await runImportJob(database, { path: bad, fileName: 'bad.csv' }, options)).report.ok).toBe(false);
      expect(snapshotsIn(data)).toEqual([]);

      const real = await runImportJob(database, { path: file, fileName: 'registry.csv' }, options);
      expect(real.report.households.added).toBe(3);
      expect(seen).toHaveLength(1);
      expect(snapshotsIn(data)).toEqual([expect.stringMatching(new RegExp(`^fupin-\\d{8}-\\d{6}-import-${real.jobId}\\.tar\\.gz$`))]);
      expect(seen[0]).toBe(join(data, 'snapshots', snapshotsIn(data)[0]));

      const again = await runImportJob(database, { path: file, fileName: 'registry.csv' }, options);
      expect(again.report.households.unchanged).toBe(3);
      expect(seen).toHaveLength(1);

      // The snapshot is a database of its own, holding the imported households.
      const copy = await PGlite.create({ loadDataDir: new Blob([readFileSync(seen[0])]) });
      try {
        const n = await copy.query<{ n: number }>('SELECT count(*)::int AS n FROM household');
        expect(n.rows[0].n).toBe(3);
      } finally {
        await copy.close();
      }
    } finally {
      await database.close();
    }
  });

  it('keeps the newest N and refuses a bad setting', { timeout: 300_000 }, async () => {
    const data = join(dir, 'keep');
    const database = await openDatabase({ dataDir: data });
    try {
      for (const [i, at] of ['2026-12-01T08:00:00Z', '2026-12-02T08:00:00Z', '2026-12-03T08:00:00Z'].entries()) {
        await takeSnapshot(database, `import-${i + 1}`, { keep: 2, now: new Date(at) });
      }
      expect(snapshotsIn(data)).toEqual(['fupin-20261202-080000-import-2.tar.gz', 'fupin-20261203-080000-import-3.tar.gz']);
      expect(await takeSnapshot(database, 'import-4', { keep: 0 })).toBeNull();
      await expect(takeSnapshot(database, '../x', { keep: 1 })).rejects.toThrow('快照标签只能含字母、数字、下划线和连字符：“../x”');
    } finally {
      await database.close();
    }
    expect(snapshotsToKeep({})).toBe(5);
    expect(snapshotsToKeep({ FUPIN_SNAPSHOTS_KEEP: '0' })).toBe(0);
    expect(() => snapshotsToKeep({ FUPIN_SNAPSHOTS_KEEP: '-1' })).toThrow('FUPIN_SNAPSHOTS_KEEP 应为不小于 0 的整数：“-1”');
  });

  it.runIf(!!process.env.DATABASE_URL)('takes none on a PostgreSQL server (backed up with its own tools)', async () => {
    const database = await openDatabase({ url: process.env.DATABASE_URL });
    try {
      expect(await takeSnapshot(database, 'import-1', { keep: 5 })).toBeNull();
    } finally {
      await database.close();
    }
  });
});
