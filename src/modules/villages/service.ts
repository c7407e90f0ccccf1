/**
 * Villages as records (issue 18, village part): the yearly village record (村情) edited on a
 * page or imported from a county's spreadsheet, village verdicts with reasons computed
 * set-based from the registry and the policy in force (stored after every household
 * recompute), what-if of a draft policy, the village exit procedure, the 10% rule of 挂牌督战.
 * The public face of the module: other modules (counties, supervision) use what is exported here.
 */
import type { Database, Db } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import { countedIncome, listedByIncidence, villageRulesOf, type VillageListing } from '../../domain/villages/verdict';
import { COLLECTIVE_INCOME_SOURCES } from '../../domain/policy/villageSchema';
import { domainRecord, getPolicy, loadActivePolicies, withRecordActive } from '../policy/service';
import { followRecompute } from '../monitoring/service';
import { placeNames } from '../places/service';
import { villageExitCases, type ExitCaseView } from './exit';
import type { VillageValues } from './fields';
import * as q from './queries';
import { registryFiguresRemembered } from './figuresMemo';
import type { PolicyRecord } from '../../domain/policy/record';
import { valuesOf, villagePlace } from './records';
import { factsOf, recomputeVillageVerdicts, rulesResolver, villageAssessment, villageVerdicts, villageWhatIf, type VillageAssessment } from './verdicts';

export { saveVillageRecord, villagePlace, valueProblems } from './records';
export { importVillageRecords, IMPORT_HEADERS } from './importSheet';
export { startVillageExit, actOnVillageExit, locateExitCase, type ExitCaseView, type ExitActionInput } from './exit';
export { villageVerdicts, villageAssessment, recomputeVillageVerdicts, rulesResolver, type VillageAssessment, type VillageRecomputeSummary } from './verdicts';
export { VILLAGE_FIELDS, FIELD_GROUPS } from './fields';
export { loadVillageDemo } from './demo';

/** After the household assessment of a place and year: the village verdicts of that place. */
followRecompute(async (database: Database, run) => {
  const places = run.scope.all || run.place !== '0' ? [run.place] : run.scope.codes;
  let villages = 0;
  for (const place of places) villages += (await recomputeVillageVerdicts(database.db, place, run.year, new Date())).villages;
  return `${run.year} 年村级出列判定 ${villages} 个村`;
});

const INCOME_LABELS: Record<string, string> = { operating: '经营收入', contract: '发包及上交收入', investment: '投资收益', subsidy: '补助收入', other: '其他收入' };

export interface VillagePage {
  village: { code: string; name: string; townshipCode: string; townshipName: string; countyCode: string; countyName: string };
  year: number;
  years: number[];
  values: VillageValues | null;
  updatedBy: string | null;
  updatedAt: string | null;
  figures: { households: number; persons: number; poorHouseholds: number; poorPersons: number };
  verdict: VillageAssessment['verdict'];
  policyKey: string;
  collectiveIncome: { counted: number | null; sources: { code: string; label: string; value: number | null; counted: boolean }[] };
  listing: VillageListing | null;
  exitCases: ExitCaseView[];
}

/** The village page of a year: 村情, registry figures, verdict with reasons, collective income, exit cases. */
export async function getVillagePage(db: Db, code: string, year: number, role: string | null, today: string): Promise<VillagePage> {
  const village = await villagePlace(db, code);
  const [assessed, years, names, cases, policies] = await Promise.all([
    villageAssessment(db, code, year),
    q.recordYears(db, code),
    placeNames(db, [code.slice(0, 9), code.slice(0, 6)]),
    villageExitCases(db, code, role, today),
    loadActivePolicies(db),
  ]);
  const rules = rulesResolver(policies)(code, year).rules;
  const record = assessed.record;
  const counted = villageRulesOf(rules).countedIncomeSources as readonly string[];
  const income = record ? factsOf(record).income : null;
  return {
    village: {
      code, name: village.name, townshipCode: code.slice(0, 9), townshipName: names.get(code.slice(0, 9))?.name ?? code.slice(0, 9),
      countyCode: code.slice(0, 6), countyName: names.get(code.slice(0, 6))?.name ?? code.slice(0, 6),
    },
    year,
    years,
    values: record ? valuesOf(record) : null,
    updatedBy: record?.updated_by ?? null,
    updatedAt: record ? new Date(record.updated_at).toISOString() : null,
    figures: { households: assessed.figures.households, persons: assessed.figures.persons, poorHouseholds: assessed.figures.poorHouseholds, poorPersons: assessed.figures.poorPersons },
    verdict: assessed.verdict,
    policyKey: assessed.policyKey,
    collectiveIncome: {
      counted: income ? countedIncome(income, villageRulesOf(rules).countedIncomeSources) : null,
      sources: COLLECTIVE_INCOME_SOURCES.map((s) => ({ code: s, label: INCOME_LABELS[s], value: income?.[s] ?? null, counted: counted.includes(s) })),
    },
    listing: record ? listedByIncidence(assessed.figures.poorPersons, factsOf(record), year, rules) : null,
    exitCases: cases,
  };
}

export type VillageFlag = 'poor' | 'relative' | 'deep' | 'exited' | 'not_exited';
export type VerdictFilter = 'passed' | 'failed' | 'none';

