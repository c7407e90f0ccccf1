/**
 * The 县摘帽 verdict of every county at or under a place for a year: registry figures (one
 * grouped query), the 三率一度 sample records through quality's service, the county exit rules
 * of the policy resolved for each county and year, and the exit record.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { countyVerdict, type CountyFigures, type CountyVerdict, type SampleFindings } from '../../domain/counties/verdict';
import { versionKey } from '../../domain/policy/resolve';
import type { PolicyRecord } from '../../domain/policy/record';
import { domainRecord, getPolicy, loadActivePolicies, resolveOrFail, withRecordActive } from '../policy/service';
import { placesAtLevel, reachablePlace } from '../places/service';
import { countySamples, type CountySamples } from '../quality/service';
import { exitsOf, registryFigures, type ExitRow } from './queries';

export const EXIT_STATUS_LABELS: Record<string, string> = { exited: '已摘帽', recheck_failed: '已摘帽（复查未通过）' };

export interface CountyRow {
  code: string;
  name: string;
  year: number;
  policyKey: string;
  verdict: CountyVerdict;
  figures: CountyFigures;
  exit: { year: number; status: string; statusLabel: string; approvedOn: string } | null;
}

/**
 * The county's rural 户籍人口 of the year. POLICY.md §7 defines it as the sum of its villages'
 * 户籍人口 (village records); the county's 三率一度 survey records carry 农村户籍人口 too, and
 * this is what is read: the county-level survey's figure, else the sum over its surveyed places.
 */
export function ruralPopulationOf(samples: CountySamples | undefined): { value: number | null; source: string } {
  if (!samples || samples.ruralPopulation === null) return { value: null, source: '本年度无抽样调查登记的农村户籍人口' };
  return { value: samples.ruralPopulation, source: samples.ruralPopulationOfCounty ? '县级抽样调查登记的农村户籍人口' : '各抽查地区登记的农村户籍人口之和' };
}

const findingsOf = (s: CountySamples | undefined): SampleFindings | null => (s && s.totals.surveys > 0 ? s.totals : null);

/** Figures of counties from the registry and their sample records (or the given re-check findings). */
export async function countyFigures(db: Db, counties: readonly string[], place: string, year: number): Promise<Map<string, CountyFigures>> {
  const [registry, samples] = await Promise.all([registryFigures(db, counties), countySamples(db, place, year)]);
  const byCounty = new Map(registry.map((r) => [r.county_code, r]));
  return new Map(counties.map((code) => {
    const r = byCounty.get(code);
    const s = samples.get(code);
    const population = ruralPopulationOf(s);
    return [code, {
      countyCode: code,
      remainingPoor: r?.remaining_poor ?? 0,
      exitedPersons: r?.exited_persons ?? 0,
      registeredPersons: r?.registered_persons ?? 0,
      ruralPopulation: population.value,
      ruralPopulationSource: population.source,
      samples: findingsOf(s),
      samplesSource: s && s.totals.surveys > 0 ? `${year} 年 ${s.totals.surveys} 次三率一度抽样调查` : `${year} 年无三率一度抽样调查`,
    }];
  }));
}

const exitView = (e: ExitRow | undefined): CountyRow['exit'] => (e ? { year: e.year, status: e.status, statusLabel: EXIT_STATUS_LABELS[e.status] ?? e.status, approvedOn: e.approved_on } : null);

/** The rules of the county exit for a county and year, with the policy versions used. */
export async function countyRules(db: Db, countyCode: string, year: number) {
  const resolved = resolveOrFail(await loadActivePolicies(db), countyCode, year);
  return { rules: resolved.rules, policyKey: versionKey(resolved.versions) };
}

/** Every county at or under `place` (the place itself when a county) within the scope, with its verdict. */
export async function countyVerdicts(db: Db, scope: PlaceScope, placeCode: string, year: number, policies?: PolicyRecord[]) {
  const place = await reachablePlace(db, scope, placeCode.length > 6 ? placeCode.slice(0, 6) : placeCode);
  const counties = await placesAtLevel(db, place.code, 3, scope);
  const codes = counties.map((c) => c.code);
  const [figures, exits, records] = await Promise.all([countyFigures(db, codes, place.code, year), exitsOf(db, codes), policies ?? loadActivePolicies(db)]);
  const exitBy = new Map(exits.map((e) => [e.county_code, e]));
  const rows: CountyRow[] = counties.map((c) => {
    const resolved = resolveOrFail(records, c.code, year);
    const f = figures.get(c.code)!;
    return { code: c.code, name: c.name, year, policyKey: versionKey(resolved.versions), verdict: countyVerdict(f, resolved.rules.countyExit), figures: f, exit: exitView(exitBy.get(c.code)) };
  });
  return { place, year, rows, passed: rows.filter((r) => r.verdict.passed).length };
}

/** One county's verdict (the county must be in the scope). */
export async function verdictOf(db: Db, scope: PlaceScope, countyCode: string, year: number): Promise<CountyRow> {
  const { rows } = await countyVerdicts(db, scope, countyCode, year);
  return rows[0];
}

/** What-if: the counties whose verdict a policy record (a draft, as if active) would change, with the reasons before and after. */
export async function countyWhatIf(db: Db, scope: PlaceScope, placeCode: string, year: number, policyId: string) {
  const view = await getPolicy(db, policyId);
  const [now, then] = await Promise.all([
    countyVerdicts(db, scope, placeCode, year),
    countyVerdicts(db, scope, placeCode, year, withRecordActive(await loadActivePolicies(db), domainRecord(view))),
  ]);
  const after = new Map(then.rows.map((r) => [r.code, r]));
  const changed = now.rows.filter((r) => after.get(r.code)!.verdict.passed !== r.verdict.passed).map((r) => ({
    code: r.code, name: r.name, passedBefore: r.verdict.passed, passedAfter: after.get(r.code)!.verdict.passed,
    failingBefore: r.verdict.failing, failingAfter: after.get(r.code)!.verdict.failing,
  }));
  return { place: now.place, year, policy: { id: view.id, title: view.title, regionCode: view.regionCode }, counties: now.rows.length, changed };
}
