import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { ALL_PLACES } from '../../db/placeScope';
import { parseHouseholdFilters } from '../../modules/registry/service';
import { exportHouseholds } from '../../modules/exports/service';
import { CONSOLE_ACTOR } from '../../modules/audit/service';
import { withDatabase } from '../context';

interface ExportOptions {
  place?: string;
  status?: string;
  attribute?: string;
  cause?: string;
  year?: string;
  q?: string;
  out: string;
  reveal?: boolean;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('导出建档立卡户名册为 .xlsx（每人一行，表头同导入模板；证件号码默认脱敏）')
    .option('--place <code>', '地区代码（县 6 位、乡镇 9 位、村 12 位）')
    .option('--status <status>', '户状态，如 poor 或 未脱贫')
    .option('--attribute <attribute>', '户属性，如 低保贫困户')
    .option('--cause <cause>', '致贫原因（主要或其他），如 因病')
    .option('--year <year>', '该年度有状态记录的户（与 --status 一起：该年度的状态）')
    .option('--q <text>', '姓名前缀或完整证件号码')
    .requiredOption('--out <file>', '输出文件 .xlsx')
    .option('--reveal', '证件号码和联系电话导出明文')
    .action(async (opts: ExportOptions) => {
      const filters = parseHouseholdFilters({
        place: opts.place,
        status: opts.status,
        attribute: opts.attribute,
        cause: opts.cause,
        year: opts.year,
        q: opts.q,
      });
      await withDatabase(async (database) => {
        const prepared = await exportHouseholds(database.db, { scope: ALL_PLACES, pairedCadreId: null }, filters, {
          reveal: { idNumber: opts.reveal === true, phone: opts.reveal === true },
          author: CONSOLE_ACTOR,
          placeCode: filters.place ?? '0',
        });
        const counts = await prepared.writeTo(createWriteStream(opts.out));
        console.log(`已导出 ${counts.households} 户 ${counts.persons} 人 → ${opts.out}`);
      });
    });
}
