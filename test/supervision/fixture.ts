/**
 * A county built for the listing boundary: township 1 with 301 remaining poor persons (its
 * first village 154, its second 147), township 2 with exactly 300; 601 in the county. Every
 * household has 7 members except one of 6 in township 2; all poor since 2016.
 */
import type { Database } from '../../src/db/database';
import { createHousehold, createPlaceTree, type CreatedHousehold, type MemberSpec, type TestPlaces } from '../helpers/factory';

const members = (n: number): MemberSpec[] => Array.from({ length: n }, (_, i) => ({ relation: i === 0 ? 'head' : 'other' }));

export interface ListingFixture {
  places: TestPlaces;
  /** Households of township 1, village 1 (22 × 7 = 154 persons). */
  t1v1: CreatedHousehold[];
}

async function households(database: Database, places: TestPlaces, villageCode: string, count: number, size: number): Promise<CreatedHousehold[]> {
  const made: CreatedHousehold[] = [];
  for (let i = 0; i < count; i++) {
    made.push(await createHousehold(database, places, { villageCode, mainCause: i % 3 === 0 ? 'disability' : 'illness', members: members(size), history: [{ year: 2016, status: 'poor' }, { year: 2019, status: 'poor' }] }));
  }
  return made;
}

export async function buildListingFixture(database: Database): Promise<ListingFixture> {
  const places = await createPlaceTree(database, 2, 2);
  const [t1v1, t1v2, t2v1, t2v2] = places.villageCodes;
  const first = await households(database, places, t1v1, 22, 7);
  await households(database, places, t1v2, 21, 7);
  await households(database, places, t2v1, 21, 7);
  await households(database, places, t2v2, 21, 7);
  await households(database, places, t2v2, 1, 6);
  return { places, t1v1: first };
}
