/**
 * Long monitoring work as job records (queued → running → done | failed) with progress and a
 * result. Progress of a running job is held in memory and shown from there (an embedded
 * database has one connection, which the job may be holding).
 */
import type { Database } from '../../db/database';
import { notFound } from '../../server/errors';
import * as q from './queries';

export const RECOMPUTE_JOB = 'recompute';
export const WHAT_IF_JOB = 'what_if';
export type JobKind = typeof RECOMPUTE_JOB | typeof WHAT_IF_JOB;

export interface JobView {
  id: number;
  kind: string;
  status: string;
  progress: number;
  message: string | null;
  params: unknown;
  result: unknown;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

interface Live {
  kind: JobKind;
  params: object;
  progress: number;
  message: string | null;
  startedAt: Date;
  done: Promise<void>;
}

const running = new Map<number, Live>();

/** Report progress (0..1) and, optionally, what is being done. */
export type ProgressReporter = (fraction: number, message?: string) => void;

export interface JobOutcome<T> {
  result: T;
  /** The finished job's message, in Chinese. */
  message: string;
}

export type JobWork<T> = (jobId: number, report: ProgressReporter) => Promise<JobOutcome<T>>;

async function execute<T>(database: Database, id: number, kind: JobKind, params: object, work: JobWork<T>, live: Live): Promise<T> {
  running.set(id, live);
  try {
    await q.markJobRunning(database.db, id);
    const outcome = await work(id, (fraction, message) => {
      live.progress = Math.max(0, Math.min(1, fraction));
      if (message !== undefined) live.message = message;
    });
    await q.finishJob(database.db, id, { status: 'done', message: outcome.message, result: outcome.result as object });
    return outcome.result;
  } catch (e) {
    await q.finishJob(database.db, id, { status: 'failed', message: `${kind === RECOMPUTE_JOB ? '重新评估' : '政策测算'}失败：${(e as Error).message}`, result: null });
    throw e;
  } finally {
    running.delete(id);
  }
}

function newLive(kind: JobKind, params: object): { live: Live; settle: () => void } {
  let settle = () => {};
  const done = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return { live: { kind, params, progress: 0, message: null, startedAt: new Date(), done }, settle };
}

/** Queue the work and run it in the background; returns the job id at once. */
export async function startJob<T>(database: Database, kind: JobKind, params: object, work: JobWork<T>, onCrash?: (e: Error) => void): Promise<number> {
  const id = await q.createJob(database.db, kind, params);
  const { live, settle } = newLive(kind, params);
  running.set(id, live);
  execute(database, id, kind, params, work, live)
    .catch((e: Error) => onCrash?.(e))
    .finally(settle);
  return id;
}

/** Run the work as a job and wait for it (the CLI). */
export async function runJob<T>(database: Database, kind: JobKind, params: object, work: JobWork<T>): Promise<{ jobId: number; result: T }> {
  const id = await q.createJob(database.db, kind, params);
  const { live, settle } = newLive(kind, params);
  try {
    return { jobId: id, result: await execute(database, id, kind, params, work, live) };
  } finally {
    settle();
  }
}

/** Resolves when the job started in this process has finished (done or failed); at once otherwise. */
export async function waitForJob(id: number): Promise<void> {
  await running.get(id)?.done;
}

export async function getJob(database: Database, id: number, kinds: JobKind[] = [RECOMPUTE_JOB, WHAT_IF_JOB]): Promise<JobView> {
  const live = running.get(id);
  if (live && kinds.includes(live.kind)) {
    return { id, kind: live.kind, status: 'running', progress: live.progress, message: live.message, params: live.params, result: null, createdAt: live.startedAt, startedAt: live.startedAt, finishedAt: null };
  }
  const row = await q.findJob(database.db, id, kinds);
  if (!row) throw notFound(`任务 ${id} `);
  return { ...row, id: Number(row.id) };
}
