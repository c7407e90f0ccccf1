/**
 * The demo registry: household lines (specs.ts) become households with members, ID numbers,
 * rule data, incomes and status history. Pure and deterministic: same places, same rows.
 */
import { completeIdNumber } from '../../domain/idNumber';
import { composeFamily, type MemberDraft } from './family';
import { attributeFor, conditionsFor, incomes, statusHistory, type HouseholdConditions, type IncomeRow, type StatusRow } from './household';
import { hanSurname, personName } from './names';
import { personTraits, type PersonTraits } from './person';
import { DEMO_YEAR } from './plan';
import { nameStyleOf, profileFor, type RegionProfile } from './profiles';
import { Random } from './random';
import { demoSpecs, type DemoPlaces, type HouseholdSpec, type TownshipPlace } from './specs';

export const DEMO_SEED = 'fupin-demo-1';

export interface HouseholdRow extends HouseholdConditions {
  county_code: string;
  household_no: string;
  village_code: string;
  township_code: string;
  head_name: string;
  head_id_number: string;
  phone: string | null;
  status: string;
  identified_year: number;
  planned_exit_year: number;
  exit_year: number | null;
  main_cause: string;
  other_causes: string[];
  size: number;
}

export interface PersonRow {
  county_code: string;
  id_number: string;
  household_no: string;
  name: string;
  sex: string;
  birth_date: string;
  relation: string;
  ethnicity: string;
  education: string | null;
  schooling: string;
  health: string;
  disability_grade: number | null;
  labour: string;
  work_status: string;
  insured_basic: boolean;
  insured_serious: boolean;
  insured_commercial: boolean;
  insured_pension: boolean;
  family_doctor: boolean;
  chronic_card: boolean;
  home_schooling: boolean;
  phone: string | null;
}

export interface CountyRows {
  countyCode: string;
  households: HouseholdRow[];
  persons: PersonRow[];
  history: (StatusRow & { county_code: string; household_no: string })[];
  incomes: (IncomeRow & { county_code: string; household_no: string })[];
}

const WORKING = new Set(['out_of_province', 'in_province', 'in_county', 'in_township', 'welfare_job']);

/** Picks villages (weighted, fixed per township) and numbers households within each village. */
class VillageBook {
  private weights = new Map<string, [string, number][]>();
  private next = new Map<string, number>();

  constructor(private readonly rng: Random) {}

  place(t: TownshipPlace): { villageCode: string; householdNo: string } {
    let w = this.weights.get(t.code);
    if (!w) {
      w = t.villages.map((v) => [v.code, (0.3 + this.rng.next() * 1.4) * (v.name.endsWith('居委会') || v.name.includes('居民委员会') ? 0.3 : 1)]);
      this.weights.set(t.code, w);
    }
    const villageCode = this.rng.weighted(w);
    const n = (this.next.get(villageCode) ?? 0) + 1;
    if (n > 9999) throw new Error(`村 ${villageCode} 的户编号超过 9999`);
    this.next.set(villageCode, n);
    return { villageCode, householdNo: villageCode + String(n).padStart(4, '0') };
  }
}

/** ID numbers unique within the county: address code = county, birth date, sequence (odd = male). */
class IdBook {
  private used = new Set<string>();

  constructor(private readonly rng: Random, private readonly countyCode: string) {}

  issue(birthDate: string, sex: 'M' | 'F'): string {
    for (;;) {
      const seq = this.rng.int(0, 499) * 2 + (sex === 'M' ? 1 : 0);
      const first17 = this.countyCode + birthDate.replace(/-/g, '') + String(seq).padStart(3, '0');
      if (this.used.has(first17)) continue;
      this.used.add(first17);
      return completeIdNumber(first17);
    }
  }
}

