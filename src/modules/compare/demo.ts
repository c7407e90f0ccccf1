/**
 * Comparison demo data (documented in docs/compare.md): for each demo county given, one complete
 * reference batch of every kind (source marked 演示数据, as of 2020-06-30) drawn from the demo
 * registry so that every rule has hits and near-misses, then one comparison run over the counties
 * and a share of its 疑点 worked (see workDemoHits). Runs inside the demo load's transaction;
 * the closed 清退 and 纳入监测 cases follow it (demoClosures.ts).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { addDays } from '../../domain/dates';
import type { AuditActor } from '../audit/service';
import { recordAudit } from '../audit/service';
import { plantBatch, workDemoHits, type PlantedRow } from './demoQueries';
import { activeRuleSet } from './ruleSets';
import { compareCounties } from './run';

export const DEMO_AS_OF = '2020-06-30';
const SOURCE = '演示数据（虚构，非真实部门数据）';
const POOR = ['poor', 'returned', 'monitored'];
const NOT_POOR = ['not_poor', 'exited', 'risk_eliminated'];

/** Every kind's planted rows: the first of each is a hit of its rule, the others near-misses. */
const PLAN: Record<string, PlantedRow[]> = {
  vehicle: [
    { pick: { mod: 25, rest: 1, statuses: POOR }, category: '小型轿车', status: '正常', amount: 80000, detail: { 号牌号码: '演示车牌' } },
    { pick: { mod: 25, rest: 2, statuses: POOR }, category: '拖拉机', status: '正常', amount: 40000, detail: { 号牌号码: '演示车牌' } },
    { pick: { mod: 25, rest: 3, statuses: POOR }, category: '小型轿车', status: '正常', amount: 20000, detail: { 号牌号码: '演示车牌' } },
  ],
  business: [
    { pick: { mod: 25, rest: 4, statuses: POOR }, category: '有限责任公司', role: '股东', status: '存续', amount: 150000, detail: { 市场主体名称: '演示商贸有限公司' } },
    { pick: { mod: 25, rest: 5, statuses: POOR }, category: '农民专业合作社', role: '法定代表人', status: '存续', amount: 300000, detail: { 市场主体名称: '演示种养合作社' } },
  ],
  payroll: [{ pick: { mod: 25, rest: 6, statuses: POOR }, role: '在编', detail: { 单位名称: '演示县某局' } }],
  housing: [
    { pick: { mod: 25, rest: 7, statuses: POOR }, category: '商品房', role: '县城', onDate: '2019-08-01', detail: { 房屋坐落: '县城演示小区' } },
    { pick: { mod: 25, rest: 8, statuses: POOR }, category: '商品房', role: '集镇', onDate: '2019-08-01', detail: { 房屋坐落: '集镇演示街' } },
  ],
  social_insurance: [
    { pick: { mod: 25, rest: 9, statuses: POOR }, category: '城镇职工基本养老保险', status: '领取' },
    { pick: { mod: 800, rest: 10 }, category: '城乡居民基本养老保险', status: '领取' },
  ],
  death: [{ pick: { mod: 500, rest: 11 }, onDate: '2020-03-01' }],
  move: [
    { pick: { mod: 500, rest: 12 }, category: '440106', role: '务工', onDate: '2020-02-01' },
    { pick: { mod: 500, rest: 13 }, category: '440106', role: '升学', onDate: '2019-09-01' },
    { pick: { mod: 500, rest: 18 }, role: '婚嫁', onDate: '2020-01-01', category: sql`(SELECT x.village_code FROM household x WHERE x.county_code = p.county_code AND x.village_code <> h.village_code ORDER BY x.village_code LIMIT 1)` },
  ],
  assistance: [
    { pick: { mod: 3, rest: 0, attributes: ['dibao', 'tekun'] }, category: '低保', status: '在保', onDate: '2018-01-01' },
    { pick: { mod: 300, rest: 14, attributes: ['general'] }, category: '低保', status: '在保', onDate: '2019-01-01' },
  ],
  disability: [
    { pick: { mod: 3, rest: 0, health: 'disabled' }, category: '肢体', status: '有效', grade: sql`p.disability_grade` },
    { pick: { mod: 3, rest: 1, health: 'disabled' }, category: '肢体', status: '有效', grade: sql`(coalesce(p.disability_grade, 1) % 4 + 1)::smallint` },
    { pick: { mod: 600, rest: 15, health: 'not_disabled' }, category: '视力', status: '有效', grade: sql`3::smallint` },
  ],
  medical: [
    { pick: { mod: 300, rest: 16, statuses: NOT_POOR }, onDate: '2020-01-15', amount: 12000, detail: { '总费用（元）': '40000' } },
    { pick: { mod: 300, rest: 17, statuses: NOT_POOR }, onDate: '2020-04-15', amount: 4000, detail: { '总费用（元）': '9000' } },
  ],
};

export async function loadCompareDemo(tx: Db, actor: AuditActor, counties: readonly string[], at: Date = new Date()): Promise<{ batches: number; hits: number }> {
  const rules = await activeRuleSet(tx, actor.username, at);
  const today = '2020-07-15';
  let batches = 0;
  let hits = 0;
  for (const county of counties) {
    for (const [kind, rows] of Object.entries(PLAN)) {
      await plantBatch(tx, county, kind, SOURCE, DEMO_AS_OF, at, rows);
      batches++;
    }
  }
  for (const run of await compareCounties(tx, counties, { version: rules.version, set: rules.rules }, { today, at })) hits += run.added;
  for (const county of counties) {
    await workDemoHits(tx, county, today, addDays(today, rules.rules.verifyDays), addDays(today, 40), at);
  }
  await recordAudit(tx, { ...actor, at, action: 'compare.demo_load', objectType: 'compare_batch', placeCode: '0', after: { counties, batches, hits }, note: '载入大数据比对演示数据' });
  return { batches, hits };
}
