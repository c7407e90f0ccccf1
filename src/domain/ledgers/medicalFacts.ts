/**
 * 基本医疗有保障 from the health ledgers (POLICY §4 and §9): a member's 家庭医生签约 and 慢病卡 come
 * from 卫健's 家庭医生签约和慢病卡 ledger, his 基本医疗保险 and 大病保险 from 医保's 参保 ledger, each
 * for the calendar year assessed, where the ledger has a row of him saying it; the registry's own
 * field otherwise. As SQL over two LEFT JOINs of person `p` (aliases `lsg`, `lin`) so the bulk
 * recompute stays set-based, and as the same mapping in TypeScript for one household's checklist.
 */
export const SIGNING_KIND = 'health_signing';
export const INSURANCE_KIND = 'health_insurance';

/** A member's row of one of the two health ledgers (data as stored). */
export interface MedicalLedgerRow {
  id: number;
  kind: string;
  id_number: string;
  year: number;
  data: Readonly<Record<string, unknown>>;
}

/** The registry's person fields a health ledger can speak for, and the ledger field that does. */
export const MEDICAL_FACTS = [
  { column: 'family_doctor', kind: SIGNING_KIND, field: 'signed', alias: 'lsg', label: '家庭医生签约' },
  { column: 'chronic_card', kind: SIGNING_KIND, field: 'chronicCard', alias: 'lsg', label: '慢病卡' },
  { column: 'insured_basic', kind: INSURANCE_KIND, field: 'basic', alias: 'lin', label: '基本医疗保险' },
  { column: 'insured_serious', kind: INSURANCE_KIND, field: 'serious', alias: 'lin', label: '大病保险' },
] as const;

export type MedicalColumn = (typeof MEDICAL_FACTS)[number]['column'];

/** The LEFT JOINs of the two health ledgers' rows of person `p` for `year`, by alias (each ends in its ON condition, so a caller may add to it). */
export function medicalJoins(year: number): { alias: string; join: string }[] {
  if (!Number.isInteger(year)) throw new Error(`年度应为整数：${year}`);
  const join = (alias: string, kind: string) =>
    `LEFT JOIN ledger_record ${alias} ON ${alias}.county_code = p.county_code AND ${alias}.id_number = p.id_number AND ${alias}.kind = '${kind}' AND ${alias}.year = ${year}`;
  return [{ alias: 'lsg', join: join('lsg', SIGNING_KIND) }, { alias: 'lin', join: join('lin', INSURANCE_KIND) }];
}

/** Both joins, as one string. */
export function medicalJoinSql(year: number): string {
  return medicalJoins(year).map((j) => j.join).join(' ');
}

/** The member's fact for a registry column: the ledger's where its row says it, else `p.<column>`. */
export function medicalFactSql(column: MedicalColumn): string {
  const f = MEDICAL_FACTS.find((m) => m.column === column)!;
  return `coalesce((${f.alias}.data->>'${f.field}')::boolean, p.${column})`;
}

/** Which ledger row of `rows` speaks for `column` in `year`, and what it says (undefined: the registry stands). */
export function medicalFactOf(rows: readonly MedicalLedgerRow[], idNumber: string | undefined, year: number, column: MedicalColumn): { row: MedicalLedgerRow; value: boolean } | undefined {
  const f = MEDICAL_FACTS.find((m) => m.column === column)!;
  const row = idNumber === undefined ? undefined : rows.find((r) => r.kind === f.kind && r.id_number === idNumber && r.year === year);
  const value = row?.data[f.field];
  return row && typeof value === 'boolean' ? { row, value } : undefined;
}

/** The member's registry row with each health fact the ledgers give in `year` put over the registry's. */
export function withMedicalFacts<P extends { id_number?: string } & Record<MedicalColumn, boolean | null>>(p: P, rows: readonly MedicalLedgerRow[], year: number): P {
  const out = { ...p };
  for (const f of MEDICAL_FACTS) {
    const fact = medicalFactOf(rows, p.id_number, year, f.column);
    if (fact) out[f.column] = fact.value;
  }
  return out;
}
