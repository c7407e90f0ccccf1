/** The households a what-if would change, as an .xlsx streamed in keyset batches (Chinese headers and labels). */
import type { Writable } from 'node:stream';
import type { Db } from '../../db/database';
import { OUTCOME_LABELS } from '../../domain/assessment/assessHousehold';
import { RISK_GRADE_LABELS, type RiskGrade } from '../../domain/assessment/gradeRisk';
import type { Outcome } from '../../domain/assessment/types';
import { streamWorkbook } from '../../spreadsheet';
import type { HouseholdKey } from './assessmentQueries';
import { whatIfChangePage } from './queries';

export { XLSX_MEDIA_TYPE } from '../../spreadsheet';

const outcome = (o: string) => OUTCOME_LABELS[o as Outcome] ?? o;
const grade = (g: string) => RISK_GRADE_LABELS[g as RiskGrade] ?? g;

const COLUMNS: { header: string; width: number; value: (r: Awaited<ReturnType<typeof whatIfChangePage>>[number]) => string | number | null }[] = [
  { header: '户编号', width: 20, value: (r) => r.household_no },
  { header: '县', width: 12, value: (r) => r.county_name },
  { header: '乡镇', width: 12, value: (r) => r.township_name },
  { header: '村', width: 16, value: (r) => r.village_name },
  { header: '户主', width: 10, value: (r) => r.head_name },
  { header: '人数', width: 6, value: (r) => r.persons },
  { header: '原评估结果', width: 16, value: (r) => outcome(r.outcome_before) },
  { header: '新评估结果', width: 16, value: (r) => outcome(r.outcome_after) },
  { header: '原风险等级', width: 12, value: (r) => grade(r.grade_before) },
  { header: '新风险等级', width: 12, value: (r) => grade(r.grade_after) },
];

/** Write the workbook to `output` and end it; returns the rows written. */
export async function writeWhatIfWorkbook(db: Db, jobId: number, output: Writable, batch = 2000): Promise<number> {
  const workbook = streamWorkbook(output);
  const sheet = workbook.addSheet({ name: '测算变化的户', frozenHeader: true, columns: COLUMNS });
  let after: HouseholdKey | null = null;
  let rows = 0;
  for (;;) {
    const page = await whatIfChangePage(db, jobId, after, batch);
    for (const r of page) sheet.addRow(COLUMNS.map((c) => c.value(r)));
    rows += page.length;
    await sheet.drained();
    if (page.length < batch) break;
    const last = page[page.length - 1];
    after = { countyCode: last.county_code, householdNo: last.household_no };
  }
  await workbook.commit();
  return rows;
}
