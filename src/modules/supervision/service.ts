/**
 * Use cases of listed supervision (挂牌督战): the listing of a place's counties, townships and
 * villages at a date, computed from the registry (status history through the rollup) with the
 * thresholds of the policy in force; each listed place with its supervising leader, open
 * rectifications and latest figures (delistable once they are at or below the line); the
 * detail of one listed place; leaders assigned; findings handed to departments (交办) as
 * rectifications.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import type { PolicyRecord } from '../../domain/policy/record';
import { PolicyResolutionError } from '../../domain/policy/resolve';
import { AppError, conflict, notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import { loadActivePolicies } from '../policy/service';
import { createRectification, openRectificationsUnder, type LedgerContext } from '../rectification/service';
import {
  causeReport,
  dateAfterYearEnd,
  preparedOf,
  progressReport,
  remainingPoorByLevels,
  remainingPoorOf,
  statusYearAt,
  type CauseReport,
  type PreparedPlace,
  type ReportPlace,
} from '../reports/service';
import { placeNames } from '../places/service';
import { villagesListedByIncidence } from '../villages/service';
import { decideListing, delistable, lowestThreshold, thresholdFor, type ListingLevel, type Threshold } from './listing';
import * as q from './queries';

export interface ListedPlace {
  code: string;
  name: string;
  level: ListingLevel;
  /** The county of a township or village. */
  countyName: string | null;
  households: number;
  persons: number;
  threshold: number;
  policyKey: string;
  reason: string;
  leader: { name: string; title: string | null } | null;
  openRectifications: number;
  overdueRectifications: number;
  /** Figures at the latest year-end the registry has. */
  latestYear: number;
  latestHouseholds: number;
  latestPersons: number;
  /** At or below the line at the latest year-end: may be delisted (摘牌). */
  delistable: boolean;
}

export interface Listing {
  place: ReportPlace;
  asOf: string | null;
  /** The year-end whose figures decide (a plan dated 2020-03-03 reads the end of 2019). */
  statusYear: number | null;
  /** The campaign year: the policy in force and the leaders are of this year. */
  campaignYear: number | null;
  latestYear: number | null;
  thresholds: { county: number; township: number; village: number } | null;
  counties: ListedPlace[];
  townships: ListedPlace[];
  villages: ListedPlace[];
  notes: string[];
}

const LEVELS: ListingLevel[] = ['county', 'township', 'village'];
const LEVEL_OF_LENGTH: Record<number, number> = { 1: 0, 2: 1, 4: 2, 6: 3, 9: 4, 12: 5 };
const LEVEL_NUMBER: Record<ListingLevel, number> = { county: 3, township: 4, village: 5 };

function policyFailure(e: unknown): never {
  if (e instanceof PolicyResolutionError) throw new AppError(400, 'policy_unresolved', e.message);
  throw e;
}

function threshold(records: readonly PolicyRecord[], level: ListingLevel, code: string, year: number): Threshold {
  try {
    return thresholdFor(records, level, code, year);
  } catch (e) {
    policyFailure(e);
  }
}

