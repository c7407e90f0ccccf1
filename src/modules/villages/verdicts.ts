/**
 * Village verdicts over a place, set-based: one query for the registry figures of every
 * village under the place at the year-end, one for the records, the rules resolved once per
 * distinct policy chain, then the pure verdict per village. Stored by the recompute (after
 * the household assessment); what-if compares the verdicts under a draft policy.
 */
import type { Db } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import { regionChain, type PolicyRecord, type PolicyRules } from '../../domain/policy/record';
import { resolvePolicy, versionKey } from '../../domain/policy/resolve';
import { villageVerdict, type VillageRecordFacts, type VillageVerdict } from '../../domain/villages/verdict';
import { AppError } from '../../server/errors';
import { PolicyResolutionError } from '../../domain/policy/resolve';
import { loadActivePolicies } from '../policy/service';
import * as q from './queries';

export interface ResolvedRules {
  rules: PolicyRules;
  policyKey: string;
}

/** Rules per place and year, resolved once per chain of regions that have records. */
export function rulesResolver(records: readonly PolicyRecord[]): (placeCode: string, year: number) => ResolvedRules {
  const regions = new Set(records.map((r) => r.regionCode));
  const memo = new Map<string, ResolvedRules>();
  return (placeCode, year) => {
    const key = `${year}|${regionChain(placeCode).filter((r) => regions.has(r)).join('+')}`;
    let found = memo.get(key);
    if (!found) {
      try {
        const resolved = resolvePolicy(records, placeCode, year);
        found = { rules: resolved.rules, policyKey: versionKey(resolved.versions) };
      } catch (e) {
        if (e instanceof PolicyResolutionError) throw new AppError(400, 'policy_unresolved', e.message);
        throw e;
      }
      memo.set(key, found);
    }
    return found;
  };
}

export function factsOf(row: q.VillageRecordRow): VillageRecordFacts {
  return {
    registeredPopulation: row.registered_population,
    poorVillage: row.poor_village,
    exitYear: row.exit_year,
    relativePoorVillage: row.relative_poor_village,
    roadToVillage: row.road_to_village,
    roadNaturalVillages: row.road_natural_villages,
    power: row.power,
    broadband: row.broadband,
    mobile4g: row.mobile_4g,
    safeWater: row.safe_water,
    dangerousHouses: row.dangerous_houses,
    clinic: row.clinic,
    cultureRoom: row.culture_room,
    school: row.school,
    serviceCenter: row.service_center,
    income: { operating: row.income_operating, contract: row.income_contract, investment: row.income_investment, subsidy: row.income_subsidy, other: row.income_other },
    perCapitaIncome: row.per_capita_income,
  };
}

export interface VillageAssessment {
  villageCode: string;
  townshipCode: string;
  record: q.VillageRecordRow | null;
  figures: q.RegistryFigures;
  verdict: VillageVerdict;
  policyKey: string;
}

const noFigures = (villageCode: string, townshipCode: string): q.RegistryFigures => ({ villageCode, townshipCode, households: 0, persons: 0, poorHouseholds: 0, poorPersons: 0 });

/**
 * The verdicts of every village under `place` that has a record of the year or households in
 * the registry, inside the scope. `records` (policy) defaults to the active ones.
 */
export async function villageVerdicts(db: Db, scope: PlaceScope, place: string, year: number, options: { policies?: readonly PolicyRecord[]; villages?: readonly string[] } = {}): Promise<VillageAssessment[]> {
  const [rows, figures, policies] = await Promise.all([
    q.recordsUnder(db, scope, place, year),
    q.registryFigures(db, place, year, options.villages),
    options.policies ?? loadActivePolicies(db),
  ]);
  const resolve = rulesResolver(policies);
  const byVillage = new Map(figures.map((f) => [f.villageCode, f]));
  const records = new Map(rows.map((r) => [r.village_code, r]));
  const codes = new Set([...records.keys(), ...byVillage.keys()].filter((c) => !options.villages || options.villages.includes(c)));
  const out: VillageAssessment[] = [];
  for (const code of [...codes].sort()) {
    const record = records.get(code) ?? null;
    if (!record && !scope.all && !scope.codes.some((s) => code.startsWith(s))) continue;
    const f = byVillage.get(code) ?? noFigures(code, record?.township_code ?? code.slice(0, 9));
    const { rules, policyKey } = resolve(code, year);
    const verdict = villageVerdict({ villageCode: code, year, record: record && factsOf(record), poorPersons: f.poorPersons }, rules);
    out.push({ villageCode: code, townshipCode: record?.township_code ?? f.townshipCode, record, figures: f, verdict, policyKey });
  }
  return out;
}

