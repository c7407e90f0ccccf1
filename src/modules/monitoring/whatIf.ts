/**
 * What-if: the registry in scope evaluated twice for a year, under the active policies and
 * with a draft put in force as if activated, without saving either evaluation; the households
 * whose outcome or grade would change are kept under the job (for the list and its download),
 * and counted by child place.
 */
import type { Database } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import { NATIONAL_REGION, type PolicyRecord } from '../../domain/policy/record';
import { loadActivePolicies, withRecordActive } from '../policy/service';
import { exclusively } from './exclusive';
import * as q from './queries';
import { householdBatches } from './batches';
import { groupPlans, resolveYear, selectOptionsFor, DEFAULT_BATCH } from './recompute';
import { childLengthOf, tally, type Tally, type TallyRow } from './tally';
import { placeNames } from '../places/service';
import { targetChanges, type TargetChanges } from './whatIfTargets';

export interface WhatIfOptions {
  /** The draft (a saved draft, or one not saved at all), put in force as if activated. */
  draft: PolicyRecord;
  /** Default: the draft's region. */
  place?: string;
  /** Default: the latest income year in scope. */
  year?: number;
  scope?: PlaceScope;
  batchSize?: number;
  onProgress?: (fraction: number) => void;
}

export interface Transition {
  gradeBefore: string;
  gradeAfter: string;
  outcomeBefore: string;
  outcomeAfter: string;
  households: number;
  persons: number;
}

export interface PlaceImpact {
  code: string;
  name: string;
  households: number;
  persons: number;
  changedHouseholds: number;
  changedPersons: number;
  before: Tally;
  after: Tally;
}

export interface WhatIfResult {
  year: number;
  place: { code: string; name: string };
  policy: { id: string; regionCode: string; effectiveYear: number; version: number; title: string };
  households: number;
  persons: number;
  changed: { households: number; persons: number };
  before: Tally;
  after: Tally;
  transitions: Transition[];
  byPlace: PlaceImpact[];
  /** Changes of the targets that do not change a grade (monitoring cap, industry income, procedure settings). */
  targets: TargetChanges;
}

const sumOf = (rows: { households: number; persons: number }[]) => ({
  households: rows.reduce((n, r) => n + r.households, 0),
  persons: rows.reduce((n, r) => n + r.persons, 0),
});

export async function runWhatIf(database: Database, jobId: number, options: WhatIfOptions): Promise<WhatIfResult> {
  const draft = options.draft;
  const place = options.place ?? draft.regionCode;
  const where = q.householdsWhere(options.scope ?? ALL_PLACES, place);
  const size = options.batchSize ?? DEFAULT_BATCH;
  const childLength = childLengthOf(place);
  return exclusively(database, () =>
    database.db.transaction().execute(async (tx) => {
      await q.prepareBatchPlanner(tx);
      const active = await loadActivePolicies(tx);
      const year = await resolveYear(tx, where, options.year);
      const sides = [
        { side: 'before' as const, plans: groupPlans(active, place, year, where) },
        { side: 'after' as const, plans: groupPlans(withRecordActive(active, draft), place, year, where) },
      ];
      const selectOptions = await selectOptionsFor(tx, where, year);
      const total = await q.countHouseholds(tx, where);
      const batches = householdBatches(tx, where, size);
      await q.createWhatIfTable(tx);
      let done = 0;
      for (let range = await batches.next(); range; range = await batches.next()) {
        for (const { side, plans } of sides) {
          for (const g of await q.groupsPresent(tx, plans.map((p) => p.group), range, where)) {
            await q.insertWhatIf(tx, side, plans[g].plan, range, plans[g].where, selectOptions);
          }
        }
        done = range.last ? total : done + size;
        options.onProgress?.(total ? done / total : 1);
      }
      await q.saveWhatIfChanges(tx, jobId);
      const counts = await q.whatIfCounts(tx, childLength);
      const changes = await q.whatIfChangeCounts(tx, jobId, childLength);
      const names = await placeNames(tx, [place, ...new Set(counts.map((c) => c.child))], { withNation: true });
      const side = (rows: q.WhatIfCountRow[], s: string): TallyRow[] => rows.filter((r) => r.side === s);
      const children = [...new Set(counts.map((c) => c.child))].sort();
      const before = side(counts, 'before');
      const targets = await targetChanges(tx, options.scope ?? ALL_PLACES, place, year, active, withRecordActive(active, draft));
      return {
        targets,
        year,
        place: { code: place, name: names.get(place)?.name ?? (place === NATIONAL_REGION ? '全国' : place) },
        policy: { id: draft.id, regionCode: draft.regionCode, effectiveYear: draft.effectiveYear, version: draft.version, title: draft.title },
        ...sumOf(before),
        changed: sumOf(changes),
        before: tally(before),
        after: tally(side(counts, 'after')),
        transitions: changes
          .reduce<Transition[]>((list, c) => {
            const same = list.find((t) => t.gradeBefore === c.grade_before && t.gradeAfter === c.grade_after && t.outcomeBefore === c.outcome_before && t.outcomeAfter === c.outcome_after);
            if (same) {
              same.households += c.households;
              same.persons += c.persons;
            } else list.push({ gradeBefore: c.grade_before, gradeAfter: c.grade_after, outcomeBefore: c.outcome_before, outcomeAfter: c.outcome_after, households: c.households, persons: c.persons });
            return list;
          }, [])
          .sort((a, b) => b.households - a.households),
        byPlace: children.map((code) => {
          const mine = counts.filter((c) => c.child === code);
          const changed = sumOf(changes.filter((c) => c.child === code));
          return {
            code,
            name: names.get(code)?.name ?? code,
            ...sumOf(side(mine, 'before')),
            changedHouseholds: changed.households,
            changedPersons: changed.persons,
            before: tally(side(mine, 'before')),
            after: tally(side(mine, 'after')),
          };
        }),
      };
    }),
  );
}
