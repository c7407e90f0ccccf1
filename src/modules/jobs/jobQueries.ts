/** SQL of the job runner: the `job` table (one row per long job) and `job_file` (files a job leaves, such as an error report). */
import { sql } from 'kysely';
import type { Db } from '../../db/database';

/** The process running a job. */
export interface JobOwner {
  host: string;
  pid: number;
  token: string;
}

export interface JobFile {
  name: string;
  mediaType: string;
  content: Uint8Array;
}

export interface JobRow {
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
  hasFiles: boolean;
}

export async function createJob(db: Db, kind: string, params: object, owner: JobOwner, ifAbandoned: string | null): Promise<number> {
  const row = await db
    .insertInto('job')
    .values({ kind, params: JSON.stringify(params), owner_host: owner.host, owner_pid: owner.pid, owner_token: owner.token, heartbeat_at: new Date(), if_abandoned: ifAbandoned })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function markJobRunning(db: Db, id: number): Promise<void> {
  const now = new Date();
  await db.updateTable('job').set({ status: 'running', started_at: now, heartbeat_at: now }).where('id', '=', id).execute();
}

/** The owner is alive: refresh the heartbeat of its unfinished jobs. */
export async function beat(db: Db, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('job').set({ heartbeat_at: new Date() }).where('id', 'in', ids).where('status', 'in', ['queued', 'running']).execute();
}

/** What it means for the data if the job is found abandoned from now on. */
export async function setIfAbandoned(db: Db, id: number, text: string): Promise<void> {
  await db.updateTable('job').set({ if_abandoned: text, heartbeat_at: new Date() }).where('id', '=', id).execute();
}

/** Record the outcome, and the job's file when there is one, in one transaction. */
export async function finishJob(
  db: Db,
  id: number,
  outcome: { status: 'done' | 'failed'; message: string; result: object | null; file?: JobFile | null },
): Promise<void> {
  const file = outcome.file;
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('job')
      .set({ status: outcome.status, progress: 1, message: outcome.message, result: outcome.result === null ? null : JSON.stringify(outcome.result), finished_at: new Date() })
      .where('id', '=', id)
      .execute();
    if (file) {
      await tx
        .insertInto('job_file')
        .values({ job_id: id, name: file.name, media_type: file.mediaType, content: file.content })
        .onConflict((oc) => oc.columns(['job_id', 'name']).doUpdateSet({ content: file.content }))
        .execute();
    }
  });
}

export async function findJob(db: Db, id: number, kinds: string[]): Promise<JobRow | undefined> {
  const row = await db
    .selectFrom('job')
    .select([
      'id', 'kind', 'status', 'progress', 'message', 'params', 'result',
      'created_at as createdAt', 'started_at as startedAt', 'finished_at as finishedAt',
      sql<boolean>`EXISTS (SELECT 1 FROM job_file f WHERE f.job_id = job.id)`.as('hasFiles'),
    ])
    .where('id', '=', id)
    .where('kind', 'in', kinds)
    .executeTakeFirst();
  return row && { ...row, id: Number(row.id) };
}

export async function findJobFile(db: Db, id: number, name: string): Promise<{ mediaType: string; content: Uint8Array } | undefined> {
  return db.selectFrom('job_file').select(['media_type as mediaType', 'content']).where('job_id', '=', id).where('name', '=', name).executeTakeFirst();
}

export interface UnfinishedJobRow {
  id: number;
  kind: string;
  params: unknown;
  ownerHost: string | null;
  ownerPid: number | null;
  ownerToken: string | null;
  heartbeatAt: Date | null;
  ifAbandoned: string | null;
}

/** Queued and running jobs of other processes than `token`, oldest first. */
export async function unfinishedJobsOfOthers(db: Db, token: string): Promise<UnfinishedJobRow[]> {
  const rows = await db
    .selectFrom('job')
    .select(['id', 'kind', 'params', 'owner_host as ownerHost', 'owner_pid as ownerPid', 'owner_token as ownerToken', 'heartbeat_at as heartbeatAt', 'if_abandoned as ifAbandoned'])
    .where('status', 'in', ['queued', 'running'])
    .where((eb) => eb.or([eb('owner_token', 'is', null), eb('owner_token', '<>', token)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Mark an abandoned job failed, unless it has finished (or beaten) in the meantime. */
export async function failAbandoned(db: Db, id: number, heartbeatAt: Date | null, message: string): Promise<boolean> {
  const result = await db
    .updateTable('job')
    .set({ status: 'failed', message, finished_at: new Date() })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .where((eb) => (heartbeatAt === null ? eb('heartbeat_at', 'is', null) : eb('heartbeat_at', '<=', heartbeatAt)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