/** One village's assessment (its page, the exit procedure). */
export async function villageAssessment(db: Db, villageCode: string, year: number): Promise<VillageAssessment> {
  const [found] = await villageVerdicts(db, ALL_PLACES, villageCode, year, { villages: [villageCode] });
  if (found) return found;
  const figures = noFigures(villageCode, villageCode.slice(0, 9));
  const { rules, policyKey } = rulesResolver(await loadActivePolicies(db))(villageCode, year);
  return { villageCode, townshipCode: villageCode.slice(0, 9), record: null, figures, verdict: villageVerdict({ villageCode, year, record: null, poorPersons: 0 }, rules), policyKey };
}

export interface VillageRecomputeSummary {
  place: string;
  year: number;
  villages: number;
  passed: number;
  failed: number;
}

/** Store the verdicts of every village under a place for a year (after the household assessment). */
export async function recomputeVillageVerdicts(db: Db, place: string, year: number, at: Date): Promise<VillageRecomputeSummary> {
  const assessed = await villageVerdicts(db, ALL_PLACES, place, year);
  const rows: q.VerdictRow[] = assessed.map((a) => ({
    county_code: a.villageCode.slice(0, 6),
    village_code: a.villageCode,
    year,
    township_code: a.townshipCode,
    passed: a.verdict.passed,
    poor_persons: a.figures.poorPersons,
    registered: a.verdict.registered,
    relative_poor: a.verdict.relativeIdentification?.met ?? null,
    // Compact: each condition's result by code, and the failing texts (the page recomputes the rest).
    conditions: JSON.stringify({ results: Object.fromEntries(a.verdict.conditions.map((c) => [c.code, c.passed])), failing: a.verdict.failing }),
    policy_key: a.policyKey,
    computed_at: at,
  }));
  // Write only what changed (a recompute after a few exits touches a few villages).
  const stored = new Map((await q.storedVerdicts(db, place, year)).map((s) => [s.village_code, s]));
  const failingOf = (r: q.VerdictRow) => JSON.stringify((JSON.parse(r.conditions as string) as { failing: string[] }).failing);
  const changed = rows.filter((r) => {
    const s = stored.get(r.village_code);
    return !s || s.passed !== r.passed || s.poor_persons !== r.poor_persons || s.registered !== r.registered || s.relative_poor !== r.relative_poor
      || s.policy_key !== r.policy_key || JSON.stringify(JSON.parse(s.failing)) !== failingOf(r);
  });
  const current = new Set(rows.map((r) => r.village_code));
  const remove = [...[...stored.keys()].filter((c) => !current.has(c)), ...changed.filter((r) => stored.has(r.village_code)).map((r) => r.village_code)];
  if (remove.length || changed.length) await db.transaction().execute((tx) => q.replaceVerdicts(tx, year, remove, changed));
  const passed = rows.filter((r) => r.passed === true).length;
  return { place, year, villages: rows.length, passed, failed: rows.filter((r) => r.passed === false).length };
}

export interface VerdictChange {
  villageCode: string;
  before: boolean | null;
  after: boolean | null;
  failingBefore: string[];
  failingAfter: string[];
}

/** What-if: the villages whose verdict a draft policy would change. */
export async function villageWhatIf(db: Db, scope: PlaceScope, place: string, year: number, draftAsActive: readonly PolicyRecord[]): Promise<VerdictChange[]> {
  const [before, after] = await Promise.all([
    villageVerdicts(db, scope, place, year),
    villageVerdicts(db, scope, place, year, { policies: draftAsActive }),
  ]);
  const now = new Map(after.map((a) => [a.villageCode, a]));
  return before
    .filter((b) => now.get(b.villageCode)?.verdict.passed !== b.verdict.passed)
    .map((b) => ({
      villageCode: b.villageCode,
      before: b.verdict.passed,
      after: now.get(b.villageCode)?.verdict.passed ?? null,
      failingBefore: b.verdict.failing,
      failingAfter: now.get(b.villageCode)?.verdict.failing ?? [],
    }));
}
