/**
 * Registry files for import tests, generated per test from a fresh place tree: rows as
 * header → value records, written as CSV (UTF-8 with or without BOM, or GBK as Chinese Excel
 * saves it) or as .xlsx with ExcelJS.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { idNumberFor, type TestPlaces } from '../helpers/factory';

export type Row = Record<string, string | number | boolean | null>;

export const BASIC_HEADERS = ['户编号', '村代码', '户属性', '户状态', '主要致贫原因', '其他致贫原因', '姓名', '证件号码', '与户主关系', '民族', '收入年度', '工资性收入', '转移性收入', '生产经营性支出', '基本医疗保险'];

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fupin-import-test-'));
}

/**
 * `households` households of `size` members in the tree's villages: a head (man), a spouse,
 * then children. Household numbers are the county code + a 6-digit serial from `firstNo`.
 */
export function registryRows(places: TestPlaces, households: number, size = 3, firstNo = 1): Row[] {
  const rows: Row[] = [];
  for (let h = 0; h < households; h++) {
    const no = places.countyCode + String(firstNo + h).padStart(6, '0');
    const village = places.villageCodes[h % places.villageCodes.length];
    for (let m = 0; m < size; m++) {
      const serial = (firstNo + h) * 10 + m;
      const birth = m === 0 ? '1960-01-01' : m === 1 ? '1962-02-02' : `${1985 + m}-03-03`;
      const sex = m === 1 ? 'F' : 'M';
      rows.push({
        户编号: no,
        村代码: village,
        户属性: h % 3 === 0 ? '低保贫困户' : '一般贫困户',
        户状态: '未脱贫',
        主要致贫原因: h % 2 === 0 ? '因病' : '缺技术',
        其他致贫原因: '缺资金、缺劳力',
        姓名: m === 0 ? `户主${firstNo + h}` : `成员${firstNo + h}-${m}`,
        证件号码: idNumberFor(places.countyCode, birth.replace(/\d{2}$/, String(1 + (serial % 28)).padStart(2, '0')), serial, sex),
        与户主关系: m === 0 ? '户主' : m === 1 ? '配偶' : '之子',
        民族: '汉族',
        收入年度: 2019,
        工资性收入: 9000 + h,
        转移性收入: 1200,
        生产经营性支出: 600,
        基本医疗保险: '是',
      });
    }
  }
  return rows;
}

function csvField(value: Row[string]): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

export function csvText(rows: Row[], headers = BASIC_HEADERS): string {
  return [headers.join(','), ...rows.map((r) => headers.map((h) => csvField(r[h])).join(','))].join('\r\n') + '\r\n';
}

let gbkTable: Map<string, number[]> | null = null;

/** GBK bytes for text, built from the platform's GB18030 decoder (two-byte area). */
export function gbkBytes(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.from([a, b]));
        if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else {
      const pair = gbkTable.get(ch);
      if (!pair) throw new Error(`GBK 中没有字符 ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

export function writeCsv(dir: string, name: string, rows: Row[], options: { headers?: string[]; encoding?: 'utf8' | 'utf8-bom' | 'gbk' } = {}): string {
  const text = csvText(rows, options.headers);
  const path = join(dir, name);
  const encoding = options.encoding ?? 'utf8';
  writeFileSync(path, encoding === 'gbk' ? gbkBytes(text) : encoding === 'utf8-bom' ? '\ufeff' + text : text);
  return path;
}

export interface XlsxOptions {
  headers?: string[];
  /** Rows written above the header (a title row, as government sheets often have). */
  titleRows?: string[][];
  /** Store ID numbers as numbers, as Excel does when the column is not text. */
  idAsNumber?: boolean;
}

export async function writeXlsx(dir: string, name: string, rows: Row[], options: XlsxOptions = {}): Promise<string> {
  const headers = options.headers ?? BASIC_HEADERS;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('建档立卡');
  for (const title of options.titleRows ?? []) sheet.addRow(title);
  sheet.addRow(headers);
  for (const r of rows) {
    sheet.addRow(
      headers.map((h) => {
        const v = r[h];
        if (h === '证件号码' && options.idAsNumber && typeof v === 'string') return Number(v);
        return v ?? null;
      }),
    );
  }
  const path = join(dir, name);
  await workbook.xlsx.writeFile(path);
  return path;
}
