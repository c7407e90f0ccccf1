/**
 * Reading one cell: trimmed text in, the value in PostgreSQL COPY text form out (`\N` for
 * blank), or the Chinese reason it cannot be read. Runs once per cell of a million-row file,
 * so it works on strings directly and allocates nothing on success.
 */
import { allowedLabels, codeOf, povertyCause, type Enumeration } from '../../domain/enums';
import { CELL_NUMBER } from '../../spreadsheet';
import type { ColumnSpec } from './columns';

/** How a spreadsheet stored the cell: CSV cells are always text. */
export { CELL_BOOLEAN, CELL_NUMBER, CELL_TEXT } from '../../spreadsheet';

export const COPY_NULL = '\\N';

/** A cell that could not be read. */
export class CellProblem {
  constructor(readonly message: string) {}
}

export type CellResult = string | CellProblem;

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const COPY_SPECIAL = /[\\\t\n\r]/;
const HOUSEHOLD_NO = /^[0-9A-Za-z_-]{1,40}$/;
const VILLAGE_CODE = /^\d{12}$/;
const PHONE = /^[0-9+() -]{3,30}$/;
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;
const SCIENTIFIC = /^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;
const WHOLE = /^\d+(\.0*)?$/;
const CAUSE_SEPARATORS = /[、,，;；/\s]+/;
const EXACT_INTEGER = /^\d{1,15}$/;

const TRUE_TEXT = new Set(['是', '有', 'TRUE', 'true', '1', 'Y', 'y', '√']);
const FALSE_TEXT = new Set(['否', '无', 'FALSE', 'false', '0', 'N', 'n', '×']);
const GRADES: Record<string, string> = {
  '1': '1', '2': '2', '3': '3', '4': '4',
  一级: '1', 二级: '2', 三级: '3', 四级: '4',
  '1级': '1', '2级': '2', '3级': '3', '4级': '4',
  一: '1', 二: '2', 三: '3', 四: '4',
};

/**
 * A copy of a short string that does not keep the block it was cut from alive (V8 shares the
 * parent of a slice of 13 characters or more); used for what is remembered across rows.
 */
export function detach(text: string): string {
  if (text.length < 13) return text;
  let out = '';
  for (let i = 0; i < text.length; i += 12) out += text.slice(i, i + 12);
  return out;
}

