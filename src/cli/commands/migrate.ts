import type { Command } from 'commander';
import { withDatabase } from '../context';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('创建或升级数据库结构')
    .action(async () => {
      await withDatabase(async (database) => {
        console.log(`数据库 ${database.where} 已是最新结构`);
      });
    });
}
