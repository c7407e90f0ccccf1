import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { withDatabase } from '../context';
import { runRecomputeJob, type RecomputeSummary } from '../../modules/monitoring/service';

function parseYear(text: string): number {
  const year = Number(text);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Error(`年份“${text}”无效：应为 2000–2100 之间的四位数字`);
  return year;
}

export function registerRecompute(program: Command): void {
  program
    .command('recompute')
    .description('按现行政策重新评估辖区内每一户（两不愁三保障、饮水安全、风险等级），结果连同所用政策版本保存')
    .option('--place <code>', '行政区划代码（省 2 位、市 4 位、县 6 位、乡镇 9 位、村 12 位；默认全国）')
    .option('--year <year>', '评估年份（默认：最近的收入年度）；可重复给出多个年份', (v: string, list: number[] = []) => [...list, parseYear(v)])
    .option('--batch <households>', '每批户数（默认 10000）', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`每批户数“${v}”无效：应为正整数`);
      return n;
    })
    .action(async (opts: { place?: string; year?: number[]; batch?: number }) => {
      if (opts.place && !/^(0|\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/.test(opts.place)) throw new Error(`行政区划代码“${opts.place}”无效：应为 0 或 2、4、6、9、12 位数字`);
      const bar = new cliProgress.SingleBar(
        { format: '{year} 年 |{bar}| {value}/{total} 户', hideCursor: true, clearOnComplete: true, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      );
      let started = false;
      const { jobId, result } = await withDatabase((database) =>
        runRecomputeJob(database, { place: opts.place, years: opts.year, reason: 'manual', batchSize: opts.batch }, (p) => {
          if (!started) bar.start(p.total, 0, { year: p.year });
          started = true;
          bar.setTotal(p.total);
          bar.update(p.done, { year: p.year });
        }),
      ).finally(() => bar.stop());
      console.log(`重新评估任务 #${jobId} 完成：`);
      for (const s of (result as { summaries: RecomputeSummary[] }).summaries) {
        console.log(`  ${s.year} 年：${s.households} 户，${s.batches} 批，用时 ${s.seconds.toFixed(1)} 秒；所用政策：${s.policies.map((p) => p.policyKey).join('、') || '（无）'}`);
      }
    });
}
