import type { Command } from 'commander';
import type { Database } from '../../db/database';
import { withDatabase } from '../context';
import { loadPlaces } from '../../modules/places/load';
import { assertDemoNotLoaded, hasDemoPlaces, loadDemo } from '../../modules/demo/service';
import { DEMO_PLACE_PREFIXES } from '../../modules/demo/plan';
import { loadDemoTargets } from '../../modules/demo/service';

/** Load the demo registry (and the demo regions' places if they are missing), logging progress in Chinese. */
export async function loadDemoWithLog(database: Database, log: (message: string) => void): Promise<void> {
  await assertDemoNotLoaded(database);
  if (!(await hasDemoPlaces(database))) {
    log('正在载入演示地区的行政区划…');
    const added = await loadPlaces(database, { prefixes: [...DEMO_PLACE_PREFIXES] });
    log(`行政区划新增 ${added} 条`);
  }
  log('正在生成并载入演示数据（商丘市、察隅县、连州市星子镇、龙陵县龙山镇）…');
  const summary = await loadDemo(database, { onProgress: (p) => log('  ' + p.message) });
  log(`演示数据载入完成：${summary.households} 户 ${summary.persons} 人，用时 ${(summary.milliseconds / 1000).toFixed(1)} 秒`);
  log(`减贫目标（seed 002 察隅县、seed 003 星子镇）${await loadDemoTargets(database.db)} 条已写入`);
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('载入演示数据（商丘市、察隅县、连州市星子镇、龙陵县龙山镇，按种子文件的数字生成；已有演示数据时拒绝）')
    .action(async () => {
      await withDatabase((database) => loadDemoWithLog(database, (m) => console.log(m)));
    });
}
