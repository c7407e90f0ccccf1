/**
 * Recompute: every household in scope assessed for a year, set-based in SQL, in parts of whole
 * counties (a few statements per part, never one round trip per household). Each part is one
 * transaction (its old results replaced by new ones, or nothing) that reads every table in one
 * pass; on PostgreSQL the parts, as many as a multiple of the workers and of about equal size,
 * run two at a time on two connections. The rules are resolved once per policy group
 * (policyGroups) and compiled to SQL (assessmentQueries). One recompute at a time.
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database, Db } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import type { PolicyRecord } from '../../domain/policy/record';
import { versionKey } from '../../domain/policy/resolve';
import { loadActivePolicies } from '../policy/service';
import type { SelectOptions } from './assessmentQueries';
import { householdParts, type Part } from './batches';
import { exclusively } from './exclusive';
import { assessmentPlan, type AssessmentPlan } from './plan';
import { policyGroups } from './policyGroups';
import * as q from './queries';
import * as w from './writeQueries';
import { badRequest } from '../../server/errors';

/**
 * Most households per part. Large: a part reads every table in one pass (sequential scans when
 * its households are spread over the tables' pages, as in a registry imported in any order), so
 * fewer parts mean fewer passes (key-range batches of 10,000 made 31 passes over 1,000,000
 * persons, of 100,000 four; 303,000 households are now two parts of 151,500, one per worker). A
 * part of 200,000 households needs about 55 MB of hash memory for the member aggregate, within
 * the part's work_mem (prepareBatchPlanner).
 */
export const DEFAULT_BATCH = 200_000;

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
  /** Most households per part (batch). */
  batchSize?: number;
  /** Parts at a time (PostgreSQL; embedded PGlite has one connection). Default 2. */
  workers?: number;
  onProgress?: (progress: RecomputeProgress) => void;
}

export interface RecomputeSummary {
  place: string;
  year: number;
  households: number;
  batches: number;
  policies: { region: string; policyKey: string }[];
  /** Households in scope without an income record of the year (assessed 待核实 on income). */
  withoutIncome: number;
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

/** The latest year with data of the households: their latest income year, else their latest status year. */
export async function latestDataYear(db: Db, where: Expression<SqlBool>): Promise<number | null> {
  return (await q.latestIncomeYear(db, where)) ?? (await q.latestStatusYear(db, where));
}

/** The year asked, else the latest year with data (never the clock's year); 400 when there is no data at all. */
export async function resolveYear(db: Db, where: Expression<SqlBool>, year: number | undefined): Promise<number> {
  if (year !== undefined) return year;
  const latest = await latestDataYear(db, where);
  if (latest === null) throw badRequest('范围内没有任何收入或状态记录，无法确定评估年度：请先导入数据，或指定评估年度（year）');
  return latest;
}

/**
 * What a recompute of `year` would lack: refused (400) when no household in scope has an income
 * record of the year (all would turn 待核实), else the count of those without one, for the job's message.
 */
export async function checkYearData(db: Db, where: Expression<SqlBool>, year: number): Promise<{ households: number; withoutIncome: number }> {
  const gaps = await q.incomeGaps(db, where, year);
  if (gaps.households > 0 && gaps.withoutIncome === gaps.households) {
    const latest = await q.latestIncomeYear(db, where);
    const hint = latest === null ? '请先导入收入数据' : `请先录入或导入 ${year} 年收入，或在页面顶部选择有数据的年度（最近为 ${latest} 年）`;
    throw badRequest(`${year} 年没有可评估的数据：范围内 ${gaps.households} 户都没有 ${year} 年收入记录，重新评估会把它们全部判为“待核实”。${hint}`, [
      { field: 'year', value: String(year), message: `${gaps.withoutIncome} 户缺少 ${year} 年收入记录` },
    ]);
  }
  return gaps;
}

/** Whether the status history must be read: only when some record is later than the year. */
export async function selectOptionsFor(db: Db, where: Expression<SqlBool>, year: number): Promise<SelectOptions> {
  return { history: await q.historyAfter(db, where, year) };
}

/** One part in one transaction; returns the households assessed and marks the groups used. */
async function recomputePart(database: Database, year: number, part: Part, where: Expression<SqlBool>, plans: GroupPlan[], options: SelectOptions, used: Set<number>): Promise<number> {
  return database.db.transaction().execute(async (tx) => {
    await q.prepareBatchPlanner(tx);
    await q.relaxCommit(tx);
    let assessed = 0;
    if (!(await w.anyStored(tx, year, part))) {
      for (const g of part.groups) {
        assessed += await w.assessIntoResults(tx, plans[g].plan, part, plans[g].where, plans[g].policyKey, year, options);
        used.add(g);
      }
      return assessed;
    }
    await w.prepareBatchTable(tx);
    for (const g of part.groups) {
      assessed += await w.assessIntoBatch(tx, plans[g].plan, part, plans[g].where, plans[g].policyKey, options);
      used.add(g);
    }
    await w.deleteUnassessed(tx, year, part, where);
    await w.saveBatch(tx, year, part);
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
    const { withoutIncome } = await q.incomeGaps(db, where, year);
    // Two independent scans (status history, household): on two connections at once on PostgreSQL.
    const [selectOptions, parts] = await Promise.all([selectOptionsFor(db, where, year), householdParts(db, where, plans.map((p) => p.group), size, workers)]);
    const total = parts.reduce((n, p) => n + p.households, 0);
    let done = 0;
    let households = 0;
    let next = 0;
    const used = new Set<number>();
    options.onProgress?.({ done: 0, total, year });
    const work = async () => {
      for (let part = parts[next++]; part; part = parts[next++]) {
        const assessed = await recomputePart(database, year, part, where, plans, selectOptions, used);
        households += assessed;
        done += part.households;
        options.onProgress?.({ done, total, year });
      }
    };
    await Promise.all(Array.from({ length: Math.min(workers, Math.max(1, parts.length)) }, work));
    return {
      place,
      year,
      households,
      batches: parts.length,
      policies: plans.filter((_, i) => used.has(i)).map((p) => ({ region: p.region, policyKey: p.policyKey })),
      withoutIncome,
      seconds: (Date.now() - started) / 1000,
    };
  });
}
