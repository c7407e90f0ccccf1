import type { Command } from 'commander';
import { withDatabase } from '../context';
import { CONSOLE_ACTOR, pruneAuditEvents, verifyAuditChain } from '../../modules/audit/service';
import { loadSecurityPolicy } from '../../modules/auth/service';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').description('审计日志：校验哈希链、清理过期事件');

  audit
    .command('verify')
    .description('校验审计日志哈希链，指出第一个断开的环节')
    .action(async () => {
      await withDatabase(async (database) => {
        const report = await verifyAuditChain(database.db);
        if (report.ok) {
          console.log(`审计日志完整：已校验 ${report.checked} 个事件${report.firstId ? `（#${report.firstId} 至 #${report.lastId}）` : ''}`);
          console.log(`链头哈希：${report.headHash}（可抄录保存，日后比对）`);
          return;
        }
        console.error(`审计日志被篡改：${report.broken!.reason}`);
        console.error(`此前已校验 ${report.checked} 个事件完好`);
        process.exitCode = 2;
      });
    });

  audit
    .command('prune')
    .description('删除超过保留期的审计事件（保留检查点，哈希链仍可校验）')
    .option('--days <days>', '保留天数（默认取安全策略，至少 180 天）')
    .action(async (opts: { days?: string }) => {
      await withDatabase(async (database) => {
        const retentionDays = opts.days ? Number(opts.days) : loadSecurityPolicy().audit.retentionDays;
        const result = await pruneAuditEvents(database.db, { now: new Date(), retentionDays, actor: CONSOLE_ACTOR });
        const cutoff = result.cutoff.toISOString().slice(0, 10);
        console.log(result.deleted ? `已删除 ${cutoff} 之前的 ${result.deleted} 个事件（至 #${result.throughId}）` : `没有 ${cutoff} 之前的事件需要删除`);
      });
    });
}
