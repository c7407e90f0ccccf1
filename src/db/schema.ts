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
  water_horizontal_m: number | null;
  water_vertical_m: number | null;
  open_risk_types: ColumnType<string[], string[] | undefined, string[]>;
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
  /** 004_member_key.sql: stable key of a member (uuid), not the ID number. */
  member_key: Generated<string>;
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
  // 016_job_owner_jobs.sql
  owner_host: string | null;
  owner_pid: number | null;
  owner_token: string | null;
  heartbeat_at: Date | null;
  if_abandoned: string | null;
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
  app_user: AppUserTable;
  session: SessionTable;
  cadre_household: CadreHouseholdTable;
  audit_event: AuditEventTable;
  audit_chain_head: AuditChainHeadTable;
  policy_record: PolicyRecordTable;
  risk_event: RiskEventTable;
  assessment_result: AssessmentResultTable;
  what_if_change: WhatIfChangeTable;
}

// 002_access_audit.sql
export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  place_code: string;
  department_line: string | null;
  cadre_id: number | null;
  password_hash: string;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  password_changed_at: ColumnType<Date, Date | string, Date | string>;
  failed_count: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  // 014_totp.sql
  /** Sealed TOTP secret (auth/totp.ts); never returned once enrolment is confirmed. */
  totp_secret: ColumnType<string | null, string | null | undefined, string | null>;
  totp_enabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  csrf_hash: string;
  created_at: ColumnType<Date, Date | string, Date | string>;
  last_seen_at: ColumnType<Date, Date | string, Date | string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  address: string | null;
  user_agent: string | null;
  /** 014_totp.sql: password right, second factor still owed; reaches only the second login step. */
  second_factor_pending: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface CadreHouseholdTable {
  user_id: number;
  county_code: string;
  household_no: string;
}

export interface AuditEventTable {
  id: number;
  at: ColumnType<Date, Date | string, Date | string>;
  user_id: number | null;
  username: string | null;
  role: string | null;
  address: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  place_code: string | null;
  before: ColumnType<unknown, string | null, string | null>;
  after: ColumnType<unknown, string | null, string | null>;
  outcome: string;
  note: string | null;
  prev_hash: string;
  hash: string;
  /** 'sm3' (new events) or 'sha256' (events written before migration 016). */
  hash_alg: ColumnType<string, string | undefined, never>;
}

export interface AuditChainHeadTable {
  singleton: ColumnType<boolean, boolean | undefined, never>;
  last_id: number;
  last_hash: string;
  pruned_through_id: number;
  pruned_through_hash: string;
  pruned_at: Date | null;
}

// 003_policy_assessment.sql
export interface PolicyRecordTable {
  id: Generated<string>;
  region_code: string;
  effective_year: number;
  version: number;
  status: string;
  title: string;
  rules: ColumnType<unknown, string, string>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  activated_by: string | null;
  activated_at: Date | null;
  superseded_at: Date | null;
}

export interface RiskEventTable {
  county_code: string;
  household_no: string;
  id: Generated<number>;
  type: string;
  occurred_on: string;
  cost: ColumnType<number, number | undefined, number>;
  note: string | null;
  created_at: Timestamp;
}

export interface AssessmentResultTable {
  county_code: string;
  household_no: string;
  year: number;
  policy_key: string;
  outcome: string;
  criteria: string;
  risk_grade: string;
  risk_reasons: number;
  suggested_category: string | null;
  per_capita_net: number | null;
  persons: number;
  computed_at: Timestamp;
}

export interface WhatIfChangeTable {
  job_id: number;
  county_code: string;
  household_no: string;
  village_code: string;
  persons: number;
  outcome_before: string;
  outcome_after: string;
  grade_before: string;
  grade_after: string;
}

// 005_campaign_ledgers.sql (these tables join DB by declaration merging)
export interface DB {
  rollup_state: RollupStateTable;
  registry_rollup: RegistryRollupTable;
  supervision_leader: SupervisionLeaderTable;
  work_plan: WorkPlanTable;
  work_task: WorkTaskTable;
  work_task_progress: WorkTaskProgressTable;
  rectification: RectificationTable;
  rectification_step: RectificationStepTable;
}

export interface RollupStateTable {
  county_code: string;
  change_seq: ColumnType<number, number | undefined, number>;
  refreshed_seq: ColumnType<number, number | undefined, number>;
  min_year: number | null;
  max_year: number | null;
  refreshed_at: Date | null;
}

export interface RegistryRollupTable {
  county_code: string;
  township_code: string;
  village_code: string;
  year: number;
  status: string;
  main_cause: string;
  change: string;
  households: number;
  persons: number;
}

