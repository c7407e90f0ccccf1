/**
 * Abandoned jobs (issue 17, item 3): a job whose process is gone stays `running` forever unless
 * someone notices. `sweepAbandonedJobs` marks failed, with a Chinese reason and what it means for
 * the data, every queued or running job of another process that
 * - ran in an embedded database (one process per data directory: any other process is gone),
 * - or ran on this host in a process that is no longer alive (or whose pid this process now has),
 * - or has not refreshed its heartbeat for ABANDONED_AFTER_SECONDS (another host, a hung process).
 * Jobs of this process are never touched.
 */
import type { Database } from '../../db/database';
import * as q from './jobQueries';
import { ABANDONED_AFTER_SECONDS, PROCESS_STARTED, THIS_PROCESS } from './owner';

export interface AbandonedJob {
  id: number;
  kind: string;
  params: unknown;
  /** The failure recorded on the job. */
  message: string;
}

export interface SweepOptions {
  /** Seconds without a heartbeat after which a job is abandoned (default ABANDONED_AFTER_SECONDS). */
  abandonedAfterSeconds?: number;
  now?: Date;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const timeOf = (d: Date) => d.toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });

/** Why the job's process is gone, or null when it may still be running. */
function whyAbandoned(database: Database, job: q.UnfinishedJobRow, now: Date, afterSeconds: number): string | null {
  const owner = job.ownerPid === null ? '一个未记录的进程' : `主机 ${job.ownerHost ?? '未知'} 上的进程 ${job.ownerPid}`;
  if (database.kind === 'pglite') return `运行它的${owner}已退出（嵌入式数据库同时只由一个进程打开）`;
  if (job.ownerHost === THIS_PROCESS.host && job.ownerPid !== null) {
    if (job.ownerPid === THIS_PROCESS.pid) {
      if (job.heartbeatAt === null || job.heartbeatAt < PROCESS_STARTED) return `运行它的${owner}已退出（同一进程号现由本进程使用）`;
    } else if (!processAlive(job.ownerPid)) return `运行它的${owner}已不存在`;
  }
  if (job.heartbeatAt === null) return `运行它的${owner}没有留下心跳记录`;
  const silent = (now.getTime() - job.heartbeatAt.getTime()) / 1000;
  if (silent > afterSeconds) return `运行它的${owner}自 ${timeOf(job.heartbeatAt)} 起已 ${Math.floor(silent)} 秒没有心跳`;
  return null;
}

/** Mark the abandoned jobs failed; returns them (the CLI and the server's log say what happened). */
export async function sweepAbandonedJobs(database: Database, options: SweepOptions = {}): Promise<AbandonedJob[]> {
  const now = options.now ?? new Date();
  const afterSeconds = options.abandonedAfterSeconds ?? ABANDONED_AFTER_SECONDS;
  const swept: AbandonedJob[] = [];
  for (const job of await q.unfinishedJobsOfOthers(database.db, THIS_PROCESS.token)) {
    const why = whyAbandoned(database, job, now, afterSeconds);
    if (why === null) continue;
    const message = `任务 #${job.id} 未能完成：${why}，已标记为失败。${job.ifAbandoned ?? ''}`;
    if (await q.failAbandoned(database.db, job.id, job.heartbeatAt, message)) swept.push({ id: job.id, kind: job.kind, params: job.params, message });
  }
  return swept;
}

const MINUTE_MS = 60_000;

/** Sweep now and then every `everyMs`; errors are logged, never thrown. The timer does not hold the process open. */
export function scheduleJobSweep(database: Database, log: (m: string) => void, everyMs = MINUTE_MS): NodeJS.Timeout {
  const once = () =>
    sweepAbandonedJobs(database).then(
      (jobs) => jobs.forEach((j) => log(j.message)),
      (e: unknown) => log(`检查中断的任务失败：${e instanceof Error ? e.message : String(e)}`),
    );
  void once();
  const timer = setInterval(() => void once(), everyMs);
  timer.unref();
  return timer;
}
