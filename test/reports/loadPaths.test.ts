/**
 * Issue 26's cheaper read paths, on both databases: the 10% rule's village figures remembered
 * per county follow every write (the county's change counter), and a reader rebuilds a written
 * county's rollups at most once per FUPIN_ROLLUP_REFRESH_MS (0: before every report).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { causeReport } from '../../src/modules/reports/service';
import { setRollupRefreshInterval } from '../../src/modules/reports/rollups';
import { registryFigures } from '../../src/modules/villages/queries';
import { registryFiguresRemembered } from '../../src/modules/villages/figuresMemo';
import { testDatabases } from '../helpers/databases';
import { createHousehold } from '../helpers/factory';
import { buildReportFixture } from './fixture';

const byVillage = <T extends { villageCode: string }>(rows: T[]) => [...rows].sort((a, b) => a.villageCode.localeCompare(b.villageCode));

describe.each(testDatabases)('load paths on $name', (t) => {
  let database: Database;
  beforeAll(async () => {
    database = await t.open();
  });
  afterAll(async () => {
    setRollupRefreshInterval(0);
    await database?.close();
  });

  it('remembers the village figures of a county until the county is written, then reads them again', async () => {
    const fx = await buildReportFixture(database);
    const county = fx.places.countyCode;
    const city = county.slice(0, 4);
    const first = await registryFiguresRemembered(database.db, county, 2019);
    expect(byVillage(first)).toEqual(byVillage(await registryFigures(database.db, county, 2019)));
    expect(byVillage(await registryFiguresRemembered(database.db, county, 2019))).toEqual(byVillage(first));
    const village = fx.places.villageCodes[0];
    const before = first.find((f) => f.villageCode === village)!;
    await createHousehold(database, fx.places, { villageCode: village, mainCause: 'illness', members: [{ relation: 'head' }, { relation: 'other' }], history: [{ year: 2019, status: 'poor' }] });
    const after = (await registryFiguresRemembered(database.db, county, 2019)).find((f) => f.villageCode === village)!;
    expect(after).toMatchObject({ poorHouseholds: before.poorHouseholds + 1, households: before.households + 1 });
    // The city's figures hold this county's as read now (other tests' counties under the city may change meanwhile).
    const cityFigures = await registryFiguresRemembered(database.db, city, 2019);
    expect(cityFigures.find((f) => f.villageCode === village)).toEqual(after);
    const mine = (rows: { villageCode: string }[]) => byVillage(rows.filter((r) => r.villageCode.startsWith(county)));
    expect(mine(cityFigures)).toEqual(mine(await registryFigures(database.db, city, 2019)));
  });

  it('rebuilds a written county before every report by default, at most once per interval when one is set', async () => {
    const fx = await buildReportFixture(database);
    const county = fx.places.countyCode;
    const village = fx.places.villageCodes[0];
    const add = () => createHousehold(database, fx.places, { villageCode: village, mainCause: 'illness', members: [{ relation: 'head' }], history: [{ year: 2019, status: 'poor' }] });
    const remaining = async () => (await causeReport(database.db, county, { year: 2019 })).households;
    expect(await remaining()).toBe(5);
    await add();
    expect(await remaining()).toBe(6);
    setRollupRefreshInterval(3_600_000);
    try {
      await add();
      // Rebuilt just now (under the interval, the first time since the county was last rebuilt here).
      expect(await remaining()).toBe(7);
      await add();
      expect(await remaining()).toBe(7);
    } finally {
      setRollupRefreshInterval(0);
    }
    expect(await remaining()).toBe(8);
  });
});
