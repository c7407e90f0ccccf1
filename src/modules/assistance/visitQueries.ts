/** SQL of visits (走访), their photos, and the visit standing of open pairings. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { underPlace } from '../../db/placeScope';
import { householdReach, type HouseholdAccess } from '../../db/householdReach';
import { HOUSEHOLD_PLACE as H } from './queries';

export interface VisitInsert {
  county_code: string;
  id: string;
  household_no: string;
  cadre_id: number;
  visited_on: string;
  findings: string;
  measures_discussed: string | null;
  latitude: number | null;
  longitude: number | null;
  accuracy_m: number | null;
  recorded_by: number | null;
}

/** Insert unless a visit of that id exists; true when this call wrote it. */
export async function insertVisitOnce(tx: Db, row: VisitInsert): Promise<boolean> {
  const r = await tx.insertInto('visit').values(row).onConflict((oc) => oc.columns(['county_code', 'id']).doNothing()).returning('id').executeTakeFirst();
  return !!r;
}

export async function insertPhotos(tx: Db, rows: { county_code: string; visit_id: string; sha256: string; content_type: string; size_bytes: number; data: Uint8Array }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insertInto('visit_photo').values(rows).onConflict((oc) => oc.doNothing()).execute();
}

const VISIT_COLUMNS = [
  'v.county_code as countyCode',
  'v.id',
  'v.household_no as householdNo',
  'v.cadre_id as cadreId',
  'c.name as cadreName',
  'v.visited_on as visitedOn',
  'v.findings',
  'v.measures_discussed as measuresDiscussed',
  'v.latitude',
  'v.longitude',
  'v.recorded_at as recordedAt',
  'h.head_name as headName',
  'h.village_code as villageCode',
] as const;

function visitsBase(db: Db) {
  return db
    .selectFrom('visit as v')
    .innerJoin('cadre as c', 'c.id', 'v.cadre_id')
    .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'v.county_code').onRef('h.household_no', '=', 'v.household_no'))
    .select(VISIT_COLUMNS)
    .select(sql<string[]>`coalesce((SELECT array_agg(p.sha256 ORDER BY p.created_at, p.sha256) FROM visit_photo p WHERE p.county_code = v.county_code AND p.visit_id = v.id), '{}')`.as('photos'));
}

export async function findVisit(db: Db, countyCode: string, id: string) {
  return visitsBase(db).where('v.county_code', '=', countyCode).where('v.id', '=', id).executeTakeFirst();
}

/** Locate a visit by its id alone (the county is not in the URL of a photo or a visit). */
export async function locateVisit(db: Db, id: string) {
  return db
    .selectFrom('visit as v')
    .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'v.county_code').onRef('h.household_no', '=', 'v.household_no'))
    .select(['v.county_code as countyCode', 'v.household_no as householdNo', 'h.village_code as villageCode'])
    .where('v.id', '=', id)
    .executeTakeFirst();
}

export interface VisitFilter {
  place: string;
  householdNo?: string;
  cadreId?: number;
  from?: string;
  to?: string;
}

export async function listVisits(db: Db, access: HouseholdAccess, f: VisitFilter, limit: number) {
  let q = visitsBase(db).where(householdReach(access)).where(underPlace(f.place, H));
  if (f.householdNo) q = q.where('v.household_no', '=', f.householdNo);
  if (f.cadreId !== undefined) q = q.where('v.cadre_id', '=', f.cadreId);
  if (f.from) q = q.where('v.visited_on', '>=', f.from);
  if (f.to) q = q.where('v.visited_on', '<=', f.to);
  return q.orderBy('v.visited_on', 'desc').orderBy('v.recorded_at', 'desc').limit(limit).execute();
}

export async function findPhoto(db: Db, countyCode: string, visitId: string, sha256: string) {
  return db
    .selectFrom('visit_photo')
    .select(['content_type', 'size_bytes', 'data'])
    .where('county_code', '=', countyCode)
    .where('visit_id', '=', visitId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

/** Per county and visit role: the previous complete period, the current one, and the rule's minimum. */
export interface PeriodWindow {
  countyCode: string;
  visitRole: string;
  previousStart: string;
  previousEnd: string;
  currentStart: string;
}

/** The counties and visit roles of the open pairings under `place` (to resolve their rules). */
export async function pairingRoles(db: Db, access: HouseholdAccess, place: string, cadreId?: number) {
  let q = db
    .selectFrom('pairing as p')
    .innerJoin('cadre as c', 'c.id', 'p.cadre_id')
    .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'p.county_code').onRef('h.household_no', '=', 'p.household_no'))
    .select(['p.county_code as countyCode', 'c.visit_role as visitRole'])
    .distinct()
    .where('p.ended_on', 'is', null)
    .where(householdReach(access))
    .where(underPlace(place, H));
  if (cadreId !== undefined) q = q.where('p.cadre_id', '=', cadreId);
  return q.execute();
}

export interface PairingCountRow {
  countyCode: string;
  pairingId: number;
  householdNo: string;
  startedOn: string;
  headName: string;
  villageCode: string;
  villageName: string | null;
  status: string;
  cadreId: number;
  cadreName: string;
  unit: string;
  visitRole: string;
  previousVisits: number;
  currentVisits: number;
  lastVisitOn: string | null;
}

/** Each open pairing under `place` with its visit counts in the windows given (set-based). */
export async function pairingVisitCounts(db: Db, access: HouseholdAccess, place: string, windows: readonly PeriodWindow[], asOf: string, cadreId?: number): Promise<PairingCountRow[]> {
  if (windows.length === 0) return [];
  const values = sql.join(windows.map((w) => sql`(${w.countyCode}, ${w.visitRole}, ${w.previousStart}::date, ${w.previousEnd}::date, ${w.currentStart}::date)`));
  const byCadre = cadreId === undefined ? sql`true` : sql`p.cadre_id = ${cadreId}`;
  const mine = sql`v.county_code = p.county_code AND v.household_no = p.household_no AND v.cadre_id = p.cadre_id`;
  const r = await sql<PairingCountRow>`
    SELECT p.county_code AS "countyCode", p.id AS "pairingId", p.household_no AS "householdNo", p.started_on AS "startedOn",
           h.head_name AS "headName", h.village_code AS "villageCode", pl.name AS "villageName", h.status,
           c.id AS "cadreId", c.name AS "cadreName", c.unit, c.visit_role AS "visitRole",
           (SELECT count(*)::int FROM visit v WHERE ${mine} AND v.visited_on BETWEEN w.prev_start AND w.prev_end) AS "previousVisits",
           (SELECT count(*)::int FROM visit v WHERE ${mine} AND v.visited_on BETWEEN w.cur_start AND ${asOf}::date) AS "currentVisits",
           (SELECT max(v.visited_on)::text FROM visit v WHERE ${mine} AND v.visited_on <= ${asOf}::date) AS "lastVisitOn"
    FROM pairing p
    JOIN cadre c ON c.id = p.cadre_id
    JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
    JOIN (VALUES ${values}) AS w(county_code, visit_role, prev_start, prev_end, cur_start) ON w.county_code = p.county_code AND w.visit_role = c.visit_role
    LEFT JOIN place pl ON pl.code = h.village_code
    WHERE p.ended_on IS NULL AND ${householdReach(access)} AND ${underPlace(place, H)} AND ${byCadre}
    ORDER BY h.village_code, p.household_no, c.name`.execute(db);
  return r.rows;
}
