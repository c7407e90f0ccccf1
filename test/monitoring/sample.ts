/**
 * A varied sample of households for checking the bulk SQL against the pure rules: every fact
 * drawn from its values (null included) with boundary values of the default rules overweighted.
 */
import type { Database } from '../../src/db/database';
import { createHousehold, type HouseholdSpec, type IncomeSpec, type MemberSpec, type StatusSpec, type TestPlaces } from '../helpers/factory';

function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  let clean = false;
  /** In a clean household mostly the good value, otherwise any value. */
  const fact = <T>(good: T, list: readonly T[]): T => (clean && next() < 0.93 ? good : pick(list));
  const setClean = (value: boolean) => {
    clean = value;
  };
  return { next, pick, fact, setClean };
}

const FLAG = [true, true, true, false, null] as const;
const PER_CAPITA = [2995, 2995.01, 3218, 3218.01, 4000, 4000.01, 5999.99, 6000, 6000.01, 6499.99, 6500, 6500.01, 8000, 12000, 1500, 7000.005];
const RISK_TYPES = ['illness', 'disability', 'schooling', 'disaster', 'accident', 'industry_failure', 'unstable_employment', 'sudden_event', 'unstable_income'];

function member(r: ReturnType<typeof rng>, year: number, i: number): MemberSpec {
  const age = r.pick([3, 5, 6, 7, 10, 15, 16, 17, 30, 45, 60, 80, -1]);
  const birthYear = year - age;
  const day = r.next() < 0.1 ? '12-31' : `${String(1 + Math.floor(r.next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r.next() * 28)).padStart(2, '0')}`;
  const birth = `${birthYear}-${day}`;
  return {
    relation: i === 0 ? 'head' : 'other',
    birth,
    columns: {
      schooling: r.fact<string | null>(age >= 6 && age <= 15 ? 'primary' : 'none', ['primary', 'junior', 'none', 'dropout', 'dropout', null]),
      health: r.fact<string | null>('healthy', ['healthy', 'healthy', 'chronic', 'serious', 'disabled', null]),
      disability_grade: r.pick([null, null, null, 1, 2, 3, 4]),
      home_schooling: r.pick([true, false, null]),
      insured_basic: r.fact<boolean | null>(true, FLAG),
      insured_serious: r.fact<boolean | null>(true, FLAG),
      family_doctor: r.fact<boolean | null>(true, FLAG),
      chronic_card: r.fact<boolean | null>(true, [true, false, null]),
      labour: r.pick(['ordinary', 'weak', 'none', null]),
    },
  };
}

function incomes(r: ReturnType<typeof rng>, year: number, size: number): IncomeSpec[] {
  const out: IncomeSpec[] = [];
  for (const y of [year - 1, year]) {
    if (r.next() < 0.15) continue;
    const pc = r.fact(9000, PER_CAPITA);
    const total = Math.round(pc * Math.max(size, 1) * 100) / 100;
    const cost = r.pick([0, 0, 500.5, 1000]);
    const wages = Math.round(total * 0.6 * 100) / 100;
    out.push({ year: y, wages, productionNet: Math.round((total - wages + cost) * 100) / 100, property: r.pick([0, 0.01, 120]), transfer: 0, productionCost: cost });
  }
  return out;
}