/** The listing of a place at a date (default: the day after the latest year-end the registry has). */
export async function supervisionListing(db: Db, scope: PlaceScope, placeCode: string, options: { asOf?: string; today: string; prepared?: PreparedPlace }): Promise<Listing> {
  const { place, span } = await preparedOf(db, placeCode, options.prepared);
  const notes = ['村级挂牌另按“未出列贫困村贫困发生率超过 10%”（2020 年全国规则），户籍人口取自当年村情；未填村情的村不按此条判断。'];
  const asOf = options.asOf ?? (span.maxYear === null ? null : dateAfterYearEnd(span.maxYear));
  if (asOf === null || span.maxYear === null) {
    return { place, asOf, statusYear: null, campaignYear: null, latestYear: null, thresholds: null, counties: [], townships: [], villages: [], notes };
  }
  const statusYear = statusYearAt(asOf);
  const campaignYear = Number(asOf.slice(0, 4));
  const records = await loadActivePolicies(db);
  const placeLevel = LEVEL_OF_LENGTH[placeCode.length];
  const listed: ListedPlace[] = [];
  const lines = new Map(LEVELS.filter((level) => LEVEL_NUMBER[level] >= placeLevel).map((level) => [level, lowestThreshold(records, level)]));
  const byLevel = await remainingPoorByLevels(db, placeCode, statusYear, lines);
  for (const level of LEVELS) {
    for (const c of byLevel.get(level) ?? []) {
      const decision = decideListing(level, c.persons, statusYear, threshold(records, level, c.code, campaignYear));
      if (!decision.listed) continue;
      listed.push({
        code: c.code, name: c.code, level, countyName: null, households: c.households, persons: c.persons,
        threshold: decision.threshold.persons, policyKey: decision.threshold.policyKey, reason: decision.reason,
        leader: null, openRectifications: 0, overdueRectifications: 0,
        latestYear: statusYear, latestHouseholds: c.households, latestPersons: c.persons, delistable: false,
      });
    }
  }
  const byIncidence = LEVEL_NUMBER.village >= placeLevel ? await addListedByIncidence(db, placeCode, listed, statusYear, campaignYear, records) : new Set<string>();
  await complete(db, scope, listed, { campaignYear, latestYear: span.maxYear, statusYear, today: options.today });
  // Delisting by incidence needs the village's record of the later year; not judged here.
  for (const l of listed) if (byIncidence.has(l.code)) l.delistable = false;
  const here = (level: ListingLevel) => listed.filter((l) => l.level === level);
  let thresholds: Listing['thresholds'] = null;
  if (placeCode !== '0') {
    const at = (level: ListingLevel) => threshold(records, level, placeCode, campaignYear).persons;
    thresholds = { county: at('county'), township: at('township'), village: at('village') };
  }
  return { place, asOf, statusYear, campaignYear, latestYear: span.maxYear, thresholds, counties: here('county'), townships: here('township'), villages: here('village'), notes };
}

/** Villages listed by the incidence rule (> 10%, villages module), besides those listed by their persons. */
async function addListedByIncidence(db: Db, placeCode: string, listed: ListedPlace[], statusYear: number, campaignYear: number, records: readonly PolicyRecord[]): Promise<Set<string>> {
  const codes = new Set<string>();
  for (const v of await villagesListedByIncidence(db, placeCode, statusYear, campaignYear, records)) {
    codes.add(v.code);
    const already = listed.find((l) => l.code === v.code);
    if (already) {
      already.reason = `${already.reason}；${v.reason}`;
      continue;
    }
    const line = threshold(records, 'village', v.code, campaignYear);
    listed.push({
      code: v.code, name: v.code, level: 'village', countyName: null, households: v.poorHouseholds, persons: v.poorPersons,
      threshold: line.persons, policyKey: line.policyKey, reason: v.reason, leader: null, openRectifications: 0, overdueRectifications: 0,
      latestYear: statusYear, latestHouseholds: v.poorHouseholds, latestPersons: v.poorPersons, delistable: false,
    });
  }
  listed.sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.code.localeCompare(b.code));
  return codes;
}

/** Names, leaders, open rectifications and latest figures of the listed places. */
async function complete(db: Db, scope: PlaceScope, listed: ListedPlace[], at: { campaignYear: number; latestYear: number; statusYear: number; today: string }): Promise<void> {
  const codes = listed.map((l) => l.code);
  // Independent reads, side by side (one after another on a single connection).
  const [names, leaders, open, latestRows] = await Promise.all([
    placeNames(db, [...codes, ...codes.map((c) => c.slice(0, 6))]),
    q.leadersOf(db, codes, at.campaignYear),
    openRectificationsUnder(db, scope, codes, at.today),
    at.latestYear === at.statusYear
      ? []
      : Promise.all(LEVELS.map((level) => remainingPoorOf(db, level, listed.filter((l) => l.level === level).map((l) => l.code), at.latestYear))),
  ]);
  const latest = new Map<string, { households: number; persons: number }>(latestRows.flat().map((r) => [r.code, r]));
  for (const l of listed) {
    l.name = names.get(l.code)?.name ?? l.code;
    l.countyName = l.level === 'county' ? null : names.get(l.code.slice(0, 6))?.name ?? null;
    const leader = leaders.get(l.code);
    l.leader = leader ? { name: leader.leaderName, title: leader.leaderTitle } : null;
    l.openRectifications = open.get(l.code)?.open ?? 0;
    l.overdueRectifications = open.get(l.code)?.overdue ?? 0;
    if (at.latestYear !== at.statusYear) {
      const now = latest.get(l.code) ?? { households: 0, persons: 0 };
      l.latestYear = at.latestYear;
      l.latestHouseholds = now.households;
      l.latestPersons = now.persons;
      l.delistable = delistable(now.persons, { persons: l.threshold, policyKey: l.policyKey, policyTitle: '' });
    }
  }
}

