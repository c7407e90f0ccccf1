/**
 * Which rules apply to a place in a year: for each region above the place (nation, province,
 * city, county, township, village) the active record with the latest effective year ≤ year
 * (and the highest version of that year), merged in that order, lower regions winning.
 */
import { mergeRules } from './merge';
import { NATIONAL_REGION, PolicyRules, regionChain, versionRef, type PolicyRecord, type PolicyVersionRef } from './record';

export interface ResolvedPolicy {
  rules: PolicyRules;
  /** The records merged, nation first: the policy version an assessment records. */
  versions: PolicyVersionRef[];
}

export class PolicyResolutionError extends Error {}

function latestFor(records: readonly PolicyRecord[], region: string, year: number): PolicyRecord | undefined {
  let best: PolicyRecord | undefined;
  for (const r of records) {
    if (r.status !== 'active' || r.regionCode !== region || r.effectiveYear > year) continue;
    if (!best || r.effectiveYear > best.effectiveYear || (r.effectiveYear === best.effectiveYear && r.version > best.version)) best = r;
  }
  return best;
}

export function resolvePolicy(records: readonly PolicyRecord[], placeCode: string, year: number): ResolvedPolicy {
  const used = regionChain(placeCode)
    .map((region) => latestFor(records, region, year))
    .filter((r): r is PolicyRecord => r !== undefined);
  if (used[0]?.regionCode !== NATIONAL_REGION) {
    throw new PolicyResolutionError(`没有 ${year} 年生效的全国政策记录，无法确定地区 ${placeCode} 的规则`);
  }
  let merged = used[0].rules as PolicyRules;
  for (const record of used.slice(1)) merged = mergeRules(merged, record.rules);
  const checked = PolicyRules.safeParse(merged);
  if (!checked.success) {
    const names = used.map((r) => `${r.title}（${r.regionCode}，${r.effectiveYear} 年第 ${r.version} 版）`).join('、');
    const first = checked.error.issues[0];
    throw new PolicyResolutionError(`合并后的规则不完整或有误（${first.path.join('.')}：${first.message}），所用记录：${names}`);
  }
  return { rules: checked.data, versions: used.map(versionRef) };
}

/** A short text of the versions used, for ledgers and exports: "0@2011v1+44@2016v1". */
export function versionKey(versions: readonly PolicyVersionRef[]): string {
  return versions.map((v) => `${v.regionCode}@${v.effectiveYear}v${v.version}`).join('+');
}