function history(r: ReturnType<typeof rng>, year: number): { status: string; exitYear: number | null; history: StatusSpec[] } {
  const kind = r.pick(['poor', 'exited', 'exited_later', 'risk_eliminated', 'risk_eliminated_never_poor', 'not_poor', 'monitored', 'returned', 'deregistered', 'identified_later']);
  switch (kind) {
    case 'exited':
      return { status: 'exited', exitYear: year - 1, history: [{ year: 2016, status: 'poor' }, { year: year - 1, status: 'exited' }] };
    case 'exited_later':
      return { status: 'exited', exitYear: year + 1, history: [{ year: 2016, status: 'poor' }, { year: year + 1, status: 'exited' }] };
    case 'risk_eliminated':
      return { status: 'risk_eliminated', exitYear: 2017, history: [{ year: 2016, status: 'poor' }, { year: 2017, status: 'exited' }, { year: year, status: 'risk_eliminated' }] };
    case 'risk_eliminated_never_poor':
      return { status: 'risk_eliminated', exitYear: null, history: [{ year: year - 1, status: 'monitored', monitorCategory: 'marginal' }, { year, status: 'risk_eliminated' }] };
    case 'identified_later':
      return { status: 'poor', exitYear: null, history: [{ year: year + 1, status: 'poor' }] };
    case 'deregistered':
      return { status: 'deregistered', exitYear: null, history: [{ year: 2016, status: 'poor' }, { year: year - 1, status: 'deregistered' }] };
    default:
      return { status: kind, exitYear: null, history: r.next() < 0.3 ? [] : [{ year: 2016, status: kind }] };
  }
}

export interface SampleEvent {
  householdNo: string;
  type: string;
  occurredOn: string;
  cost: number;
}

/** `count` varied households in the tree's villages, for assessment year `year`. */
export async function createVariedHouseholds(database: Database, places: TestPlaces, count: number, year: number, seed = 7): Promise<string[]> {
  const r = rng(seed);
  const made: string[] = [];
  const events: SampleEvent[] = [];
  for (let k = 0; k < count; k++) {
    r.setClean(r.next() < 0.5);
    const size = r.pick([0, 1, 2, 3, 4, 5]);
    const members = Array.from({ length: size }, (_, i) => member(r, year, i));
    const h = history(r, year);
    const spec: HouseholdSpec = {
      villageCode: r.pick(places.villageCodes),
      status: h.status,
      exitYear: h.exitYear,
      history: h.history,
      members,
      incomes: incomes(r, year, size),
      columns: {
        food_secure: r.fact<boolean | null>(true, FLAG),
        clothing_secure: r.fact<boolean | null>(true, FLAG),
        house_grade: r.fact<string | null>('A', ['A', 'B', 'C', 'D', null]),
        house_renovated: r.pick([true, false, null]),
        relocated: r.pick([true, false, null, null]),
        water_lpd: r.fact<number | null>(40, [40, 35, 34.9, 20, 19.9, 25, null]),
        water_quality_ok: r.fact<boolean | null>(true, FLAG),
        water_trip_minutes: r.pick([null, 10, 20, 21, 40]),
        water_piped: r.fact<boolean | null>(true, [true, false, null]),
        water_outage_days: r.fact<number | null>(0, [0, 18, 36, 37, 60, null]),
        water_scarce_area: r.pick([true, false, null]),
        water_horizontal_m: r.pick([null, 800, 801]),
        water_vertical_m: r.pick([null, 80, 81]),
        open_risk_types: r.next() < 0.7 ? [] : [r.pick(RISK_TYPES), r.pick(RISK_TYPES)].filter((v, i, a) => a.indexOf(v) === i),
      },
    };
    const created = await createHousehold(database, places, spec);
    made.push(created.householdNo);
    const n = r.pick([0, 0, 0, 1, 2]);
    for (let e = 0; e < n; e++) {
      events.push({
        householdNo: created.householdNo,
        type: r.pick(['illness', 'disaster', 'accident', 'schooling']),
        occurredOn: r.pick([`${year}-01-01`, `${year - 1}-12-31`, `${year}-06-30`, `${year + 1}-01-01`, `${year}-12-31`]),
        cost: r.pick([0, 1000, 6000, 18000, 18000.01, 50000]),
      });
    }
  }
  if (events.length) {
    await database.db
      .insertInto('risk_event')
      .values(events.map((e) => ({ county_code: places.countyCode, household_no: e.householdNo, type: e.type, occurred_on: e.occurredOn, cost: e.cost })))
      .execute();
  }
  return made;
}
