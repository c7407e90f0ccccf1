/**
 * What the ledgers say about a member for the household assessment (POLICY §4 and §9): the
 * education fact of the school year starting in the assessment year comes from the student
 * register (学生名册) where it has the child, the registry's own field otherwise. Written as SQL
 * over a LEFT JOIN of the register (alias `ls`) so the bulk recompute stays set-based, and as the
 * same mapping in TypeScript for one household's checklist.
 */
export const STUDENT_KIND = 'edu_student';

/** The schooling code (enums.schooling) a register row gives; null when it says nothing (毕业/离校). */
export function schoolingFromStudent(stage: string, status: string): { schooling: string; homeSchooling: boolean } | null {
  if (status === 'in_school') return { schooling: stage, homeSchooling: false };
  if (status === 'dropout') return { schooling: 'dropout', homeSchooling: false };
  if (status === 'home_schooling') return { schooling: 'dropout', homeSchooling: true };
  return null;
}

/** LEFT JOIN of the register row of person `p` for school year `year` (alias `ls`). */
export function studentJoinSql(year: number): string {
  if (!Number.isInteger(year)) throw new Error(`年度应为整数：${year}`);
  return `LEFT JOIN ledger_record ls ON ls.county_code = p.county_code AND ls.id_number = p.id_number AND ls.kind = '${STUDENT_KIND}' AND ls.year = ${year}`;
}

/** The member's schooling: the register's when it says something, else the registry's (as schoolingFromStudent). */
export const SCHOOLING_SQL = `coalesce(CASE ls.data->>'status' WHEN 'in_school' THEN ls.data->>'stage' WHEN 'dropout' THEN 'dropout' WHEN 'home_schooling' THEN 'dropout' END, p.schooling)`;

/** The member's 送教上门, the same way. */
export const HOME_SCHOOLING_SQL = `CASE ls.data->>'status' WHEN 'in_school' THEN false WHEN 'dropout' THEN false WHEN 'home_schooling' THEN true ELSE p.home_schooling END`;

export const RENOVATION_KIND = 'housing_renovation';
export const RELOCATION_KIND = 'relocation_household';

/**
 * 住房安全 from the housing ledgers (POLICY §4, §9): a household with a 危房改造 record (plan year up
 * to the assessment year) is renovated when one of them passed 竣工验收 by the assessment day; a
 * household with a 易地扶贫搬迁 record is relocated when it moved in by that day. Without a record
 * the registry's own fields stand. As SQL: the aggregate columns over ledger rows `r` grouped by
 * household, and the rows' filter (the caller adds its key range).
 */
export function housingFactSql(year: number, asOf: string): { columns: string; filter: string } {
  if (!Number.isInteger(year) || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`年度或日期无效：${year} ${asOf}`);
  return {
    columns: `bool_or(coalesce(r.data->>'acceptedOn' <= '${asOf}', false)) FILTER (WHERE r.kind = '${RENOVATION_KIND}') AS renovated,
    bool_or(coalesce(r.data->>'movedInOn' <= '${asOf}', false)) FILTER (WHERE r.kind = '${RELOCATION_KIND}') AS relocated`,
    filter: `r.household_no IS NOT NULL AND r.kind IN ('${RENOVATION_KIND}', '${RELOCATION_KIND}') AND r.year <= ${year}`,
  };
}

export interface HousingLedgerRow {
  id: number;
  kind: string;
  year: number;
  acceptedOn: string | null;
  movedInOn: string | null;
}

/** The same decision in TypeScript: undefined where the ledgers have no record (the registry's field stands). */
export function housingFromLedgers(rows: readonly HousingLedgerRow[], year: number): { renovated?: boolean; relocated?: boolean } {
  const asOf = `${year}-12-31`;
  const of = (kind: string, date: (r: HousingLedgerRow) => string | null) => {
    const own = rows.filter((r) => r.kind === kind && r.year <= year);
    return own.length ? own.some((r) => { const d = date(r); return d !== null && d <= asOf; }) : undefined;
  };
  return { renovated: of(RENOVATION_KIND, (r) => r.acceptedOn), relocated: of(RELOCATION_KIND, (r) => r.movedInOn) };
}
