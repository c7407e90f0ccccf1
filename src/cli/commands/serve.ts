import type { Command } from 'commander';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/database';
import { buildApp } from '../../server/app';
import { prepareFirstStart } from '../firstStart';

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
      const app = await buildApp({ database });
      const shutdown = async () => {
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