export interface ListedPlaceDetail {
  listing: ListedPlace | null;
  place: ReportPlace;
  asOf: string | null;
  causes: CauseReport;
  trend: { year: number; remainingHouseholds: number; remainingPersons: number; exitsPersons: number }[];
  snapshots: { month: string; households: number; persons: number }[];
}

/** One place of the listing: whether and why it is listed, its remaining poor by cause and its trend. */
export async function listedPlaceDetail(db: Db, scope: PlaceScope, code: string, options: { asOf?: string; today: string }): Promise<ListedPlaceDetail> {
  if (code.length < 6) throw notFound(`挂牌督战对象 ${code} `);
  const parent = code.length === 6 ? code : code.slice(0, code.length === 9 ? 6 : 9);
  const listing = await supervisionListing(db, scope, parent, options);
  const all = [...listing.counties, ...listing.townships, ...listing.villages];
  const causes = await causeReport(db, code, { year: listing.statusYear ?? undefined });
  const progress = await progressReport(db, code);
  const snapshots = await q.snapshotsOf(db, code);
  return {
    listing: all.find((l) => l.code === code) ?? null,
    place: causes.place,
    asOf: listing.asOf,
    causes,
    trend: progress.years.map((y) => ({ year: y.year, remainingHouseholds: y.remainingHouseholds, remainingPersons: y.remainingPersons, exitsPersons: y.exitsPersons })),
    snapshots,
  };
}

export interface LeaderInput {
  year: number;
  leaderName: string;
  leaderTitle?: string | null;
  note?: string | null;
}

/** Assign (or replace) the supervising leader of a place for a campaign year. */
export async function assignLeader(db: Db, code: string, input: LeaderInput, ctx: LedgerContext): Promise<void> {
  if (code.length < 6) throw notFound(`挂牌督战对象 ${code} `);
  if (!(await placeNames(db, [code])).has(code)) throw notFound(`地区 ${code} `);
  await db.transaction().execute(async (tx) => {
    const before = await q.findLeader(tx, code, input.year);
    await q.upsertLeader(tx, { placeCode: code, year: input.year, leaderName: input.leaderName, leaderTitle: input.leaderTitle ?? null, note: input.note ?? null, updatedBy: ctx.actor.username });
    await recordAudit(tx, { ...ctx.actor, action: 'supervision.leader', objectType: 'place', objectId: code, placeCode: code, before: before ?? null, after: input });
  });
}

export interface FindingInput {
  finding: string;
  responsibleUnit: string;
  responsibleLeader?: string | null;
  responsiblePerson?: string | null;
  deadline: string;
  measures?: string | null;
  foundOn?: string;
  sourceRef?: string | null;
}

/** Hand a finding of the supervision (督战发现问题交办) to a department: it becomes a rectification of the listed place. */
export async function assignFinding(db: Db, scope: PlaceScope, code: string, input: FindingInput, ctx: LedgerContext) {
  const detail = await listedPlaceDetail(db, scope, code, { today: ctx.today });
  if (!detail.listing) throw conflict(`${detail.place.name}（${code}）不在挂牌督战名单中，不能交办督战问题`, [{ field: 'place', value: code }]);
  return createRectification(
    db,
    {
      placeCode: code,
      source: 'listed_supervision',
      sourceRef: input.sourceRef ?? `${detail.asOf?.slice(0, 4) ?? ''} 年挂牌督战`,
      foundOn: input.foundOn ?? ctx.today,
      finding: input.finding,
      responsibleLeader: input.responsibleLeader ?? null,
      responsibleUnit: input.responsibleUnit,
      responsiblePerson: input.responsiblePerson ?? null,
      deadline: input.deadline,
      measures: input.measures ?? null,
    },
    ctx,
  );
}

export { loadCampaignDemo } from './demo';
