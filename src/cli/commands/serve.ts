import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { buildApp } from '../../server/app';
import { prepareFirstStart } from '../firstStart';
import { checkAllOverdueLoans } from '../../modules/projects/loans';
import { scheduleJobSweep } from '../../modules/jobs/service';
import { scheduleMonthEndSnapshots } from '../../modules/rhythm/service';

const DAY_MS = 24 * 60 * 60 * 1000;

/** 逾期检查 of every loan now and then daily; errors are logged, never thrown. The timer does not hold the process open. */
export function scheduleOverdueCheck(run: () => Promise<{ checked: number; changes: unknown[] }>, log: (m: string) => void, everyMs = DAY_MS): NodeJS.Timeout {
  const once = () =>
    run().then(
      (r) => log(`小额信贷逾期检查：检查 ${r.checked} 笔，状态变化 ${r.changes.length} 笔`),
      (e: unknown) => log(`小额信贷逾期检查失败：${e instanceof Error ? e.message : String(e)}`),
    );
  void once();
  const timer = setInterval(() => void once(), everyMs);
  timer.unref();
  return timer;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('启动 Web 服务（首次启动自动建库、载入行政区划和演示数据）')
    .option('--no-demo', '空库首次启动时不载入演示数据')
    .action(async (opts: { demo: boolean }) => {
      const config = loadConfig();
      const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
      console.log(`数据库：${database.kind === 'pglite' ? '嵌入式 PGlite ' : 'PostgreSQL '}${database.where}`);
      await prepareFirstStart(database, { demo: opts.demo, log: (m) => console.log(m) });
      // Warnings and errors (a statement cancelled by its timeout names its SQL, a database fault) go to the log.
      const app = await buildApp({ database, logger: { level: process.env.FUPIN_LOG_LEVEL ?? 'warn' } });
      const overdueTimer = scheduleOverdueCheck(() => checkAllOverdueLoans(database.db), (m) => console.log(m));
      // Jobs left running by a process that is gone (killed mid-import): failed with a reason, now and every minute.
      const sweepTimer = scheduleJobSweep(database, (m) => console.log(m));
      // Month-end snapshots (POLICY §8): the month just over, for every county, now and every hour.
      const snapshotTimer = scheduleMonthEndSnapshots(database, () => app.security.clock.now(), (m) => console.log(m));
      const shutdown = async () => {
        clearInterval(overdueTimer);
        clearInterval(sweepTimer);
        clearInterval(snapshotTimer);
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      await app.listen({ port: config.port, host: config.host });
      console.log(`fupin 已启动：http://localhost:${config.port}`);
    });
}
