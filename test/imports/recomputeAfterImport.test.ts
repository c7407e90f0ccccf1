import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { Database } from '../../src/db/database';
import { importRegistry } from '../../src/modules/imports/service';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree } from '../helpers/factory';
import { storedResults } from '../monitoring/helpers';
import { registryRows, tempDir, writeCsv } from './files';

describe.each(testDatabases)('assessment after an import on $name', ({ open }) => {
  let database: Database;
  const dir = tempDir();
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('assesses the imported county for the file’s income year, and re-assesses when a re-import changes incomes', async () => {
    const places = await createPlaceTree(database);
    // 3 persons, wages 9000 + transfers 1200 − costs 600: 3200 yuan a head, under the 2019 line.
    const poor = registryRows(places, 3, 3);
    const first = await importRegistry(database, { path: writeCsv(dir, `poor-${places.countyCode}.csv`, poor), fileName: 'poor.csv' }, { statusYear: 2019 });
    expect(first.errors).toEqual([]);
    expect(first.assessed).toEqual([{ county: places.countyCode, year: 2019, households: 3 }]);
    const before = await storedResults(database, places.countyCode, 2019);
    expect(before.size).toBe(3);
    for (const result of before.values()) expect(result.outcome).toBe('does_not_meet');

    const richer = poor.map((row) => ({ ...row, 工资性收入: 60000 }));
    const second = await importRegistry(database, { path: writeCsv(dir, `richer-${places.countyCode}.csv`, richer), fileName: 'richer.csv' }, { statusYear: 2019 });
    expect(second.ok).toBe(true);
    expect(second.incomes).toBe(3);
    const after = await storedResults(database, places.countyCode, 2019);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [no, result] of after) expect(result.criteria, no).not.toBe(before.get(no)!.criteria);
  });

  it('assesses nothing after a dry run or a refused file, or when asked not to', async () => {
    const places = await createPlaceTree(database);
    const rows = registryRows(places, 2, 2);
    const path = writeCsv(dir, `dry-${places.countyCode}.csv`, rows);
    const dry = await importRegistry(database, { path, fileName: 'dry.csv' }, { dryRun: true, statusYear: 2019 });
    expect(dry).toMatchObject({ ok: true, assessed: [] });
    const quiet = await importRegistry(database, { path, fileName: 'quiet.csv' }, { statusYear: 2019, recompute: false });
    expect(quiet).toMatchObject({ ok: true, assessed: [] });
    expect((await storedResults(database, places.countyCode, 2019)).size).toBe(0);
    const bad = rows.map((row, i) => (i === 0 ? { ...row, 证件号码: '41142619600101001X' } : row));
    const refused = await importRegistry(database, { path: writeCsv(dir, `bad-${places.countyCode}.csv`, bad), fileName: 'bad.csv' }, { statusYear: 2019 });
    expect(refused).toMatchObject({ ok: false, assessed: [] });
  });
});
