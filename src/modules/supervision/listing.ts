/**
 * The listing rule of 挂牌督战 (POLICY.md §8, seed 001): a county, township or village is listed
 * when its remaining poor persons at the year-end exceed the threshold of the policy in force
 * for it. Pure: the counts come from the registry rollup, the thresholds from resolvePolicy.
 */
import { regionChain, type PolicyRecord } from '../../domain/policy/record';
import { resolvePolicy, versionKey } from '../../domain/policy/resolve';

export type ListingLevel = 'county' | 'township' | 'village';

export const LEVEL_LABELS: Record<ListingLevel, string> = { county: '县', township: '乡镇', village: '村' };

const THRESHOLD_KEY = {
  county: 'countyRemainingPoorPersons',
  township: 'townshipRemainingPoorPersons',
  village: 'villagePoorPersons',
} as const;

export interface Threshold {
  persons: number;
  /** The policy versions the threshold comes from ("0@2011v1+4114@2020v1"). */
  policyKey: string;
  /** The record that set it last, for the explanation. */
  policyTitle: string;
}

/**
 * Thresholds already resolved for a set of records, keyed by the regions of the place's chain
 * that have records: places sharing them resolve alike, so a city's 300 townships resolve once.
 */
const resolvedFor = new WeakMap<readonly PolicyRecord[], { regions: Set<string>; thresholds: Map<string, Threshold> }>();

/** The threshold in force for a place of a level in a campaign year. */
export function thresholdFor(records: readonly PolicyRecord[], level: ListingLevel, placeCode: string, year: number): Threshold {
  let memo = resolvedFor.get(records);
  if (!memo) {
    memo = { regions: new Set(records.map((r) => r.regionCode)), thresholds: new Map() };
    resolvedFor.set(records, memo);
  }
  const key = `${level}|${year}|${regionChain(placeCode).filter((r) => memo.regions.has(r)).join('+')}`;
  const known = memo.thresholds.get(key);
  if (known) return known;
  const threshold = resolveThreshold(records, level, placeCode, year);
  memo.thresholds.set(key, threshold);
  return threshold;
}

function resolveThreshold(records: readonly PolicyRecord[], level: ListingLevel, placeCode: string, year: number): Threshold {
  const resolved = resolvePolicy(records, placeCode, year);
  const key = THRESHOLD_KEY[level];
  const setter = [...resolved.versions].reverse().find((v) => {
    const record = records.find((r) => r.id === v.id);
    return typeof record?.rules.supervision?.[key] === 'number';
  });
  return { persons: resolved.rules.supervision[key], policyKey: versionKey(resolved.versions), policyTitle: setter?.title ?? resolved.versions[0].title };
}

/** The lowest threshold any active record sets for a level: no place with fewer persons can be listed. */
export function lowestThreshold(records: readonly PolicyRecord[], level: ListingLevel): number {
  const values = records.filter((r) => r.status === 'active').map((r) => r.rules.supervision?.[THRESHOLD_KEY[level]]).filter((v): v is number => typeof v === 'number');
  return values.length ? Math.min(...values) : 0;
}

export interface ListingDecision {
  listed: boolean;
  threshold: Threshold;
  reason: string;
}

/** Whether `persons` remaining poor at the end of `statusYear` list the place, and why, in words a cadre reads. */
export function decideListing(level: ListingLevel, persons: number, statusYear: number, threshold: Threshold): ListingDecision {
  const listed = persons > threshold.persons;
  const relation = listed ? '超过' : '未超过';
  const reason = `${statusYear} 年底剩余贫困人口 ${persons} 人，${relation}${LEVEL_LABELS[level]}级挂牌督战线 ${threshold.persons} 人（${threshold.policyTitle}）`;
  return { listed, threshold, reason };
}

/** Whether a listed place may be delisted: its latest remaining poor no longer exceed the threshold. */
export function delistable(latestPersons: number, threshold: Threshold): boolean {
  return latestPersons <= threshold.persons;
}
