/**
 * The list of assessed households (same filters as the page) as an .xlsx, streamed page by page:
 * Chinese headers and labels, one column per criterion, the risk reasons in words.
 */
import type { Writable } from 'node:stream';
import type { Db } from '../../db/database';
import { OUTCOME_LABELS } from '../../domain/assessment/assessHousehold';
import { RISK_GRADE_LABELS, type RiskGrade } from '../../domain/assessment/gradeRisk';
import type { Outcome } from '../../domain/assessment/types';
import { labelOf, monitorCategory } from '../../domain/enums';
import { CRITERION_LABELS, REASON_LABELS } from '../../domain/policy/optionLabels';
import { CRITERIA } from '../../domain/policy/rulesSchema';
import { streamWorkbook } from '../../spreadsheet';
import type { HouseholdAccess } from '../../db/householdReach';
import { listAssessedHouseholds, type AssessedHousehold, type AssessedHouseholdFilter } from './overview';

const CRITERION_HEADERS = CRITERION_LABELS;
const STATUS_TEXT: Record<string, string> = { pass: '达标', fail: '未达标', undetermined: '待核实' };
const REASON_TEXT = REASON_LABELS;

type Column = { header: string; width: number; value: (h: AssessedHousehold) => string | number | null };

const COLUMNS: Column[] = [
  { header: '户编号', width: 20, value: (h) => h.householdNo },
  { header: '地区', width: 30, value: (h) => h.placePath },
  { header: '户主', width: 10, value: (h) => h.headName },
  { header: '人数', width: 6, value: (h) => h.persons },
  { header: '人均纯收入(元)', width: 12, value: (h) => h.perCapitaNet },
  { header: '评估结果', width: 16, value: (h) => OUTCOME_LABELS[h.outcome as Outcome] ?? h.outcome },
  ...CRITERIA.map((c): Column => ({ header: CRITERION_HEADERS[c], width: 8, value: (h) => STATUS_TEXT[h.criteria[c]] ?? h.criteria[c] })),
  { header: '风险等级', width: 8, value: (h) => RISK_GRADE_LABELS[h.riskGrade as RiskGrade] ?? h.riskGrade },
  { header: '风险原因', width: 40, value: (h) => h.riskReasons.map((r) => REASON_TEXT[r] ?? r).join('；') || null },
  { header: '建议监测类别', width: 14, value: (h) => (h.suggestedCategory ? labelOf(monitorCategory, h.suggestedCategory) : null) },
  { header: '政策版本', width: 24, value: (h) => h.policyKey },
];

const PAGE = 2000;

/** Write the filtered list to `output` as an .xlsx and end it; returns the rows written. */
export async function writeAssessedWorkbook(db: Db, access: HouseholdAccess, filter: AssessedHouseholdFilter, output: Writable): Promise<number> {
  const workbook = streamWorkbook(output);
  const sheet = workbook.addSheet({ name: '评估结果', frozenHeader: true, columns: COLUMNS });
  let rows = 0;
  for (let page = 1; ; page++) {
    const { items, total } = await listAssessedHouseholds(db, access, filter, { page, pageSize: PAGE });
    for (const h of items) sheet.addRow(COLUMNS.map((c) => c.value(h)));
    rows += items.length;
    await sheet.drained();
    if (items.length < PAGE || rows >= total) break;
  }
  await workbook.commit();
  return rows;
}
