/**
 * The county-grain rollup (migration 015) on both databases, on the demo data (seed 001's
 * counties of 商丘市 and the other demo places) and the hand-counted fixture: its rows are
 * exactly the township rollup summed by county (and the village rollup too), after the first
 * build and after later writes refreshed through the stale mark; and the reports that now read
 * it above a county agree with the county reports that read the township rollup.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { DEMO_PLACE_PREFIXES } from '../../src/modules/demo/plan';
import { loadDemo } from '../../src/modules/demo/service';
import { loadPlaces } from '../../src/modules/places/load';
import { refreshStaleRollups } from '../../src/modules/reports/service';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold } from '../helpers/factory';
import { buildReportFixture, type ReportFixture } from './fixture';
import { openIsolated, type Isolated } from './isolated';
import { markRollupsStale } from '../../src/db/rollupMarks';
import { updateHouseholdRecord } from '../../src/modules/registry/queries';

interface Mismatch {
  county_code: string;
  year: number;
  status: string;
  main_cause: string;
  change: string;
  households: number | null;
  persons: number | null;
  summed_households: number | null;
  summed_persons: number | null;
}

/** Rows where the county rollup and the finer rollup summed by county differ (either side missing included). */
async function mismatches(database: Database, finer: 'registry_rollup_township' | 'registry_rollup'): Promise<Mismatch[]> {
  const result = await sql<Mismatch>`
    WITH summed AS (
      SELECT county_code, year, status, main_cause, change, sum(households)::int AS households, sum(persons)::int AS persons
      FROM ${sql.raw(finer)} GROUP BY 1, 2, 3, 4, 5
    )
    SELECT coalesce(c.county_code, s.county_code) AS county_code, coalesce(c.year, s.year) AS year,
           coalesce(c.status, s.status) AS status, coalesce(c.main_cause, s.main_cause) AS main_cause, coalesce(c.change, s.change) AS change,
           c.households, c.persons, s.households AS summed_households, s.persons AS summed_persons
    FROM registry_rollup_county c
    FULL JOIN summed s ON s.county_code = c.county_code AND s.year = c.year AND s.status = c.status AND s.main_cause = c.main_cause AND s.change = c.change
    WHERE c.households IS DISTINCT FROM s.households OR c.persons IS DISTINCT FROM s.persons
    ORDER BY 1, 2, 3, 4, 5`.execute(database.db);
  return result.rows;
}

async function countyTotals(database: Database): Promise<{ county_code: string; rows: number; persons: number }[]> {
  const result = await sql<{ county_code: string; rows: number; persons: number }>`
    SELECT county_code, count(*)::int AS rows, sum(persons)::int AS persons FROM registry_rollup_county GROUP BY 1 ORDER BY 1`.execute(database.db);
  return result.rows;
}

