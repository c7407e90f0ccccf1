/**
 * The job runner: long work (an import, a recompute, a what-if …) as a record in the `job` table,
 * queued → running → done | failed, with progress, cancellation, the job's result and files, and
 * the process that runs it. Every module runs its long work through here.
 *
 * Progress of a running job is held in memory and shown from there: the job may hold the
 * database session, and an embedded database has only one connection. While it runs the job's
 * heartbeat is refreshed; a job whose process is gone (killed, crashed) is found by
 * `sweepAbandonedJobs` (at start-up and on a schedule) and marked failed with a Chinese reason.
 */
import type { Database } from '../../db/database';
import { notFound } from '../../server/errors';
import * as q from './jobQueries';
import { HEARTBEAT_SECONDS, THIS_PROCESS } from './owner';

export type { JobFile } from './jobQueries';

export { THIS_PROCESS, ABANDONED_AFTER_SECONDS } from './owner';

/** Report progress (0..1) and, optionally, what is being done and the stage reached. Throws `JobCancelled` once the job is cancelled. */
export type ProgressReporter = (fraction: number, message?: string, stage?: string) => void;

export class JobCancelled extends Error {
  constructor() {
    super('已取消');
  }
}

export interface JobContext {
  jobId: number;
  report: ProgressReporter;
  /** Aborted when the job is cancelled (work that waits on something else may listen to it). */
  signal: AbortSignal;
  /** Record what it would mean for the data if the job were abandoned from now on (after a commit, say). */
  setIfAbandoned(text: string): Promise<void>;
}

export interface JobOutcome<T> {
  result: T;
  /** The finished job's message, in Chinese. */
  message: string;
  /** 'failed' for work that ended normally but did not succeed (an import with errors); default 'done'. */
  status?: 'done' | 'failed';
  /** What the job's record keeps as its result when it differs from what the caller is given (a shortened report). */
  stored?: object;
  /** A file kept with the job (an error report). */
  file?: q.JobFile | null;
}

export interface JobSpec<T> {
  kind: string;
  params: object;
  /** What the job does, in Chinese (导入, 重新评估 …), for failure messages. */
  label: string;
  /** What it means for the data if the job is abandoned before it ends (shown with the failure). */
  ifAbandoned?: string;
  /** The message of a job whose work threw (default `${label}失败：…`). */
  failure?: (error: Error) => string;
  /** Run once the job's record is final (done or failed by its outcome), before the job counts as settled. */
  afterwards?: (result: T, jobId: number) => Promise<void>;
  work: (job: JobContext) => Promise<JobOutcome<T>>;
}

