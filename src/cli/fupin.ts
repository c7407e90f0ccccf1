/** The `fupin` command for operators. Each sub-command lives in commands/<name>.ts. */
import { Command } from 'commander';
import { registerServe } from './commands/serve';
import { registerMigrate } from './commands/migrate';
import { registerBackup } from './commands/backup';

const program = new Command();
program.name('fupin').description('扶贫信息系统 fupin：建档立卡、监测、帮扶、项目资金与台账').version('0.1.0');

registerServe(program);
registerMigrate(program);
registerBackup(program);

program.parseAsync(process.argv).catch((e: Error) => {
  console.error('错误：' + e.message);
  process.exit(1);
});
