/** Loading cases within the user's reach; a case outside it is refused like a missing one, and audited. */
import type { Db } from '../../db/database';
import type { HouseholdAccess, ScopedRecord } from '../../server/access';
import { notFound } from '../../server/errors';
import { casesByIds, locateCase, type CaseRow } from './caseQueries';

/** The route's `assertInScope(request, record)`: 404 with an 'access.refused' event outside the reach. */
export type Reach = (record: ScopedRecord) => Promise<void>;

export interface Caller {
  access: HouseholdAccess;
  reach: Reach;
}

export const caseRecord = (c: Pick<CaseRow, 'id' | 'village_code' | 'county_code' | 'household_no'>): ScopedRecord => ({
  type: 'procedure_case',
  id: String(c.id),
  placeCode: c.village_code,
  household: { countyCode: c.county_code, householdNo: c.household_no },
});

/** The cases, locked; 404 naming the ids that do not exist, and an audited refusal for one out of reach. */
export async function reachCases(db: Db, caller: Caller, ids: readonly number[]): Promise<CaseRow[]> {
  const unique = [...new Set(ids)];
  const rows = await casesByIds(db, caller.access, unique, true);
  const absent = unique.filter((id) => !rows.some((r) => r.id === id));
  for (const id of absent) {
    const found = await locateCase(db, id);
    if (found) await caller.reach(caseRecord(found));
  }
  if (absent.length) throw notFound(`程序案件 ${absent.map((id) => `第 ${id} 号`).join('、')}`);
  return rows;
}