function birthDateFor(rng: Random, age: number): string {
  const year = DEMO_YEAR - age;
  const month = rng.int(1, 12);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, days)).padStart(2, '0')}`;
}

function phoneNumber(rng: Random): string {
  return '1' + rng.pick(['3', '5', '7', '8', '9']) + String(rng.int(0, 999_999_999)).padStart(9, '0');
}

/** Which member carries the household's illness or disability. */
function conditionOf(rng: Random, spec: HouseholdSpec, members: MemberDraft[]): { index: number; condition: 'chronic' | 'serious' | 'disabled' } | null {
  if (spec.mainCause !== 'illness' && spec.mainCause !== 'disability') return null;
  const adults = members.map((m, i) => [i, m.age] as const).filter(([, age]) => age >= 18);
  const pool = adults.length > 0 && (spec.mainCause === 'illness' || rng.chance(0.85)) ? adults : members.map((m, i) => [i, m.age] as const);
  const index = rng.pick(pool)[0];
  if (spec.mainCause === 'disability') return { index, condition: 'disabled' };
  return { index, condition: rng.chance(0.4) ? 'serious' : 'chronic' };
}

function otherCauses(rng: Random, profile: RegionProfile, main: string): string[] {
  const n = rng.weighted([[0, 30], [1, 50], [2, 20]]);
  const out: string[] = [];
  for (let k = 0; k < 8 && out.length < n; k++) {
    const c = rng.weighted(profile.causes);
    if (c !== main && c !== 'schooling' && !out.includes(c)) out.push(c);
  }
  return out.sort();
}

const BLOOD = new Set(['son', 'daughter', 'grandson', 'granddaughter']);

function surnameOf(relation: string, headSurname: string, lineSurname: string, rng: Random): string {
  if (relation === 'head' || relation === 'father' || relation === 'sibling') return headSurname;
  if (BLOOD.has(relation)) return lineSurname;
  if (relation === 'spouse' && lineSurname !== headSurname) return lineSurname;
  return hanSurname(rng);
}

function identifiedYear(rng: Random, profile: RegionProfile, exitYear: number | null): number {
  const year = rng.weighted(profile.identifiedYears);
  return exitYear !== null && year >= exitYear ? profile.identifiedYears[0][0] : year;
}

export function generateCounty(countyCode: string, specs: HouseholdSpec[], places: DemoPlaces, rng: Random): CountyRows {
  const profile = profileFor(countyCode);
  const villages = new VillageBook(rng);
  const ids = new IdBook(rng, countyCode);
  const out: CountyRows = { countyCode, households: [], persons: [], history: [], incomes: [] };
  for (const spec of specs) {
    const poor = spec.status === 'poor';
    const { villageCode, householdNo } = villages.place(places.get(spec.townshipCode)!);
    const drafts = composeFamily(rng, { size: spec.size, poor, student: spec.mainCause === 'schooling' });
    const carrier = conditionOf(rng, spec, drafts);
    const ethnicity = rng.weighted(profile.ethnicities);
    const headSurname = hanSurname(rng);
    /** Children carry the husband's surname: the head's, or the spouse's when the head is a woman. */
    const lineSurname = drafts[0].sex === 'F' && drafts.some((m) => m.relation === 'spouse') ? hanSurname(rng) : headSurname;
    const persons = drafts.map((m, i): PersonRow => {
      const traits: PersonTraits = personTraits(rng, m, {
        poor,
        profile,
        condition: carrier?.index === i ? carrier.condition : undefined,
        student: spec.mainCause === 'schooling' && i === 1,
      });
      const marriedIn = m.relation === 'spouse' || m.relation === 'daughter_in_law' || m.relation === 'mother';
      const eth = marriedIn && rng.chance(0.1) ? rng.weighted(profile.ethnicities) : ethnicity;
      const surname = surnameOf(m.relation, headSurname, lineSurname, rng);
      const birthDate = birthDateFor(rng, m.age);
      return {
        county_code: countyCode,
        id_number: ids.issue(birthDate, m.sex),
        household_no: householdNo,
        name: personName(rng, nameStyleOf(eth), m.sex, surname),
        sex: m.sex,
        birth_date: birthDate,
        relation: m.relation,
        ethnicity: eth,
        education: traits.education,
        schooling: traits.schooling,
        health: traits.health,
        disability_grade: traits.disabilityGrade,
        labour: traits.labour,
        work_status: traits.workStatus,
        insured_basic: traits.insuredBasic,
        insured_serious: traits.insuredSerious,
        insured_commercial: traits.insuredCommercial,
        insured_pension: traits.insuredPension,
        family_doctor: traits.familyDoctor,
        chronic_card: traits.chronicCard,
        home_schooling: traits.homeSchooling,
        phone: i === 0 && rng.chance(0.8) ? phoneNumber(rng) : null,
      };
    });
    const anyLabour = persons.some((p) => p.labour === 'ordinary' || p.labour === 'skilled' || p.labour === 'weak');
    const attribute = attributeFor(rng, poor, spec.size, anyLabour);
    const identified = identifiedYear(rng, profile, spec.exitYear);
    out.households.push({
      county_code: countyCode,
      household_no: householdNo,
      village_code: villageCode,
      township_code: spec.townshipCode,
      head_name: persons[0].name,
      head_id_number: persons[0].id_number,
      phone: persons[0].phone,
      status: spec.status,
      identified_year: identified,
      planned_exit_year: spec.exitYear ?? DEMO_YEAR + 1,
      exit_year: spec.exitYear,
      main_cause: spec.mainCause,
      other_causes: otherCauses(rng, profile, spec.mainCause),
      size: persons.length,
      ...conditionsFor(rng, poor, spec.relocated, attribute, profile),
    });
    out.persons.push(...persons);
    const earners = {
      workers: persons.filter((p) => WORKING.has(p.work_status)).length,
      farmers: persons.filter((p) => p.work_status === 'farming').length,
    };
    for (const row of statusHistory(identified, spec.exitYear)) out.history.push({ county_code: countyCode, household_no: householdNo, ...row });
    for (const row of incomes(rng, countyCode, profile, persons.length, attribute, earners, spec.exitYear)) {
      out.incomes.push({ county_code: countyCode, household_no: householdNo, ...row });
    }
  }
  return out;
}

/** The whole demo registry, county by county, each county from its own seeded generator. */
export function* generateDemo(places: DemoPlaces, seed = DEMO_SEED): Generator<CountyRows> {
  const rngFor = (countyCode: string) => new Random(`${seed}:${countyCode}`);
  const specs = demoSpecs((c) => rngFor(`${c}:plan`), places);
  for (const [countyCode, list] of specs) yield generateCounty(countyCode, list, places, rngFor(countyCode));
}
