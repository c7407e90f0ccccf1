import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { withDatabase } from '../context';
import { snapshotsToKeep } from '../../db/snapshots';
import { buildErrorReport, buildTemplate, IMPORT_JOB, runImportJob, type ImportPhase, type ImportReport } from '../../modules/imports/service';
import { sweepAbandonedJobs } from '../../modules/jobs/service';

const PHASES: Record<ImportPhase, string> = { reading: '读取校验', checking: '比对系统', writing: '写入', assessing: '重新评估', done: '完成' };
const SHOWN_ERRORS = 20;

function summaryLines(report: ImportReport, jobId: number): string[] {
  const lines = [`导入任务 #${jobId}：${report.fileName}，${report.rows} 行，用时 ${report.seconds.toFixed(1)} 秒`];
  for (const w of report.warnings) lines.push('提示：' + w);
  if (!report.ok) {
    lines.push(`发现 ${report.errorCount} 处错误，没有写入任何数据：`);
    for (const e of report.errors.slice(0, SHOWN_ERRORS)) {
      lines.push(e.row === 0 ? `  整个文件：${e.message}` : `  第${e.row}行【${e.column}】“${e.value}”：${e.message}`);
    }
    if (report.errorCount > SHOWN_ERRORS) lines.push(`  ……另有 ${report.errorCount - SHOWN_ERRORS} 处，见错误报告`);
    return lines;
  }
  const h = report.households;
  const p = report.persons;
  lines.push(report.dryRun ? '试导入通过（未写入任何数据），如正式导入将：' : '导入完成：');
  lines.push(`  户：新增 ${h.added}，更新 ${h.updated}，未变 ${h.unchanged}`);
  lines.push(`  人：新增 ${p.added}，更新 ${p.updated}，未变 ${p.unchanged}`);
  if (report.incomeYears.length) lines.push(`  收入年度：${report.incomeYears.join('、')}`);
  if (report.statusYear !== null) lines.push(`  业务年度：${report.statusYear}（没有收入年度的户按此年度记录状态）`);
  lines.push(`  收入记录写入 ${report.incomes} 条，状态记录写入 ${report.statusRecords} 条，风险事件写入 ${report.riskEvents} 条`);
  for (const a of report.assessed) lines.push(`  已按 ${a.year} 年政策重新评估 ${a.county} 的 ${a.households} 户`);
  return lines;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .argument('[file]', '建档立卡表（.xlsx 或 .csv，每人一行）')
    .description('导入建档立卡数据（全部通过才写入；--dry-run 只校验不写入）')
    .option('--dry-run', '试导入：完整校验（含与系统数据比对），不写入')
    .option('--errors <report.xlsx>', '有错误时把错误报告写到此文件')
    .option('--template <out.xlsx>', '生成导入模板（中文表头、示例行、允许值）')
    .option('--year <年度>', '业务年度：没有“收入年度”的户按此年度记录状态（文件没有“收入年度”列时必须给出）')
    .action(async (file: string | undefined, opts: { dryRun?: boolean; errors?: string; template?: string; year?: string }) => {
      if (opts.template) {
        writeFileSync(opts.template, await buildTemplate());
        console.log(`已生成导入模板：${opts.template}`);
        if (!file) return;
      }
      if (!file) throw new Error('请给出要导入的文件，或用 --template 生成模板');
      const year = opts.year === undefined ? undefined : Number(opts.year);
      if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100)) throw new Error(`--year 的值“${opts.year}”无效：应为 2000–2100 之间的年度`);
      const bar = new cliProgress.SingleBar(
        { format: '{phase} |{bar}| {percentage}%', hideCursor: true, clearOnComplete: true, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      );
      bar.start(100, 0, { phase: PHASES.reading });
      let snapshot: string | undefined;
      const { jobId, report } = await withDatabase(async (database) => {
        // An import left running by a process that is gone (killed): say so, and that it wrote nothing.
        for (const job of await sweepAbandonedJobs(database)) {
          if (job.kind === IMPORT_JOB) console.log(`上次的导入（${(job.params as { fileName?: string }).fileName ?? ''}）没有完成：${job.message}`);
        }
        return runImportJob(database, { path: file, fileName: basename(file) }, {
          dryRun: opts.dryRun ?? false,
          statusYear: year,
          onSnapshot: (written) => {
            snapshot = written;
          },
          onProgress: (p) => bar.update(Math.round(p.fraction * 100), { phase: PHASES[p.phase] }),
        });
      }).finally(() => bar.stop());
      for (const line of summaryLines(report, jobId)) console.log(line);
      if (snapshot) console.log(`数据快照：${snapshot}（嵌入式数据库，保留最近 ${snapshotsToKeep()} 份）`);
      if (report.errorCount > 0 && opts.errors) {
        writeFileSync(opts.errors, await buildErrorReport(report.errors));
        console.log(`错误报告：${opts.errors}`);
      }
      if (!report.ok) process.exitCode = 1;
    });
}