export interface VillageListItem {
  code: string;
  name: string;
  townshipName: string;
  recorded: boolean;
  poorVillage: boolean;
  relativePoorVillage: boolean;
  deepPoorVillage: boolean;
  exitYear: number | null;
  registeredPopulation: number | null;
  poorHouseholds: number;
  poorPersons: number;
  incidence: string | null;
  passed: boolean | null;
  failing: string[];
  collectiveIncome: number | null;
  firstSecretary: string | null;
}

function matchesFlag(item: VillageListItem, flag: VillageFlag | undefined, year: number): boolean {
  switch (flag) {
    case undefined: return true;
    case 'poor': return item.poorVillage;
    case 'relative': return item.relativePoorVillage;
    case 'deep': return item.deepPoorVillage;
    case 'exited': return item.poorVillage && item.exitYear !== null && item.exitYear <= year;
    case 'not_exited': return item.poorVillage && (item.exitYear === null || item.exitYear > year);
  }
}

function matchesVerdict(item: VillageListItem, verdict: VerdictFilter | undefined): boolean {
  if (!verdict) return true;
  return verdict === 'none' ? item.passed === null : item.passed === (verdict === 'passed');
}

/** The villages under a place with their flags and verdict of the year, filtered by flag and verdict. */
export async function listVillages(db: Db, scope: PlaceScope, place: string, year: number, filter: { flag?: VillageFlag; verdict?: VerdictFilter } = {}): Promise<VillageListItem[]> {
  const assessed = await villageVerdicts(db, scope, place, year);
  const names = await placeNames(db, [...new Set(assessed.flatMap((a) => [a.villageCode, a.townshipCode]))]);
  const policies = await loadActivePolicies(db);
  const resolve = rulesResolver(policies);
  return assessed.map((a): VillageListItem => {
    const r = a.record;
    const incidence = a.verdict.conditions.find((c) => c.code === 'incidence');
    return {
      code: a.villageCode, name: names.get(a.villageCode)?.name ?? a.villageCode, townshipName: names.get(a.townshipCode)?.name ?? a.townshipCode,
      recorded: r !== null, poorVillage: r?.poor_village ?? false, relativePoorVillage: r?.relative_poor_village ?? false, deepPoorVillage: r?.deep_poor_village ?? false,
      exitYear: r?.exit_year ?? null, registeredPopulation: r?.registered_population ?? null,
      poorHouseholds: a.figures.poorHouseholds, poorPersons: a.figures.poorPersons, incidence: incidence?.value ?? null,
      passed: a.verdict.passed, failing: a.verdict.failing,
      collectiveIncome: r ? countedIncome(factsOf(r).income, villageRulesOf(resolve(a.villageCode, year).rules).countedIncomeSources) : null,
      firstSecretary: r?.first_secretary ?? null,
    };
  }).filter((i) => matchesFlag(i, filter.flag, year) && matchesVerdict(i, filter.verdict));
}

export interface IncidenceListed {
  code: string;
  townshipCode: string;
  poorHouseholds: number;
  poorPersons: number;
  registered: number;
  reason: string;
}

/**
 * 挂牌督战 by the village 10% rule (supervision): 贫困村 not yet exited at the end of
 * `statusYear` whose incidence is strictly above the line of the campaign year's policy.
 */
export async function villagesListedByIncidence(db: Db, place: string, statusYear: number, campaignYear: number, activePolicies?: readonly PolicyRecord[]): Promise<IncidenceListed[]> {
  const records = await q.recordsUnder(db, ALL_PLACES, place, statusYear);
  if (records.length === 0) return [];
  // Figures remembered per county until the county is written (the whole city's households otherwise).
  const [figures, policies] = await Promise.all([registryFiguresRemembered(db, place, statusYear), activePolicies ?? loadActivePolicies(db)]);
  const resolve = rulesResolver(policies);
  const poor = new Map(figures.map((f) => [f.villageCode, f]));
  const out: IncidenceListed[] = [];
  for (const r of records) {
    const f = poor.get(r.village_code);
    const persons = f?.poorPersons ?? 0;
    const decision = listedByIncidence(persons, factsOf(r), statusYear, resolve(r.village_code, campaignYear).rules);
    if (decision.listed) out.push({ code: r.village_code, townshipCode: r.township_code, poorHouseholds: f?.poorHouseholds ?? 0, poorPersons: persons, registered: r.registered_population, reason: decision.reason });
  }
  return out;
}

/** What-if: the villages under a place whose verdict the draft policy would change. */
export async function villageWhatIfOfDraft(db: Db, scope: PlaceScope, place: string, year: number, draftId: string) {
  const draft = domainRecord(await getPolicy(db, draftId));
  const active = await loadActivePolicies(db);
  const changes = await villageWhatIf(db, scope, place, year, withRecordActive(active, draft));
  const names = await placeNames(db, changes.map((c) => c.villageCode));
  return { draft: { id: draft.id, title: draft.title, regionCode: draft.regionCode, effectiveYear: draft.effectiveYear }, changes: changes.map((c) => ({ ...c, name: names.get(c.villageCode)?.name ?? c.villageCode })) };
}
