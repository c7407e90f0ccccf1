/**
 * Keyset batches of households, cut as they are needed: each range holds `size` households
 * (the last one the rest), bounded on both sides so every table is read by key range. Safe to
 * share between concurrent workers (requests are served one after another).
 */
import type { Expression, SqlBool } from 'kysely';
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