export interface JobView {
  id: number;
  kind: string;
  status: string;
  progress: number;
  /** The stage a running job has reached (an import's phase), from memory; null once it has ended. */
  stage: string | null;
  message: string | null;
  params: unknown;
  result: unknown;
  /** Whether the job left files (an error report). */
  hasFiles: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

interface Live {
  database: Database;
  kind: string;
  params: object;
  progress: number;
  stage: string | null;
  message: string | null;
  startedAt: Date;
  abort: AbortController;
  done: Promise<void>;
}

const running = new Map<number, Live>();
/** Jobs of this process until they have settled (their record final and `afterwards` run). */
const unsettled = new Map<number, Promise<void>>();

/** One heartbeat timer per database with jobs running in this process. */
const heartbeats = new Map<Database, NodeJS.Timeout>();

/** Refresh the heartbeat of this process's running jobs in `database`; returns how many there are. */
export async function refreshHeartbeats(database: Database): Promise<number> {
  const ids = [...running].filter(([, live]) => live.database === database).map(([id]) => id);
  await q.beat(database.db, ids);
  return ids.length;
}

function beatWhileRunning(database: Database): void {
  if (heartbeats.has(database) || database.kind === 'pglite') return;
  // PostgreSQL: other processes (another server, the CLI) may look at these jobs. An embedded database is one process's alone.
  const timer = setInterval(() => {
    refreshHeartbeats(database).then(
      (beaten) => {
        if (beaten > 0) return;
        clearInterval(timer);
        heartbeats.delete(database);
      },
      () => {},
    );
  }, HEARTBEAT_SECONDS * 1000);
  timer.unref();
  heartbeats.set(database, timer);
}

function newLive(database: Database, kind: string, params: object): { live: Live; settle: () => void } {
  let settle = () => {};
  const done = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return { live: { database, kind, params, progress: 0, stage: null, message: null, startedAt: new Date(), abort: new AbortController(), done }, settle };
}

function failureOf(spec: JobSpec<unknown>, e: Error): string {
  if (e instanceof JobCancelled) return `${spec.label}已取消${spec.ifAbandoned ? `：${spec.ifAbandoned}` : ''}`;
  return spec.failure ? spec.failure(e) : `${spec.label}失败：${e.message}`;
}

async function execute<T>(database: Database, id: number, spec: JobSpec<T>, live: Live): Promise<T> {
  running.set(id, live);
  beatWhileRunning(database);
  try {
    await q.markJobRunning(database.db, id);
    const outcome = await spec.work({
      jobId: id,
      signal: live.abort.signal,
      report: (fraction, message, stage) => {
        if (live.abort.signal.aborted) throw new JobCancelled();
        live.progress = Math.max(0, Math.min(1, fraction));
        if (message !== undefined) live.message = message;
        if (stage !== undefined) live.stage = stage;
      },
      setIfAbandoned: (text) => q.setIfAbandoned(database.db, id, text),
    });
    await q.finishJob(database.db, id, { status: outcome.status ?? 'done', message: outcome.message, result: (outcome.stored ?? outcome.result) as object, file: outcome.file ?? null });
    running.delete(id);
    await spec.afterwards?.(outcome.result, id);
    return outcome.result;
  } catch (e) {
    if (running.has(id)) await q.finishJob(database.db, id, { status: 'failed', message: failureOf(spec as JobSpec<unknown>, e as Error), result: null });
    throw e;
  } finally {
    running.delete(id);
  }
}

/** Queue the work and run it in the background; returns the job id at once. */
export async function startJob<T>(database: Database, spec: JobSpec<T>, onCrash?: (e: Error) => void): Promise<number> {
  const id = await q.createJob(database.db, spec.kind, spec.params, THIS_PROCESS, spec.ifAbandoned ?? null);
  const { live, settle } = newLive(database, spec.kind, spec.params);
  running.set(id, live);
  unsettled.set(id, live.done);
  execute(database, id, spec, live)
    .catch((e: Error) => onCrash?.(e))
    .finally(() => {
      unsettled.delete(id);
      settle();
    });
  return id;
}

/** Run the work as a job and wait for it (the CLI). */
export async function runJob<T>(database: Database, spec: JobSpec<T>): Promise<{ jobId: number; result: T }> {
  const id = await q.createJob(database.db, spec.kind, spec.params, THIS_PROCESS, spec.ifAbandoned ?? null);
  const { live, settle } = newLive(database, spec.kind, spec.params);
  unsettled.set(id, live.done);
  try {
    return { jobId: id, result: await execute(database, id, spec, live) };
  } finally {
    unsettled.delete(id);
    settle();
  }
}

/** Resolves when the job started in this process has ended (done or failed); at once otherwise. */
export async function jobSettled(id: number): Promise<void> {
  await unsettled.get(id);
}

/** Ask a job of this process to stop at its next progress report; false when it is not running here. */
export function cancelJob(id: number): boolean {
  const live = running.get(id);
  if (!live) return false;
  live.abort.abort();
  return true;
}

/**
 * The job as the API shows it, if it is of one of `kinds`; a running job's progress comes from
 * memory (never waits on the database). `what` names it in the 404 (任务 by default).
 */
export async function getJob(database: Database, id: number, kinds: string[], what = `任务 ${id} `): Promise<JobView> {
  const live = running.get(id);
  if (live && kinds.includes(live.kind)) {
    const { kind, params, progress, stage, message, startedAt } = live;
    return { id, kind, status: 'running', progress, stage, message, params, result: null, hasFiles: false, createdAt: startedAt, startedAt, finishedAt: null };
  }
  const row = await q.findJob(database.db, id, kinds);
  if (!row) throw notFound(what);
  return { ...row, stage: null };
}

/** A file a job left (an error report). */
export async function getJobFile(database: Database, id: number, name: string): Promise<{ mediaType: string; content: Uint8Array } | undefined> {
  return q.findJobFile(database.db, id, name);
}

export { sweepAbandonedJobs, scheduleJobSweep, type AbandonedJob } from './sweep';
