/**
 * The legal clock on monitoring-entry cases: each case read against the clock profile of the
 * province (resolved for its village and the year of its first clue), with its remaining time,
 * its colour and the level it is escalated to; and urgent measures started before the decision
 * where a disaster or an accident makes it urgent.
 */
import type { Db } from '../../db/database';
import type { HouseholdAccess } from '../../db/householdReach';
import { addDays, isCalendarDate } from '../../domain/dates';
import { calendarOf, caseClock, type CaseClock } from '../../domain/prevention/clock';
import { badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { loadActivePolicies } from '../policy/service';
import { entryCaseRow, entryCaseRows, insertUrgentMeasure, urgentMeasuresOf, type EntryCaseRow, type UrgentRow } from './queries';
import { rulesByVillage } from './screening';
import type { PolicyRecord } from '../../domain/policy/record';

export const URGENT_CAUSES: Record<string, string> = { disaster: '自然灾害', accident: '意外事故', illness: '突发重病', other: '其他紧急情况' };

const LEVEL_OF_ROLE: Record<string, string> = { village_operator: 'village', township_operator: 'township', county_operator: 'county' };

export interface CaseClockView extends CaseClock {
  caseId: number;
  householdNo: string;
  headName: string;
  villageCode: string;
  caseStatus: string;
  procedureStepLabel: string | null;
  urgentMeasures: (UrgentRow & { causeLabel: string })[];
}

function clockOf(records: readonly PolicyRecord[], row: EntryCaseRow, today: string, urgent: UrgentRow[]): CaseClockView {
  const clueOn = row.params.discoveredOn ?? today;
  const rules = rulesByVillage(records, Number(clueOn.slice(0, 4)))(row.villageCode);
  const profile = rules.clock.profiles[rules.clock.profile];
  const open = row.status === 'in_progress';
  const step = row.plan.steps.find((s) => s.code === row.stepCode) ?? null;
  const clock = caseClock({
    profileCode: rules.clock.profile, profile, calendar: calendarOf(rules.clock), redAfterDays: rules.clock.redAfterDays, clueOn, today,
    procedureStep: open ? row.stepCode : null, actorLevel: open && step ? LEVEL_OF_ROLE[step.roles[0]] ?? null : null,
    decidedOn: open ? null : row.decidedOn ?? today,
  });
  return {
    ...clock, caseId: row.id, householdNo: row.householdNo, headName: row.headName, villageCode: row.villageCode, caseStatus: row.status,
    procedureStepLabel: open ? step?.label ?? null : null,
    urgentMeasures: urgent.map((u) => ({ ...u, causeLabel: URGENT_CAUSES[u.cause] ?? u.cause })),
  };
}

async function urgentByCase(db: Db, rows: EntryCaseRow[]): Promise<Map<string, UrgentRow[]>> {
  const out = new Map<string, UrgentRow[]>();
  for (const county of new Set(rows.map((r) => r.countyCode))) {
    const found = await urgentMeasuresOf(db, county, rows.filter((r) => r.countyCode === county).map((r) => r.id));
    for (const u of found) out.set(`${county}:${u.caseId}`, [...(out.get(`${county}:${u.caseId}`) ?? []), u]);
  }
  return out;
}

/** Monitoring-entry cases of the place with their clocks: open ones and those closed in the last 30 days; most urgent first. */
export async function listCaseClocks(db: Db, input: { place: string; access: HouseholdAccess; today: string }): Promise<CaseClockView[]> {
  const rows = await entryCaseRows(db, input.place, input.access, addDays(input.today, -30));
  const records = await loadActivePolicies(db);
  const urgent = await urgentByCase(db, rows);
  const rank = { red: 0, orange: 1, on_time: 2, done_late: 3, done: 4 };
  return rows
    .map((r) => clockOf(records, r, input.today, urgent.get(`${r.countyCode}:${r.id}`) ?? []))
    .sort((a, b) => rank[a.status] - rank[b.status] || a.remaining - b.remaining);
}

export async function locateEntryCase(db: Db, id: number): Promise<EntryCaseRow | undefined> {
  return entryCaseRow(db, id);
}

export async function getCaseClock(db: Db, row: EntryCaseRow, today: string): Promise<CaseClockView> {
  const urgent = await urgentByCase(db, [row]);
  return clockOf(await loadActivePolicies(db), row, today, urgent.get(`${row.countyCode}:${row.id}`) ?? []);
}

export interface UrgentInput {
  startedOn: string;
  cause: string;
  measure: string;
}

/** Record a measure started before the decision (open cases only; a disaster, accident or the like named). */
export async function startUrgentMeasure(db: Db, row: EntryCaseRow, input: UrgentInput, author: { actor: AuditActor; username: string; today: string; at: Date }): Promise<CaseClockView> {
  if (row.status !== 'in_progress') throw conflict(`纳入监测程序第 ${row.id} 号已办结，不能再登记先行帮扶`);
  if (!(input.cause in URGENT_CAUSES)) throw badRequest(`紧急原因（cause）应为 ${Object.entries(URGENT_CAUSES).map(([c, l]) => `${c} ${l}`).join('、')} 之一，实为 ${JSON.stringify(input.cause)}`);
  if (!isCalendarDate(input.startedOn) || input.startedOn > author.today) throw badRequest(`开始日期（startedOn）${input.startedOn} 无效：应为不晚于今天的日期 YYYY-MM-DD`);
  if (!input.measure.trim()) throw badRequest('先行帮扶措施（measure）不能为空');
  await db.transaction().execute(async (tx) => {
    const id = await insertUrgentMeasure(tx, { countyCode: row.countyCode, caseId: row.id, householdNo: row.householdNo, startedOn: input.startedOn, cause: input.cause, measure: input.measure.trim(), by: author.username, at: author.at });
    await recordAudit(tx, {
      ...author.actor, at: author.at, action: 'prevention.urgent_measure', objectType: 'urgent_measure', objectId: String(id), placeCode: row.villageCode,
      after: { caseId: row.id, householdNo: row.householdNo, ...input }, note: `户 ${row.householdNo} 纳入监测认定前先行帮扶（${URGENT_CAUSES[input.cause]}）`,
    });
  });
  const fresh = await entryCaseRow(db, row.id);
  if (!fresh) throw notFound(`纳入监测程序第 ${row.id} 号 `);
  return getCaseClock(db, fresh, author.today);
}
