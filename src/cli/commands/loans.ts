import type { Command } from 'commander';
import { withDatabase } from '../context';
import { checkAllOverdueLoans } from '../../modules/projects/loans';

export function registerLoans(program: Command): void {
  const loans = program.command('loans').description('扶贫小额信贷');
  loans
    .command('check-overdue')
    .description('逾期检查：按今天（或 --today 指定的日期）更新全部未结清贷款的状态，逾期的贷款户登记“收入来源不稳定或不可持续”风险')
    .option('--today <date>', '检查日期 YYYY-MM-DD（默认今天）')
    .action(async (opts: { today?: string }) => {
      if (opts.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) throw new Error(`日期“${opts.today}”无效：应为 YYYY-MM-DD`);
      const result = await withDatabase((database) => checkAllOverdueLoans(database.db, opts.today));
      console.log(`逾期检查（${result.today}）：检查 ${result.checked} 笔未结清贷款，状态变化 ${result.changes.length} 笔`);
      for (const c of result.changes) console.log(`  贷款 ${c.id}（户 ${c.householdNo}）：${c.from} → ${c.to}`);
    });
}