describe.each(testDatabases)('the county rollup on $name', (t) => {
  let iso: Isolated;
  let app: FastifyInstance;
  let leader: Client;
  let fx: ReportFixture;

  const get = async (url: string) => {
    const res = await leader.inject('GET', url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    iso = await openIsolated(t);
    await loadPlaces(iso.database, { prefixes: [...DEMO_PLACE_PREFIXES] });
    await loadDemo(iso.database);
    fx = await buildReportFixture(iso.database);
    await refreshStaleRollups(iso.database.db, ['0']);
    ({ app } = await buildTestApp(iso.database, { requireLogin: true }));
    leader = await loginAs(app, (await makeUser(iso.database, 'leader', '0')).username);
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await iso?.drop();
  });

  it('holds the township rollup summed by county, for every demo county and the fixture county', async () => {
    const totals = await countyTotals(iso.database);
    const codes = totals.map((r) => r.county_code);
    expect(codes).toEqual(expect.arrayContaining(['411425', '411426', fx.places.countyCode]));
    expect(totals.every((r) => r.rows > 0 && r.persons > 0)).toBe(true);
    expect(await mismatches(iso.database, 'registry_rollup_township')).toEqual([]);
    expect(await mismatches(iso.database, 'registry_rollup')).toEqual([]);
  });

  it('gives the fixture county’s hand-counted remaining poor at the end of 2019 and 2017', async () => {
    const remaining = async (year: number) =>
      (await sql<{ households: number; persons: number }>`
        SELECT sum(households)::int AS households, sum(persons)::int AS persons FROM registry_rollup_county
        WHERE county_code = ${fx.places.countyCode} AND year = ${year} AND status IN ('poor', 'returned')`.execute(iso.database.db)).rows[0];
    expect(await remaining(2019)).toEqual({ households: 5, persons: 12 });
    expect(await remaining(2017)).toEqual({ households: 5, persons: 10 });
  });

  it('follows later writes through the stale mark, still equal to the township rollup summed', async () => {
    const { places, households } = fx;
    await createHousehold(iso.database, places, { villageCode: places.villageCodes[3], mainCause: 'labour', members: [{ relation: 'head' }, { relation: 'other' }], history: [{ year: 2019, status: 'poor' }] });
    await updateHouseholdRecord(iso.database.db, places.countyCode, households.F.householdNo, { main_cause: 'disaster' });
    // No page removes a member; a script that does marks the county as every writer does.
    await iso.database.db.deleteFrom('person').where('id_number', '=', households.B.members[2].idNumber).execute();
    await markRollupsStale(iso.database.db, [places.countyCode]);
    // A report of the province above the fixture county refreshes it and reads the county rollup.
    const report = await get(`/api/v1/reports/causes?place=${places.provinceCode}`);
    expect([report.households, report.persons]).toEqual([6, 13]);
    expect(report.causes.map((c: { cause: string; households: number; persons: number }) => [c.cause, c.households, c.persons])).toEqual([
      ['illness', 2, 3],
      ['disability', 1, 2],
      ['schooling', 1, 4],
      ['disaster', 1, 2],
      ['labour', 1, 2],
    ]);
    expect(await mismatches(iso.database, 'registry_rollup_township')).toEqual([]);
    expect(await mismatches(iso.database, 'registry_rollup')).toEqual([]);
  });

  it('gives 商丘市’s reports (county rollup) as the sum of its counties’ reports (township rollup)', async () => {
    const city = await get('/api/v1/reports/causes?place=4114');
    const progress = await get('/api/v1/reports/progress?place=4114');
    const byCause = new Map<string, [number, number]>();
    const years = new Map<number, number[]>();
    const counties = city.children.filter((c: { persons: number }) => c.persons > 0);
    expect(counties.map((c: { code: string }) => c.code)).toEqual(expect.arrayContaining(['411425', '411426']));
    for (const child of city.children as { code: string; households: number; persons: number }[]) {
      const county = await get(`/api/v1/reports/causes?place=${child.code}&year=${city.year}`);
      expect([county.households, county.persons]).toEqual([child.households, child.persons]);
      for (const c of county.causes as { cause: string; households: number; persons: number }[]) {
        const sum = byCause.get(c.cause) ?? [0, 0];
        byCause.set(c.cause, [sum[0] + c.households, sum[1] + c.persons]);
      }
      const countyProgress = await get(`/api/v1/reports/progress?place=${child.code}`);
      const latest = countyProgress.years.at(-1);
      const asChild = progress.children.find((c: { code: string }) => c.code === child.code);
      if (latest) expect(asChild.remainingPersons).toBe(latest.remainingPersons);
      // Each county's townships (township rollup) add up to the county.
      const townships = (countyProgress.children as { remainingPersons: number; exitsPersons: number }[]).reduce((n, c) => [n[0] + c.remainingPersons, n[1] + c.exitsPersons], [0, 0]);
      if (latest) expect(townships).toEqual([latest.remainingPersons, latest.exitsPersons]);
      for (const y of countyProgress.years as { year: number; remainingPersons: number; exitsPersons: number; exitedPersons: number; monitoredPersons: number }[]) {
        const sum = years.get(y.year) ?? [0, 0, 0, 0];
        years.set(y.year, [sum[0] + y.remainingPersons, sum[1] + y.exitsPersons, sum[2] + y.exitedPersons, sum[3] + y.monitoredPersons]);
      }
    }
    expect(city.causes.map((c: { cause: string; households: number; persons: number }) => [c.cause, c.households, c.persons]).sort())
      .toEqual([...byCause].map(([cause, [h, p]]) => [cause, h, p]).sort());
    expect(progress.years.map((y: { year: number; remainingPersons: number; exitsPersons: number; exitedPersons: number; monitoredPersons: number }) => [y.year, y.remainingPersons, y.exitsPersons, y.exitedPersons, y.monitoredPersons]))
      .toEqual([...years].sort(([a], [b]) => a - b).map(([year, s]) => [year, ...s]));
    expect(progress.years.find((y: { year: number }) => y.year === 2019).remainingPersons).toBe(29_300);
  });
});
