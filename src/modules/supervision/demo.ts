/**
 * The campaign part of the demo data, written in the demo load's transaction: seed 000's
 * spring-offensive plan of 龙山镇 with its tasks, seed 001's supervising leaders of 夏邑县 and
 * 虞城县 for 2020, and the registry rollups of the demo counties.
 */
import type { Db } from '../../db/database';
import type { AuditActor } from '../audit/service';
import { refreshRollups } from '../reports/service';
import { createPlan, SPRING_OFFENSIVE } from '../tasks/service';
import { upsertLeader } from './queries';

/** Seed 001, 五（一）1: 市委副书记陈向平同志督战夏邑县，副市长曹月坤同志督战虞城县. */
export const SHANGQIU_LEADERS = [
  { placeCode: '411426', year: 2020, leaderName: '陈向平', leaderTitle: '市委副书记' },
  { placeCode: '411425', year: 2020, leaderName: '曹月坤', leaderTitle: '副市长' },
];

export async function loadCampaignDemo(tx: Db, actor: AuditActor, countyCodes: readonly string[]): Promise<void> {
  await createPlan(tx, SPRING_OFFENSIVE, { actor, today: SPRING_OFFENSIVE.issuedOn ?? '2019-03-09' });
  for (const l of SHANGQIU_LEADERS) await upsertLeader(tx, { ...l, note: '商丘市脱贫攻坚挂牌督战工作实施方案（商脱贫组〔2020〕2号）', updatedBy: actor.username });
  await refreshRollups(tx, countyCodes);
}
