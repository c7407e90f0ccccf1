/**
 * 驻村工作队 on the ground (POLICY §8): a member's days (在岗, approved 因公外出, 请假) recorded per
 * day, his month against the policy minimum prorated by the days assigned, teams under the
 * minimum size, poor villages without a team, 民情日记, leave and replacement (the old member
 * leaves, a cadre takes the same role, in one transaction). Teams and members are assistance's
 * (village_team_member, through its service).
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { addDays, daysBetween } from '../../domain/dates';
import { monthBounds, onPostOf, PRESENCE_KINDS, TEAM_ROLES, type OnPost } from '../../domain/rhythm/onPost';
import { badRequest, notFound } from '../../server/errors';
import { addTeamMember, endTeamMember, findCadre, findTeamMember, listTeams } from '../assistance/service';
import { recordAudit } from '../audit/service';
import { placeNames } from '../places/service';
import { loadActivePolicies, resolveOrFail } from '../policy/service';
import type { LedgerContext } from '../rectification/service';
import { refreshStaleRollups, remainingPoorByLevels, reportYear } from '../reports/service';
import * as q from './teamQueries';

/** Local defaults when no policy record sets them (POLICY §8). */
export const WORK_TEAM_DEFAULTS = { monthlyMinDays: 20, minMembers: 3 };

async function teamRules(db: Db, place: string, year: number) {
  const rules = resolveOrFail(await loadActivePolicies(db), place === '0' ? '0' : place, year).rules;
  return { monthlyMinDays: rules.workTeams?.monthlyMinDays ?? WORK_TEAM_DEFAULTS.monthlyMinDays, minMembers: rules.workTeams?.minMembers ?? WORK_TEAM_DEFAULTS.minMembers };
}

async function memberOf(db: Db, id: number) {
  const member = await findTeamMember(db, id);
  if (!member) throw notFound(`驻村工作队队员 ${id} `);
  return member;
}
export { memberOf as locateTeamMember };

export interface PresenceInput {
  memberId: number;
  onDate: string;
  kind: keyof typeof PRESENCE_KINDS;
  note?: string | null;
}

/** Record a member's day (a repeated one replaces the day's kind): only while he is posted, never ahead of today. */
export async function recordPresence(db: Db, input: PresenceInput, ctx: LedgerContext) {
  const member = await memberOf(db, input.memberId);
  if (input.onDate > ctx.today) throw badRequest(`日期（onDate）${input.onDate} 晚于今天 ${ctx.today}`, [{ field: 'onDate', value: input.onDate }]);
  if (input.onDate < member.startedOn || (member.endedOn && input.onDate > member.endedOn)) {
    throw badRequest(`日期（onDate）${input.onDate} 不在 ${member.cadreName} 的驻村期间（${member.startedOn} 至 ${member.endedOn ?? '今'}）`, [{ field: 'onDate', value: input.onDate }]);
  }
  const county = member.villageCode.slice(0, 6);
  await db.transaction().execute(async (tx) => {
    await q.upsertPresence(tx, { county, memberId: member.id, onDate: input.onDate, kind: input.kind, note: input.note ?? null, by: ctx.actor.username, at: ctx.actor.at ?? new Date() });
    await recordAudit(tx, { ...ctx.actor, action: 'work_team.presence', objectType: 'village_team_member', objectId: String(member.id), placeCode: member.villageCode, after: input });
  });
  return { memberId: member.id, onDate: input.onDate, kind: input.kind };
}

export interface LeaveInput {
  memberId: number;
  fromOn: string;
  toOn: string;
  reason: string;
}

/** 请假: every day of the range recorded as leave; refused over a day already recorded on post. */
export async function recordLeave(db: Db, input: LeaveInput, ctx: LedgerContext) {
  const member = await memberOf(db, input.memberId);
  if (input.toOn < input.fromOn) throw badRequest(`请假结束日期（toOn）${input.toOn} 早于开始日期 ${input.fromOn}`, [{ field: 'toOn', value: input.toOn }]);
  if (daysBetween(input.fromOn, input.toOn) > 92) throw badRequest('一次请假不超过 93 天', [{ field: 'toOn', value: input.toOn }]);
  const county = member.villageCode.slice(0, 6);
  await db.transaction().execute(async (tx) => {
    const taken = (await q.presenceOn(tx, county, member.id, input.fromOn, input.toOn)).find((p) => p.kind !== 'leave');
    if (taken) throw badRequest(`${taken.onDate} 已记为${PRESENCE_KINDS[taken.kind as keyof typeof PRESENCE_KINDS]}，不能再记请假`, [{ field: 'fromOn', value: taken.onDate }]);
    for (let day = input.fromOn; day <= input.toOn; day = addDays(day, 1)) {
      await q.upsertPresence(tx, { county, memberId: member.id, onDate: day, kind: 'leave', note: input.reason, by: ctx.actor.username, at: ctx.actor.at ?? new Date() });
    }
    await recordAudit(tx, { ...ctx.actor, action: 'work_team.leave', objectType: 'village_team_member', objectId: String(member.id), placeCode: member.villageCode, after: input });
  });
  return { memberId: member.id, days: daysBetween(input.fromOn, input.toOn) + 1 };
}

export interface ReplacementInput {
  memberId: number;
  endedOn: string;
  reason: string;
  cadreId: number;
  startedOn: string;
}

