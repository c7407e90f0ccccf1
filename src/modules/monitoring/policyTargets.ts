/**
 * Reports of the policy targets that do not change a household's grade (POLICY.md §3): the
 * monitoring scale against the 2020 cap, by county, with the counties over it listed; and the
 * industry income target of households with industry support, by child place, with each
 * household's verdict. Rules are resolved per village from the records given (the active ones,
 * or the active ones with a draft in force for the what-if).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { levelOfCode } from '../../db/placeScope';
import { NATIONAL_REGION, type PolicyRecord } from '../../domain/policy/record';
import { resolvePolicy, type ResolvedPolicy } from '../../domain/policy/resolve';
import { capVerdict, industryVerdict, monitoringCapFor } from '../../domain/policy/targets';
import type { HouseholdAccess } from '../../server/access';
import { notFound } from '../../server/errors';
import { householdsWhere } from './queries';
import { placeNames } from '../places/service';
import { childLengthOf } from './tally';

export interface ReportOptions {
  place: string;
  year: number;
}

/** resolvePolicy once per place code. */
function resolver(records: readonly PolicyRecord[], year: number): (code: string) => ResolvedPolicy {
  const memo = new Map<string, ResolvedPolicy>();
  return (code) => {
    let r = memo.get(code);
    if (!r) memo.set(code, (r = resolvePolicy(records, code, year)));
    return r;
  };
}

async function placeOf(db: Db, code: string) {
  const name = (await placeNames(db, [code])).get(code)?.name;
  if (name === undefined) throw notFound(`行政区划 ${code} `);
  return { code, name, level: levelOfCode(code) };
}

export interface CapRow {
  code: string;
  name: string;
  registeredPersons: number;
  monitoredPersons: number;
  capShare: number | null;
  deepPoverty: boolean;
  over: boolean;
  reason: string;
}

export interface CapReport {
  place: { code: string; name: string };
  year: number;
  counties: CapRow[];
  overCap: CapRow[];
}

/** Open monitored persons against registered (建档立卡: identified, not deregistered) persons of each county in reach. */
export async function monitoringCapReport(db: Db, access: HouseholdAccess, options: ReportOptions, records: readonly PolicyRecord[]): Promise<CapReport> {
  const place = await placeOf(db, options.place);
  const where = householdsWhere(access.scope, options.place, access.pairedCadreId);
  const rows = await sql<{ county: string; registered: number; monitored: number }>`
    SELECT h.county_code AS county,
           coalesce(sum(h.size) FILTER (WHERE h.identified_year IS NOT NULL AND h.status <> 'deregistered'), 0)::int AS registered,
           coalesce(sum(h.size) FILTER (WHERE h.status = 'monitored'), 0)::int AS monitored
    FROM household h WHERE ${where}
    GROUP BY h.county_code ORDER BY h.county_code`.execute(db);
  const names = await placeNames(db, rows.rows.map((r) => r.county));
  const rulesOf = resolver(records, options.year);
  const counties = rows.rows.map((r): CapRow => {
    const cap = monitoringCapFor(rulesOf(r.county).rules, options.year, r.county);
    const verdict = capVerdict(r.monitored, r.registered, cap, options.year);
    return { code: r.county, name: names.get(r.county)?.name ?? r.county, registeredPersons: r.registered, monitoredPersons: r.monitored, capShare: cap?.share ?? null, deepPoverty: cap?.deepPoverty ?? false, over: verdict.over, reason: verdict.text };
  });
  return { place: { code: place.code, name: place.name }, year: options.year, counties, overCap: counties.filter((c) => c.over) };
}

export interface IndustryHousehold {
  householdNo: string;
  headName: string;
  villageCode: string;
  target: number;
  perCapita: number | null;
  meets: boolean | null;
  reason: string;
}

export interface IndustryPlaceRow {
  code: string;
  name: string;
  supported: number;
  meeting: number;
  short: number;
  noIncome: number;
}

export interface IndustryReport {
  place: { code: string; name: string };
  year: number;
  totals: Omit<IndustryPlaceRow, 'code' | 'name'>;
  byPlace: IndustryPlaceRow[];
  households: IndustryHousehold[];
}

/** 未脱贫 (and 返贫) households with an industry measure of the year, where a target is set for their place. */
export async function industryIncomeReport(db: Db, access: HouseholdAccess, options: ReportOptions, records: readonly PolicyRecord[]): Promise<IndustryReport> {
  const place = await placeOf(db, options.place);
  const where = householdsWhere(access.scope, options.place, access.pairedCadreId);
  const rows = await sql<{ household_no: string; head_name: string; village_code: string; production_net: number | null; household_size: number | null }>`
    SELECT h.household_no, h.head_name, h.village_code, i.production_net, i.household_size
    FROM household h
    LEFT JOIN household_income i ON i.county_code = h.county_code AND i.household_no = h.household_no AND i.year = ${options.year}
    WHERE ${where} AND h.status IN ('poor', 'returned')
      AND EXISTS (SELECT 1 FROM household_measure m WHERE m.county_code = h.county_code AND m.household_no = h.household_no
                  AND m.year = ${options.year} AND m.measure_type = 'industry')
    ORDER BY h.county_code, h.household_no`.execute(db);
  const rulesOf = resolver(records, options.year);
  const households: IndustryHousehold[] = [];
  for (const r of rows.rows) {
    const target = rulesOf(r.village_code).rules.income.industryIncomeTarget;
    if (target === null) continue;
    const base = { householdNo: r.household_no, headName: r.head_name, villageCode: r.village_code, target };
    if (r.production_net === null || !(Number(r.household_size) > 0)) households.push({ ...base, perCapita: null, meets: null, reason: `缺少 ${options.year} 年收入记录，不能判定产业增收目标` });
    else {
      const v = industryVerdict(Number(r.production_net), Number(r.household_size), target);
      households.push({ ...base, perCapita: v.perCapita, meets: v.meets, reason: v.text });
    }
  }
  const childLength = childLengthOf(options.place);
  const byCode = new Map<string, IndustryPlaceRow>();
  const totals = { supported: 0, meeting: 0, short: 0, noIncome: 0 };
  for (const h of households) {
    const code = options.place === NATIONAL_REGION || options.place.length < 12 ? h.villageCode.slice(0, childLength) : options.place;
    const row = byCode.get(code) ?? { code, name: code, supported: 0, meeting: 0, short: 0, noIncome: 0 };
    byCode.set(code, row);
    for (const t of [row, totals]) {
      t.supported += 1;
      if (h.meets === null) t.noIncome += 1;
      else if (h.meets) t.meeting += 1;
      else t.short += 1;
    }
  }
  const names = await placeNames(db, [...byCode.keys()]);
  const byPlace = [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code)).map((r) => ({ ...r, name: names.get(r.code)?.name ?? r.code }));
  return { place: { code: place.code, name: place.name }, year: options.year, totals, byPlace, households };
}
