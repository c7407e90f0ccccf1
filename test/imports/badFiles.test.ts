import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Database } from '../../src/db/database';
import { importRegistry, type ImportReport } from '../../src/modules/imports/service';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { buildZip, csvText, registryRows, tempDir, workbookEntries } from './files';

const SHEET_START = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_END = '</sheetData></worksheet>';
const HEADER_ROW = '<row r="1">' + ['户编号', '村代码', '户属性', '户状态', '姓名', '证件号码', '与户主关系'].map((h, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('') + '</row>';

describe.each(testDatabases)('bad files on $name', ({ open }) => {
  let database: Database;
  let places: TestPlaces;
  const dir = tempDir();
  beforeAll(async () => {
    database = await open();
    places = await createPlaceTree(database);
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function refused(name: string, content: Buffer | string): Promise<ImportReport> {
    const path = join(dir, `${places.countyCode}-${name}`);
    writeFileSync(path, content);
    const report = await importRegistry(database, { path, fileName: name });
    expect(report.ok).toBe(false);
    expect(report.households).toEqual({ added: 0, updated: 0, unchanged: 0 });
    const written = await database.db.selectFrom('household').select('household_no').where('county_code', '=', places.countyCode).execute();
    expect(written).toEqual([]);
    return report;
  }

  const fileError = (report: ImportReport) => {
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0].row).toBe(0);
    return report.errors[0].message;
  };

  it('wrong headers: names the missing columns', async () => {
    const rows = registryRows(places, 1, 2);
    const english = csvText(rows).replace(/^[^\r\n]*/, 'household,village,attribute,status,cause,causes,name,id,relation,nation,year,wages,transfer,cost,insured');
    expect(fileError(await refused('english.csv', english))).toBe(
      '缺少必需的列：户编号、户属性、户状态、姓名、证件号码、与户主关系、村代码（或省、市、县、乡镇、村）（未找到表头行：请确认第一行是中文列名，可下载导入模板对照）',
    );
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('表').addRows([['户编号', '村代码', '户属性', '户状态', '姓名', '与户主关系'], ['1', places.villageCodes[0], '一般贫困户', '未脱贫', '张三', '户主']]);
    expect(fileError(await refused('noid.xlsx', Buffer.from(await workbook.xlsx.writeBuffer())))).toBe('缺少必需的列：证件号码');
    const twice = csvText(rows).replace('户编号', '姓名');
    expect(fileError(await refused('twice.csv', twice))).toContain('表头中这些列出现了不止一次：姓名');
  });

  it('an empty sheet, an empty file, a header without rows', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('空表');
    expect(fileError(await refused('empty.xlsx', Buffer.from(await workbook.xlsx.writeBuffer())))).toBe('工作表是空的：没有表头，也没有数据');
    expect(fileError(await refused('empty.csv', ''))).toBe('文件是空的（0 字节）');
    expect(fileError(await refused('header.csv', csvText([])))).toBe('文件只有表头，没有数据行（导入模板的示例在“示例（不导入）”工作表，不会导入；请在第一个工作表中填写数据）');
  });

  it('a text file, a zip without a workbook and an old .xls, each named .xlsx', async () => {
    expect(fileError(await refused('text.xlsx', csvText(registryRows(places, 1, 1))))).toContain('不是有效的 .xlsx 工作簿');
    expect(fileError(await refused('doc.xlsx', buildZip([{ name: 'word/document.xml', data: '<w:document/>' }])))).toContain('缺少 xl/workbook.xml');
    expect(fileError(await refused('old.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)])))).toContain('.xls');
    expect(fileError(await refused('half.xlsx', buildZip(workbookEntries(SHEET_START + HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>1')).subarray(0, 300)))).toContain('不是有效的 .xlsx 工作簿');
  });

  it('a zip bomb: millions of repeated bytes in a tiny entry are refused before inflating', async () => {
    const bomb = buildZip(workbookEntries(SHEET_START + HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>' + 'A'.repeat(60_000_000) + '</t></is></c></row>' + SHEET_END));
    expect(bomb.length).toBeLessThan(200_000);
    expect(fileError(await refused('bomb.xlsx', bomb))).toMatch(/压缩比异常（\d+:1，上限 100:1），疑似压缩炸弹，已拒绝，未解压/);
  });

  it('a zip bomb that lies about its size is stopped at the size it declared', async () => {
    const body = SHEET_START + HEADER_ROW + '<row r="2"></row>'.repeat(2_000_000) + SHEET_END;
    const liar = buildZip(workbookEntries(body, undefined, { declaredSize: 4000 }));
    expect(fileError(await refused('liar.xlsx', liar))).toContain('解压后的实际大小超过其声明的 4000 字节，疑似压缩炸弹，已停止解压');
  });

  it('more than 10,000 entries, or more than 2 GB declared, are refused from the directory alone', async () => {
    const many = buildZip([...workbookEntries(SHEET_START + SHEET_END), ...Array.from({ length: 10_001 }, (_, i) => ({ name: `x/${i}`, data: '', store: true }))]);
    expect(fileError(await refused('many.xlsx', many))).toContain('内部文件（上限 10000）');
    const huge = buildZip(workbookEntries(SHEET_START + SHEET_END, undefined, { declaredSize: 3_000_000_000 }));
    expect(fileError(await refused('huge.xlsx', huge))).toContain('解压后超过 2 GB');
  });

  it('a 50 MB cell is refused, in CSV and in .xlsx (inline or shared string)', async () => {
    const big = 'x'.repeat(50 * 1024 * 1024);
    const csv = await refused('big.csv', csvText(registryRows(places, 1, 1).map((r) => ({ ...r, 姓名: big }))));
    expect(fileError(csv)).toBe('第2行第7列的单元格超过32767个字符（Excel 单元格的上限），文件已拒绝');
    const late = registryRows(places, 4000, 3, 100);
    late.push({ ...late[0], 户编号: places.countyCode + '999999', 姓名: big });
    expect(fileError(await refused('late.csv', csvText(late)))).toBe('第12002行第7列的单元格超过32767个字符（Excel 单元格的上限），文件已拒绝');
    const inline = buildZip(workbookEntries(SHEET_START + HEADER_ROW + '<row r="2"><c r="E2" t="inlineStr"><is><t>' + big + '</t></is></c></row>' + SHEET_END, undefined, { store: true }));
    expect(fileError(await refused('bigcell.xlsx', inline))).toBe('第2行 E 列的单元格超过32767个字符（Excel 单元格的上限），文件已拒绝');
    const shared = buildZip([
      ...workbookEntries(SHEET_START + HEADER_ROW + SHEET_END).filter((e) => !e.name.includes('sharedStrings')),
      { name: 'xl/sharedStrings.xml', data: '<sst><si><t>张三</t></si><si><t>' + big + '</t></si></sst>', store: true },
    ]);
    expect(fileError(await refused('bigshared.xlsx', shared))).toBe('工作簿中第2个共享字符串超过32767个字符（Excel 单元格的上限），文件已拒绝');
  });
});
