import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { withDatabase } from '../context';
import { CONSOLE_ACTOR } from '../../modules/audit/service';
import { activatePolicyAndRecompute, waitForJob, getJob } from '../../modules/monitoring/service';
import { createPolicyDraft, getEffectivePolicy, getPolicy, listPolicies, STATUS_LABELS } from '../../modules/policy/service';

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`读取规则文件 ${path} 失败：${(e as Error).message}`);
  }
}

export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('政策参数：查看、比较生效规则、新建草稿、使草稿生效（生效后自动重新评估该地区）');

  policy
    .command('list')
    .description('列出政策记录（每个地区、生效年份的各个版本）')
    .option('--region <code>', '只看某地区（0 为全国）')
    .action(async (opts: { region?: string }) => {
      const items = await withDatabase((database) => listPolicies(database.db, { regionCode: opts.region }));
      for (const p of items) {
        console.log(`${p.id}\t${p.regionName}（${p.regionCode}）\t${p.effectiveYear} 年起\t第 ${p.version} 版\t${STATUS_LABELS[p.status]}\t${p.title}`);
      }
      if (!items.length) console.log('没有政策记录');
    });

  policy
    .command('show')
    .argument('<id>', '政策记录编号')
    .description('显示一条政策记录（含规则 JSON）')
    .action(async (id: string) => {
      const p = await withDatabase((database) => getPolicy(database.db, id));
      console.log(JSON.stringify(p, null, 2));
    });

  policy
    .command('effective')
    .description('某地、某年实际生效的规则（逐级合并）及所用版本')
    .requiredOption('--year <year>', '年份')
    .option('--place <code>', '行政区划代码（默认全国）', '0')
    .action(async (opts: { year: string; place: string }) => {
      const e = await withDatabase((database) => getEffectivePolicy(database.db, opts.place, Number(opts.year)));
      console.log(`${e.place.name}（${e.place.code}）${e.year} 年所用版本：${e.versions.map((v) => `${v.title}（${v.regionCode}，${v.effectiveYear} 年第 ${v.version} 版）`).join(' → ')}`);
      console.log(JSON.stringify(e.rules, null, 2));
    });

  policy
    .command('draft')
    .description('新建政策草稿（规则取自 JSON 文件；全国记录须完整，其他地区只写要覆盖的字段）')
    .requiredOption('--region <code>', '适用地区代码（0 为全国）')
    .requiredOption('--year <year>', '生效年份')
    .requiredOption('--title <title>', '名称')
    .requiredOption('--rules <file.json>', '规则 JSON 文件')
    .option('--note <text>', '说明')
    .action(async (opts: { region: string; year: string; title: string; rules: string; note?: string }) => {
      const rules = readJson(opts.rules);
      const p = await withDatabase((database) =>
        createPolicyDraft(database.db, { regionCode: opts.region, effectiveYear: Number(opts.year), title: opts.title, note: opts.note, rules }, CONSOLE_ACTOR),
      );
      console.log(`已保存草稿 ${p.id}：${p.regionName} ${p.effectiveYear} 年起第 ${p.version} 版“${p.title}”`);
    });

  policy
    .command('activate')
    .argument('<id>', '草稿编号')
    .description('使草稿生效（同一地区同一生效年份的原版本改为“已被取代”），并重新评估该地区')
    .action(async (id: string) => {
      await withDatabase(async (database) => {
        const result = await activatePolicyAndRecompute(database, id, CONSOLE_ACTOR);
        console.log(`已生效：${result.policy.title}（第 ${result.policy.version} 版）${result.superseded ? `，取代 ${result.superseded}` : ''}`);
        console.log(`正在重新评估 ${result.policy.regionName}（任务 #${result.jobId}）…`);
        await waitForJob(result.jobId);
        const job = await getJob(database, result.jobId);
        console.log(job.message ?? '');
        if (job.status !== 'done') process.exitCode = 1;
      });
    });
}
