/**
 * One ledger row checked against its shape, from a spreadsheet row or a form: every problem is
 * named with its field (the Chinese header) and the value given, in Chinese; the registry side
 * (is the person or household there, in the user's place) is the module's to check.
 */
import { isCalendarDate } from '../dates';
import { normaliseIdText, parseIdNumber } from '../idNumber';
import type { FieldSpec, LedgerShape } from './shapes';

export interface RowProblem {
  row: number;
  field: string;
  value: string;
  message: string;
}

/** The columns every ledger has besides its own fields. */
export function commonColumns(shape: LedgerShape): { key: string; label: string; required: boolean }[] {
  const subject =
    shape.subject === 'person'
      ? [
          { key: 'idNumber', label: '身份证号', required: true },
          { key: 'name', label: '姓名', required: true },
          { key: 'placeCode', label: '行政区划代码', required: false },
        ]
      : [{ key: 'householdNo', label: '户编号', required: true }];
  return [{ key: 'year', label: shape.yearLabel, required: true }, ...subject];
}

/** Every column header of a ledger's template, in order. */
export function headersOf(shape: LedgerShape): string[] {
  return [...commonColumns(shape).map((c) => c.label), ...shape.fields.map((f) => f.label)];
}

export interface CheckedRow {
  row: number;
  year: number;
  idNumber: string | null;
  name: string | null;
  householdNo: string | null;
  /** A place code given on the row (for a person outside the registry). */
  placeCode: string | null;
  data: Record<string, string | number | boolean | null>;
}

const YES = new Set(['是', '有', 'Y', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', '无', 'N', 'n', 'no', 'false', '0', '']);

/** A date typed as YYYY-MM-DD or YYYY/M/D (or an ISO timestamp from a form), as YYYY-MM-DD; null when not a real day. */
export function calendarDay(text: string): string | null {
  // An Excel date cell arrives as its serial number (days since 1899-12-30).
  if (/^\d{5}(\.\d+)?$/.test(text.trim())) return new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(text)) * 86_400_000).toISOString().slice(0, 10);
  const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:T.*)?$/.exec(text.trim());
  if (!parts) return null;
  const day = `${parts[1]}-${parts[2].padStart(2, '0')}-${parts[3].padStart(2, '0')}`;
  return isCalendarDate(day) ? day : null;
}

function fieldValue(field: FieldSpec, raw: string, problem: (message: string) => void): string | number | boolean | null {
  const text = raw.trim();
  if (text === '') {
    if (field.required) problem(`${field.label}不能为空`);
    return null;
  }
  switch (field.type) {
    case 'text':
      if (text.length > 500) problem(`${field.label}不能超过 500 字`);
      return text;
    case 'date': {
      const day = calendarDay(text);
      if (!day) problem(`${field.label}应为真实日期，格式 YYYY-MM-DD`);
      return day;
    }
    case 'money': {
      const n = Number(text.replace(/,/g, ''));
      if (!Number.isFinite(n)) problem(`${field.label}应为数字`);
      else if (n < 0) problem(`${field.label}不能为负数`);
      else if (Math.round(n * 100) !== n * 100 && Math.abs(Math.round(n * 100) - n * 100) > 1e-6) problem(`${field.label}最多两位小数`);
      else return Math.round(n * 100) / 100;
      return null;
    }
    case 'int': {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0) problem(`${field.label}应为非负整数`);
      return Number.isInteger(n) ? n : null;
    }
    case 'bool':
      if (YES.has(text)) return true;
      if (NO.has(text)) return false;
      problem(`${field.label}应填"是"或"否"`);
      return null;
    case 'enum': {
      const option = field.options?.find((o) => o.label === text || o.code === text);
      if (!option) problem(`${field.label}应为以下之一：${field.options?.map((o) => o.label).join('、')}`);
      return option?.code ?? null;
    }
  }
}

/**
 * A row's values (keyed by the Chinese header, or by field key for a form) checked against the
 * shape: the values, or the problems (each with the row, field and value).
 */
export function checkRow(shape: LedgerShape, row: number, cells: Readonly<Record<string, string>>, today: Date): { value: CheckedRow | null; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const cell = (key: string, label: string) => cells[label] ?? cells[key] ?? '';
  const add = (field: string, value: string) => (message: string) => problems.push({ row, field, value, message });
  const common = Object.fromEntries(commonColumns(shape).map((c) => [c.key, cell(c.key, c.label).trim()]));
  for (const c of commonColumns(shape)) if (c.required && !common[c.key]) add(c.label, '')(`${c.label}不能为空`);
  const year = Number(common.year);
  if (common.year && (!Number.isInteger(year) || year < 2000 || year > 2100)) add(shape.yearLabel, common.year)(`${shape.yearLabel}应为四位年份（如 2019）`);
  let idNumber: string | null = null;
  if (shape.subject === 'person' && common.idNumber) {
    const parsed = parseIdNumber(normaliseIdText(common.idNumber), today);
    if (parsed.ok) idNumber = parsed.idNumber;
    else add('身份证号', common.idNumber)(`身份证号无效：${parsed.reason}`);
  }
  if (common.placeCode && !/^\d{6}(\d{3}){0,2}$/.test(common.placeCode)) add('行政区划代码', common.placeCode)('行政区划代码应为 6、9 或 12 位数字');
  const data: CheckedRow['data'] = {};
  for (const f of shape.fields) {
    const raw = cell(f.key, f.label);
    data[f.key] = fieldValue(f, raw, add(f.label, raw.trim()));
  }
  const label = (key: string) => shape.fields.find((f) => f.key === key)?.label ?? key;
  for (const check of shape.checks) {
    if (check.kind === 'dateOrder') {
      const a = data[check.before];
      const b = data[check.after];
      if (typeof a === 'string' && typeof b === 'string' && b < a) add(label(check.after), b)(`${label(check.after)}不能早于${label(check.before)}（${a}）`);
      if (a === null && typeof b === 'string' && shape.fields.find((f) => f.key === check.before)) add(label(check.after), b)(`填写${label(check.after)}时应先有${label(check.before)}`);
    } else {
      const whole = data[check.whole];
      const sum = check.parts.reduce((s, p) => s + (typeof data[p] === 'number' ? (data[p] as number) : 0), 0);
      if (typeof whole === 'number' && sum > whole + 1e-9) {
        const parts = check.parts.map(label).join('、');
        add(check.parts.length === 1 ? label(check.parts[0]) : parts, String(Math.round(sum * 100) / 100))(`${parts}合计 ${Math.round(sum * 100) / 100} 元，大于${label(check.whole)} ${whole} 元`);
      }
    }
  }
  if (problems.length) return { value: null, problems };
  return {
    value: {
      row,
      year,
      idNumber,
      name: shape.subject === 'person' ? common.name : null,
      householdNo: shape.subject === 'household' ? common.householdNo : null,
      placeCode: common.placeCode || null,
      data,
    },
    problems,
  };
}

/** The record key of a checked row within its kind and year: the subject and the shape's key fields. */
export function recordKeyOf(shape: LedgerShape, row: Pick<CheckedRow, 'idNumber' | 'householdNo' | 'data'>): string {
  const subject = shape.subject === 'person' ? row.idNumber : row.householdNo;
  return [subject, ...shape.key.map((k) => String(row.data[k] ?? ''))].join('|');
}
