/**
 * 名单比对 (issue 25 item 6), the module's public face: column mappings per source, the upload
 * job, and a roster's report — counts by registry category, rows with their conflicts, rows that
 * match nobody — always masked (ID numbers, health facts), and only for rosters of places inside
 * the reader's scope (the route checks).
 */
import { rm } from 'node:fs/promises';
import type { Database, Db } from '../../db/database';
import { maskIdNumber } from '../../domain/idNumber';
import { ROSTER_FIELDS } from '../../domain/rosters/fields';
import { maskedConflict, ROSTER_CATEGORIES } from '../../domain/rosters/match';
import { notFound } from '../../server/errors';
import type { AuditActor } from '../audit/service';
import { getJob, getJobFile, startJob, type JobView } from '../jobs/service';
import { importRoster, type RosterInput } from './importer';
import { countsByCategory, rosterRows, type RosterRecord, type StoredRosterRow } from './rosterQueries';

export { importRoster } from './importer';
export { findRoster, listRosters, mappingsOf, saveMapping, purgeRosters } from './rosterQueries';

export const ROSTER_JOB_KIND = 'rosters.upload';
export const DEFAULT_RETENTION_DAYS = 30;

export const fieldViews = () => ROSTER_FIELDS.map((f) => ({ field: f.field, label: f.label, aliases: [...f.aliases], required: !!f.required, sensitive: !!f.sensitive }));

export function rosterView(r: RosterRecord) {
  return { ...r, unmatchedCount: r.rowCount - r.matchedCount, statusLabel: r.purgedAt ? '已按保留期限清理' : '可查看' };
}

const labelOfCategory = (c: string) => ROSTER_CATEGORIES[c] ?? c;

/** A stored row as shown: the ID number masked, health facts in conflicts masked, the category named. */
export function rowView(r: StoredRosterRow) {
  return {
    rowNo: r.rowNo, idNumber: maskIdNumber(r.idNumber)!, name: r.name, category: r.category, categoryLabel: labelOfCategory(r.category),
    householdNo: r.householdNo, villageCode: r.villageCode, personName: r.personName, conflicts: r.conflicts.map(maskedConflict),
  };
}
export type RosterRowView = ReturnType<typeof rowView>;

export async function rosterReport(db: Db, r: RosterRecord) {
  const counts = await countsByCategory(db, r.countyCode, r.id);
  return {
    roster: rosterView(r),
    byCategory: Object.keys(ROSTER_CATEGORIES).map((c) => ({ category: c, label: labelOfCategory(c), rows: 0, conflicts: 0, ...counts.find((x) => x.category === c) })).filter((x) => x.rows > 0),
  };
}

export type RowsFilter = { view: 'all' | 'conflicts' | 'unmatched'; category?: string };

export async function rosterRowViews(db: Db, r: RosterRecord, filter: RowsFilter, page: { page: number; pageSize: number }) {
  const { total, rows } = await rosterRows(db, r.countyCode, r.id, filter, (page.page - 1) * page.pageSize, page.pageSize);
  return { total, page: page.page, pageSize: page.pageSize, items: rows.map(rowView) };
}

export interface RosterOwner { userId: number; actor: AuditActor; at: Date }

/** Start an upload job; the file at `input.path` is removed when the job ends. */
export async function startRosterUpload(database: Database, input: RosterInput, owner: RosterOwner, onCrash?: (e: Error) => void): Promise<number> {
  return startJob(database, {
    kind: ROSTER_JOB_KIND,
    params: { userId: owner.userId, place: input.place, source: input.source, fileName: input.fileName },
    label: '名单比对',
    ifAbandoned: '没有写入任何数据（名单在一个事务中写入）',
    afterwards: () => rm(input.path, { force: true }),
    work: (job) => importRoster(database, input, { actor: owner.actor, at: owner.at }, job),
  }, onCrash);
}

/** An upload job of this user (another user's job is as good as absent). */
export async function getRosterJob(database: Database, id: number, userId: number): Promise<JobView> {
  const job = await getJob(database, id, [ROSTER_JOB_KIND], `名单比对任务 ${id} `);
  if ((job.params as { userId?: number }).userId !== userId) throw notFound(`名单比对任务 ${id} `);
  return job;
}

export const rosterJobFile = (database: Database, id: number) => getJobFile(database, id, 'errors.xlsx');

