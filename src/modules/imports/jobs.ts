/**
 * An import is a job record (queued → running → done | failed) with progress and a result; its
 * error report is kept as an .xlsx beside it. Progress of a running import is held in memory and
 * shown from there: the import holds the database session, and an embedded database has only
 * one connection.
 */
import { rm } from 'node:fs/promises';
import type { Database } from '../../db/database';
import { takeSnapshot } from '../../db/snapshots';
import { notFound } from '../../server/errors';
import * as q from './queries';
import { importRegistry, type ImportOptions, type ImportPhase, type ImportReport, type ImportSource } from './service';
import { buildErrorReport, XLSX_MEDIA_TYPE } from './workbooks';

export const IMPORT_JOB = 'import';
const ERROR_REPORT = 'errors.xlsx';
/** Errors kept in the job's result; all of them (up to 10,000) are in the error report. */
const RESULT_ERRORS = 100;

export interface ImportJobView {
  id: number;
  /** Who started it (null: the console). */
  userId: number | null;
  status: string;
  phase: ImportPhase | null;
  progress: number;
  message: string | null;
  fileName: string | null;
  dryRun: boolean;
  result: unknown;
  hasErrorReport: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

interface Live {
  phase: ImportPhase;
  fraction: number;
  fileName: string;
  dryRun: boolean;
  userId: number | null;
}

const running = new Map<number, Live>();
/** Background runs by job id, until they end. */
const background = new Map<number, Promise<unknown>>();

function summary(report: ImportReport): string {
  const verb = report.dryRun ? '试导入（未写入）' : '导入';
  if (!report.ok) return `${verb}未通过：发现 ${report.errorCount} 处错误，没有写入任何数据`;
  const h = report.households;
  const p = report.persons;
  return `${verb}完成：${report.rows} 行；户 新增 ${h.added}、更新 ${h.updated}、未变 ${h.unchanged}；人 新增 ${p.added}、更新 ${p.updated}、未变 ${p.unchanged}`;
}

const wroteSomething = (report: ImportReport) =>
  report.households.added + report.households.updated + report.persons.added + report.persons.updated + report.incomes + report.statusRecords + report.riskEvents > 0;

function resultOf(report: ImportReport) {
  return { ...report, errors: report.errors.slice(0, RESULT_ERRORS) };
}

async function execute(database: Database, id: number, source: ImportSource, options: JobOptions, removeFile: boolean): Promise<ImportReport> {
  const live: Live = { phase: 'reading', fraction: 0, fileName: source.fileName, dryRun: options.dryRun ?? false, userId: options.actor?.userId ?? null };
  running.set(id, live);
  try {
    await q.markJobRunning(database.db, id);
    const report = await importRegistry(database, source, {
      ...options,
      jobId: id,
      onProgress: (p) => {
        live.phase = p.phase;
        live.fraction = p.fraction;
        options.onProgress?.(p);
      },
    });
    const file = report.errorCount > 0 ? { name: ERROR_REPORT, mediaType: XLSX_MEDIA_TYPE, content: await buildErrorReport(report.errors) } : null;
    await q.finishJob(database.db, id, { status: report.ok ? 'done' : 'failed', message: summary(report), result: resultOf(report), file });
    if (report.ok && !report.dryRun && wroteSomething(report)) {
      // Embedded mode: a snapshot of what the import wrote (db/snapshots.ts). The import stands if it fails.
      try {
        const file = await takeSnapshot(database, `import-${id}`);
        if (file) options.onSnapshot?.(file);
      } catch (e) {
        console.error(`导入 #${id} 后的数据快照失败（导入本身已完成）：${(e as Error).message}`);
      }
    }
    return report;
  } catch (e) {
    await q.finishJob(database.db, id, { status: 'failed', message: `导入时发生内部错误：${(e as Error).message}`, result: null, file: null });
    throw e;
  } finally {
    running.delete(id);
    if (removeFile) await rm(source.path, { force: true });
  }
}

export interface StartOptions extends JobOptions {
  /** Delete the file when the job ends (uploaded temporary files). */
  removeFile?: boolean;
  /** Called if the background run fails unexpectedly (the job is marked failed either way). */
  onCrash?: (error: Error) => void;
}

export interface JobOptions extends ImportOptions {
  /** Told of the snapshot taken after the import (embedded mode). */
  onSnapshot?: (file: string) => void;
}

/** Queue an import and run it in the background; returns the job id at once. */
export async function startImportJob(database: Database, source: ImportSource, options: StartOptions = {}): Promise<number> {
  const id = await q.createJob(database.db, IMPORT_JOB, { fileName: source.fileName, dryRun: options.dryRun ?? false, userId: options.actor?.userId ?? null });
  const run = execute(database, id, source, options, options.removeFile ?? false)
    .catch((e: Error) => options.onCrash?.(e))
    .finally(() => background.delete(id));
  background.set(id, run);
  return id;
}

/** Resolves when a background import of this process has ended (at once if none is running). */
export async function importJobSettled(id: number): Promise<void> {
  await background.get(id);
}

/** Run an import as a job and wait for it (the CLI). */
export async function runImportJob(database: Database, source: ImportSource, options: JobOptions = {}): Promise<{ jobId: number; report: ImportReport }> {
  const jobId = await q.createJob(database.db, IMPORT_JOB, { fileName: source.fileName, dryRun: options.dryRun ?? false });
  const report = await execute(database, jobId, source, options, false);
  return { jobId, report };
}

/** The job as the API shows it; a running job's progress comes from memory (never waits on the database). */
export async function getImportJob(database: Database, id: number): Promise<ImportJobView> {
  // A copy: the import goes on while the database answers, the view is of the moment asked.
  const current = running.get(id);
  const live = current && { ...current };
  const row = live && database.kind === 'pglite' ? null : await q.findJob(database.db, id, IMPORT_JOB);
  if (!row && !live) throw notFound('导入任务');
  const params = (row?.params ?? live ?? {}) as { fileName?: string; dryRun?: boolean; userId?: number | null };
  return {
    id,
    userId: params.userId ?? null,
    status: live ? 'running' : row!.status,
    phase: live ? live.phase : row!.status === 'done' || row!.status === 'failed' ? 'done' : null,
    progress: live ? live.fraction : row!.progress,
    message: row?.message ?? null,
    fileName: params.fileName ?? null,
    dryRun: params.dryRun ?? false,
    result: row?.result ?? null,
    hasErrorReport: row?.hasErrorReport ?? false,
    createdAt: row?.createdAt ?? new Date(),
    startedAt: row?.startedAt ?? null,
    finishedAt: row?.finishedAt ?? null,
  };
}

/** The error report of a finished import. */
export async function getImportErrorReport(database: Database, id: number): Promise<{ mediaType: string; content: Uint8Array }> {
  const file = await q.findJobFile(database.db, id, ERROR_REPORT);
  if (!file) throw notFound('导入错误报告');
  return file;
}
