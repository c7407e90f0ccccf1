/**
 * One row of a reference file read into a reference row: the ID number normalised and its check
 * digit validated (idNumber.ts), dates, amounts and grades parsed, closed lists checked, the
 * place code inside the batch's county and the importer's scope. Problems name the row, the
 * column and the value, in Chinese.
 */
import { isCalendarDate } from '../dates';
import { parseIdNumber } from '../idNumber';
import type { KindColumn, ReferenceKind } from './kinds';

export interface ReferenceRow {
  rowNo: number;
  idNumber: string;
  name: string | null;
  placeCode: string | null;
  category: string | null;
  role: string | null;
  status: string | null;
  amount: number | null;
  grade: number | null;
  onDate: string | null;
  detail: Record<string, string>;
}

export interface RowProblem {
  row: number;
  field: string;
  value: string;
  message: string;
}

const GRADES: Record<string, number> = { 一级: 1, 二级: 2, 三级: 3, 四级: 4, '1': 1, '2': 2, '3': 3, '4': 4, 一: 1, 二: 2, 三: 3, 四: 4 };

/** Excel's day number (1900 system) → YYYY-MM-DD. */
function excelDate(n: number): string {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(n) * 86_400_000).toISOString().slice(0, 10);
}

export function parseDate(text: string): string | null {
  const t = text.trim();
  if (/^\d{5}(\.\d+)?$/.test(t)) return excelDate(Number(t));
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isCalendarDate(d) ? d : null;
}

export function parseAmount(text: string): number | null {
  const t = text.trim().replace(/[,，\s]/g, '').replace(/元$/, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) && n < 1e12 ? Math.round(n * 100) / 100 : null;
}

export interface RowContext {
  countyCode: string;
  /** True when the importer's scope holds this place code. */
  inScope: (code: string) => boolean;
  today: Date;
}

/** Read one row; `cells` is the file's row, `index` where each declared column is. */
export function parseReferenceRow(kind: ReferenceKind, index: Map<KindColumn, number>, rowNo: number, cells: readonly string[], ctx: RowContext): { row: ReferenceRow } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const row: ReferenceRow = { rowNo, idNumber: '', name: null, placeCode: null, category: null, role: null, status: null, amount: null, grade: null, onDate: null, detail: {} };
  const bad = (col: KindColumn, value: string, message: string) => problems.push({ row: rowNo, field: col.header, value, message: `第 ${rowNo} 行「${col.header}」${value === '' ? '为空' : `“${value}”`}：${message}` });
  for (const [col, i] of index) {
    const value = (cells[i] ?? '').trim();
    if (value === '') {
      if (col.required) bad(col, value, '必填');
      continue;
    }
    if (col.values && !col.values.includes(value)) {
      bad(col, value, `应为 ${col.values.join('、')} 之一`);
      continue;
    }
    switch (col.field) {
      case 'id_number': {
        const id = parseIdNumber(value, ctx.today);
        if (id.ok) row.idNumber = id.idNumber;
        else bad(col, value, id.reason);
        break;
      }
      case 'place_code':
        if (!/^\d{6}(\d{3}(\d{3})?)?$/.test(value)) bad(col, value, '应为 6、9 或 12 位行政区划代码');
        else if (!value.startsWith(ctx.countyCode) || !ctx.inScope(value)) bad(col, value, `不在本批次的县（${ctx.countyCode}）或您的管辖范围内`);
        else row.placeCode = value;
        break;
      case 'amount': {
        const n = parseAmount(value);
        if (n === null) bad(col, value, '应为不小于 0 的金额（元）');
        else row.amount = n;
        break;
      }
      case 'grade': {
        const g = GRADES[value.replace(/残疾$/, '')];
        if (!g) bad(col, value, '应为 一级、二级、三级、四级（或 1–4）');
        else row.grade = g;
        break;
      }
      case 'on_date': {
        const d = parseDate(value);
        if (!d) bad(col, value, '应为日期，如 2020-06-30');
        else row.onDate = d;
        break;
      }
      case 'detail':
        row.detail[col.header] = value;
        break;
      default:
        row[col.field] = value;
    }
  }
  return problems.length ? { problems } : { row };
}
