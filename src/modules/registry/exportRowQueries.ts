/**
 * SQL of the registry export: one row per member (one for a household without members) with its
 * household's fields and latest income, read in batches by household number, inside the caller's
 * reach and criteria (queries.ts `matchingHouseholds`).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { HouseholdAccess } from '../../db/householdReach';
import { matchingHouseholds, type HouseholdCriteria } from './queries';

/** A row of the registry listing: a household's fields, its latest income and one member's fields (null when it has none). */
export interface RegistryRow {
  household_no: string;
  county_code: string;
  village_code: string;
  head_name: string;
  phone: string | null;
  attribute: string;
  status: string;
  monitor_category: string | null;
  identified_year: number | null;
  planned_exit_year: number | null;
  exit_year: number | null;
  main_cause: string | null;
  other_causes: string[];
  food_secure: boolean | null;
  clothing_secure: boolean | null;
  house_grade: string | null;
  house_renovated: boolean | null;
  relocated: boolean | null;
  water_lpd: number | null;
  water_quality_ok: boolean | null;
  water_trip_minutes: number | null;
  water_piped: boolean | null;
  water_outage_days: number | null;
  water_scarce_area: boolean | null;
  water_horizontal_m: number | null;
  water_vertical_m: number | null;
  open_risk_types: string[];
  province_name: string | null;
  city_name: string | null;
  county_name: string | null;
  township_name: string | null;
  village_name: string | null;
  income_year: number | null;
  wages: number | null;
  production_net: number | null;
  property: number | null;
  transfer: number | null;
  production_cost: number | null;
  /** The household's latest risk event. */
  event_type: string | null;
  event_date: string | null;
  event_cost: number | null;
  id_number: string | null;
  name: string | null;
  relation: string | null;
  ethnicity: string | null;
  education: string | null;
  schooling: string | null;
  health: string | null;
  disability_grade: number | null;
  labour: string | null;
  work_status: string | null;
  insured_basic: boolean | null;
  insured_serious: boolean | null;
  insured_commercial: boolean | null;
  insured_pension: boolean | null;
  family_doctor: boolean | null;
  chronic_card: boolean | null;
  home_schooling: boolean | null;
  person_phone: string | null;
}

/**
 * The next batch of households after `afterHouseholdNo` (keyset, by household number) with
 * their place names, latest income and one row per member: one query per batch.
 */
export async function registryRowsAfter(
  db: Db,
  access: HouseholdAccess,
  criteria: HouseholdCriteria,
  afterHouseholdNo: string | null,
  households: number,
): Promise<RegistryRow[]> {
  const batch = matchingHouseholds(db, access, criteria)
    .selectAll('h')
    .$if(afterHouseholdNo !== null, (q) => q.where('h.household_no', '>', afterHouseholdNo!))
    .orderBy('h.household_no')
    .limit(households);
  const rows = await db
    .selectFrom(batch.as('b'))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('household_income as i')
          .select(['i.year', 'i.wages', 'i.production_net', 'i.property', 'i.transfer', 'i.production_cost'])
          .whereRef('i.county_code', '=', 'b.county_code')
          .whereRef('i.household_no', '=', 'b.household_no')
          .orderBy('i.year', 'desc')
          .limit(1)
          .as('inc'),
      (join) => join.onTrue(),
    )
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('risk_event as ev')
          .select(['ev.type', 'ev.occurred_on', 'ev.cost'])
          .whereRef('ev.county_code', '=', 'b.county_code')
          .whereRef('ev.household_no', '=', 'b.household_no')
          .orderBy('ev.occurred_on', 'desc')
          .orderBy('ev.id', 'desc')
          .limit(1)
          .as('ev'),
      (join) => join.onTrue(),
    )
    .leftJoin('person as p', (j) => j.onRef('p.county_code', '=', 'b.county_code').onRef('p.household_no', '=', 'b.household_no'))
    .leftJoin('place as ppr', (j) => j.on('ppr.code', '=', sql<string>`left(b.county_code, 2)`))
    .leftJoin('place as pci', (j) => j.on('pci.code', '=', sql<string>`left(b.county_code, 4)`))
    .leftJoin('place as pc', 'pc.code', 'b.county_code')
    .leftJoin('place as pt', 'pt.code', 'b.township_code')
    .leftJoin('place as pv', 'pv.code', 'b.village_code')
    .select([
      'b.household_no', 'b.county_code', 'b.village_code', 'b.head_name', 'b.phone', 'b.attribute', 'b.status',
      'b.monitor_category', 'b.identified_year', 'b.planned_exit_year', 'b.exit_year', 'b.main_cause', 'b.other_causes',
      'b.food_secure', 'b.clothing_secure', 'b.house_grade', 'b.house_renovated', 'b.relocated', 'b.water_lpd',
      'b.water_quality_ok', 'b.water_trip_minutes', 'b.water_piped', 'b.water_outage_days', 'b.water_scarce_area',
      'b.water_horizontal_m', 'b.water_vertical_m', 'b.open_risk_types',
      'ppr.name as province_name', 'pci.name as city_name', 'pc.name as county_name', 'pt.name as township_name', 'pv.name as village_name',
      'inc.year as income_year', 'inc.wages', 'inc.production_net', 'inc.property', 'inc.transfer', 'inc.production_cost',
      'ev.type as event_type', 'ev.occurred_on as event_date', 'ev.cost as event_cost',
      'p.id_number', 'p.name', 'p.relation', 'p.ethnicity', 'p.education', 'p.schooling', 'p.health', 'p.disability_grade',
      'p.labour', 'p.work_status', 'p.insured_basic', 'p.insured_serious', 'p.insured_commercial', 'p.insured_pension',
      'p.family_doctor', 'p.chronic_card', 'p.home_schooling', 'p.phone as person_phone',
    ])
    .orderBy('b.household_no')
    .orderBy(sql`p.relation = 'head'`, (ob) => ob.desc())
    .orderBy('p.birth_date')
    .orderBy('p.id_number')
    .execute();
  return rows as RegistryRow[];
}

/** How many households and export rows (one per member, one for a household without members) match. */
export async function countRegistryRows(db: Db, access: HouseholdAccess, criteria: HouseholdCriteria): Promise<{ households: number; rows: number }> {
  const row = await matchingHouseholds(db, access, criteria)
    .select([
      sql<number>`count(*)::int`.as('households'),
      sql<number>`coalesce(sum(greatest(1, (SELECT count(*) FROM person p WHERE p.county_code = h.county_code AND p.household_no = h.household_no))), 0)::int`.as('rows'),
    ])
    .executeTakeFirstOrThrow();
  return { households: row.households, rows: row.rows };
}

