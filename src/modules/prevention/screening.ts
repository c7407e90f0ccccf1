/**
 * Who is monitored (防止返贫致贫对象) under the policy in force, and what-if: the same households
 * classified under a draft put in force as if activated — who would enter, who would leave and
 * who would change kind, each with the reasons under both. No cap (应纳尽纳): every qualifying
 * household is listed. Each village reads the rules resolved for it (nation → province → …).
 */
import type { Db } from '../../db/database';
import type { HouseholdAccess } from '../../db/householdReach';
import { classifyHousehold, KIND_LABELS, kindChanges, rangeFor, rangeText, type KindChange, type KindVerdict } from '../../domain/prevention/kinds';
import { PREVENTION_DEFAULTS } from '../../domain/prevention/defaults';
import type { PreventionRules } from '../../domain/prevention/schema';
import type { PolicyRecord, PolicyRules } from '../../domain/policy/record';
import { loadActivePolicies, resolveOrFail, withRecordActive } from '../policy/service';
import { screenRows, type ScreenRow } from './queries';

/** The 防止返贫致贫 section of resolved rules (the shipped defaults where a database predates it). */
export const preventionOf = (rules: PolicyRules): PreventionRules => rules.prevention ?? PREVENTION_DEFAULTS;

/** Rules per village, resolved once per village. */
export function rulesByVillage(records: readonly PolicyRecord[], year: number): (village: string) => PreventionRules {
  const cache = new Map<string, PreventionRules>();
  return (village) => {
    let r = cache.get(village);
    if (!r) cache.set(village, (r = preventionOf(resolveOrFail(records, village, year).rules)));
    return r;
  };
}

const FORMERLY_POOR = new Set(['exited', 'monitored', 'risk_eliminated', 'returned']);

function verdictOf(rules: PreventionRules, year: number, row: ScreenRow): KindVerdict {
  const size = row.income?.household_size || row.size;
  const prevRange = rangeFor(rules, year - 1);
  const previous = row.previous && prevRange ? classifyHousehold(rules, prevRange, { formerlyPoor: false, size: row.previous.household_size || row.size, income: row.previous, costs: {}, previousPerCapita: null }).perCapita : null;
  return classifyHousehold(rules, rangeFor(rules, year), {
    formerlyPoor: row.identifiedYear !== null && FORMERLY_POOR.has(row.status),
    size,
    income: row.income,
    costs: row.costs,
    previousPerCapita: previous,
  });
}

export interface ScreenedHousehold {
  householdNo: string;
  headName: string;
  villageCode: string;
  status: string;
  monitored: boolean;
  kind: string | null;
  kindLabel: string | null;
  perCapita: number | null;
  afterCosts: number | null;
  reason: string;
}

const view = (row: ScreenRow, v: KindVerdict): ScreenedHousehold => ({
  householdNo: row.householdNo, headName: row.headName, villageCode: row.villageCode, status: row.status, monitored: row.status === 'monitored',
  kind: v.kind, kindLabel: v.kind ? KIND_LABELS[v.kind] : null, perCapita: v.perCapita, afterCosts: v.afterCosts, reason: v.reason,
});

export interface ScreeningResult {
  year: number;
  place: string;
  ranges: string[];
  counts: { households: number; inRange: number; unstable: number; marginal: number; sudden: number; notYetMonitored: number };
  items: ScreenedHousehold[];
}

function countsOf(items: ScreenedHousehold[], households: number): ScreeningResult['counts'] {
  const inRange = items.filter((i) => i.kind);
  return {
    households,
    inRange: inRange.length,
    unstable: inRange.filter((i) => i.kind === 'unstable').length,
    marginal: inRange.filter((i) => i.kind === 'marginal').length,
    sudden: inRange.filter((i) => i.kind === 'sudden').length,
    notYetMonitored: inRange.filter((i) => !i.monitored).length,
  };
}

/** Every household of the place in the range of its province for the year (no cap), with reasons; `all` lists those outside too. */
export async function screenHouseholds(db: Db, input: { place: string; year: number; access: HouseholdAccess; all?: boolean }): Promise<ScreeningResult> {
  const rows = await screenRows(db, input.place, input.year, input.access);
  const rulesOf = rulesByVillage(await loadActivePolicies(db), input.year);
  const items = rows.map((r) => view(r, verdictOf(rulesOf(r.villageCode), input.year, r)));
  const ranges = [...new Set(rows.map((r) => rangeFor(rulesOf(r.villageCode), input.year)).map((r) => (r ? rangeText(r) : `${input.year} 年未设置监测范围`)))];
  return { year: input.year, place: input.place, ranges, counts: countsOf(items, rows.length), items: input.all ? items : items.filter((i) => i.kind) };
}

export interface WhatIfChange {
  householdNo: string;
  headName: string;
  villageCode: string;
  status: string;
  change: KindChange['change'];
  changeLabel: string;
  kindBefore: string | null;
  kindAfter: string | null;
  reasonBefore: string;
  reasonAfter: string;
}

const CHANGE_LABELS: Record<KindChange['change'], string> = { enter: '新纳入范围', leave: '移出范围', kind: '类别变化' };
const kindLabel = (k: string | null) => (k ? KIND_LABELS[k as keyof typeof KIND_LABELS] : null);

export interface PreventionWhatIf {
  year: number;
  place: string;
  policy: { id: string; regionCode: string; effectiveYear: number; version: number; title: string };
  before: ScreeningResult['counts'];
  after: ScreeningResult['counts'];
  entering: number;
  leaving: number;
  changes: WhatIfChange[];
}

/** The households of the place classified under the active policies and under the draft as if active. */
export async function preventionWhatIf(db: Db, input: { draft: PolicyRecord; place: string; year: number; access: HouseholdAccess }): Promise<PreventionWhatIf> {
  const rows = await screenRows(db, input.place, input.year, input.access);
  const active = await loadActivePolicies(db);
  const beforeOf = rulesByVillage(active, input.year);
  const afterOf = rulesByVillage(withRecordActive(active, input.draft), input.year);
  const pairs = rows.map((r) => ({ row: r, before: verdictOf(beforeOf(r.villageCode), input.year, r), after: verdictOf(afterOf(r.villageCode), input.year, r) }));
  const byNo = new Map(pairs.map((p) => [p.row.householdNo, p.row]));
  const changes = kindChanges(pairs.map((p) => ({ householdNo: p.row.householdNo, before: p.before, after: p.after }))).map((c): WhatIfChange => {
    const row = byNo.get(c.householdNo)!;
    return {
      householdNo: c.householdNo, headName: row.headName, villageCode: row.villageCode, status: row.status, change: c.change, changeLabel: CHANGE_LABELS[c.change],
      kindBefore: kindLabel(c.before.kind), kindAfter: kindLabel(c.after.kind), reasonBefore: c.before.reason, reasonAfter: c.after.reason,
    };
  });
  const d = input.draft;
  return {
    year: input.year, place: input.place,
    policy: { id: d.id, regionCode: d.regionCode, effectiveYear: d.effectiveYear, version: d.version, title: d.title },
    before: countsOf(pairs.map((p) => view(p.row, p.before)), rows.length),
    after: countsOf(pairs.map((p) => view(p.row, p.after)), rows.length),
    entering: changes.filter((c) => c.change === 'enter').length,
    leaving: changes.filter((c) => c.change === 'leave').length,
    changes,
  };
}
