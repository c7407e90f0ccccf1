/** Tables of 023_rhythm.sql (issue 21), joined to DB by declaration merging. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Figure = ColumnType<number, number | undefined, number>;

declare module './schema' {
  interface DB {
    month_snapshot: MonthSnapshotTable;
    month_snapshot_line: MonthSnapshotLineTable;
    month_report: MonthReportTable;
    month_report_version: MonthReportVersionTable;
    inspection_round: InspectionRoundTable;
    inspection_finding: InspectionFindingTable;
    bulletin: BulletinTable;
    accountability: AccountabilityTable;
    team_presence: TeamPresenceTable;
    team_diary: TeamDiaryTable;
    assessment_scheme: AssessmentSchemeTable;
    assessment_entry: AssessmentEntryTable;
  }
}

export interface MonthSnapshotTable {
  county_code: string;
  id: Generated<number>;
  month: string;
  kind: string;
  under_code: string;
  status_year: number | null;
  taken_at: Timestamp;
  taken_by: string | null;
}

export interface MonthSnapshotLineTable {
  county_code: string;
  snapshot_id: number;
  place_code: string;
  remaining_households: Figure;
  remaining_persons: Figure;
  exited_households: Figure;
  exited_persons: Figure;
  exits_households: Figure;
  exits_persons: Figure;
  returns_households: Figure;
  returns_persons: Figure;
  monitored_households: Figure;
  monitored_persons: Figure;
  open_rectifications: Figure;
  overdue_rectifications: Figure;
}

export interface MonthReportTable {
  county_code: string;
  place_code: string;
  month: string;
  due_on: string;
  first_submitted_on: string;
  late: boolean;
  status: string;
  version: number;
}

export interface MonthReportVersionTable {
  county_code: string;
  place_code: string;
  month: string;
  version: number;
  snapshot_id: number;
  progress: string;
  problems: string | null;
  next_steps: string | null;
  missing: ColumnType<string[], string[] | undefined, string[]>;
  submitted_on: string;
  submitted_at: Timestamp;
  submitted_by: string | null;
  decision: string | null;
  reason: string | null;
  decided_on: string | null;
  decided_by: string | null;
}

export interface InspectionRoundTable {
  county_code: string;
  id: Generated<number>;
  title: string;
  mode: string;
  places: string[];
  team: string[];
  leader: string | null;
  starts_on: string;
  ends_on: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface InspectionFindingTable {
  county_code: string;
  round_id: number;
  seq: number;
  place_code: string;
  found_on: string;
  finding: string;
  responsible_unit: string;
  rectification_id: number;
  created_by: string | null;
}

export interface BulletinTable {
  county_code: string;
  id: Generated<number>;
  round_id: number | null;
  title: string;
  doc_no: string | null;
  issued_on: string;
  body: string | null;
  items: ColumnType<unknown, string, string>;
  issued_by: string | null;
  created_at: Generated<Date>;
}

export interface AccountabilityTable {
  county_code: string;
  id: Generated<number>;
  place_code: string;
  person: string;
  position: string | null;
  unit: string | null;
  cause_kind: string;
  cause_ref: string | null;
  cause_text: string;
  basis: string | null;
  measure: string;
  decided_on: string;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TeamPresenceTable {
  county_code: string;
  member_id: number;
  on_date: string;
  kind: string;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface TeamDiaryTable {
  county_code: string;
  id: Generated<number>;
  village_code: string;
  member_id: number;
  on_date: string;
  content: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface AssessmentSchemeTable {
  county_code: string;
  id: Generated<number>;
  year: number;
  title: string;
  assess_on: string;
  source: string | null;
  indicators: ColumnType<unknown, string, string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface AssessmentEntryTable {
  county_code: string;
  scheme_id: number;
  place_code: string;
  indicator_code: string;
  score: number;
  evidence: string;
  entered_by: string | null;
  entered_at: Timestamp;
}
