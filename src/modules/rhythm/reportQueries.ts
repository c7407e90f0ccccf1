/** SQL of the monthly submissions (月度上报): the report of a place and month, its versions, the reports under a place. */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { codeUnder } from '../../db/placeScope';

export interface ReportRow {
  countyCode: string;
  placeCode: string;
  month: string;
  dueOn: string;
  firstSubmittedOn: string;
  late: boolean;
  status: string;
  version: number;
}

const REPORT = ['county_code as countyCode', 'place_code as placeCode', 'month', 'due_on as dueOn', 'first_submitted_on as firstSubmittedOn', 'late', 'status', 'version'] as const;

export async function findReport(db: Db, place: string, month: string, lock = false): Promise<ReportRow | undefined> {
  let query = db.selectFrom('month_report').select(REPORT).where('county_code', '=', place.slice(0, 6)).where('place_code', '=', place).where('month', '=', month);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Reports of a month under a place (county or above: by county range; below: the county). */
export async function reportsUnder(db: Db, place: string, month: string): Promise<ReportRow[]> {
  return db
    .selectFrom('month_report')
    .select(REPORT)
    .where(place.length >= 6 ? sql<SqlBool>`county_code = ${place.slice(0, 6)}` : codeUnder(place, 'county_code'))
    .where(codeUnder(place, 'place_code'))
    .where('month', '=', month)
    .orderBy('place_code')
    .execute();
}

export async function insertReport(db: Db, row: ReportRow): Promise<void> {
  await db
    .insertInto('month_report')
    .values({ county_code: row.countyCode, place_code: row.placeCode, month: row.month, due_on: row.dueOn, first_submitted_on: row.firstSubmittedOn, late: row.late, status: row.status, version: row.version })
    .execute();
}

export async function updateReportState(db: Db, place: string, month: string, change: { status: string; version: number }): Promise<void> {
  await db
    .updateTable('month_report')
    .set({ status: change.status, version: change.version })
    .where('county_code', '=', place.slice(0, 6))
    .where('place_code', '=', place)
    .where('month', '=', month)
    .execute();
}

export interface VersionRow {
  version: number;
  snapshotId: number;
  progress: string;
  problems: string | null;
  nextSteps: string | null;
  missing: string[];
  submittedOn: string;
  submittedAt: Date;
  submittedBy: string | null;
  decision: string | null;
  reason: string | null;
  decidedOn: string | null;
  decidedBy: string | null;
}

export async function versionsOf(db: Db, place: string, month: string): Promise<VersionRow[]> {
  return db
    .selectFrom('month_report_version')
    .select([
      'version', 'snapshot_id as snapshotId', 'progress', 'problems', 'next_steps as nextSteps', 'missing', 'submitted_on as submittedOn', 'submitted_at as submittedAt',
      'submitted_by as submittedBy', 'decision', 'reason', 'decided_on as decidedOn', 'decided_by as decidedBy',
    ])
    .where('county_code', '=', place.slice(0, 6))
    .where('place_code', '=', place)
    .where('month', '=', month)
    .orderBy('version')
    .execute();
}

export async function insertVersion(
  db: Db,
  place: string,
  month: string,
  v: { version: number; snapshotId: number; progress: string; problems: string | null; nextSteps: string | null; missing: string[]; submittedOn: string; submittedAt: Date; submittedBy: string | null },
): Promise<void> {
  await db
    .insertInto('month_report_version')
    .values({
      county_code: place.slice(0, 6), place_code: place, month, version: v.version, snapshot_id: v.snapshotId, progress: v.progress, problems: v.problems,
      next_steps: v.nextSteps, missing: v.missing, submitted_on: v.submittedOn, submitted_at: v.submittedAt, submitted_by: v.submittedBy,
    })
    .execute();
}

export async function decideVersion(db: Db, place: string, month: string, version: number, d: { decision: string; reason: string | null; decidedOn: string; decidedBy: string | null }): Promise<void> {
  await db
    .updateTable('month_report_version')
    .set({ decision: d.decision, reason: d.reason, decided_on: d.decidedOn, decided_by: d.decidedBy })
    .where('county_code', '=', place.slice(0, 6))
    .where('place_code', '=', place)
    .where('month', '=', month)
    .where('version', '=', version)
    .execute();
}