/** Text as COPY wants it (backslash, tab and line breaks escaped). */
export function copyEscape(text: string): string {
  if (!COPY_SPECIAL.test(text)) return text;
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/**
 * A long number Excel stored as a number: the digits past the 15th are gone, so the text
 * the user typed cannot be recovered.
 */
export function lostPrecision(text: string, cellKind: number): boolean {
  return cellKind === CELL_NUMBER && !EXACT_INTEGER.test(text);
}

const NUMBER_STORED = '被存成了数字，超过15位的数字已丢失精度；请把该列设为“文本”格式后重新填写';

function plainText(text: string, max: number): CellResult {
  if (text.length > max) return new CellProblem(`太长（${text.length}个字符），最多${max}个`);
  if (CONTROL.test(text)) return new CellProblem('含有不可见的控制字符');
  return copyEscape(text);
}

function decimalText(text: string): string | null {
  const t = text.indexOf(',') >= 0 ? text.replace(/,/g, '') : text;
  if (DECIMAL.test(t)) return t;
  if (SCIENTIFIC.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? String(n) : null;
  }
  return null;
}

/** Read one non-blank, trimmed cell of a column. */
export function readCell(column: ColumnSpec, text: string, cellKind: number): CellResult {
  switch (column.kind) {
    case 'householdNo':
      if (lostPrecision(text, cellKind)) return new CellProblem('户编号' + NUMBER_STORED);
      return HOUSEHOLD_NO.test(text) ? text : new CellProblem('户编号只能由字母、数字、短横线组成，最长40位');
    case 'text':
      return plainText(text, 100);
    case 'name':
      return plainText(text, 50);
    case 'villageCode':
      if (lostPrecision(text, cellKind)) return new CellProblem('村代码' + NUMBER_STORED);
      return VILLAGE_CODE.test(text) ? text : new CellProblem('村代码应为12位数字（统计用区划代码）');
    case 'phone':
      if (lostPrecision(text, cellKind)) return new CellProblem('电话号码' + NUMBER_STORED);
      return PHONE.test(text) ? text : new CellProblem('电话号码只能包含数字、空格、+ - ( )，3到30位');
    case 'enum': {
      const e = column.enumeration!;
      const code = codeOf(e, text);
      return code ?? new CellProblem(`不是有效的${e.label}，应为：${allowedLabels(e)}`);
    }
    case 'causes':
      return readCodes(povertyCause, text);
    case 'codes':
      return readCodes(column.enumeration!, text);
    case 'date':
      return readDate(text, cellKind);
    case 'metres': {
      const t = decimalText(text);
      if (t === null || Number(t) < 0) return new CellProblem('应为不小于0的数字（米）');
      return Number(t) < 100000 ? t : new CellProblem('应小于100000米');
    }
    case 'bool':
      if (TRUE_TEXT.has(text)) return 't';
      if (FALSE_TEXT.has(text)) return 'f';
      return new CellProblem('应填“是”或“否”');
    case 'year': {
      const t = text.endsWith('年') ? text.slice(0, -1) : text;
      if (!WHOLE.test(t)) return new CellProblem('应为四位年份，如 2019');
      const year = Number(t);
      return year >= 1949 && year <= 2100 ? String(year) : new CellProblem('年份应在1949到2100之间');
    }
    case 'count': {
      if (!WHOLE.test(text)) return new CellProblem('应为不小于0的整数');
      const n = Number(text);
      return n <= (column.max ?? 32767) ? String(n) : new CellProblem(`应不大于${column.max}`);
    }
    case 'litres': {
      const t = decimalText(text);
      if (t === null || Number(t) < 0) return new CellProblem('应为不小于0的数字（升）');
      return Number(t) < 100000 ? t : new CellProblem('应小于100000升');
    }
    case 'money': {
      const t = decimalText(text);
      if (t === null) return new CellProblem('应为金额数字（元），如 3500 或 3500.50');
      if (!column.signed && Number(t) < 0) return new CellProblem('金额不能为负数（元）');
      return Math.abs(Number(t)) < 1e10 ? t : new CellProblem('金额过大');
    }
    case 'disabilityGrade':
      return GRADES[text] ?? new CellProblem('残疾等级应为1到4级（或“一级”至“四级”）');
    case 'idNumber':
      throw new Error('证件号码由 readIdNumber 读取');
  }
}

/** A list of an enumeration's values (labels or codes) separated by 、 , ; / or blanks, as a text[] literal. */
function readCodes(e: Enumeration, text: string): CellResult {
  const codes: string[] = [];
  for (const part of text.split(CAUSE_SEPARATORS)) {
    if (part === '') continue;
    const code = codeOf(e, part);
    if (code === undefined) return new CellProblem(`“${part}”不是有效的${e.label}，应为：${allowedLabels(e)}（多个用“、”分隔）`);
    if (!codes.includes(code)) codes.push(code);
  }
  return '{' + codes.join(',') + '}';
}

const DATE_PARTS = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
/** Day 0 of Excel's serial dates (1899-12-30, which absorbs its 1900 leap-year bug for dates after February 1900). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date as 2020-03-05, 2020/3/5, 2020.3.5 or 2020年3月5日, or an Excel date (a day number); yields YYYY-MM-DD. */
function readDate(text: string, cellKind: number): CellResult {
  let day: Date;
  if (cellKind === CELL_NUMBER && WHOLE.test(text)) {
    day = new Date(EXCEL_EPOCH + Number.parseInt(text, 10) * 86_400_000);
  } else {
    const m = DATE_PARTS.exec(text);
    if (!m) return new CellProblem('应为日期，如 2020-03-05');
    day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (day.getUTCFullYear() !== Number(m[1]) || day.getUTCMonth() !== Number(m[2]) - 1 || day.getUTCDate() !== Number(m[3])) {
      return new CellProblem('不是有效的日期');
    }
  }
  const year = day.getUTCFullYear();
  if (!(year >= 1949 && year <= 2100)) return new CellProblem('日期应在1949年到2100年之间');
  return day.toISOString().slice(0, 10);
}

/** Kinds whose cells repeat across rows (a few labels, years, place names): their readings are remembered. */
const REPEATING = new Set<ColumnSpec['kind']>(['text', 'villageCode', 'enum', 'causes', 'codes', 'bool', 'year', 'count', 'litres', 'metres', 'disabilityGrade']);
/** Distinct values remembered per column at most. */
const CACHE_LIMIT = 20_000;
const PLAIN_NUMBER = /^\d{1,9}(\.\d{1,2})?$/;

export type CellReader = (text: string, cellKind: number) => CellResult;

/**
 * A reader for one column. Readings of repeating kinds are memoised (a registry of a million
 * rows has a few hundred distinct values in most columns); plain amounts skip the general path.
 */
export function columnReader(column: ColumnSpec): CellReader {
  if (column.kind === 'money') {
    return (text, cellKind) => (PLAIN_NUMBER.test(text) ? text : readCell(column, text, cellKind));
  }
  if (!REPEATING.has(column.kind)) return (text, cellKind) => readCell(column, text, cellKind);
  const cache = new Map<string, CellResult>();
  return (text, cellKind) => {
    if (cellKind === CELL_NUMBER && column.kind === 'villageCode') return readCell(column, text, cellKind);
    let result = cache.get(text);
    if (result === undefined) {
      result = readCell(column, text, cellKind);
      if (cache.size < CACHE_LIMIT) cache.set(text.length < 13 ? text : text.slice(0, 12) + text.slice(12), result);
    }
    return result;
  };
}
