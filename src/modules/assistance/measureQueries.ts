/** SQL of measures (一户一策), their coverage per place, and the left-behind register (三留守). */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { underPlace } from '../../db/placeScope';
import { householdReach, type HouseholdAccess } from '../../db/householdReach';
import { HOUSEHOLD_PLACE as H } from './queries';

export async function measureCatalogue(db: Db) {
  return db.selectFrom('measure_type').select(['code', 'label']).orderBy('sort_order').execute();
}

export interface MeasureInsert {
  county_code: string;
  household_no: string;
  year: number;
  measure_type: string;
  role: string;
  persons: number;
  amount: number | null;
  started_on: string | null;
  ended_on: string | null;
  provider_department: string | null;
  details: string;
  recorded_by: string | null;
}

export async function insertMeasure(tx: Db, row: MeasureInsert): Promise<number> {
  const r = await tx.insertInto('household_measure').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function findMeasure(db: Db, countyCode: string, id: number) {
  return db.selectFrom('household_measure').selectAll().where('county_code', '=', countyCode).where('id', '=', id).executeTakeFirst();
}

export async function updateMeasure(tx: Db, countyCode: string, id: number, row: Omit<MeasureInsert, 'county_code' | 'household_no'>): Promise<void> {
  await tx.updateTable('household_measure').set(row).where('county_code', '=', countyCode).where('id', '=', id).execute();
}

export async function mainMeasureOf(db: Db, countyCode: string, householdNo: string, year: number) {
  return db
    .selectFrom('household_measure')
    .select(['id', 'measure_type'])
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .where('year', '=', year)
    .where('role', '=', 'main')
    .executeTakeFirst();
}

export async function measuresOfHousehold(db: Db, countyCode: string, householdNo: string) {
  return db
    .selectFrom('household_measure as m')
    .innerJoin('measure_type as t', 't.code', 'm.measure_type')
    .select([
      'm.id',
      'm.year',
      'm.measure_type as type',
      't.label as typeLabel',
      'm.role',
      'm.persons',
      'm.amount',
      'm.started_on as startedOn',
      'm.ended_on as endedOn',
      'm.provider_department as providerDepartment',
      'm.details',
    ])
    .where('m.county_code', '=', countyCode)
    .where('m.household_no', '=', householdNo)
    .orderBy('m.year', 'desc')
    .orderBy(sql`m.role = 'main'`, 'desc')
    .orderBy('t.sort_order')
    .execute();
}

export interface CoverageRow {
  type: string;
  label: string;
  households: number;
  persons: number;
  mainHouseholds: number;
}

/**
 * Households and persons covered per measure type under `place` (seed 002's list): a household
 * counts once per type; persons are the persons the measure covers (the largest figure when a
 * household has the type in several years).
 */
export async function measureCoverage(db: Db, access: HouseholdAccess, place: string, year: number | null): Promise<CoverageRow[]> {
  const byYear = year === null ? sql`true` : sql`m.year = ${year}`;
  const r = await sql<CoverageRow>`
    WITH per_household AS (
      SELECT m.measure_type, m.county_code, m.household_no, max(m.persons) AS persons, bool_or(m.role = 'main') AS main
      FROM household_measure m
      JOIN household h ON h.county_code = m.county_code AND h.household_no = m.household_no
      WHERE ${byYear} AND ${householdReach(access)} AND ${underPlace(place, H)}
      GROUP BY m.measure_type, m.county_code, m.household_no
    )
    SELECT t.code AS type, t.label, count(ph.household_no)::int AS households, coalesce(sum(ph.persons), 0)::int AS persons,
           count(ph.household_no) FILTER (WHERE ph.main)::int AS "mainHouseholds"
    FROM measure_type t LEFT JOIN per_household ph ON ph.measure_type = t.code
    GROUP BY t.code, t.label, t.sort_order
    ORDER BY t.sort_order`.execute(db);
  return r.rows;
}

export interface LeftBehindRow {
  countyCode: string;
  householdNo: string;
  idNumber: string;
  name: string;
  sex: string;
  age: number;
  category: string;
  villageCode: string;
  villageName: string | null;
  headName: string;
  contactName: string | null;
  contactPhone: string | null;
  cadreName: string | null;
  rhythm: string | null;
}

/**
 * 三留守 and disabled persons derived from member data on `asOf`. Away = working outside the
 * county (省外务工, 省内县外务工). A child (< 16) is left behind when a parent (by relation) is
 * away and no parent at home can care for him; a woman (18–59) when her husband is away; an
 * elderly person (≥ 60) when a member is away and no member aged 18–59 stays; disabled: a
 * disability grade or health 残疾.
 */
export async function leftBehindPersons(db: Db, access: HouseholdAccess, place: string, asOf: string, category: string | null, limit: number): Promise<LeftBehindRow[]> {
  const byCategory = category === null ? sql`true` : sql`lb.category = ${category}`;
  const r = await sql<LeftBehindRow>`
    WITH m AS (
      SELECT p.county_code, p.household_no, p.id_number, p.name, p.sex, p.relation, p.labour, p.health, p.disability_grade,
             date_part('year', age(${asOf}::date, p.birth_date))::int AS age,
             coalesce(p.work_status IN ('out_of_province', 'in_province'), false) AS away,
             h.village_code, h.head_name
      FROM person p JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
      WHERE ${householdReach(access)} AND ${underPlace(place, H)} AND h.status <> 'deregistered'
    ),
    hh AS (
      SELECT county_code, household_no,
             bool_or(away) AS any_away,
             bool_or(NOT away AND age BETWEEN 18 AND 59) AS adult_home,
             bool_or(away AND relation IN ('head', 'spouse', 'son', 'daughter', 'son_in_law', 'daughter_in_law')) AS parent_away,
             bool_or(NOT away AND relation IN ('head', 'spouse', 'son', 'daughter', 'son_in_law', 'daughter_in_law') AND age BETWEEN 18 AND 59
                     AND coalesce(labour, '') NOT IN ('lost', 'none')) AS parent_home,
             bool_or(away AND relation = 'head' AND sex = 'M') AS head_husband_away,
             bool_or(away AND relation = 'spouse' AND sex = 'M') AS spouse_husband_away,
             bool_or(away AND relation = 'son') AS son_away,
             bool_or(away AND relation = 'son_in_law') AS son_in_law_away
      FROM m GROUP BY county_code, household_no
    ),
    lb AS (
      SELECT m.*, 'child' AS category FROM m JOIN hh USING (county_code, household_no)
        WHERE m.age < 16 AND NOT m.away AND hh.parent_away AND NOT hh.parent_home
      UNION ALL
      SELECT m.*, 'woman' FROM m JOIN hh USING (county_code, household_no)
        WHERE m.sex = 'F' AND m.age BETWEEN 18 AND 59 AND NOT m.away AND (
          (m.relation = 'spouse' AND hh.head_husband_away) OR (m.relation = 'head' AND hh.spouse_husband_away)
          OR (m.relation = 'daughter_in_law' AND hh.son_away) OR (m.relation = 'daughter' AND hh.son_in_law_away))
      UNION ALL
      SELECT m.*, 'elderly' FROM m JOIN hh USING (county_code, household_no)
        WHERE m.age >= 60 AND NOT m.away AND hh.any_away AND NOT hh.adult_home
      UNION ALL
      SELECT m.*, 'disabled' FROM m WHERE m.disability_grade IS NOT NULL OR m.health = 'disabled'
    )
    SELECT lb.county_code AS "countyCode", lb.household_no AS "householdNo", lb.id_number AS "idNumber", lb.name, lb.sex, lb.age,
           lb.category, lb.village_code AS "villageCode", v.name AS "villageName", lb.head_name AS "headName",
           k.contact_name AS "contactName", k.contact_phone AS "contactPhone", c.name AS "cadreName", k.rhythm
    FROM lb
    LEFT JOIN place v ON v.code = lb.village_code
    LEFT JOIN left_behind_contact k ON k.county_code = lb.county_code AND k.id_number = lb.id_number AND k.category = lb.category
    LEFT JOIN cadre c ON c.id = k.cadre_id
    WHERE ${byCategory}
    ORDER BY lb.village_code, lb.household_no, lb.category, lb.id_number
    LIMIT ${limit}`.execute(db);
  return r.rows;
}

export async function upsertLeftBehindContact(
  tx: Db,
  row: { county_code: string; id_number: string; category: string; contact_name: string; contact_phone: string | null; cadre_id: number | null; rhythm: string },
): Promise<void> {
  await tx
    .insertInto('left_behind_contact')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['county_code', 'id_number', 'category']).doUpdateSet({
        contact_name: row.contact_name,
        contact_phone: row.contact_phone,
        cadre_id: row.cadre_id,
        rhythm: row.rhythm,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

export async function locatePerson(db: Db, idNumber: string) {
  return db
    .selectFrom('person as p')
    .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'p.county_code').onRef('h.household_no', '=', 'p.household_no'))
    .select(['p.county_code as countyCode', 'p.household_no as householdNo', 'h.village_code as villageCode'])
    .where('p.id_number', '=', idNumber)
    .executeTakeFirst();
}

/** The ID numbers of a household's members. */
export async function idNumbersOfHousehold(db: Db, countyCode: string, householdNo: string): Promise<string[]> {
  const rows = await db.selectFrom('person').select('id_number').where('county_code', '=', countyCode).where('household_no', '=', householdNo).execute();
  return rows.map((r) => r.id_number);
}
