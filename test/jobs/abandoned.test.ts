import { afterAll, describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { rmSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { openDatabase, type Database } from '../../src/db/database';
import { getImportJob } from '../../src/modules/imports/service';
import { cancelJob, getJob, jobSettled, refreshHeartbeats, startJob, sweepAbandonedJobs } from '../../src/modules/jobs/service';
import { tempDir } from '../imports/files';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiers: { name: string; env: Record<string, string>; open: () => Promise<Database> }[] = [
  { name: 'pglite', env: { FIXTURE_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' }, open: () => openDatabase({ dataDir: join(dir, 'data') }) },
  ...(process.env.DATABASE_URL ? [{ name: 'postgres', env: { FIXTURE_URL: process.env.DATABASE_URL }, open: () => openDatabase({ url: process.env.DATABASE_URL }) }] : []),
];

/** Start an import job in another process, wait until it runs, kill it (SIGKILL): its job id. */
async function killedMidImport(env: Record<string, string>): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/jobs/abandonJob.fixture.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  for await (const chunk of child.stdout) {
    out += String(chunk);
    if (out.includes('\n')) break;
  }
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
  return Number(out.trim());
}

/** A job that runs in this process until `finish` is called. */
async function runningHere(database: Database) {
  let finish = () => {};
  const gate = new Promise<void>((resolve) => (finish = resolve));
  const id = await startJob(database, {
    kind: 'test_live',
    params: {},
    label: '测试任务',
    work: async (job) => {
      job.report(0.5, '进行中');
      await gate;
      job.report(1);
      return { result: { ok: true }, message: '完成' };
    },
  });
  return { id, finish };
}

describe.each(tiers)('jobs whose process is gone, on $name', ({ name, env, open }) => {
  it('marks a job left running by a killed process failed, saying that nothing was written; a running one is not touched', { timeout: 120_000 }, async () => {
    const killed = await killedMidImport(env);
    const database = await open();
    const created: number[] = [killed];
    try {
      expect((await database.db.selectFrom('job').select('status').where('id', '=', killed).executeTakeFirstOrThrow()).status).toBe('running');
      const live = await runningHere(database);
      created.push(live.id);
      // Its heartbeat is refreshed while it runs (every 20 s on PostgreSQL; here at once).
      await database.db.updateTable('job').set({ heartbeat_at: new Date(0) }).where('id', '=', live.id).execute();
      expect(await refreshHeartbeats(database)).toBeGreaterThanOrEqual(1);
      const beaten = await database.db.selectFrom('job').select('heartbeat_at').where('id', '=', live.id).executeTakeFirstOrThrow();
      expect(beaten.heartbeat_at!.getTime()).toBeGreaterThan(0);

      const swept = await sweepAbandonedJobs(database);
      const mine = swept.find((j) => j.id === killed);
      expect(mine?.message).toContain(`任务 #${killed} 未能完成`);
      expect(mine?.message).toContain('没有写入任何数据');
      const job = await getImportJob(database, killed);
      expect(job).toMatchObject({ status: 'failed', fileName: 'killed.csv', phase: 'done' });
      expect(job.message).toContain('已标记为失败');
      expect(job.finishedAt).not.toBeNull();
      expect(swept.some((j) => j.id === live.id)).toBe(false);
      expect(await getJob(database, live.id, ['test_live'])).toMatchObject({ status: 'running', progress: 0.5, message: '进行中' });

      // Swept once: a second sweep finds nothing more of it.
      expect((await sweepAbandonedJobs(database)).some((j) => j.id === killed)).toBe(false);
      live.finish();
      await jobSettled(live.id);
      expect(await getJob(database, live.id, ['test_live'])).toMatchObject({ status: 'done', message: '完成', result: { ok: true } });
    } finally {
      await database.db.deleteFrom('job').where('id', 'in', created).execute();
      await database.close();
    }
  });

  it('stops a cancelled job at its next progress report and records why', async () => {
    const database = await open();
    let reached = () => {};
    const waiting = new Promise<void>((resolve) => (reached = resolve));
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const id = await startJob(
      database,
      {
        kind: 'test_cancel',
        params: {},
        label: '测试任务',
        ifAbandoned: '没有写入任何数据。',
        work: async (job) => {
          reached();
          await gate;
          job.report(0.9);
          return { result: {}, message: '不应完成' };
        },
      },
      () => {},
    );
    try {
      await waiting;
      expect(cancelJob(id)).toBe(true);
      release();
      await jobSettled(id);
      expect(await getJob(database, id, ['test_cancel'])).toMatchObject({ status: 'failed', message: '测试任务已取消：没有写入任何数据。' });
      expect(cancelJob(id)).toBe(false);
    } finally {
      await database.db.deleteFrom('job').where('id', '=', id).execute();
      await database.close();
    }
  });

  if (name === 'postgres') {
    it('leaves a job of another live process with a fresh heartbeat alone; one silent too long is failed', async () => {
      const database = await open();
      const row = (pid: number, heartbeat: Date, host = hostname()) => ({
        kind: 'test_other', status: 'running', params: '{}', owner_host: host, owner_pid: pid, owner_token: randomUUID(), heartbeat_at: heartbeat, if_abandoned: '没有写入任何数据。',
      });
      const ids = (
        await database.db
          .insertInto('job')
          .values([row(process.ppid, new Date()), row(1, new Date(Date.now() - 10 * 60_000), 'another-host')])
          .returning('id')
          .execute()
      ).map((r) => Number(r.id));
      try {
        const swept = await sweepAbandonedJobs(database);
        expect(swept.some((j) => j.id === ids[0])).toBe(false);
        expect(swept.find((j) => j.id === ids[1])?.message).toContain('秒没有心跳');
        const rows = await database.db.selectFrom('job').select(['id', 'status']).where('id', 'in', ids).orderBy('id').execute();
        expect(rows.map((r) => r.status)).toEqual(['running', 'failed']);
      } finally {
        await database.db.deleteFrom('job').where('id', 'in', ids).execute();
        await database.close();
      }
    });
  }
});

describe('fupin import after an import was killed (embedded database)', () => {
  it('says that the earlier import did not finish and wrote nothing', { timeout: 120_000 }, async () => {
    const dataDir = join(dir, 'cli');
    const killed = await killedMidImport({ FIXTURE_DATA_DIR: dataDir, DATABASE_URL: '' });
    const run = promisify(execFile);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '户编号,村代码\n1,2\n');
    const result = await run(process.execPath, ['--import', 'tsx', 'src/cli/fupin.ts', 'import', bad], { env: { ...process.env, FUPIN_DATA_DIR: dataDir, DATABASE_URL: '' } }).catch(
      (e: { stdout: string }) => e,
    );
    expect(result.stdout).toContain(`上次的导入（killed.csv）没有完成：任务 #${killed} 未能完成`);
    expect(result.stdout).toContain('没有写入任何数据');
  });
});