/** 轮换 / 替换: the member leaves on `endedOn`, the cadre takes the same role from `startedOn`. */
export async function replaceMember(db: Db, input: ReplacementInput, ctx: LedgerContext) {
  const member = await memberOf(db, input.memberId);
  if (!(await findCadre(db, input.cadreId))) throw badRequest(`接替干部（cadreId）${input.cadreId} 不存在`, [{ field: 'cadreId', value: input.cadreId }]);
  if (input.startedOn < input.endedOn) throw badRequest(`接替到岗日期（startedOn）${input.startedOn} 早于原队员离任日期 ${input.endedOn}`, [{ field: 'startedOn', value: input.startedOn }]);
  const id = await db.transaction().execute(async (tx) => {
    await endTeamMember(tx, member.id, input.endedOn, input.reason, ctx.actor);
    return addTeamMember(tx, { villageCode: member.villageCode, cadreId: input.cadreId, role: member.role, startedOn: input.startedOn }, ctx.actor);
  });
  return { endedMemberId: member.id, newMemberId: id };
}

export interface MemberMonth extends OnPost {
  id: number;
  cadreId: number;
  cadreName: string;
  unit: string;
  role: string;
  roleLabel: string;
  startedOn: string;
  endedOn: string | null;
}

/** The month of every team under a place: members against the minimum, small teams, poor villages without a team. */
export async function teamMonth(db: Db, scope: PlaceScope, place: string, month: string) {
  const year = Number(month.slice(0, 4));
  const rules = await teamRules(db, place, year);
  const { first, last } = monthBounds(month);
  const members = (await listTeams(db, scope, place)).filter((m) => m.startedOn <= last && (!m.endedOn || m.endedOn >= first));
  const days = await q.presenceOf(db, place, members.map((m) => m.id), first, last);
  await refreshStaleRollups(db, [place]);
  const { maxYear } = await reportYear(db, place, undefined);
  const statusYear = maxYear === null ? null : Math.min(year, maxYear);
  const poor = statusYear === null ? [] : (await remainingPoorByLevels(db, place, statusYear, new Map([['village', 0]]))).get('village') ?? [];
  const byVillage = new Map<string, MemberMonth[]>();
  for (const m of members) {
    const line: MemberMonth = {
      id: m.id, cadreId: m.cadreId, cadreName: m.cadreName, unit: m.unit, role: m.role, roleLabel: TEAM_ROLES[m.role] ?? m.role, startedOn: m.startedOn, endedOn: m.endedOn,
      ...onPostOf(rules.monthlyMinDays, month, m, days.get(m.id) ?? []),
    };
    byVillage.set(m.villageCode, [...(byVillage.get(m.villageCode) ?? []), line]);
  }
  const poorBy = new Map(poor.map((p) => [p.code, p]));
  const codes = [...new Set([...byVillage.keys(), ...poorBy.keys()])].sort();
  const names = await placeNames(db, codes);
  const villages = codes.map((code) => {
    const list = byVillage.get(code) ?? [];
    // Size at the month's end (or its last posted day): members still posted then.
    const active = list.filter((m) => !m.endedOn || m.endedOn >= last).length;
    return {
      villageCode: code, villageName: names.get(code)?.name ?? code, remainingPersons: poorBy.get(code)?.persons ?? 0,
      members: list, activeMembers: active, noTeam: active === 0, smallTeam: active > 0 && active < rules.minMembers, membersBelow: list.filter((m) => m.below).length,
    };
  });
  return {
    month, place, statusYear, rules,
    villages,
    withoutTeam: villages.filter((v) => v.remainingPersons > 0 && v.noTeam).map((v) => ({ villageCode: v.villageCode, villageName: v.villageName, remainingPersons: v.remainingPersons })),
    belowMinimum: villages.flatMap((v) => v.members.filter((m) => m.below).map((m) => ({ villageCode: v.villageCode, villageName: v.villageName, ...m }))),
    smallTeams: villages.filter((v) => v.smallTeam).map((v) => ({ villageCode: v.villageCode, villageName: v.villageName, activeMembers: v.activeMembers })),
  };
}

export interface DiaryInput {
  memberId: number;
  onDate: string;
  content: string;
}

/** 民情日记: an entry of a member, on a day of his posting. */
export async function addDiary(db: Db, input: DiaryInput, ctx: LedgerContext) {
  const member = await memberOf(db, input.memberId);
  if (input.onDate > ctx.today) throw badRequest(`日期（onDate）${input.onDate} 晚于今天 ${ctx.today}`, [{ field: 'onDate', value: input.onDate }]);
  const id = await db.transaction().execute(async (tx) => {
    const newId = await q.insertDiary(tx, { county: member.villageCode.slice(0, 6), villageCode: member.villageCode, memberId: member.id, onDate: input.onDate, content: input.content, by: ctx.actor.username });
    await recordAudit(tx, { ...ctx.actor, action: 'work_team.diary', objectType: 'team_diary', objectId: String(newId), placeCode: member.villageCode, after: { memberId: member.id, onDate: input.onDate } });
    return newId;
  });
  return { id };
}

export async function diaryOf(db: Db, place: string, month: string) {
  const { first, last } = monthBounds(month);
  const rows = await q.diaryUnder(db, place, first, last);
  const names = await placeNames(db, rows.map((r) => r.villageCode));
  return rows.map((r) => ({ ...r, villageName: names.get(r.villageCode)?.name ?? r.villageCode }));
}
