/**
 * Recompute: every household in scope assessed for a year, set-based in SQL, in keyset batches
 * of households (a few statements per batch, never one round trip per household), inside one
 * transaction so readers see either the old results or all the new ones. The rules are resolved
 * once per policy group (policyGroups) and compiled to SQL (assessmentQueries).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database, Db } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import type { PolicyRecord } from '../../domain/policy/record';
import { versionKey } from '../../domain/policy/resolve';
import { loadActivePolicies } from '../policy/service';
import type { HouseholdKey, KeyRange } from './assessmentQueries';
import { assessmentPlan, type AssessmentPlan } from './plan';
import { policyGroups } from './policyGroups';
import * as q from './queries';

export const DEFAULT_BATCH = 20_000;

export interface RecomputeProgress {
  done: number;
  total: number;
}

export interface RecomputeOptions {
  /** Place code ('0' or absent: everywhere in scope). */
  place?: string;
  /** Default: the latest income year of the households in scope. */
  year?: number;
  scope?: PlaceScope;
  /** Households per batch. */
  batchSize?: number;
  onProgress?: (progress: RecomputeProgress) => void;
}

export interface RecomputeSummary {
  place: string;
  year: number;
  households: number;
  batches: number;
  policies: { region: string; policyKey: string }[];
  seconds: number;
}

export interface GroupPlan {
  region: string;
  plan: AssessmentPlan;
  /** The group's households (alias h), without the scope. */
  group: Expression<SqlBool>;
  /** Scope and group. */
  where: Expression<SqlBool>;
  versions: q.GroupVersions;
}

/** The compiled plan of each policy group under `place` for `year`. */
export function groupPlans(records: readonly PolicyRecord[], place: string, year: number, where: Expression<SqlBool>): GroupPlan[] {
  return policyGroups(records, place, year).map((g) => ({
    region: g.region,
    plan: assessmentPlan(g.policy.rules, year),
    group: q.groupWhere(g),
    where: sql<SqlBool>`(${where}) AND (${q.groupWhere(g)})`,
    versions: { key: versionKey(g.policy.versions), versions: g.policy.versions },
  }));
}

/** Consecutive key ranges from the first key to the last, cut at the bounds in between. */
export function rangesBetween(bounds: HouseholdKey[]): KeyRange[] {
  if (!bounds.length) return [];
  const ranges: KeyRange[] = [{ from: bounds[0], after: null, through: bounds[1] ?? bounds[0] }];
  for (let i = 2; i < bounds.length; i++) ranges.push({ after: bounds[i - 1], through: bounds[i] });
  return ranges;
}

export async function resolveYear(db: Db, where: Expression<SqlBool>, year: number | undefined): Promise<number> {
  if (year !== undefined) return year;
  return (await q.latestIncomeYear(db, where)) ?? new Date().getFullYear();
}

export async function recomputeAssessments(database: Database, options: RecomputeOptions = {}): Promise<RecomputeSummary> {
  const started = Date.now();
  const place = options.place ?? '0';
  const where = q.householdsWhere(options.scope ?? ALL_PLACES, place);
  const size = options.batchSize ?? DEFAULT_BATCH;
  return database.db.transaction().execute(async (tx) => {
    await q.lockRecompute(tx);
    await q.prepareBatchPlanner(tx);
    const year = await resolveYear(tx, where, options.year);
    const plans = groupPlans(await loadActivePolicies(tx), place, year, where);
    const total = await q.countHouseholds(tx, where);
    const ranges = rangesBetween(await q.batchBounds(tx, where, size));
    let households = 0;
    options.onProgress?.({ done: 0, total });
    for (const [i, range] of ranges.entries()) {
      await q.deleteResults(tx, year, range, where);
      for (const g of await q.groupsPresent(tx, plans.map((p) => p.group), range, where)) {
        households += await q.insertResults(tx, plans[g].plan, range, plans[g].where, plans[g].versions);
      }
      options.onProgress?.({ done: Math.min(total, (i + 1) * size), total });
    }
    return {
      place,
      year,
      households,
      batches: ranges.length,
      policies: plans.map((p) => ({ region: p.region, policyKey: p.versions.key })),
      seconds: (Date.now() - started) / 1000,
    };
  });
}
