/** The monitoring overview (counts by grade and by child place) and the list of assessed households. */
import type { Db } from '../../db/database';
import { levelOfCode } from '../../db/placeScope';
import type { HouseholdAccess } from '../../db/householdReach';
import { NATIONAL_REGION } from '../../domain/policy/record';
import type { Criterion } from '../../domain/policy/rulesSchema';
import { notFound } from '../../server/errors';
import { placeNames } from '../places/service';
import { householdsWhere, latestIncomeYear } from './queries';
import { decodeCriteria, decodeReasons } from './resultCodes';
import * as r from './resultQueries';
import { childLengthOf, tally, type Count, type Tally } from './tally';

const zero = (): Count => ({ households: 0, persons: 0 });

function add(to: Count, row: Count): void {
  to.households += row.households;
  to.persons += row.persons;
}

export interface OverviewChild {
  code: string;
  name: string;
  level: number;
  households: number;
  persons: number;
  grades: Tally['grades'];
}

export interface MonitoringOverview {
  place: { code: string; name: string; level: number };
  year: number | null;
  computedAt: Date | null;
  policyKeys: string[];
  households: number;
  persons: number;
  grades: Tally['grades'];
  outcomes: Tally['outcomes'];
  suggested: { unstable: Count; marginal: Count; sudden: Count };
  children: OverviewChild[];
}

async function placeOf(db: Db, code: string) {
  const name = (await placeNames(db, [code], { withNation: true })).get(code)?.name;
  if (name === undefined) throw notFound(`行政区划 ${code} `);
  return { code, name, level: levelOfCode(code) };
}

/** The year asked for, or the latest with stored results, or the latest income year. */
async function yearFor(db: Db, access: HouseholdAccess, place: string, year: number | undefined): Promise<number | null> {
  if (year !== undefined) return year;
  const where = householdsWhere(access.scope, place, access.pairedCadreId);
  return (await r.latestResultYear(db, where)) ?? (await latestIncomeYear(db, where));
}

/** Counts by grade and child place of the households within reach (place scope; a pairing cadre's paired ones). */
export async function getMonitoringOverview(db: Db, access: HouseholdAccess, options: { place?: string; year?: number }): Promise<MonitoringOverview> {
  const code = options.place ?? NATIONAL_REGION;
  const place = await placeOf(db, code);
  const year = await yearFor(db, access, code, options.year);
  const where = householdsWhere(access.scope, code, access.pairedCadreId);
  const childLength = childLengthOf(code);
  const rows = year === null ? [] : await r.overviewCounts(db, where, year, childLength);
  const facts = year === null ? { computedAt: null, policyKeys: [] } : await r.resultFacts(db, where, year);
  const whole = tally(rows);
  const suggested = { unstable: zero(), marginal: zero(), sudden: zero() };
  for (const row of rows) {
    const s = suggested[row.suggested_category as keyof typeof suggested];
    if (s) add(s, row);
  }
  const childCodes = childLength > code.length ? [...new Set(rows.map((x) => x.child))].sort() : [];
  const names = await placeNames(db, childCodes);
  const total = rows.reduce((t, row) => (add(t, row), t), zero());
  return {
    place,
    year,
    computedAt: facts.computedAt,
    policyKeys: facts.policyKeys,
    ...total,
    grades: whole.grades,
    outcomes: whole.outcomes,
    suggested,
    children: childCodes.map((c) => {
      const mine = rows.filter((x) => x.child === c);
      return { code: c, name: names.get(c)?.name ?? c, level: levelOfCode(c), ...mine.reduce((t, row) => (add(t, row), t), zero()), grades: tally(mine).grades };
    }),
  };
}

export interface AssessedHouseholdFilter {
  place?: string;
  year?: number;
  grade?: string;
  outcome?: string;
  failing?: Criterion;
  suggested?: string;
}

export interface AssessedHousehold {
  householdNo: string;
  countyCode: string;
  villageCode: string;
  placePath: string;
  headName: string;
  status: string;
  outcome: string;
  criteria: Record<Criterion, string>;
  failing: Criterion[];
  riskGrade: string;
  riskReasons: string[];
  suggestedCategory: string | null;
  perCapitaNet: number | null;
  persons: number;
  policyKey: string;
  computedAt: Date;
}

export async function listAssessedHouseholds(
  db: Db,
  access: HouseholdAccess,
  filter: AssessedHouseholdFilter,
  paging: { page: number; pageSize: number },
): Promise<{ year: number | null; total: number; page: number; pageSize: number; items: AssessedHousehold[] }> {
  const code = filter.place ?? NATIONAL_REGION;
  await placeOf(db, code);
  const year = await yearFor(db, access, code, filter.year);
  const empty = { year, total: 0, page: paging.page, pageSize: paging.pageSize, items: [] };
  if (year === null) return empty;
  const where = householdsWhere(access.scope, code, access.pairedCadreId);
  const f = { ...filter, year };
  const total = await r.countResults(db, where, f);
  const rows = await r.listResults(db, where, f, (paging.page - 1) * paging.pageSize, paging.pageSize);
  return {
    ...empty,
    total,
    items: rows.map((x) => {
      const criteria = decodeCriteria(x.criteria);
      return {
        householdNo: x.household_no,
        countyCode: x.county_code,
        villageCode: x.village_code,
        placePath: [x.county_name, x.township_name, x.village_name].filter(Boolean).join(' / '),
        headName: x.head_name,
        status: x.status,
        outcome: x.outcome,
        criteria,
        failing: (Object.keys(criteria) as Criterion[]).filter((c) => criteria[c] === 'fail'),
        riskGrade: x.risk_grade,
        riskReasons: decodeReasons(x.risk_reasons),
        suggestedCategory: x.suggested_category,
        perCapitaNet: x.per_capita_net,
        persons: x.persons,
        policyKey: x.policy_key,
        computedAt: x.computed_at,
      };
    }),
  };
}
