/** The `fupin` command for operators. Each sub-command lives in commands/<name>.ts. */
import { Command } from 'commander';
import { registerServe } from './commands/serve';
import { registerMigrate } from './commands/migrate';
import { registerBackup } from './commands/backup';
import { registerExport } from './commands/export';
import { registerDemo } from './commands/demo';
import { registerUser } from './commands/user';
import { registerAudit } from './commands/audit';
import { registerPlaces } from './commands/places';
import { registerImport } from './commands/import';
import { registerRecompute } from './commands/recompute';
import { registerPolicy } from './commands/policy';
import { registerLoans } from './commands/loans';
import { registerReport } from './commands/report';
import { registerDistribute } from './commands/distribute';

const program = new Command();
program.name('fupin').description('扶贫信息系统 fupin：建档立卡、监测、帮扶、项目资金与台账').version('0.1.0');

registerServe(program);
registerMigrate(program);
registerBackup(program);
registerExport(program);
registerDemo(program);
registerUser(program);
registerAudit(program);
registerPlaces(program);
registerImport(program);
registerRecompute(program);
registerPolicy(program);
registerLoans(program);
registerReport(program);
registerDistribute(program);

program.parseAsync(process.argv).catch((e: Error) => {
  console.error('错误：' + e.message);
  process.exit(1);
});
