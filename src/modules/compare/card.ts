/** The 疑点 of one household, for its card (the route has reached the household first). */
import type { Db } from '../../db/database';
import { ALL_PLACES } from '../../db/placeScope';
import { listHitViews, type Viewer } from './hits';

export async function hitsOfHousehold(db: Db, household: { countyCode: string; householdNo: string }, viewer: Viewer) {
  const page = await listHitViews(db, ALL_PLACES, { place: household.countyCode, householdNo: household.householdNo }, null, viewer);
  return { items: page.items };
}
