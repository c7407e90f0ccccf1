/**
 * SQL of assistance: cadres, pairings, village teams, visits and photos, measures, the
 * left-behind register. Household lists are always inside the caller's reach (place scope,
 * and for a pairing cadre his paired households); `locate…` queries ignore the reach so the
 * route can refuse (404, audited) what lies outside.
 */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { householdReach, type HouseholdAccess } from '../../db/householdReach';
import { underPlace, type PlaceColumns, type PlaceScope } from '../../db/placeScope';

export const HOUSEHOLD_PLACE: PlaceColumns = { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' };
const H = HOUSEHOLD_PLACE;

/** Household statuses that must have a responsible cadre (poor, returned, monitored). */
export const NEEDS_CADRE = ['poor', 'returned', 'monitored'] as const;

// ---- households ----

export interface HouseholdPlace {
  countyCode: string;
  householdNo: string;
  villageCode: string;
  townshipCode: string;
  headName: string;
  status: string;
  size: number;
}

export async function locateHouseholds(db: Db, householdNos: readonly string[]): Promise<HouseholdPlace[]> {
  if (householdNos.length === 0) return [];
  return db
    .selectFrom('household as h')
    .select(['h.county_code as countyCode', 'h.household_no as householdNo', 'h.village_code as villageCode', 'h.township_code as townshipCode', 'h.head_name as headName', 'h.status', 'h.size'])
    .where('h.household_no', 'in', [...householdNos])
    .execute();
}

/** Poor / returned / monitored households under `place` with no open pairing. */
export async function unpairedHouseholds(db: Db, access: HouseholdAccess, place: string, limit: number) {
  return db
    .selectFrom('household as h')
    .leftJoin('place as v', 'v.code', 'h.village_code')
    .select(['h.county_code as countyCode', 'h.household_no as householdNo', 'h.village_code as villageCode', 'v.name as villageName', 'h.head_name as headName', 'h.status', 'h.size'])
    .where(householdReach(access))
    .where(underPlace(place, H))
    .where('h.status', 'in', [...NEEDS_CADRE])
    .where(sql<SqlBool>`NOT EXISTS (SELECT 1 FROM pairing p WHERE p.county_code = h.county_code AND p.household_no = h.household_no AND p.ended_on IS NULL)`)
    .orderBy('h.village_code')
    .orderBy('h.household_no')
    .limit(limit)
    .execute();
}

export async function countUnpaired(db: Db, access: HouseholdAccess, place: string): Promise<number> {
  const r = await db
    .selectFrom('household as h')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(householdReach(access))
    .where(underPlace(place, H))
    .where('h.status', 'in', [...NEEDS_CADRE])
    .where(sql<SqlBool>`NOT EXISTS (SELECT 1 FROM pairing p WHERE p.county_code = h.county_code AND p.household_no = h.household_no AND p.ended_on IS NULL)`)
    .executeTakeFirstOrThrow();
  return r.n;
}

// ---- cadres ----

export interface CadreInsert {
  user_id: number | null;
  name: string;
  unit: string;
  rank: string;
  visit_role: string;
  place_code: string;
  phone: string | null;
}

export async function insertCadre(tx: Db, row: CadreInsert): Promise<number> {
  const r = await tx.insertInto('cadre').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCadre(tx: Db, id: number, row: CadreInsert): Promise<void> {
  await tx.updateTable('cadre').set({ ...row, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function findCadre(db: Db, id: number) {
  return db.selectFrom('cadre').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findCadreOfUser(db: Db, userId: number) {
  return db.selectFrom('cadre').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function findCadresByName(db: Db, names: readonly string[]) {
  if (names.length === 0) return [];
  return db.selectFrom('cadre').selectAll().where('name', 'in', [...names]).execute();
}

/** Cadres working under `place` (their own place code), with their open pairing counts. */
export async function listCadres(db: Db, scope: PlaceScope, place: string) {
  return db
    .selectFrom('cadre as c')
    .select(['c.id', 'c.user_id as userId', 'c.name', 'c.unit', 'c.rank', 'c.visit_role as visitRole', 'c.place_code as placeCode', 'c.phone'])
    .select(sql<number>`(SELECT count(*)::int FROM pairing p WHERE p.cadre_id = c.id AND p.ended_on IS NULL)`.as('households'))
    .where(scope.all ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(scope.codes.map((code) => sql`c.place_code LIKE ${code + '%'}`), sql` OR `)})`)
    .where(place === '0' ? sql<SqlBool>`true` : sql<SqlBool>`c.place_code LIKE ${place + '%'}`)
    .orderBy('c.place_code')
    .orderBy('c.name')
    .execute();
}

// ---- pairings ----

export async function openPairingCounts(db: Db, cadreIds: readonly number[]): Promise<Map<number, number>> {
  if (cadreIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('pairing')
    .select(['cadre_id', sql<number>`count(*)::int`.as('n')])
    .where('cadre_id', 'in', [...cadreIds])
    .where('ended_on', 'is', null)
    .groupBy('cadre_id')
    .execute();
  return new Map(rows.map((r) => [r.cadre_id, r.n]));
}

/** Lock the cadres' rows so two pairings of one cadre cannot both pass the quota check. */
export async function lockCadres(tx: Db, cadreIds: readonly number[]): Promise<void> {
  if (cadreIds.length === 0) return;
  await tx.selectFrom('cadre').select('id').where('id', 'in', [...cadreIds]).forUpdate().execute();
}

export async function openPairingsOf(db: Db, keys: readonly { countyCode: string; householdNo: string; cadreId: number }[]) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('pairing')
    .select(['county_code', 'household_no', 'cadre_id'])
    .where('ended_on', 'is', null)
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('county_code', '=', k.countyCode), eb('household_no', '=', k.householdNo), eb('cadre_id', '=', k.cadreId)]))))
    .execute();
}

export async function insertPairings(tx: Db, rows: { county_code: string; household_no: string; cadre_id: number; started_on: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('pairing').values(rows).execute();
}

export async function findPairing(db: Db, countyCode: string, id: number) {
  return db
    .selectFrom('pairing as p')
    .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'p.county_code').onRef('h.household_no', '=', 'p.household_no'))
    .select(['p.county_code', 'p.id', 'p.household_no', 'p.cadre_id', 'p.started_on', 'p.ended_on', 'h.village_code'])
    .where('p.county_code', '=', countyCode)
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function endPairing(tx: Db, countyCode: string, id: number, endedOn: string, reason: string | null): Promise<void> {
  await tx.updateTable('pairing').set({ ended_on: endedOn, end_reason: reason }).where('county_code', '=', countyCode).where('id', '=', id).execute();
}

/** The household's cadres (open pairings first, then ended ones). */
export async function pairingsOfHousehold(db: Db, countyCode: string, householdNo: string) {
  return db
    .selectFrom('pairing as p')
    .innerJoin('cadre as c', 'c.id', 'p.cadre_id')
    .select(['p.county_code as countyCode', 'p.id', 'p.cadre_id as cadreId', 'c.name as cadreName', 'c.unit', 'c.rank', 'p.started_on as startedOn', 'p.ended_on as endedOn'])
    .where('p.county_code', '=', countyCode)
    .where('p.household_no', '=', householdNo)
    .orderBy(sql`p.ended_on IS NULL`, 'desc')
    .orderBy('p.started_on', 'desc')
    .execute();
}

export async function accessListOf(db: Db, userId: number) {
  return db.selectFrom('cadre_household').select(['county_code as countyCode', 'household_no as householdNo']).where('user_id', '=', userId).execute();
}

/** Keep the user's access list (cadre_household, 002) in step with the cadre's open pairings. */
export async function grantCadreAccess(tx: Db, userId: number, households: readonly { countyCode: string; householdNo: string }[]): Promise<void> {
  if (households.length === 0) return;
  await tx
    .insertInto('cadre_household')
    .values(households.map((h) => ({ user_id: userId, county_code: h.countyCode, household_no: h.householdNo })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function revokeCadreAccess(tx: Db, userId: number, countyCode: string, householdNo: string): Promise<void> {
  await tx.deleteFrom('cadre_household').where('user_id', '=', userId).where('county_code', '=', countyCode).where('household_no', '=', householdNo).execute();
}

// ---- village work teams ----

export async function insertTeamMember(tx: Db, row: { village_code: string; cadre_id: number; role: string; started_on: string }): Promise<number> {
  const r = await tx.insertInto('village_team_member').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export interface TeamMemberRow {
  id: number;
  villageCode: string;
  cadreId: number;
  cadreName: string;
  role: string;
  startedOn: string;
  endedOn: string | null;
}

export async function findTeamMember(db: Db, id: number): Promise<TeamMemberRow | undefined> {
  return db
    .selectFrom('village_team_member as t')
    .innerJoin('cadre as c', 'c.id', 't.cadre_id')
    .select(['t.id', 't.village_code as villageCode', 't.cadre_id as cadreId', 'c.name as cadreName', 't.role', 't.started_on as startedOn', 't.ended_on as endedOn'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

export async function endTeamMember(tx: Db, id: number, endedOn: string): Promise<void> {
  await tx.updateTable('village_team_member').set({ ended_on: endedOn }).where('id', '=', id).execute();
}

export async function listTeams(db: Db, scope: PlaceScope, place: string) {
  return db
    .selectFrom('village_team_member as t')
    .innerJoin('cadre as c', 'c.id', 't.cadre_id')
    .leftJoin('place as v', 'v.code', 't.village_code')
    .select(['t.id', 't.village_code as villageCode', 'v.name as villageName', 't.role', 't.started_on as startedOn', 't.ended_on as endedOn', 'c.id as cadreId', 'c.name as cadreName', 'c.unit'])
    .where(scope.all ? sql<SqlBool>`true` : sql<SqlBool>`(${sql.join(scope.codes.map((code) => sql`t.village_code LIKE ${code + '%'}`), sql` OR `)})`)
    .where(place === '0' ? sql<SqlBool>`true` : sql<SqlBool>`t.village_code LIKE ${place + '%'}`)
    .orderBy('t.village_code')
    .orderBy('t.role')
    .execute();
}

// ---- field-app sync ----

export async function findSyncChange(db: Db, countyCode: string, changeId: string) {
  return db.selectFrom('sync_change').select(['kind', 'result', 'user_id']).where('county_code', '=', countyCode).where('change_id', '=', changeId).executeTakeFirst();
}

export async function insertSyncChange(tx: Db, row: { county_code: string; change_id: string; user_id: number; kind: string; result: unknown }): Promise<void> {
  await tx.insertInto('sync_change').values({ ...row, result: JSON.stringify(row.result) }).execute();
}

/** Current values of household columns (the field app's editable facts). */
export async function householdFacts(db: Db, countyCode: string, householdNo: string, columns: readonly string[]): Promise<Record<string, unknown>> {
  const r = await db
    .selectFrom('household')
    .select(columns.map((c) => sql.ref(c).as(c)))
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .executeTakeFirstOrThrow();
  return r as Record<string, unknown>;
}

/** The field app's household list: the user's reachable households with the latest assessment and the editable facts. */
export async function fieldHouseholds(db: Db, access: HouseholdAccess, limit: number) {
  return db
    .selectFrom('household as h')
    .leftJoin('place as v', 'v.code', 'h.village_code')
    .select([
      'h.county_code as countyCode',
      'h.household_no as householdNo',
      'h.head_name as headName',
      'h.village_code as villageCode',
      'v.name as villageName',
      'h.status',
      'h.size',
      'h.food_secure as foodSecure',
      'h.clothing_secure as clothingSecure',
      'h.house_grade as houseGrade',
      'h.house_renovated as houseRenovated',
      'h.relocated',
      'h.water_lpd as waterLpd',
      'h.water_quality_ok as waterQualityOk',
      'h.water_trip_minutes as waterTripMinutes',
      'h.water_piped as waterPiped',
      'h.water_outage_days as waterOutageDays',
    ])
    .select(sql<string | null>`(SELECT a.risk_grade FROM assessment_result a WHERE a.county_code = h.county_code AND a.household_no = h.household_no ORDER BY a.year DESC LIMIT 1)`.as('riskGrade'))
    .select(sql<string | null>`(SELECT a.criteria FROM assessment_result a WHERE a.county_code = h.county_code AND a.household_no = h.household_no ORDER BY a.year DESC LIMIT 1)`.as('criteria'))
    .select(sql<string | null>`(SELECT max(x.visited_on)::text FROM visit x WHERE x.county_code = h.county_code AND x.household_no = h.household_no)`.as('lastVisitOn'))
    .where(householdReach(access))
    .orderBy('h.village_code')
    .orderBy('h.household_no')
    .limit(limit)
    .execute();
}
