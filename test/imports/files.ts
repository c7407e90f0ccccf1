/**
 * Registry files for import tests, generated per test from a fresh place tree: rows as
 * header → value records, written as CSV (UTF-8 with or without BOM, or GBK as Chinese Excel
 * saves it) or as .xlsx with ExcelJS.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { idNumberFor, type TestPlaces } from '../helpers/factory';

export type Row = Record<string, string | number | boolean | null>;

export const BASIC_HEADERS = ['户编号', '村代码', '户属性', '户状态', '主要致贫原因', '其他致贫原因', '姓名', '证件号码', '与户主关系', '民族', '收入年度', '工资性收入', '转移性收入', '生产经营性支出', '基本医疗保险'];

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fupin-import-test-'));
}

/**
 * `households` households of `size` members in the tree's villages: a head (man), a spouse,
 * then children. Household numbers are the county code + a 6-digit serial from `firstNo`;
 * ID numbers are unique in the county for households numbered below 16,000.
 */
export function registryRows(places: TestPlaces, households: number, size = 3, firstNo = 1): Row[] {
  const rows: Row[] = [];
  for (let h = 0; h < households; h++) {
    const no = places.countyCode + String(firstNo + h).padStart(6, '0');
    const village = places.villageCodes[h % places.villageCodes.length];
    for (let m = 0; m < size; m++) {
      const serial = (firstNo + h) * 10 + m;
      const day = Math.floor(serial / 500);
      const year = m === 0 ? 1960 : m === 1 ? 1962 : 1985 + m;
      const birth = `${year}-${String(1 + (Math.floor(day / 28) % 12)).padStart(2, '0')}-${String(1 + (day % 28)).padStart(2, '0')}`;
      const sex = m === 1 ? 'F' : 'M';
      rows.push({
        户编号: no,
        村代码: village,
        户属性: h % 3 === 0 ? '低保贫困户' : '一般贫困户',
        户状态: '未脱贫',
        主要致贫原因: h % 2 === 0 ? '因病' : '缺技术',
        其他致贫原因: '缺资金、缺劳力',
        姓名: m === 0 ? `户主${firstNo + h}` : `成员${firstNo + h}-${m}`,
        证件号码: idNumberFor(places.countyCode, birth, serial, sex),
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

export interface ZipEntrySpec {
  name: string;
  data: Buffer | string;
  /** Store instead of deflate. */
  store?: boolean;
  /** Uncompressed size written into the headers (a lying zip); default the true size. */
  declaredSize?: number;
}

/** A zip archive built by hand, so that tests can write what no well-behaved tool writes. */
export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const body = e.store ? data : deflateRawSync(data, { level: 9 });
    const name = Buffer.from(e.name, 'utf8');
    const crc = crc32(data);
    const size = e.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(e.store ? 0 : 8, 10);
    header.writeUInt16LE(0, 12);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(body.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts of a minimal workbook around a given first-sheet XML (and optional shared strings). */
export function workbookEntries(sheetXml: ZipEntrySpec['data'], sharedStringsXml?: string, sheetSpec: Partial<ZipEntrySpec> = {}): ZipEntrySpec[] {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return [
    { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0"?><workbook ${ns}><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    },
    ...(sharedStringsXml === undefined ? [] : [{ name: 'xl/sharedStrings.xml', data: sharedStringsXml }]),
    { name: 'xl/worksheets/sheet1.xml', data: sheetXml, ...sheetSpec },
  ];
}
