/**
 * How the households of a scope are cut for bulk assessment. householdParts (recompute): parts
 * of whole counties, each read in one pass. householdBatches (what-if): keyset batches cut as
 * they are needed, each range holding `size` households (the last one the rest), bounded on both
 * sides so every table is read by key range; safe to share between concurrent workers (requests
 * are served one after another).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import type { HouseholdKey, KeyRange } from './assessmentQueries';
import { edgeKey, keyAfter } from './queries';

export interface Batches {
  /** The next range, or null when every household has been handed out. */
  next(): Promise<(KeyRange & { last: boolean }) | null>;
}

const same = (a: HouseholdKey, b: HouseholdKey) => a.countyCode === b.countyCode && a.householdNo === b.householdNo;

export function householdBatches(db: Db, where: Expression<SqlBool>, size: number): Batches {
  let started = false;
  let finished = false;
  let end: HouseholdKey | null = null;
  let previous: HouseholdKey | null = null;

  async function step(): Promise<(KeyRange & { last: boolean }) | null> {
    if (finished) return null;
    let from: HouseholdKey | null = null;
    if (!started) {
      started = true;
      from = await edgeKey(db, where, 'first');
      end = from && (await edgeKey(db, where, 'last'));
      if (!from || !end) {
        finished = true;
        return null;
      }
    }
    const cut = from ? await keyAfter(db, where, from, true, size) : await keyAfter(db, where, previous!, false, size);
    const through = cut ?? end!;
    finished = same(through, end!);
    const range = { from, after: from ? null : previous, through, last: finished };
    previous = through;
    return range;
  }

  let chain: Promise<unknown> = Promise.resolve();
  return {
    next() {
      const result = chain.then(step);
      chain = result.catch(() => undefined);
      return result;
    },
  };
}

/** A part of a recompute: whole counties (or a key range of one large county), with its households and policy groups. */
export interface Part extends KeyRange {
  counties: { first: string; last: string };
  /** Households in scope (the progress made when the part is done). */
  households: number;
  /** Positions of the policy groups with households in the part. */
  groups: number[];
}

/** Below this many households a scope is one part even when several workers could share it. */
const MIN_SPLIT = 20_000;

/**
 * The households of the scope cut into parts of whole counties, read in one pass over household:
 * each part reads every table in one pass (sequential scans in physical order, the registry of a
 * county being wherever its import put it), so parts are few and as large as `size` allows, and
 * as many as a multiple of `workers` of about equal size so the workers finish together. A county
 * larger than a part is cut by key range (its households were usually imported together).
 */
export async function householdParts(db: Db, where: Expression<SqlBool>, groups: Expression<SqlBool>[], size: number, workers: number): Promise<Part[]> {
  const group = groups.length === 1 ? sql`0` : sql`CASE ${sql.join(groups.map((g, i) => sql`WHEN ${g} THEN ${sql.raw(String(i))}`), sql` `)} END`;
  const rows = await sql<{ county_code: string; g: number | null; n: number }>`
    SELECT h.county_code, ${group} AS g, count(*)::int AS n FROM household h WHERE ${where} GROUP BY 1, 2`.execute(db);
  const counties = new Map<string, { n: number; groups: Set<number> }>();
  for (const r of rows.rows) {
    const c = counties.get(r.county_code) ?? { n: 0, groups: new Set<number>() };
    c.n += Number(r.n);
    if (r.g !== null) c.groups.add(Number(r.g));
    counties.set(r.county_code, c);
  }
  const total = [...counties.values()].reduce((n, c) => n + c.n, 0);
  if (!total) return [];
  let count = Math.max(Math.ceil(total / size), total >= MIN_SPLIT ? workers : 1);
  if (count > 1) count = Math.ceil(count / workers) * workers;
  const target = Math.ceil(total / count);
  const parts: Part[] = [];
  let current: Part | null = null;
  const flush = () => {
    if (current) parts.push(current);
    current = null;
  };
  const sorted = [...counties.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [code, c] of sorted) {
    const groupList = [...c.groups].sort((a, b) => a - b);
    if (c.n > target) {
      flush();
      parts.push(...(await cutCounty(db, where, code, c.n, Math.ceil(c.n / Math.ceil(c.n / target)), groupList)));
      continue;
    }
    const open: Part | null = current;
    if (open && open.households + c.n > target && open.households + c.n - target > target - open.households) flush();
    if (!current) current = { counties: { first: code, last: code }, after: null, through: null, households: 0, groups: [] };
    const part: Part = current;
    part.counties.last = code;
    part.households += c.n;
    part.groups = [...new Set([...part.groups, ...groupList])].sort((a, b) => a - b);
    if (part.households >= target) flush();
  }
  flush();
  return parts;
}

/** One large county cut into key ranges of `size` households (the last one the rest). */
async function cutCounty(db: Db, where: Expression<SqlBool>, county: string, households: number, size: number, groups: number[]): Promise<Part[]> {
  const inCounty = sql<SqlBool>`(${where}) AND h.county_code = ${county}`;
  const counties = { first: county, last: county };
  const parts: Part[] = [];
  let previous: HouseholdKey | null = null;
  let left = households;
  while (left > size) {
    const through: HouseholdKey | null = previous ? await keyAfter(db, inCounty, previous, false, size) : await keyAfter(db, inCounty, (await edgeKey(db, inCounty, 'first'))!, true, size);
    if (!through) break;
    parts.push({ counties, after: previous, through, households: size, groups });
    previous = through;
    left -= size;
  }
  parts.push({ counties, after: previous, through: null, households: left, groups });
  return parts;
}
