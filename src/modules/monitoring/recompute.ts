/**
 * Recompute: every household in scope assessed for a year, set-based in SQL, in keyset batches
 * of households (a few statements per batch, never one round trip per household). Each batch
 * is one transaction (its old results replaced by new ones, or nothing); on PostgreSQL two
 * batches run at a time on two connections. The rules are resolved once per policy group
 * (policyGroups) and compiled to SQL (assessmentQueries). One recompute at a time.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database, Db } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import type { PolicyRecord } from '../../domain/policy/record';
import { versionKey } from '../../domain/policy/resolve';
import { loadActivePolicies } from '../policy/service';
import type { HouseholdKey, KeyRange, SelectOptions } from './assessmentQueries';
import { exclusively } from './exclusive';
import { assessmentPlan, type AssessmentPlan } from './plan';
import { policyGroups } from './policyGroups';
import * as q from './queries';

export const DEFAULT_BATCH = 10_000;

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
  /** Batches at a time (PostgreSQL; embedded PGlite has one connection). Default 2. */
  workers?: number;
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
  policyKey: string;
}

/** The compiled plan of each policy group under `place` for `year`. */
export function groupPlans(records: readonly PolicyRecord[], place: string, year: number, where: Expression<SqlBool>): GroupPlan[] {
  return policyGroups(records, place, year).map((g) => ({
    region: g.region,
    plan: assessmentPlan(g.policy.rules, year),
    group: q.groupWhere(g),
    where: sql<SqlBool>`(${where}) AND (${q.groupWhere(g)})`,
    policyKey: versionKey(g.policy.versions),
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

/** Whether the status history must be read: only when some record is later than the year. */
export async function selectOptionsFor(db: Db, where: Expression<SqlBool>, year: number): Promise<SelectOptions> {
  const latest = await q.latestHistoryYear(db, where);
  return { history: latest !== null && latest > year };
}

async function recomputeBatch(database: Database, year: number, range: KeyRange, where: Expression<SqlBool>, plans: GroupPlan[], options: SelectOptions): Promise<number> {
  return database.db.transaction().execute(async (tx) => {
    await q.prepareBatchPlanner(tx);
    await q.deleteResults(tx, year, range, where);
    let written = 0;
    for (const g of await q.groupsPresent(tx, plans.map((p) => p.group), range, where)) {
      written += await q.insertResults(tx, plans[g].plan, range, plans[g].where, plans[g].policyKey, options);
    }
    return written;
  });
}

export async function recomputeAssessments(database: Database, options: RecomputeOptions = {}): Promise<RecomputeSummary> {
  const started = Date.now();
  const place = options.place ?? '0';
  const where = q.householdsWhere(options.scope ?? ALL_PLACES, place);
  const size = options.batchSize ?? DEFAULT_BATCH;
  const workers = database.kind === 'postgres' ? Math.max(1, options.workers ?? 2) : 1;
  return exclusively(database, async () => {
    const db = database.db;
    const year = await resolveYear(db, where, options.year);
    const plans = groupPlans(await loadActivePolicies(db), place, year, where);
    const selectOptions = await selectOptionsFor(db, where, year);
    const total = await q.countHouseholds(db, where);
    const ranges = rangesBetween(await q.batchBounds(db, where, size));
    let next = 0;
    let done = 0;
    let households = 0;
    options.onProgress?.({ done: 0, total });
    const work = async () => {
      while (next < ranges.length) {
        const i = next++;
        households += await recomputeBatch(database, year, ranges[i], where, plans, selectOptions);
        done += i < ranges.length - 1 ? size : total - size * (ranges.length - 1);
        options.onProgress?.({ done, total });
      }
    };
    await Promise.all(Array.from({ length: Math.min(workers, ranges.length || 1) }, work));
    return {
      place,
      year,
      households,
      batches: ranges.length,
      policies: plans.map((p) => ({ region: p.region, policyKey: p.policyKey })),
      seconds: (Date.now() - started) / 1000,
    };
  });
}
