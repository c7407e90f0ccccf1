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
