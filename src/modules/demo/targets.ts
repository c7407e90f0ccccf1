/**
 * The demo's targets, from the seeds the demo registry reproduces: 察隅县's exits per township
 * for 2016–2018 (seed 002: 2210 / 2365 / 1585 persons) and 星子镇's 30/30/40% (seed 003:
 * 1082 / 1082 / 1444 persons), as the county and township set them, written through the
 * targets service.
 */
import type { Db } from '../../db/database';
import { upsertTargets, type TargetValues } from '../targets/service';
import { CHAYU, XINGZI } from './plan';

const SOURCE_002 = 'seed 002：察县委〔2016〕15号 年度目标';
const SOURCE_003 = 'seed 003：星子镇 2016–2018 年 30%、30%、40%';

export function demoTargets(): TargetValues[] {
  const rows: TargetValues[] = CHAYU.exits.map((e) => ({ place_code: e.townshipCode, year: e.year, persons: e.persons, households: null, source: SOURCE_002, updated_by: '(演示数据)' }));
  for (const year of new Set(CHAYU.exits.map((e) => e.year))) {
    const persons = CHAYU.exits.filter((e) => e.year === year).reduce((n, e) => n + e.persons, 0);
    rows.push({ place_code: CHAYU.countyCode, year, persons, households: null, source: SOURCE_002, updated_by: '(演示数据)' });
  }
  for (const e of XINGZI.exits) rows.push({ place_code: XINGZI.townshipCode, year: e.year, persons: e.persons, households: null, source: SOURCE_003, updated_by: '(演示数据)' });
  return rows;
}

/** Write the demo targets (idempotent: a second run sets the same values). */
export async function loadDemoTargets(db: Db, at = new Date()): Promise<number> {
  const rows = demoTargets();
  await upsertTargets(db, rows, at);
  return rows.length;
}
