import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SqlBool } from 'kysely';
import type { Database } from '../../src/db/database';
import { scopeOf } from '../../src/db/placeScope';
import { rangeCondition } from '../../src/modules/monitoring/assessmentQueries';
import { householdParts } from '../../src/modules/monitoring/batches';
import { householdsWhere } from '../../src/modules/monitoring/queries';
import { recomputeAssessments } from '../../src/modules/monitoring/service';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';
import { goodColumns, incomeOf, insuredAdult, storedResults } from './helpers';

describe.each(testDatabases)('recompute in parts of whole counties on $name', ({ open }) => {
  let database: Database;
  let counties: TestPlaces[];
  const made = new Map<string, string[]>();
  const members = [insuredAdult('张大山', '1970-03-01'), insuredAdult('李小红', '1972-05-02')];

  beforeAll(async () => {
    database = await open();
    counties = [await createPlaceTree(database), await createPlaceTree(database), await createPlaceTree(database)];
    for (const [i, places] of counties.entries()) {
      const numbers: string[] = [];
      for (let k = 0; k < [2, 1, 3][i]; k++) numbers.push((await createHousehold(database, places, { members, columns: goodColumns(), incomes: [incomeOf(2021, 9000 + k, 2)] })).householdNo);
      made.set(places.countyCode, numbers);
    }
  });
  afterAll(async () => {
    await database?.close();
  });

  const scope = () => scopeOf(counties.map((c) => c.countyCode));
  const codes = () => counties.map((c) => c.countyCode);

  /** Households of each part, counted with the part's own condition. */
  async function countsOf(parts: Awaited<ReturnType<typeof householdParts>>): Promise<number[]> {
    const where = householdsWhere(scope(), '0');
    const counts: number[] = [];
    for (const part of parts) {
      const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM household h WHERE ${where} AND ${rangeCondition('h', part)}`.execute(database.db);
      counts.push(Number(row.rows[0].n));
    }
    return counts;
  }

  it('packs whole counties into parts of about equal size, as many as a multiple of the workers', async () => {
    const where = householdsWhere(scope(), '0');
    const parts = await householdParts(database.db, where, [sql<SqlBool>`true`], 3, 2);
    const [a, b, c] = codes();
    expect(parts.map((p) => ({ counties: p.counties, households: p.households, groups: p.groups }))).toEqual([
      { counties: { first: a, last: b }, households: 3, groups: [0] },
      { counties: { first: c, last: c }, households: 3, groups: [0] },
    ]);
    expect(await countsOf(parts)).toEqual([3, 3]);
    const one = await householdParts(database.db, where, [sql<SqlBool>`true`], 100, 1);
    expect(one.map((p) => [p.counties, p.households])).toEqual([[{ first: a, last: c }, 6]]);
  });

  it('cuts a county larger than a part by key range, every household in exactly one part', async () => {
    const where = householdsWhere(scope(), '0');
    const [a, b, c] = codes();
    const parts = await householdParts(database.db, where, [sql<SqlBool>`h.county_code <> ${b}`, sql<SqlBool>`true`], 2, 2);
    expect(parts.map((p) => [p.counties.first, p.counties.last, p.households, p.groups])).toEqual([
      [a, a, 2, [0]],
      [b, b, 1, [1]],
      [c, c, 2, [0]],
      [c, c, 1, [0]],
    ]);
    expect(await countsOf(parts)).toEqual([2, 1, 2, 1]);
    expect(parts[2].through).toEqual({ countyCode: c, householdNo: made.get(c)![1] });
    expect(parts[3].after).toEqual(parts[2].through);
  });

  it('recomputes every household of the scope in parts, writing first straight into the results and then replacing only changes', async () => {
    const progress: number[] = [];
    const first = await recomputeAssessments(database, { scope: scope(), year: 2021, batchSize: 2, onProgress: (p) => progress.push(p.done) });
    expect(first).toMatchObject({ households: 6, batches: 4, year: 2021 });
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(6);
    expect([...progress].sort((x, y) => x - y)).toEqual(progress);
    for (const places of counties) {
      const stored = await storedResults(database, places.countyCode, 2021);
      expect([...stored.keys()].sort()).toEqual(made.get(places.countyCode)!.slice().sort());
      for (const r of stored.values()) expect(r).toMatchObject({ outcome: 'meets', persons: 2 });
    }
    const c = counties[2].countyCode;
    const [gone, changed, same] = made.get(c)!;
    const computedAt = async (no: string) => (await database.db.selectFrom('assessment_result').select('computed_at').where('county_code', '=', c).where('household_no', '=', no).executeTakeFirstOrThrow()).computed_at;
    const before = await computedAt(same);
    await database.db.updateTable('household').set({ status: 'deregistered' }).where('county_code', '=', c).where('household_no', '=', gone).execute();
    await database.db.updateTable('household').set({ house_grade: 'D', house_renovated: false }).where('county_code', '=', c).where('household_no', '=', changed).execute();
    const again = await recomputeAssessments(database, { scope: scope(), year: 2021, batchSize: 100 });
    expect(again).toMatchObject({ households: 5, batches: 1 });
    const stored = await storedResults(database, c, 2021);
    expect(stored.has(gone)).toBe(false);
    expect(stored.get(changed)).toMatchObject({ outcome: 'does_not_meet', risk_grade: 'red' });
    expect(await computedAt(same)).toEqual(before);
  });
});
