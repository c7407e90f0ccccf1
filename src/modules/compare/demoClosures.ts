/**
 * Worked cases of the comparison demo taken through the 疑点 ledger's own service after the demo
 * load's transaction (each step is its own transaction, as in use): 疑点 of exclusion rules
 * sent down, verified with a photo, reviewed and confirmed as 清退 (the household deregistered
 * for 2020 through the registry service), and 医保 leads verified as 纳入监测 (a monitoring entry
 * procedure started and linked), reviewed and confirmed. The photo is an invented image named as
 * demo data; every note says 演示数据.
 */
import type { Db } from '../../db/database';
import type { Outcome } from '../../domain/compare/rules';
import type { AuditActor } from '../audit/service';
import { storeEvidence } from '../procedures/service';
import { demoHitsToClose } from './demoQueries';
import { actOnHit, type HitAuthor } from './hits';

/** A 16 × 12 pale green PNG standing for the village's site photo (invented). */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAIAAADkharWAAAAFUlEQVR42mM4cecESYhhVMOoBuwIACeW0RCBiNgbAAAAAElFTkSuQmCC', 'base64');
const YEAR = 2020;
const DAYS = { send: '2020-07-16', verify: '2020-07-20', review: '2020-07-22', confirm: '2020-07-24' };

export interface DemoClosurePlan {
  /** Counties where exclusion 疑点 are closed as 清退 (their households deregistered), and how many per county. */
  removed: { counties: readonly string[]; perCounty: number };
  /** Counties where 医保 leads are closed as 纳入监测, and how many per county. */
  monitoring: { counties: readonly string[]; perCounty: number };
}

const NOTES: Record<'removed' | 'monitoring', { verify: string; confirm: string }> = {
  removed: { verify: '入户核实属实，家庭条件明显好于当地农户（演示数据）', confirm: '县级确认清退（演示数据）' },
  monitoring: { verify: '入户核实：大病住院自付较多，存在返贫风险，发起纳入监测（演示数据）', confirm: '县级确认纳入监测（演示数据）' },
};

async function workToOutcome(db: Db, hit: { id: number; villageCode: string }, outcome: 'removed' | 'monitoring', actor: AuditActor, at: Date): Promise<void> {
  const as = (role: string, today: string): HitAuthor => ({ actor: { ...actor, role }, username: '(演示数据)', role, today, at });
  const anywhere = async () => {};
  await actOnHit(db, hit.id, { action: 'send', note: '', evidence: [] }, as('county_operator', DAYS.send), anywhere);
  const photo = await storeEvidence(db, { placeCode: hit.villageCode, kind: 'compare_photo', name: '演示现场照片（虚构）.png', declaredType: 'image/png', bytes: PHOTO, uploadedBy: '(演示数据)', at });
  await actOnHit(db, hit.id, { action: 'verify', outcome: outcome as Outcome, note: NOTES[outcome].verify, evidence: [photo.id], year: YEAR, monitorCategory: 'sudden' },
    as('village_operator', DAYS.verify), anywhere);
  await actOnHit(db, hit.id, { action: 'review_pass', note: '乡镇审核通过（演示数据）', evidence: [] }, as('township_operator', DAYS.review), anywhere);
  await actOnHit(db, hit.id, { action: 'confirm', outcome: outcome as Outcome, note: NOTES[outcome].confirm, evidence: [], year: YEAR }, as('county_operator', DAYS.confirm), anywhere);
}

/** Work the planned demo 疑点 to 清退 and 纳入监测; returns how many of each were closed. */
export async function closeCompareDemo(db: Db, actor: AuditActor, plan: DemoClosurePlan, at: Date = new Date()): Promise<{ removed: number; monitoring: number }> {
  const done = { removed: 0, monitoring: 0 };
  for (const outcome of ['removed', 'monitoring'] as const) {
    const { counties, perCounty } = plan[outcome];
    for (const hit of await demoHitsToClose(db, counties, outcome, perCounty)) {
      await workToOutcome(db, hit, outcome, actor, at);
      done[outcome]++;
    }
  }
  return done;
}
