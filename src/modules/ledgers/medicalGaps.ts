/**
 * 应签尽签 and 应参尽参 (POLICY §4, §9): members of registered households (poor, returned,
 * exited, monitored) in the place whose fact for the year, as the assessment reads it (the health
 * ledger's row over the registry's field, domain/ledgers/medicalFacts.ts), is not "yes":
 * 家庭医生签约 for 应签尽签 (卫健's ledger), 基本医疗保险 or 大病保险 for 应参尽参 (医保's ledger).
 * "未登记" (neither the ledger nor the registry says) is listed too: the department has to find out.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/database';
import { codeUnder, inScope, type PlaceScope } from '../../db/placeScope';
import { maskIdNumber } from '../../domain/idNumber';
import { INSURANCE_KIND, medicalFactSql, medicalJoinSql, SIGNING_KIND } from '../../domain/ledgers/medicalFacts';
import { placeNames } from '../places/service';
import { ASSISTANCE_CHECKED_STATUSES } from './queries';
import { yearQuery } from './schemas';

export const MEDICAL_CHECKS = {
  signing: { kind: SIGNING_KIND, label: '应签尽签', facts: ['family_doctor'] },
  insurance: { kind: INSURANCE_KIND, label: '应参尽参', facts: ['insured_basic', 'insured_serious'] },
} as const;

export type MedicalCheck = keyof typeof MEDICAL_CHECKS;

export const medicalGapQuery = yearQuery.extend({
  check: z.enum(['signing', 'insurance'], { message: 'check 应为 signing（应签尽签）或 insurance（应参尽参）' }),
});

const fact = z.boolean().nullable();
export const medicalGapSchema = z.object({
  year: z.number().int(),
  check: z.string(),
  label: z.string(),
  total: z.number().int(),
  items: z.array(
    z.object({
      countyCode: z.string(), householdNo: z.string(), idNumber: z.string(), name: z.string(), placeCode: z.string(), placeName: z.string(),
      signed: fact, chronicCard: fact, insuredBasic: fact, insuredSerious: fact,
      /** Which of the facts came from a ledger row (else the registry). */
      fromLedger: z.boolean(),
    }),
  ),
});

interface GapRow {
  county_code: string; household_no: string; id_number: string; name: string; village_code: string;
  signed: boolean | null; chronic_card: boolean | null; insured_basic: boolean | null; insured_serious: boolean | null; from_ledger: boolean; total: number;
}

export async function medicalGaps(db: Db, scope: PlaceScope, place: string, year: number, check: MedicalCheck, limit = 2000) {
  const c = MEDICAL_CHECKS[check];
  const missing = sql.raw(c.facts.map((f) => `(${medicalFactSql(f)}) IS NOT TRUE`).join(' OR '));
  const alias = sql.raw(check === 'signing' ? 'lsg' : 'lin');
  const rows = await sql<GapRow>`
    SELECT p.county_code, p.household_no, p.id_number, p.name, h.village_code,
      ${sql.raw(medicalFactSql('family_doctor'))} AS signed, ${sql.raw(medicalFactSql('chronic_card'))} AS chronic_card,
      ${sql.raw(medicalFactSql('insured_basic'))} AS insured_basic, ${sql.raw(medicalFactSql('insured_serious'))} AS insured_serious,
      ${alias}.id IS NOT NULL AS from_ledger, count(*) OVER ()::int AS total
    FROM person p
    JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
    ${sql.raw(medicalJoinSql(year))}
    WHERE ${inScope(scope, { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' })}
      AND ${codeUnder(place, 'h.village_code')} AND h.status IN (${sql.join(ASSISTANCE_CHECKED_STATUSES)})
      AND p.birth_date <= ${`${year}-12-31`} AND (${missing})
    ORDER BY h.village_code, p.county_code, p.household_no, p.id_number
    LIMIT ${limit}`.execute(db);
  const names = await placeNames(db, [...new Set(rows.rows.map((r) => r.village_code))]);
  return {
    year,
    check,
    label: c.label,
    total: rows.rows[0]?.total ?? 0,
    items: rows.rows.map((r) => ({
      countyCode: r.county_code, householdNo: r.household_no, idNumber: maskIdNumber(r.id_number) ?? '', name: r.name,
      placeCode: r.village_code, placeName: names.get(r.village_code)?.name ?? r.village_code,
      signed: r.signed, chronicCard: r.chronic_card, insuredBasic: r.insured_basic, insuredSerious: r.insured_serious, fromLedger: r.from_ledger,
    })),
  };
}

const yesNo = (v: boolean | null) => (v === null ? '未登记' : v ? '是' : '否');

/** The export's header and rows. */
export function medicalGapSheet(list: Awaited<ReturnType<typeof medicalGaps>>): { headers: string[]; rows: (string | number)[][] } {
  return {
    headers: ['户编号', '姓名', '身份证号', '所在地', '家庭医生签约', '慢病卡', '基本医疗保险', '大病保险', '来源'],
    rows: list.items.map((i) => [i.householdNo, i.name, i.idNumber, i.placeName, yesNo(i.signed), yesNo(i.chronicCard), yesNo(i.insuredBasic), yesNo(i.insuredSerious), i.fromLedger ? '行业部门台账' : '建档立卡登记']),
  };
}
