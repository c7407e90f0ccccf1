/**
 * 督查 and 问责 (POLICY §8, seed 000): inspection rounds (明察 / 暗访) of a county's places with
 * their team and dates; each finding, dated inside its round and for a place inside the round's
 * scope, opens a rectification at once (through the rectification service, in the same
 * transaction); a 通报 issued from a round freezes its items, its live follow-up (the
 * rectifications' state) is read beside it; a 问责 record cites a finding, a rectification, a
 * task or a written basis. A planned 暗访 round is visible only to its organiser until it starts.
 */
import type { Db } from '../../db/database';
import { isUnder, type PlaceScope } from '../../db/placeScope';
import { badRequest, notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import { placeNames } from '../places/service';
import { createRectification, getRectification, locateRectification, RECTIFICATION_STATUSES, type LedgerContext } from '../rectification/service';
import { getTask } from '../tasks/service';
import * as q from './inspectionQueries';
import type { FindingInput } from './schemas';
import { ACCOUNTABILITY_MEASURES, CAUSE_KINDS, INSPECTION_MODES } from '../../domain/rhythm/labels';

export { ACCOUNTABILITY_MEASURES, CAUSE_KINDS, INSPECTION_MODES };

export interface RoundInput {
  title: string;
  mode: keyof typeof INSPECTION_MODES;
  places: string[];
  team: string[];
  leader?: string | null;
  startsOn: string;
  endsOn: string;
}

const text = (v: string | null | undefined) => v ?? null;

/** Plan a round: its places must lie in one county and inside the organiser's scope (checked by the route). */
export async function createRound(db: Db, input: RoundInput, ctx: LedgerContext) {
  if (input.endsOn < input.startsOn) throw badRequest(`结束日期（endsOn）${input.endsOn} 早于开始日期 ${input.startsOn}`, [{ field: 'endsOn', value: input.endsOn }]);
  const county = input.places[0].slice(0, 6);
  const other = input.places.find((p) => p.length < 6 || p.slice(0, 6) !== county);
  if (other) throw badRequest(`督查对象（places）应在同一个县内：${other} 不在 ${county} 县内`, [{ field: 'places', value: other }]);
  const names = await placeNames(db, input.places);
  const unknown = input.places.find((p) => !names.has(p));
  if (unknown) throw badRequest(`督查对象（places）${unknown} 不存在`, [{ field: 'places', value: unknown }]);
  const id = await db.transaction().execute(async (tx) => {
    const newId = await q.insertRound(tx, { countyCode: county, title: input.title, mode: input.mode, places: [...new Set(input.places)], team: input.team, leader: text(input.leader), startsOn: input.startsOn, endsOn: input.endsOn, createdBy: ctx.actor.username });
    await recordAudit(tx, { ...ctx.actor, action: 'inspection.create', objectType: 'inspection_round', objectId: `${county}-${newId}`, placeCode: county, after: input });
    return newId;
  });
  return roundDetail(db, county, id, ctx.today, ctx.actor.username);
}

/** A covert round before its start is seen by its organiser only. */
const visible = (round: q.RoundRow, today: string, username: string | null) => round.mode !== 'covert' || today >= round.startsOn || round.createdBy === username;

export async function locateRound(db: Db, county: string, id: number, today: string, username: string | null): Promise<q.RoundRow | undefined> {
  const round = await q.findRound(db, county, id);
  return round && visible(round, today, username) ? round : undefined;
}

export async function roundDetail(db: Db, county: string, id: number, today: string, username: string | null) {
  const round = await locateRound(db, county, id, today, username);
  if (!round) throw notFound(`督查 ${county}-${id} `);
  const findings = await q.findingsOf(db, county, id);
  const follow = await Promise.all(findings.map((f) => getRectification(db, f.rectificationId, today)));
  const names = await placeNames(db, [...round.places, ...findings.map((f) => f.placeCode)]);
  return {
    ...round,
    modeLabel: INSPECTION_MODES[round.mode as keyof typeof INSPECTION_MODES] ?? round.mode,
    placeNames: round.places.map((p) => names.get(p)?.name ?? p),
    findings: findings.map((f, i) => ({
      ...f, placeName: names.get(f.placeCode)?.name ?? f.placeCode,
      rectificationStatus: follow[i].status, rectificationStatusLabel: follow[i].statusLabel, deadline: follow[i].deadline, overdue: follow[i].overdue, closedOn: follow[i].closedOn,
    })),
  };
}

export async function listRounds(db: Db, scope: PlaceScope, place: string, year: number, today: string, username: string | null) {
  const rounds = (await q.roundsUnder(db, place, year)).filter((r) => visible(r, today, username) && r.places.some((p) => scope.all || scope.codes.some((c) => isUnder(p, c) || isUnder(c, p))));
  const names = await placeNames(db, rounds.flatMap((r) => r.places));
  return rounds.map((r) => ({ ...r, modeLabel: INSPECTION_MODES[r.mode as keyof typeof INSPECTION_MODES] ?? r.mode, placeNames: r.places.map((p) => names.get(p)?.name ?? p) }));
}

/** A finding of a round: refused outside the round's places or dates; opens its rectification in the same transaction. */
export async function addFinding(db: Db, county: string, roundId: number, input: FindingInput, ctx: LedgerContext) {
  const round = await locateRound(db, county, roundId, ctx.today, ctx.actor.username);
  if (!round) throw notFound(`督查 ${county}-${roundId} `);
  if (!round.places.some((p) => isUnder(input.placeCode, p))) {
    throw badRequest(`发现问题的地区（placeCode）${input.placeCode} 不在本次督查的范围内（${round.places.join('、')}）`, [{ field: 'placeCode', value: input.placeCode }]);
  }
  if (input.foundOn < round.startsOn || input.foundOn > round.endsOn) {
    throw badRequest(`发现日期（foundOn）${input.foundOn} 不在本次督查的日期内（${round.startsOn} 至 ${round.endsOn}）`, [{ field: 'foundOn', value: input.foundOn }]);
  }
  const seq = await db.transaction().execute(async (tx) => {
    await q.findRound(tx, county, roundId, true);
    const rect = await createRectification(tx, {
      placeCode: input.placeCode,
      source: round.mode === 'covert' ? 'unannounced' : 'supervision_check',
      sourceRef: `督查 ${county}-${roundId}：${round.title}`,
      foundOn: input.foundOn,
      finding: input.finding,
      responsibleLeader: text(input.responsibleLeader),
      responsibleUnit: input.responsibleUnit,
      responsiblePerson: text(input.responsiblePerson),
      deadline: input.deadline,
      measures: text(input.measures),
    }, ctx);
    const n = await q.insertFinding(tx, county, roundId, { placeCode: input.placeCode, foundOn: input.foundOn, finding: input.finding, responsibleUnit: input.responsibleUnit, rectificationId: rect.id, createdBy: ctx.actor.username });
    await recordAudit(tx, { ...ctx.actor, action: 'inspection.finding', objectType: 'inspection_round', objectId: `${county}-${roundId}`, placeCode: input.placeCode, after: { seq: n, rectificationId: rect.id, ...input } });
    return n;
  });
  return { seq, round: await roundDetail(db, county, roundId, ctx.today, ctx.actor.username) };
}

export interface BulletinInput {
  title: string;
  docNo?: string | null;
  issuedOn: string;
  body?: string | null;
  praise: { placeCode?: string | null; text: string }[];
}

/** Issue a 通报 from a round: its findings become the 批评 items, frozen; 表扬 items as given. */
export async function issueBulletin(db: Db, county: string, roundId: number, input: BulletinInput, ctx: LedgerContext) {
  const round = await locateRound(db, county, roundId, ctx.today, ctx.actor.username);
  if (!round) throw notFound(`督查 ${county}-${roundId} `);
  if (input.issuedOn < round.startsOn) throw badRequest(`印发日期（issuedOn）${input.issuedOn} 早于督查开始日期 ${round.startsOn}`, [{ field: 'issuedOn', value: input.issuedOn }]);
  const id = await db.transaction().execute(async (tx) => {
    const findings = await q.findingsOf(tx, county, roundId);
    const items: q.BulletinItem[] = [
      ...input.praise.map((p) => ({ kind: 'praise' as const, placeCode: p.placeCode ?? null, text: p.text })),
      ...findings.map((f) => ({ kind: 'criticism' as const, placeCode: f.placeCode, text: `${f.finding}（责任单位：${f.responsibleUnit}）`, findingSeq: f.seq, rectificationId: f.rectificationId })),
    ];
    const newId = await q.insertBulletin(tx, { countyCode: county, roundId, title: input.title, docNo: text(input.docNo), issuedOn: input.issuedOn, body: text(input.body), items, issuedBy: ctx.actor.username });
    await recordAudit(tx, { ...ctx.actor, action: 'bulletin.issue', objectType: 'bulletin', objectId: `${county}-${newId}`, placeCode: county, after: { roundId, title: input.title, items: items.length } });
    return newId;
  });
  return bulletinDetail(db, county, id, ctx.today);
}

/** A 通报 as issued, with the live state of each criticised finding's rectification beside it. */
export async function bulletinDetail(db: Db, county: string, id: number, today: string) {
  const b = await q.findBulletin(db, county, id);
  if (!b) throw notFound(`通报 ${county}-${id} `);
  const names = await placeNames(db, [county, ...b.items.flatMap((i) => (i.placeCode ? [i.placeCode] : []))]);
  const items = await Promise.all(
    b.items.map(async (i) => {
      const rect = i.rectificationId ? await getRectification(db, i.rectificationId, today) : null;
      return {
        ...i, placeName: i.placeCode ? names.get(i.placeCode)?.name ?? i.placeCode : null,
        followUp: rect ? { status: rect.status, statusLabel: rect.statusLabel, closedOn: rect.closedOn, overdue: rect.overdue } : null,
      };
    }),
  );
  return { ...b, countyName: names.get(county)?.name ?? county, items };
}

export async function listBulletins(db: Db, place: string, year: number) {
  return (await q.bulletinsUnder(db, place, year)).map(({ items, ...b }) => ({ ...b, praise: items.filter((i) => i.kind === 'praise').length, criticism: items.filter((i) => i.kind === 'criticism').length }));
}

export interface AccountabilityInput {
  placeCode: string;
  person: string;
  position?: string | null;
  unit?: string | null;
  causeKind: keyof typeof CAUSE_KINDS;
  causeRef?: string | null;
  basis?: string | null;
  measure: keyof typeof ACCOUNTABILITY_MEASURES;
  decidedOn: string;
  note?: string | null;
}

/** The cause of a 问责 record in words, after checking it exists in the county. */
async function causeOf(db: Db, county: string, input: AccountabilityInput, today: string): Promise<string> {
  const ref = input.causeRef?.trim() ?? '';
  const refused = (what: string) => badRequest(`问责事由（causeRef）${ref || '（空）'}：${what}`, [{ field: 'causeRef', value: ref }]);
  if (input.causeKind === 'basis') {
    if (!input.basis?.trim()) throw badRequest('问责依据（basis）不能为空：事由为“其他依据”时须写明依据', [{ field: 'basis', value: input.basis ?? '' }]);
    return input.basis.trim();
  }
  if (input.causeKind === 'finding') {
    const m = /^(\d+)-(\d+)$/.exec(ref);
    if (!m) throw refused('督查发现问题应写作“督查编号-问题序号”，如 12-1');
    const f = await q.findingExists(db, county, Number(m[1]), Number(m[2]));
    if (!f) throw refused('本县没有这个督查发现问题');
    return `督查 ${ref} 发现问题：${f.finding}`;
  }
  if (!/^\d+$/.test(ref)) throw refused('应为编号（数字）');
  if (input.causeKind === 'rectification') {
    const where = await locateRectification(db, Number(ref));
    if (!where || !isUnder(where.placeCode, county)) throw refused('本县没有这个整改问题');
    const r = await getRectification(db, Number(ref), today);
    return `整改问题 ${ref}：${r.finding}（整改时限 ${r.deadline}，${r.statusLabel}${r.overdue ? '，已逾期' : ''}）`;
  }
  const task = await getTask(db, Number(ref), today).catch(() => null);
  if (!task || !isUnder(task.placeCode, county)) throw refused('本县没有这个工作任务');
  return `工作任务 ${ref}：${task.title}（完成时限 ${task.deadline}）`;
}

export async function recordAccountability(db: Db, input: AccountabilityInput, ctx: LedgerContext) {
  const county = input.placeCode.slice(0, 6);
  if (input.decidedOn > ctx.today) throw badRequest(`决定日期（decidedOn）${input.decidedOn} 晚于今天 ${ctx.today}`, [{ field: 'decidedOn', value: input.decidedOn }]);
  const causeText = await causeOf(db, county, input, ctx.today);
  const id = await db.transaction().execute(async (tx) => {
    const newId = await q.insertAccountability(tx, {
      countyCode: county, placeCode: input.placeCode, person: input.person, position: text(input.position), unit: text(input.unit), causeKind: input.causeKind,
      causeRef: text(input.causeRef), causeText, basis: text(input.basis), measure: input.measure, decidedOn: input.decidedOn, note: text(input.note),
    }, ctx.actor.username);
    await recordAudit(tx, { ...ctx.actor, action: 'accountability.create', objectType: 'accountability', objectId: `${county}-${newId}`, placeCode: input.placeCode, after: { ...input, causeText } });
    return newId;
  });
  return { id, causeText };
}

export async function accountabilityLedger(db: Db, scope: PlaceScope, place: string, year: number) {
  const rows = await q.accountabilityUnder(db, scope, place, year);
  const names = await placeNames(db, rows.map((r) => r.placeCode));
  return rows.map((r) => ({
    ...r, placeName: names.get(r.placeCode)?.name ?? r.placeCode,
    causeKindLabel: CAUSE_KINDS[r.causeKind as keyof typeof CAUSE_KINDS] ?? r.causeKind,
    measureLabel: ACCOUNTABILITY_MEASURES[r.measure as keyof typeof ACCOUNTABILITY_MEASURES] ?? r.measure,
  }));
}

export { RECTIFICATION_STATUSES };
