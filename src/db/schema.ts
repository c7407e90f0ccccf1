/** Kysely table types, mirroring migrations/*.sql. Numeric and bigint columns arrive as numbers, dates as 'YYYY-MM-DD'. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface PlaceTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
}

export interface HouseholdTable {
  county_code: string;
  household_no: string;
  village_code: string;
  township_code: string;
  head_name: string;
  head_id_number: string | null;
  phone: string | null;
  attribute: string;
  status: string;
  monitor_category: string | null;
  identified_year: number | null;
  planned_exit_year: number | null;
  exit_year: number | null;
  main_cause: string | null;
  other_causes: ColumnType<string[], string[] | undefined, string[]>;
  size: ColumnType<number, number | undefined, number>;
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
  deregister_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PersonTable {
  county_code: string;
  id_number: string;
  household_no: string;
  name: string;
  sex: string;
  birth_date: string;
  relation: string;
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
  phone: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HouseholdStatusHistoryTable {
  county_code: string;
  household_no: string;
  year: number;
  status: string;
  monitor_category: string | null;
  reason: string | null;
  recorded_at: Timestamp;
}

export interface HouseholdIncomeTable {
  county_code: string;
  household_no: string;
  year: number;
  wages: number;
  production_net: number;
  property: number;
  transfer: number;
  production_cost: number;
  household_size: number;
  per_capita_net: number;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  status: ColumnType<string, string | undefined, string>;
  progress: ColumnType<number, number | undefined, number>;
  message: string | null;
  params: ColumnType<unknown, string | undefined, string>;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Timestamp;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface JobFileTable {
  job_id: number;
  name: string;
  media_type: string;
  content: Uint8Array;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: Timestamp;
}

export interface DB {
  place: PlaceTable;
  household: HouseholdTable;
  person: PersonTable;
  household_status_history: HouseholdStatusHistoryTable;
  household_income: HouseholdIncomeTable;
  job: JobTable;
  job_file: JobFileTable;
  schema_migration: SchemaMigrationTable;
}