export interface SupervisionLeaderTable {
  place_code: string;
  year: number;
  leader_name: string;
  leader_title: string | null;
  note: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface WorkPlanTable {
  id: Generated<number>;
  place_code: string;
  year: number;
  title: string;
  doc_no: string | null;
  issued_on: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface WorkTaskTable {
  id: Generated<number>;
  plan_id: number;
  seq: number;
  section: string | null;
  title: string;
  content: string | null;
  deadline: string;
  deadline_text: string | null;
  ongoing: ColumnType<boolean, boolean | undefined, boolean>;
  lead_department: string;
  responsible_departments: ColumnType<string[], string[] | undefined, string[]>;
  responsible_person: string | null;
  status: ColumnType<string, string | undefined, string>;
  progress: ColumnType<number, number | undefined, number>;
  completed_on: string | null;
  updated_at: Timestamp;
}

export interface WorkTaskProgressTable {
  task_id: number;
  seq: number;
  on_date: string;
  progress: number;
  note: string;
  evidence: ColumnType<string[], string[] | undefined, string[]>;
  actor: string | null;
  created_at: Timestamp;
}

export interface RectificationTable {
  id: Generated<number>;
  place_code: string;
  source: string;
  source_ref: string | null;
  found_on: string;
  finding: string;
  responsible_leader: string | null;
  responsible_unit: string;
  responsible_person: string | null;
  deadline: string;
  measures: string | null;
  status: ColumnType<string, string | undefined, string>;
  reopen_count: ColumnType<number, number | undefined, number>;
  closed_on: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RectificationStepTable {
  rectification_id: number;
  seq: number;
  action: string;
  on_date: string;
  note: string;
  evidence: ColumnType<string[], string[] | undefined, string[]>;
  actor: string | null;
  status_after: string;
  created_at: Timestamp;
}

// 006_procedures.sql (merged into DB by declaration merging)
export interface DB {
  procedure_case: ProcedureCaseTable;
  procedure_step: ProcedureStepTable;
  procedure_evidence: ProcedureEvidenceTable;
  procedure_step_evidence: ProcedureStepEvidenceTable;
  procedure_notice: ProcedureNoticeTable;
  procedure_notice_case: ProcedureNoticeCaseTable;
  procedure_objection: ProcedureObjectionTable;
  spot_check_draw: SpotCheckDrawTable;
  exit_target: ExitTargetTable;
  quality_survey: QualitySurveyTable;
}

export interface ProcedureCaseTable {
  county_code: string;
  id: Generated<number>;
  household_no: string;
  township_code: string;
  village_code: string;
  procedure: string;
  variant: string | null;
  year: number;
  status: ColumnType<string, string | undefined, string>;
  step_index: ColumnType<number, number | undefined, number>;
  step_code: string;
  plan: ColumnType<unknown, string, string>;
  policy_key: string;
  params: ColumnType<unknown, string | undefined, string>;
  persons: number;
  notice_id: number | null;
  notice_starts_on: string | null;
  notice_ends_on: string | null;
  open_objections: ColumnType<number, number | undefined, number>;
  sampled: boolean | null;
  last_seq: ColumnType<number, number | undefined, number>;
  spot_check_id: number | null;
  started_by: string | null;
  started_at: ColumnType<Date, Date | string, Date | string>;
  updated_at: ColumnType<Date, Date | string, Date | string>;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ProcedureStepTable {
  county_code: string;
  case_id: number;
  seq: number;
  step_code: string;
  step_label: string;
  action: string;
  result: string;
  on_date: string;
  at: ColumnType<Date, Date | string, Date | string>;
  actor_id: number | null;
  actor_name: string | null;
  actor_role: string | null;
  comment: string | null;
  details: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface ProcedureEvidenceTable {
  county_code: string;
  id: Generated<number>;
  place_code: string;
  kind: string;
  name: string;
  media_type: string;
  size: number;
  /** The file's digest in the algorithm of digest_alg (hex). */
  sha256: string;
  /** 'sm3' (files stored since migration 016) or 'sha256'. */
  digest_alg: ColumnType<string, string | undefined, never>;
  content: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: ColumnType<Date, Date | string, Date | string>;
}

export interface ProcedureStepEvidenceTable {
  county_code: string;
  case_id: number;
  seq: number;
  evidence_id: number;
}

export interface ProcedureNoticeTable {
  county_code: string;
  id: Generated<number>;
  village_code: string;
  procedure: string;
  starts_on: string;
  ends_on: string;
  days: number;
  contact: string;
  published_by: string | null;
  published_at: ColumnType<Date, Date | string, Date | string>;
}

export interface ProcedureNoticeCaseTable {
  county_code: string;
  notice_id: number;
  case_id: number;
}

export interface ProcedureObjectionTable {
  county_code: string;
  id: Generated<number>;
  notice_id: number;
  case_id: number;
  objector: string;
  contact: string | null;
  received_on: string;
  content: string;
  recorded_by: string | null;
  status: ColumnType<string, string | undefined, string>;
  outcome: string | null;
  resolution: string | null;
  resolved_on: string | null;
  resolved_by: string | null;
}

export interface SpotCheckDrawTable {
  county_code: string;
  id: Generated<number>;
  place_code: string;
  procedure: string;
  seed: string;
  share: number;
  population: ColumnType<number[], number[], number[]>;
  sample: ColumnType<number[], number[], number[]>;
  drawn_by: string | null;
  drawn_at: ColumnType<Date, Date | string, Date | string>;
}

export interface ExitTargetTable {
  place_code: string;
  year: number;
  persons: number;
  households: number | null;
  source: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface QualitySurveyTable {
  id: Generated<number>;
  place_code: string;
  year: number;
  surveyed_on: string;
  rural_population: number;
  persons_sampled: number;
  missed_persons: number;
  exited_persons_sampled: number;
  wrongly_exited_persons: number;
  respondents: number;
  satisfied: number;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

// 007_rollup_township.sql
export interface DB {
  registry_rollup_township: RegistryRollupTownshipTable;
}

export interface RegistryRollupTownshipTable {
  county_code: string;
  township_code: string;
  year: number;
  status: string;
  main_cause: string;
  change: string;
  households: number;
  persons: number;
}

// 015_rollup_county.sql
export interface DB {
  registry_rollup_county: RegistryRollupCountyTable;
}

export interface RegistryRollupCountyTable {
  county_code: string;
  year: number;
  status: string;
  main_cause: string;
  change: string;
  households: number;
  persons: number;
}

// 012_assistance.sql
export interface DB {
  cadre: CadreTable;
  pairing: PairingTable;
  village_team_member: VillageTeamMemberTable;
  visit: VisitTable;
  visit_photo: VisitPhotoTable;
  measure_type: MeasureTypeTable;
  household_measure: HouseholdMeasureTable;
  left_behind_contact: LeftBehindContactTable;
  sync_change: SyncChangeTable;
}

export interface CadreTable {
  id: Generated<number>;
  user_id: number | null;
  name: string;
  unit: string;
  rank: string;
  visit_role: Generated<string>;
  place_code: string;
  phone: string | null;
  created_at: Generated<Timestamp>;
  updated_at: Generated<Timestamp>;
}

export interface PairingTable {
  county_code: string;
  id: Generated<number>;
  household_no: string;
  cadre_id: number;
  started_on: string;
  ended_on: string | null;
  end_reason: string | null;
  created_at: Generated<Timestamp>;
}

export interface VillageTeamMemberTable {
  id: Generated<number>;
  village_code: string;
  cadre_id: number;
  role: string;
  started_on: string;
  ended_on: string | null;
}

export interface VisitTable {
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
  recorded_at: Generated<Timestamp>;
}

export interface VisitPhotoTable {
  county_code: string;
  visit_id: string;
  sha256: string;
  content_type: string;
  size_bytes: number;
  data: Uint8Array;
  created_at: Generated<Timestamp>;
}

export interface MeasureTypeTable {
  code: string;
  label: string;
  sort_order: number;
}

export interface HouseholdMeasureTable {
  county_code: string;
  id: Generated<number>;
  household_no: string;
  year: number;
  measure_type: string;
  role: string;
  persons: number;
  amount: number | null;
  started_on: string | null;
  ended_on: string | null;
  provider_department: string | null;
  details: ColumnType<unknown, string | undefined, string>;
  recorded_by: string | null;
  recorded_at: Generated<Timestamp>;
}

export interface LeftBehindContactTable {
  county_code: string;
  id_number: string;
  category: string;
  contact_name: string;
  contact_phone: string | null;
  cadre_id: number | null;
  rhythm: Generated<string>;
  updated_at: Generated<Timestamp>;
}

export interface SyncChangeTable {
  county_code: string;
  change_id: string;
  user_id: number;
  kind: string;
  result: ColumnType<unknown, string, string>;
  applied_at: Generated<Timestamp>;
}

// 013_projects_funds_loans.sql (money in integer fen)
export interface DB {
  project: ProjectTable;
  project_beneficiary: ProjectBeneficiaryTable;
  fund_source: FundSourceTable;
  fund_allocation: FundAllocationTable;
  fund_disbursement: FundDisbursementTable;
  pv_revenue: PvRevenueTable;
  loan: LoanTable;
  loan_repayment: LoanRepaymentTable;
  loan_extension: LoanExtensionTable;
}

export interface ProjectTable {
  county_code: string;
  id: Generated<number>;
  place_code: string;
  year: number;
  name: string;
  industry: string;
  type: string;
  scale: number | null;
  scale_unit: string | null;
  planned_output_fen: number | null;
  actual_output_fen: number | null;
  lead_department: string;
  planned_start: string | null;
  planned_completion: string | null;
  started_on: string | null;
  completed_on: string | null;
  accepted_on: string | null;
  status: ColumnType<string, string | undefined, string>;
  benefit_link: string | null;
  covered_households: number | null;
  avg_income_gain_fen: number | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ProjectBeneficiaryTable {
  county_code: string;
  project_id: number;
  household_no: string;
  income_gain_fen: number | null;
}

export interface FundSourceTable {
  county_code: string;
  id: Generated<number>;
  place_code: string;
  year: number;
  kind: string;
  name: string;
  doc_no: string | null;
  received_on: string | null;
  amount_fen: number;
  allocated_fen: ColumnType<number, number | undefined, number>;
  created_by: string | null;
  created_at: Timestamp;
}

export interface FundAllocationTable {
  county_code: string;
  id: Generated<number>;
  source_id: number;
  project_id: number | null;
  household_no: string | null;
  amount_fen: number;
  disbursed_fen: ColumnType<number, number | undefined, number>;
  allocated_on: string;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface FundDisbursementTable {
  county_code: string;
  id: Generated<number>;
  allocation_id: number;
  paid_on: string;
  voucher_no: string;
  amount_fen: number;
  payee: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface PvRevenueTable {
  county_code: string;
  village_code: string;
  year: number;
  revenue_fen: number;
  welfare_jobs_fen: number;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface LoanTable {
  county_code: string;
  id: Generated<number>;
  household_no: string;
  village_code: string;
  lender: string;
  contract_no: string | null;
  amount_fen: number;
  term_months: number;
  installments: ColumnType<number, number | undefined, number>;
  annual_rate: number;
  subsidy_rate: number;
  purpose: string;
  issued_on: string;
  extended_months: ColumnType<number, number | undefined, number>;
  repaid_fen: ColumnType<number, number | undefined, number>;
  status: ColumnType<string, string | undefined, string>;
  overdue_since: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LoanRepaymentTable {
  county_code: string;
  loan_id: number;
  seq: number;
  paid_on: string;
  principal_fen: number;
  interest_fen: ColumnType<number, number | undefined, number>;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface LoanExtensionTable {
  county_code: string;
  loan_id: number;
  seq: number;
  granted_on: string;
  months: number;
  reason: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface DB {
  idempotency_request: IdempotencyRequestTable;
}

export interface IdempotencyRequestTable {
  user_id: number;
  key: string;
  request_hash: string;
  status_code: number | null;
  content_type: string | null;
  response_body: string | null;
  created_at: Timestamp;
}

export interface DB {
  county_exit: CountyExitTable;
  county_exit_case: CountyExitCaseTable;
  county_exit_step: CountyExitStepTable;
  county_exit_objection: CountyExitObjectionTable;
  county_recheck_draw: CountyRecheckDrawTable;
  county_recheck: CountyRecheckTable;
}

export interface CountyExitTable {
  county_code: string;
  year: number;
  approved_on: string;
  status: ColumnType<string, string | undefined, string>;
  case_id: number | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface CountyExitCaseTable {
  county_code: string;
  id: Generated<number>;
  year: number;
  status: ColumnType<string, string | undefined, string>;
  step_index: ColumnType<number, number | undefined, number>;
  step_code: string;
  plan: unknown;
  policy_key: string;
  verdict: unknown;
  notice_starts_on: string | null;
  notice_ends_on: string | null;
  open_objections: ColumnType<number, number | undefined, number>;
  last_seq: ColumnType<number, number | undefined, number>;
  started_by: string | null;
  started_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface CountyExitStepTable {
  county_code: string;
  case_id: number;
  seq: number;
  step_code: string;
  step_label: string;
  action: string;
  result: string;
  on_date: string;
  at: Timestamp;
  actor_name: string | null;
  actor_role: string | null;
  comment: string | null;
}

export interface CountyExitObjectionTable {
  county_code: string;
  id: Generated<number>;
  case_id: number;
  objector: string;
  received_on: string;
  content: string;
  recorded_by: string | null;
  status: ColumnType<string, string | undefined, string>;
  outcome: string | null;
  resolution: string | null;
  resolved_on: string | null;
  resolved_by: string | null;
}

export interface CountyRecheckDrawTable {
  id: Generated<number>;
  year: number;
  exit_year: number;
  place_code: string;
  seed: string;
  share: number;
  population: string[];
  sample: string[];
  drawn_by: string;
  drawn_role: string;
  drawn_at: Timestamp;
}

export interface CountyRecheckTable {
  county_code: string;
  year: number;
  draw_id: number;
  status: ColumnType<string, string | undefined, string>;
  checked_on: string | null;
  persons_sampled: number | null;
  missed_persons: number | null;
  exited_persons_sampled: number | null;
  wrongly_exited_persons: number | null;
  respondents: number | null;
  satisfied: number | null;
  rural_population: number | null;
  verdict: unknown;
  rectification_ids: ColumnType<number[], number[] | undefined, number[]>;
  recorded_by: string | null;
  recorded_at: Timestamp | null;
}

export interface DB {
  ledger_record: LedgerRecordTable;
}

/** One row of a line department's ledger (021_ledgers.sql; fields of `data` declared in domain/ledgers/shapes.ts). */
export interface LedgerRecordTable {
  county_code: string;
  id: Generated<number>;
  kind: string;
  year: number;
  record_key: string;
  place_code: string;
  household_no: string | null;
  id_number: string | null;
  registered: boolean;
  data: ColumnType<Record<string, unknown>, string, string>;
  created_at: Timestamp;
  created_by: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

// 019_villages.sql
export interface DB {
  village_record: VillageRecordTable;
  village_verdict: VillageVerdictTable;
  village_exit_case: VillageExitCaseTable;
  village_exit_step: VillageExitStepTable;
  village_exit_objection: VillageExitObjectionTable;
}

export interface VillageRecordTable {
  county_code: string;
  village_code: string;
  year: number;
  township_code: string;
  registered_population: number;
  resident_population: number | null;
  households: number | null;
  poor_village: boolean;
  poor_village_year: number | null;
  exit_year: number | null;
  relative_poor_village: boolean;
  relative_poor_year: number | null;
  deep_poor_village: boolean;
  deep_poor_year: number | null;
  road_to_village: boolean | null;
  road_natural_villages: number | null;
  power: boolean | null;
  broadband: boolean | null;
  mobile_4g: boolean | null;
  safe_water: boolean | null;
  safe_water_share: number | null;
  dangerous_houses: number | null;
  clinic: boolean | null;
  culture_room: boolean | null;
  school: string | null;
  service_center: boolean | null;
  first_secretary: string | null;
  work_team: string | null;
  income_operating: number | null;
  income_contract: number | null;
  income_investment: number | null;
  income_subsidy: number | null;
  income_other: number | null;
  per_capita_income: number | null;
  note: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface VillageVerdictTable {
  county_code: string;
  village_code: string;
  year: number;
  township_code: string;
  passed: boolean | null;
  poor_persons: number;
  registered: number | null;
  relative_poor: boolean | null;
  conditions: unknown;
  policy_key: string;
  computed_at: Timestamp;
}

export interface VillageExitCaseTable {
  county_code: string;
  id: Generated<number>;
  village_code: string;
  township_code: string;
  year: number;
  status: Generated<string>;
  step_index: Generated<number>;
  plan: unknown;
  policy_key: string;
  verdict: unknown;
  notice_starts_on: string | null;
  notice_ends_on: string | null;
  open_objections: Generated<number>;
  last_seq: Generated<number>;
  started_by: string | null;
  started_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface VillageExitStepTable {
  county_code: string;
  case_id: number;
  seq: number;
  step_code: string;
  step_label: string;
  action: string;
  result: string;
  on_date: string;
  at: Timestamp;
  actor_name: string | null;
  actor_role: string | null;
  comment: string | null;
}

export interface VillageExitObjectionTable {
  county_code: string;
  case_id: number;
  seq: number;
  received_on: string;
  objector: string | null;
  content: string;
  resolved: Generated<boolean>;
  upheld: boolean | null;
  resolution: string | null;
}

/** 031: 防止返贫致贫. */
export interface HouseholdCostTable {
  county_code: string;
  household_no: string;
  year: number;
  item: string;
  amount: number;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface UrgentMeasureTable {
  county_code: string;
  id: Generated<number>;
  case_id: number;
  household_no: string;
  started_on: string;
  cause: string;
  measure: string;
  recorded_by: string | null;
  recorded_at: Timestamp;
}

export interface DB {
  household_cost: HouseholdCostTable;
  urgent_measure: UrgentMeasureTable;
}
