/**
 * 大数据比对 (issue 20, POLICY.md §9), the module's public face: reference data kinds and their
 * batches (import through the job runner, masked rows), the versioned comparison rules, the
 * comparison job, and the 疑点 ledger with its work (hits.ts).
 */
import { rm } from 'node:fs/promises';
import type { Database, Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { kindOf, kindsFor, REFERENCE_KINDS } from '../../domain/compare/kinds';
import { maskIdNumber } from '../../domain/idNumber';
import { notFound } from '../../server/errors';
import type { AuditActor } from '../audit/service';
import { getJob, getJobFile, startJob, type JobView } from '../jobs/service';
import { findBatch, listBatches, rowsOfBatch, countiesWithBatches, type BatchRow } from './batchQueries';
import { importReference, type ImportInput } from './importer';
import { runComparison } from './run';

export { listHitViews, hitReport, getHit, locateHit, actOnHit, sendHits, type HitAuthor, type Viewer, type HitView, type HitStepBody } from './hits';
export { activeRuleSet, publishRuleSet } from './ruleSets';
export { runComparison } from './run';
export { importReference } from './importer';
export { hitsOfHousehold } from './card';
export { loadCompareDemo, DEMO_AS_OF } from './demo';
export { closeCompareDemo } from './demoClosures';

export const COMPARE_JOB_KINDS = ['compare.import', 'compare.run'];

export interface Importer {
  role: string;
  departmentLine: string | null;
}

const BATCH_STATUS: Record<string, string> = { complete: '已采用', refused: '未采用（有错误行）' };

export function batchView(b: BatchRow) {
  const kind = kindOf(b.kind);
  return {
    ...b,
    kindLabel: kind?.label ?? b.kind,
    department: kind?.department ?? '',
    statusLabel: b.purgedAt ? '已清理' : b.current ? '当前使用' : b.status === 'complete' ? '已被新批次替代' : BATCH_STATUS[b.status] ?? b.status,
  };
}

export function kindViews(user: Importer) {
  const mine = new Set(kindsFor(user).map((k) => k.code));
  return REFERENCE_KINDS.map((k) => ({
    code: k.code, label: k.label, department: k.department, mayImport: mine.has(k.code),
    columns: k.columns.map((c) => ({ header: c.header, aliases: [...(c.aliases ?? [])], required: !!c.required, sensitive: !!c.sensitive })),
  }));
}

/** Counties of the scope a list of batches covers: null for every county (a nationwide scope). */
function countiesOf(scope: PlaceScope, place: string | undefined): string[] | null {
  if (place && place.length >= 6) return [place.slice(0, 6)];
  if (scope.all) return null;
  return scope.codes.filter((c) => c.length === 6);
}

export async function listBatchViews(db: Db, scope: PlaceScope, user: Importer, filter: { kind?: string; place?: string }) {
  const counties = countiesOf(scope, filter.place);
  const rows = await listBatches(db, counties, kindsFor(user).map((k) => k.code), filter.kind);
  const prefixes = scope.all ? null : scope.codes;
  return rows.filter((b) => !prefixes || prefixes.some((p) => b.countyCode.startsWith(p)) || (filter.place && b.countyCode === filter.place.slice(0, 6))).map(batchView);
}

/** Where a batch is and its kind (the route checks scope and line before showing it). */
export async function locateBatch(db: Db, id: number) {
  return findBatch(db, id);
}

/** The rows of a batch, ID numbers masked, sensitive columns masked. */
export async function batchRows(db: Db, b: BatchRow, page: { page: number; pageSize: number }) {
  const kind = kindOf(b.kind)!;
  const { total, rows } = await rowsOfBatch(db, b.countyCode, b.id, (page.page - 1) * page.pageSize, page.pageSize);
  const columns = kind.columns.map((c) => ({ header: c.header, field: c.field, sensitive: !!c.sensitive }));
  const value = (r: (typeof rows)[number], c: (typeof kind.columns)[number]): string | null => {
    if (c.field === 'id_number') return maskIdNumber(r.idNumber);
    if (c.sensitive) return '***';
    if (c.field === 'detail') return r.detail[c.header] ?? null;
    const v = { name: r.name, place_code: r.placeCode, category: r.category, role: r.role, status: r.status, amount: r.amount, grade: r.grade, on_date: r.onDate }[c.field];
    return v === null || v === undefined ? null : String(v);
  };
  return { batch: batchView(b), total, columns, rows: rows.map((r) => ({ rowNo: r.rowNo, values: Object.fromEntries(kind.columns.map((c) => [c.header, value(r, c)])) })) };
}

export interface JobOwner {
  userId: number;
  actor: AuditActor;
  scope: PlaceScope;
  at: Date;
  today: string;
}

/** Start an import job; the file at `input.path` is removed when the job ends. */
export async function startImport(database: Database, input: ImportInput, owner: JobOwner, onCrash?: (e: Error) => void): Promise<number> {
  const kind = kindOf(input.kind)!;
  return startJob(database, {
    kind: 'compare.import',
    params: { userId: owner.userId, kind: input.kind, countyCode: input.countyCode, fileName: input.fileName, asOf: input.asOf, dryRun: input.dryRun },
    label: `导入${kind.label}比对数据`,
    ifAbandoned: '没有写入任何数据（导入在一个事务中完成）',
    afterwards: () => rm(input.path, { force: true }),
    work: (job) => importReference(database, input, { scope: owner.scope, actor: owner.actor, at: owner.at }, job),
  }, onCrash);
}

/** The counties a run covers: the place's county, or every county with reference data under the place and inside the scope. */
export async function countiesToRun(db: Db, scope: PlaceScope, place: string): Promise<string[]> {
  if (place.length >= 6) return [place.slice(0, 6)];
  const all = await countiesWithBatches(db, place === '0' ? '' : place);
  return scope.all ? all : all.filter((c) => scope.codes.some((s) => c.startsWith(s) || s.startsWith(c)));
}

export async function startRun(database: Database, place: string, counties: string[], owner: JobOwner, onCrash?: (e: Error) => void): Promise<number> {
  return startJob(database, {
    kind: 'compare.run',
    params: { userId: owner.userId, place, counties },
    label: '大数据比对',
    ifAbandoned: '所有县在一个事务中比对：没有写入任何疑点，也没有消除任何疑点',
    work: (job) => runComparison(database, { place, counties }, { actor: owner.actor, at: owner.at, today: owner.today }, job),
  }, onCrash);
}

/** A compare job of this user (another user's job is as good as absent). */
export async function getCompareJob(database: Database, id: number, userId: number): Promise<JobView> {
  const job = await getJob(database, id, COMPARE_JOB_KINDS, `比对任务 ${id} `);
  if ((job.params as { userId?: number }).userId !== userId) throw notFound(`比对任务 ${id} `);
  return job;
}

export async function compareJobFile(database: Database, id: number) {
  return getJobFile(database, id, 'errors.xlsx');
}
