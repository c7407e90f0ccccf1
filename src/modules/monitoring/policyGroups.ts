/**
 * Which rules apply where, as a few place conditions instead of one resolution per household:
 * the households whose deepest region with a policy record is r share r's resolved rules. So a
 * scope splits into one group per region with records (plus the rest of the nation), each with
 * its rules resolved once — resolvePolicy cached per region and year.
 */
import { NATIONAL_REGION, type PolicyRecord } from '../../domain/policy/record';
import { resolvePolicy, type ResolvedPolicy } from '../../domain/policy/resolve';

export interface PolicyGroup {
  /** The deepest region with a record ('0': none below the nation). */
  region: string;
  /** Households under this region… */
  under: string | null;
  /** …and not under any of these deeper regions with records of their own. */
  notUnder: string[];
  policy: ResolvedPolicy;
}

const isUnder = (code: string, root: string) => root === NATIONAL_REGION || code.startsWith(root);

/**
 * The groups of households under `place` ('0' for the nation) for `year`, each with its rules.
 * Groups that cannot hold a household of `place` are left out.
 */
export function policyGroups(records: readonly PolicyRecord[], place: string, year: number): PolicyGroup[] {
  const regions = [...new Set(records.filter((r) => r.status === 'active' && r.effectiveYear <= year && r.regionCode !== NATIONAL_REGION).map((r) => r.regionCode))].sort();
  const ancestorsOfPlace = regions.filter((r) => place !== NATIONAL_REGION && isUnder(place, r));
  const deepestAncestor = ancestorsOfPlace.sort((a, b) => b.length - a.length)[0] ?? NATIONAL_REGION;
  const candidates = [NATIONAL_REGION, ...regions].filter((r) => r === deepestAncestor || (r !== NATIONAL_REGION && isUnder(r, place) && r !== deepestAncestor && r.length > deepestAncestor.length));
  return candidates.map((region) => ({
    region,
    under: region === NATIONAL_REGION ? null : region,
    notUnder: regions.filter((r) => r !== region && isUnder(r, region) && r.length > region.length).filter((r) => isUnder(r, place) || isUnder(place, r)),
    policy: resolvePolicy(records, region, year),
  }));
}
