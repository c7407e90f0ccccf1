/**
 * An import is a job (modules/jobs: queued → running → done | failed) with progress and a
 * result; its error report is kept as an .xlsx beside it. The import itself is handed in by
 * service.ts (`importJobs(importRegistry)`), so this file does not import it back.
 */
import { rm } from 'node:fs/promises';
import type { Database } from '../../db/database';
import { takeSnapshot } from '../../db/snapshots';
import { notFound } from '../../server/errors';
import { cancelJob, getJob, getJobFile, jobSettled, runJob, startJob, type JobSpec } from '../jobs/service';
import type { ImportOptions, ImportPhase, ImportReport, ImportSource } from './types';
import { buildErrorReport, XLSX_MEDIA_TYPE } from './workbooks';

export const IMPORT_JOB = 'import';
const ERROR_REPORT = 'errors.xlsx';
/** Errors kept in the job's result; all of them (up to 10,000) are in the error report. */
const RESULT_ERRORS = 100;

/** What an abandoned import (its process killed) means for the data, before and after its commit. */
export const ABANDONED_BEFORE_COMMIT = '导入在一个事务中进行，进程中断时全部撤销：没有写入任何数据，请重新导入。';
export const ABANDONED_AFTER_COMMIT = '导入的数据已经写入，但导入后的重新评估没有完成：请重新评估导入的地区。';

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

export interface JobOptions extends ImportOptions {
  /** Told of the snapshot taken after the import (embedded mode). */
  onSnapshot?: (file: string) => void;
}

export interface StartOptions extends JobOptions {
  /** Delete the file when the job ends (uploaded temporary files). */
  removeFile?: boolean;
  /** Called if the background run fails unexpectedly (the job is marked failed either way). */
  onCrash?: (error: Error) => void;
}

type Importer = (database: Database, source: ImportSource, options: ImportOptions) => Promise<ImportReport>;

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

/** Embedded mode: a snapshot of what the import wrote (db/snapshots.ts). The import stands if it fails. */
async function snapshotAfter(database: Database, id: number, report: ImportReport, options: JobOptions): Promise<void> {
  if (!report.ok || report.dryRun || !wroteSomething(report)) return;
  try {
    const file = await takeSnapshot(database, `import-${id}`);
    if (file) options.onSnapshot?.(file);
  } catch (e) {
    console.error(`导入 #${id} 后的数据快照失败（导入本身已完成）：${(e as Error).message}`);
  }
}

function importSpec(importer: Importer, database: Database, source: ImportSource, options: JobOptions, userId: boolean, removeFile: boolean): JobSpec<ImportReport> {
  const dryRun = options.dryRun ?? false;
  return {
    kind: IMPORT_JOB,
    params: userId ? { fileName: source.fileName, dryRun, userId: options.actor?.userId ?? null } : { fileName: source.fileName, dryRun },
    label: '导入',
    ifAbandoned: ABANDONED_BEFORE_COMMIT,
    failure: (e) => `导入时发生内部错误：${e.message}`,
    afterwards: (report, jobId) => snapshotAfter(database, jobId, report, options),
    work: async (job) => {
      try {
        job.report(0, undefined, 'reading');
        const report = await importer(database, source, {
          ...options,
          jobId: job.jobId,
          onCommitted: async () => {
            await job.setIfAbandoned(ABANDONED_AFTER_COMMIT);
            await options.onCommitted?.();
          },
          onProgress: (p) => {
            job.report(p.fraction, undefined, p.phase);
            options.onProgress?.(p);
          },
        });
        const file = report.errorCount > 0 ? { name: ERROR_REPORT, mediaType: XLSX_MEDIA_TYPE, content: await buildErrorReport(report.errors) } : null;
        return { status: report.ok ? 'done' : 'failed', message: summary(report), result: report, stored: resultOf(report), file };
      } finally {
        if (removeFile) await rm(source.path, { force: true });
      }
    },
  };
}

/** The import's job functions, given the import itself. */
export function importJobs(importer: Importer) {
  /** Queue an import and run it in the background; returns the job id at once. */
  async function startImportJob(database: Database, source: ImportSource, options: StartOptions = {}): Promise<number> {
    return startJob(database, importSpec(importer, database, source, options, true, options.removeFile ?? false), options.onCrash);
  }

  /** Run an import as a job and wait for it (the CLI). */
  async function runImportJob(database: Database, source: ImportSource, options: JobOptions = {}): Promise<{ jobId: number; report: ImportReport }> {
    const { jobId, result } = await runJob(database, importSpec(importer, database, source, options, false, false));
    return { jobId, report: result };
  }

  /** The job as the API shows it; a running job's progress comes from memory (never waits on the database). */
  async function getImportJob(database: Database, id: number): Promise<ImportJobView> {
    const job = await getJob(database, id, [IMPORT_JOB], '导入任务');
    const { kind: _kind, params, stage, hasFiles, ...rest } = job;
    const given = (params ?? {}) as { fileName?: string; dryRun?: boolean; userId?: number | null };
    const phase = job.status === 'running' ? ((stage as ImportPhase | null) ?? 'reading') : job.status === 'done' || job.status === 'failed' ? 'done' : null;
    return { ...rest, userId: given.userId ?? null, phase, fileName: given.fileName ?? null, dryRun: given.dryRun ?? false, hasErrorReport: hasFiles };
  }

  /** The error report of a finished import. */
  async function getImportErrorReport(database: Database, id: number): Promise<{ mediaType: string; content: Uint8Array }> {
    const file = await getJobFile(database, id, ERROR_REPORT);
    if (!file) throw notFound('导入错误报告');
    return file;
  }

  return {
    startImportJob,
    runImportJob,
    getImportJob,
    getImportErrorReport,
    /** Resolves when a background import of this process has ended (at once if none is running). */
    importJobSettled: jobSettled,
    /** Stop an import of this process at its next progress report: nothing is written. */
    cancelImportJob: cancelJob,
  };
}
