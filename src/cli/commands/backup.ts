import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { withDatabase } from '../context';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('备份嵌入式数据库（生成 .tar.gz 快照；PostgreSQL 请用 pg_dump）')
    .option('--out <file>', '快照文件', `fupin-backup-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '')}.tar.gz`)
    .action(async (opts: { out: string }) => {
      await withDatabase(async (database) => {
        if (!database.snapshot) throw new Error('当前连接的是 PostgreSQL 服务器，请使用 pg_dump 备份');
        const bytes = await database.snapshot();
        writeFileSync(opts.out, bytes);
        console.log(`已备份 ${database.where} → ${opts.out}（${(bytes.length / 1024 / 1024).toFixed(1)} MB）`);
      });
    });
}
