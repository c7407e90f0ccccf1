/**
 * Factories that build a fresh place subtree per test (no shared fixtures, no truncation):
 * a county under the test province 99 with a code no other test has used on this database.
 */
import { sql, type Insertable } from 'kysely';
import type { Database } from '../../src/db/database';
import { markRollupsStale } from '../../src/db/rollupMarks';
import type { HouseholdTable, PersonTable } from '../../src/db/schema';
import { completeIdNumber } from '../../src/domain/idNumber';

export interface TestPlaces {
  provinceCode: string;
  cityCode: string;
  countyCode: string;
  townshipCodes: string[];
  villageCodes: string[];
}

/** A new county 99xxxx with `townships` townships of `villages` villages each. */
export async function createPlaceTree(database: Database, townships = 2, villages = 2): Promise<TestPlaces> {
  const { db } = database;
  await sql`CREATE SEQUENCE IF NOT EXISTS test_county_seq`.execute(db);
  const n = Number((await sql<{ n: string }>`SELECT nextval('test_county_seq') AS n`.execute(db)).rows[0].n);
  const countyCode = '99' + String(n % 10000).padStart(4, '0');
  const cityCode = countyCode.slice(0, 4);
  const rows: { code: string; name: string; level: number; parent_code: string | null }[] = [
    { code: '99', name: '测试省', level: 1, parent_code: null },
    { code: cityCode, name: `测试市${cityCode}`, level: 2, parent_code: '99' },
    { code: countyCode, name: `测试县${countyCode}`, level: 3, parent_code: cityCode },
  ];
  const townshipCodes: string[] = [];
  const villageCodes: string[] = [];
  for (let t = 1; t <= townships; t++) {
    const tc = countyCode + String(100 + t).padStart(3, '0');
    townshipCodes.push(tc);
    rows.push({ code: tc, name: `测试${t}镇`, level: 4, parent_code: countyCode });
    for (let v = 1; v <= villages; v++) {
      const vc = tc + String(200 + v).padStart(3, '0');
      villageCodes.push(vc);
      rows.push({ code: vc, name: `测试${t}镇${v}村村委会`, level: 5, parent_code: tc });
    }
  }
  await db.deleteFrom('place').where('code', 'like', countyCode + '%').execute();
  await db.insertInto('place').values(rows).onConflict((oc) => oc.column('code').doNothing()).execute();
  return { provinceCode: '99', cityCode, countyCode, townshipCodes, villageCodes };
}

/** A valid 18-digit ID number in the given county: birth date and a serial, odd for men. */
export function idNumberFor(countyCode: string, birth: string, serial: number, sex: 'M' | 'F' = 'M'): string {
  let seq = serial % 500;
  const last = sex === 'M' ? 2 * seq + 1 : 2 * seq;
  return completeIdNumber(countyCode + birth.replace(/-/g, '') + String(last % 1000).padStart(3, '0'));
}

/** One member for `createHousehold`; every field has a default. */
export interface MemberSpec {
  name?: string;
  /** enums.relation code; default 'head' for the first member, 'other' after. */
  relation?: string;
  sex?: 'M' | 'F';
  /** YYYY-MM-DD; default a date that keeps generated ID numbers unique in the county. */
  birth?: string;
  /** A valid ID number to use instead of a generated one (sex and birth are then read from it). */
  idNumber?: string;
  /** Any other person columns, snake_case as in the table (ethnicity, health, phone…). */
  columns?: Partial<Omit<Insertable<PersonTable>, 'county_code' | 'id_number' | 'household_no'>>;
}

export interface IncomeSpec {
  year: number;
  wages?: number;
  productionNet?: number;
  property?: number;
  transfer?: number;
  productionCost?: number;
}

export interface StatusSpec {
  year: number;
  status: string;
  monitorCategory?: string | null;
  reason?: string | null;
}

/** What to vary in `createHousehold`; everything has a default. Codes are enums.ts codes. */
export interface HouseholdSpec {
  householdNo?: string;
  /** Default: the first village of the tree. */
  villageCode?: string;
  attribute?: string;
  status?: string;
  monitorCategory?: string | null;
  mainCause?: string | null;
  otherCauses?: string[];
  identifiedYear?: number | null;
  exitYear?: number | null;
  phone?: string | null;
  /** Default: a head (man, 1965) and his spouse (woman, 1967). */
  members?: MemberSpec[];
  /** Default: one income record for 2019. Size and per-capita net are computed. */
  incomes?: IncomeSpec[];
  /** Default: 'poor' in the identified year, plus the current status in 2019 when it is not 'poor'. */
  history?: StatusSpec[];
  /** Any other household columns, snake_case (house_grade, water_lpd…). */
  columns?: Partial<Omit<Insertable<HouseholdTable>, 'county_code' | 'household_no' | 'village_code' | 'township_code'>>;
}

export interface CreatedMember {
  idNumber: string;
  name: string;
  relation: string;
  sex: 'M' | 'F';
  birthDate: string;
}

export interface CreatedHousehold {
  householdNo: string;
  countyCode: string;
  townshipCode: string;
  villageCode: string;
  headName: string;
  members: CreatedMember[];
}

