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
import type { KeyRange, SelectOptions } from './assessmentQueries';
import { householdBatches } from './batches';
import { exclusively } from './exclusive';
import { assessmentPlan, type AssessmentPlan } from './plan';
import { policyGroups } from './policyGroups';
import * as q from './queries';
import * as w from './writeQueries';

/**
 * Households per batch. Large: a batch reads every table of the registry by key range, and
 * when the households of a range are spread over the tables' pages (registries imported in any
 * order) each batch touches most pages, so fewer batches mean fewer passes (10,000 gave 31
 * passes over 1,000,000 persons; 100,000 gives 4, two at a time). A batch of 100,000 needs
 * about 30 MB of hash memory per aggregate, within the batch's work_mem.
 */
export const DEFAULT_BATCH = 100_000;

export interface RecomputeProgress {
  done: number;
  total: number;
  year: number;
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

export async function resolveYear(db: Db, where: Expression<SqlBool>, year: number | undefined): Promise<number> {
  if (year !== undefined) return year;
  return (await q.latestIncomeYear(db, where)) ?? new Date().getFullYear();
}

/** Whether the status history must be read: only when some record is later than the year. */
export async function selectOptionsFor(db: Db, where: Expression<SqlBool>, year: number): Promise<SelectOptions> {
  const latest = await q.latestHistoryYear(db, where);
  return { history: latest !== null && latest > year };
}

/** One batch in one transaction; returns the households assessed and marks the groups used. */
async function recomputeBatch(database: Database, year: number, range: KeyRange, where: Expression<SqlBool>, plans: GroupPlan[], options: SelectOptions, used: Set<number>): Promise<number> {
  return database.db.transaction().execute(async (tx) => {
    await q.prepareBatchPlanner(tx);
    await q.relaxCommit(tx);
    await w.prepareBatchTable(tx);
    let assessed = 0;
    for (const g of await q.groupsPresent(tx, plans.map((p) => p.group), range, where)) {
      const rows = await w.assessIntoBatch(tx, plans[g].plan, range, plans[g].where, plans[g].policyKey, options);
      assessed += rows;
      used.add(g);
    }
    await w.deleteUnassessed(tx, year, range, where);
    await w.saveBatch(tx, year);
    return assessed;
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
    const batches = householdBatches(db, where, size);
    let done = 0;
    let households = 0;
    let count = 0;
    const used = new Set<number>();
    options.onProgress?.({ done: 0, total, year });
    const work = async () => {
      for (let range = await batches.next(); range; range = await batches.next()) {
        count++;
        const written = await recomputeBatch(database, year, range, where, plans, selectOptions, used);
        households += written;
        done = range.last ? total : Math.min(total, done + size);
        options.onProgress?.({ done, total, year });
      }
    };
    await Promise.all(Array.from({ length: workers }, work));
    return {
      place,
      year,
      households,
      batches: count,
      policies: plans.filter((_, i) => used.has(i)).map((p) => ({ region: p.region, policyKey: p.policyKey })),
      seconds: (Date.now() - started) / 1000,
    };
  });
}
