/**
 * Monitoring's long work as jobs of the one job runner (modules/jobs): recompute and what-if,
 * each with its label and what an abandoned run leaves behind.
 */
import type { Database } from '../../db/database';
import { getJob as getAnyJob, runJob as runAnyJob, startJob as startAnyJob, type JobView, type ProgressReporter } from '../jobs/service';

export const RECOMPUTE_JOB = 'recompute';
export const WHAT_IF_JOB = 'what_if';
export type JobKind = typeof RECOMPUTE_JOB | typeof WHAT_IF_JOB;

export { jobSettled as waitForJob, type JobView, type ProgressReporter } from '../jobs/service';

export interface JobOutcome<T> {
  result: T;
  /** The finished job's message, in Chinese. */
  message: string;
}

export type JobWork<T> = (jobId: number, report: ProgressReporter) => Promise<JobOutcome<T>>;

const KINDS: Record<JobKind, { label: string; ifAbandoned: string }> = {
  [RECOMPUTE_JOB]: { label: '重新评估', ifAbandoned: '重新评估按批写入：已完成的批次已保存，其余未评估，请重新运行重新评估。' },
  [WHAT_IF_JOB]: { label: '政策测算', ifAbandoned: '政策测算只计算、不改变评估结果：没有写入任何评估数据，请重新测算。' },
};

const specOf = <T>(kind: JobKind, params: object, work: JobWork<T>) => ({ kind, params, ...KINDS[kind], work: ({ jobId, report }: { jobId: number; report: ProgressReporter }) => work(jobId, report) });

/** Queue the work and run it in the background; returns the job id at once. */
export async function startJob<T>(database: Database, kind: JobKind, params: object, work: JobWork<T>, onCrash?: (e: Error) => void): Promise<number> {
  return startAnyJob(database, specOf(kind, params, work), onCrash);
}

/** Run the work as a job and wait for it (the CLI). */
export async function runJob<T>(database: Database, kind: JobKind, params: object, work: JobWork<T>): Promise<{ jobId: number; result: T }> {
  return runAnyJob(database, specOf(kind, params, work));
}

export async function getJob(database: Database, id: number, kinds: JobKind[] = [RECOMPUTE_JOB, WHAT_IF_JOB]): Promise<JobView> {
  return getAnyJob(database, id, kinds);
}