const householdsMade = new Map<string, number>();
const membersMade = new Map<string, number>();

function next(counter: Map<string, number>, county: string): number {
  const n = (counter.get(county) ?? 0) + 1;
  counter.set(county, n);
  return n;
}

/**
 * Insert a household of the tree's county, with members (valid ID numbers from idNumberFor,
 * unique in the county), income records and status history, in one transaction, directly
 * with Kysely (no service rules). `createHousehold(database, places)` alone gives a poor
 * general household of two in the first village.
 */
export async function createHousehold(database: Database, places: TestPlaces, spec: HouseholdSpec = {}): Promise<CreatedHousehold> {
  const county = places.countyCode;
  const k = next(householdsMade, county);
  const householdNo = spec.householdNo ?? county + String(k).padStart(6, '0');
  const villageCode = spec.villageCode ?? places.villageCodes[0];
  const townshipCode = villageCode.slice(0, 9);
  const memberSpecs = spec.members ?? [
    { name: `户主${k}`, relation: 'head', sex: 'M', birth: '1965-03-0' + (1 + (k % 9)) },
    { name: `配偶${k}`, relation: 'spouse', sex: 'F', birth: '1967-05-1' + (k % 10) },
  ];
  const members: CreatedMember[] = memberSpecs.map((m, i) => {
    if (m.idNumber) {
      const sexDigit = Number(m.idNumber[16]);
      const birth = `${m.idNumber.slice(6, 10)}-${m.idNumber.slice(10, 12)}-${m.idNumber.slice(12, 14)}`;
      return { idNumber: m.idNumber, name: m.name ?? `成员${k}-${i + 1}`, relation: m.relation ?? (i === 0 ? 'head' : 'other'), sex: sexDigit % 2 ? 'M' : 'F', birthDate: birth };
    }
    const n = next(membersMade, county);
    const sex = m.sex ?? (i % 2 === 0 ? 'M' : 'F');
    const birthDate = m.birth ?? `${1950 + (n % 60)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
    return { idNumber: idNumberFor(county, birthDate, n, sex), name: m.name ?? `成员${k}-${i + 1}`, relation: m.relation ?? (i === 0 ? 'head' : 'other'), sex, birthDate };
  });
  const head = members.find((m) => m.relation === 'head') ?? members[0];
  const status = spec.status ?? 'poor';
  const identifiedYear = spec.identifiedYear === undefined ? 2016 : spec.identifiedYear;
  const history = spec.history ?? [
    { year: identifiedYear ?? 2016, status: 'poor' },
    ...(status === 'poor' ? [] : [{ year: spec.exitYear ?? 2019, status, monitorCategory: spec.monitorCategory ?? null }]),
  ];
  const incomes = spec.incomes ?? [{ year: 2019, wages: 8000, productionNet: 2000, transfer: 1000, productionCost: 1000 }];
  await database.db.transaction().execute(async (trx) => {
    await markRollupsStale(trx, [county]);
    await trx
      .insertInto('household')
      .values({
        county_code: county,
        household_no: householdNo,
        village_code: villageCode,
        township_code: townshipCode,
        head_name: head?.name ?? `户主${k}`,
        head_id_number: head?.idNumber ?? null,
        phone: spec.phone === undefined ? '13800001234' : spec.phone,
        attribute: spec.attribute ?? 'general',
        status,
        monitor_category: spec.monitorCategory ?? null,
        identified_year: identifiedYear,
        exit_year: spec.exitYear ?? null,
        main_cause: spec.mainCause === undefined ? 'illness' : spec.mainCause,
        other_causes: spec.otherCauses ?? [],
        size: members.length,
        ...spec.columns,
      })
      .execute();
    if (members.length > 0) {
      await trx
        .insertInto('person')
        .values(
          members.map((m, i) => ({
            county_code: county,
            id_number: m.idNumber,
            household_no: householdNo,
            name: m.name,
            sex: m.sex,
            birth_date: m.birthDate,
            relation: m.relation,
            ethnicity: '01',
            ...memberSpecs[i].columns,
          })),
        )
        .execute();
    }
    if (history.length > 0) {
      await trx
        .insertInto('household_status_history')
        .values(history.map((h) => ({ county_code: county, household_no: householdNo, year: h.year, status: h.status, monitor_category: h.monitorCategory ?? null, reason: h.reason ?? null })))
        .execute();
    }
    if (incomes.length > 0) {
      const size = Math.max(members.length, 1);
      await trx
        .insertInto('household_income')
        .values(
          incomes.map((i) => {
            const [w, p, pr, t, c] = [i.wages ?? 0, i.productionNet ?? 0, i.property ?? 0, i.transfer ?? 0, i.productionCost ?? 0];
            return { county_code: county, household_no: householdNo, year: i.year, wages: w, production_net: p, property: pr, transfer: t, production_cost: c, household_size: size, per_capita_net: Math.round(((w + p + pr + t - c) / size) * 100) / 100 };
          }),
        )
        .execute();
    }
  });
  return { householdNo, countyCode: county, townshipCode, villageCode, headName: head?.name ?? `户主${k}`, members };
}
