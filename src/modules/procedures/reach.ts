/**
 * Loading cases within the user's reach; a case outside it is refused like a missing one, and
 * audited. The refusal (assertInScope) writes through the server's own connection, so it runs
 * before a use case opens its transaction (PGlite has one connection): `checkCases` outside,
 * then `lockCases` inside.
 */
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

const missing = (ids: number[]) => notFound(`程序案件 ${ids.map((id) => `第 ${id} 号`).join('、')}`);

/** Outside a transaction: 404 naming ids that do not exist; an audited 404 for one out of reach. */
export async function checkCases(db: Db, caller: Caller, ids: readonly number[]): Promise<void> {
  const unique = [...new Set(ids)];
  const rows = await casesByIds(db, caller.access, unique);
  const absent = unique.filter((id) => !rows.some((r) => r.id === id));
  for (const id of absent) {
    const found = await locateCase(db, id);
    if (found) await caller.reach(caseRecord(found));
  }
  if (absent.length) throw missing(absent);
}

/** Inside the transaction: the cases within reach, locked. */
export async function lockCases(db: Db, caller: Caller, ids: readonly number[]): Promise<CaseRow[]> {
  const unique = [...new Set(ids)];
  const rows = await casesByIds(db, caller.access, unique, true);
  const absent = unique.filter((id) => !rows.some((r) => r.id === id));
  if (absent.length) throw missing(absent);
  return rows;
}
