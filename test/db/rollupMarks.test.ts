/**
 * Rollups marked stale by their writers (src/db/rollupMarks.ts, migration 036: no triggers): each
 * registry writer of what the rollups count marks its county, a refresh makes it fresh again, and
 * a write that the rollups do not count (an open risk type) leaves it fresh. Both databases.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { insertPerson, updateHouseholdRecord } from '../../src/modules/registry/queries';
import { openRiskType, setHouseholdStatus } from '../../src/modules/registry/service';
import { refreshStaleRollups } from '../../src/modules/reports/service';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, idNumberFor } from '../helpers/factory';

describe.each(testDatabases)('rollups marked by their writers on $name', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => database?.close());

  const stale = async (county: string) =>
    (await sql<{ stale: boolean }>`SELECT change_seq > refreshed_seq AS stale FROM rollup_state WHERE county_code = ${county}`.execute(database.db)).rows.map((r) => r.stale);

  it('marks the county on a new member, a changed household and a status change, and not on an open risk type', async () => {
    const places = await createPlaceTree(database, 1, 1);
    const county = places.countyCode;
    const h = await createHousehold(database, places);
    expect(await stale(county)).toEqual([true]);
    expect(await refreshStaleRollups(database.db, [county])).toEqual([county]);
    expect(await stale(county)).toEqual([false]);

    // A new member like the head, with an ID number of its own.
    const { created_at: _c, updated_at: _u, member_key: _k, ...head } = await database.db.selectFrom('person').selectAll().where('county_code', '=', county).where('household_no', '=', h.householdNo).executeTakeFirstOrThrow();
    await insertPerson(database.db, { ...head, id_number: idNumberFor(county, '2010-01-01', 900), name: '新成员', birth_date: '2010-01-01', relation: 'other' });
    expect(await stale(county)).toEqual([true]);
    await refreshStaleRollups(database.db, [county]);

    await updateHouseholdRecord(database.db, county, h.householdNo, { main_cause: 'disaster' });
    expect(await stale(county)).toEqual([true]);
    await refreshStaleRollups(database.db, [county]);

    await setHouseholdStatus(database.db, { county_code: county, household_no: h.householdNo }, { status: 'exited', monitor_category: null, exit_year: 2020, identified_year: 2016 }, 2020, '脱贫', new Date('2020-12-01T00:00:00Z'));
    expect(await stale(county)).toEqual([true]);
    await refreshStaleRollups(database.db, [county]);
    expect(await stale(county)).toEqual([false]);

    expect(await openRiskType(database.db, county, h.householdNo, 'illness')).toBe(true);
    expect(await stale(county)).toEqual([false]);
  });
});
