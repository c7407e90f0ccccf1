import { afterAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvSplitter, openCsv } from '../../src/spreadsheet/csvReader';
import { openXlsx, SharedStringsScanner, SheetScanner } from '../../src/spreadsheet/xlsxReader';
import { decodeBatch, EncodingSheetScanner, rowsFromWorker } from '../../src/spreadsheet/sheetWorker';
import { ImportFileError } from '../../src/modules/imports/problems';
import type { SheetRow } from '../../src/spreadsheet/sheet';
import { buildZip, gbkBytes, tempDir, workbookEntries } from './files';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function splitCsv(pieces: string[]): string[][] {
  const rows: SheetRow[] = [];
  const splitter = new CsvSplitter((r) => rows.push(r));
  pieces.forEach((p, i) => splitter.push(p, i === pieces.length - 1));
  splitter.finish();
  return rows.map((r) => r.cells);
}

async function readAll(source: { rows(): AsyncIterable<SheetRow[]> }): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const batch of source.rows()) rows.push(...batch);
  return rows;
}

describe('CSV splitting', () => {
  const text = '户编号,姓名,备注\r\n001,"张,三","他说""好""\n第二行"\r\n002,李四,\n003,"",末尾';
  const expected = [
    ['户编号', '姓名', '备注'],
    ['001', '张,三', '他说"好"\n第二行'],
    ['002', '李四', ''],
    ['003', '', '末尾'],
  ];

  it('reads quoted commas, doubled quotes, line breaks in quotes, CRLF and a last line without a break', () => {
    expect(splitCsv([text])).toEqual(expected);
  });

  it('gives the same rows wherever the blocks are cut', () => {
    for (let i = 1; i < text.length; i++) expect(splitCsv([text.slice(0, i), text.slice(i)]), `cut at ${i}`).toEqual(expected);
  });

  it('takes a tab-separated file by its header', () => {
    expect(splitCsv(['a\tb\n1\t2\n'])).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('refuses a cell over 32,767 characters, quoted or not, without waiting for its end', () => {
    const huge = 'x'.repeat(40_000);
    expect(() => splitCsv(['a,b\n1,' + huge + ',2\n'])).toThrow(/第2行第2列的单元格超过32767个字符/);
    expect(() => splitCsv(['a,b\n1,"' + huge, '"\n'])).toThrow(/第2行第2列/);
    const rows: SheetRow[] = [];
    const splitter = new CsvSplitter((r) => rows.push(r));
    splitter.push('a,b\n1,', false);
    expect(() => splitter.push('y'.repeat(70_000), false)).toThrow(ImportFileError);
  });
});

describe('CSV files', () => {
  const body = '户编号,姓名\n4114,张三\n';

  it.each([
    ['UTF-8', Buffer.from(body, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')])],
    ['GBK (Chinese Excel)', gbkBytes(body)],
  ])('reads %s', async (_name, bytes) => {
    const path = join(dir, `enc-${_name.replace(/\W/g, '')}.csv`);
    writeFileSync(path, bytes);
    const rows = await readAll(await openCsv(path));
    expect(rows.map((r) => [r.row, ...r.cells])).toEqual([[1, '户编号', '姓名'], [2, '4114', '张三']]);
  });

  it('refuses UTF-16 and bytes that are neither UTF-8 nor GB18030', async () => {
    const utf16 = join(dir, 'utf16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body, 'utf16le')]));
    await expect(readAll(await openCsv(utf16))).rejects.toThrow(/UTF-16/);
    const mixed = join(dir, 'mixed.csv');
    writeFileSync(mixed, Buffer.concat([Buffer.from('户编号,姓名\n', 'utf8'), Buffer.from('1,2\n'.repeat(20_000)), Buffer.from([0xff, 0xfe, 0x0a])]));
    await expect(readAll(await openCsv(mixed))).rejects.toThrow(/无法识别的字符/);
  });
});

const SHEET = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

describe('worksheet XML', () => {
  const shared = ['户编号', '张&三'];
  const xml = SHEET(
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>备注</t></is></c></row>' +
      '<row r="3" spans="1:4"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>4.1142619900101101E+17</v></c><c r="C3" t="b"><v>1</v></c>' +
      '<c r="D3" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 文本 &lt;&#x4E00;&gt;</t></r><rPh><t>ふ</t></rPh></is></c></row>' +
      '<x:row><x:c t="str"><x:f>A1</x:f><x:v><![CDATA[公式<值>]]></x:v></x:c><!-- 注释 --><x:c/><x:c t="n"><x:v>12.5</x:v></x:c></x:row>',
  );
  const expected = [
    { row: 1, cells: ['户编号', '', '备注'], kinds: [0, 0, 0] },
    { row: 3, cells: ['张&三', '4.1142619900101101E+17', 'TRUE', '富 文本 <一>'], kinds: [0, 1, 2, 0] },
    { row: 4, cells: ['公式<值>', '', '12.5'], kinds: [0, 1, 1] },
  ];

  function scan(pieces: (string | Uint8Array)[]): SheetRow[] {
    const rows: SheetRow[] = [];
    const scanner = new SheetScanner(shared, (r) => rows.push(r));
    for (const p of pieces) scanner.push(typeof p === 'string' ? Buffer.from(p) : p);
    scanner.end();
    return rows;
  }

  it('reads shared and inline strings, rich text without phonetics, numbers, booleans, formulas, CDATA and prefixed names', () => {
    expect(scan([xml])).toEqual(expected);
  });

  it('gives the same rows wherever the XML is cut, between characters or inside one', () => {
    for (let i = 1; i < xml.length; i++) expect(scan([xml.slice(0, i), xml.slice(i)]), `cut at ${i}`).toEqual(expected);
    const bytes = Buffer.from(xml);
    for (let i = 1; i < bytes.length; i++) expect(scan([bytes.subarray(0, i), bytes.subarray(i)]), `cut at byte ${i}`).toEqual(expected);
    // One byte at a time: every tag, entity and UTF-8 sequence arrives in pieces.
    expect(scan([...bytes].map((b) => Uint8Array.of(b)))).toEqual(expected);
  });

  it('reads numbers as written: small whole numbers, leading zeros, decimals, exponents, text in <v>', () => {
    const sheet = SHEET(
      '<row r="1"><c r="A1"><v>0</v></c><c r="B1"><v>2019</v></c><c r="C1"><v>99999</v></c><c r="D1"><v>100000</v></c>' +
        '<c r="E1"><v>007</v></c><c r="F1"><v>-3.5</v></c><c r="G1"><v>1E+17</v></c><c r="H1" t="str"><v>甲&amp;乙</v></c><c r="I1"><v></v></c></row>',
    );
    expect(scan([sheet])[0].cells).toEqual(['0', '2019', '99999', '100000', '007', '-3.5', '1E+17', '甲&乙', '']);
  });

  it('reads rich shared strings without their phonetic runs', () => {
    const scanner = new SharedStringsScanner();
    const sst = Buffer.from('<sst><si><t>一</t></si><si><r><t>二</t></r><r><t>三</t></r><rPh><t>さん</t></rPh></si><si><t/></si><si><t>&#x4E00;&amp;二</t></si></sst>');
    for (let i = 1; i < sst.length; i++) {
      const scanner = new SharedStringsScanner();
      scanner.push(sst.subarray(0, i));
      scanner.push(sst.subarray(i));
      scanner.end();
      expect(scanner.strings, `cut at byte ${i}`).toEqual(['一', '二三', '', '一&二']);
    }
  });

  it('refuses a cell over 32,767 characters as soon as it passes the limit', () => {
    const scanner = new SheetScanner([], () => {});
    scanner.push(Buffer.from('<sheetData><row r="7"><c r="B7" t="inlineStr"><is><t>'));
    expect(() => {
      for (let i = 0; i < 10; i++) scanner.push(Buffer.from('长'.repeat(5000)));
    }).toThrow(/第7行 B 列的单元格超过32767个字符/);
  });

  it('encodes rows into batches that decode to what the scanner gives', () => {
    const batches: { ints: Int32Array; texts: string[] }[] = [];
    const scanner = new EncodingSheetScanner(shared.length, (b) => batches.push(b));
    scanner.push(Buffer.from(xml));
    scanner.end();
    scanner.flush();
    expect(batches.flatMap((b) => decodeBatch(b, shared))).toEqual(expected);
    const numbers = SHEET('<row r="1"><c r="A1"><v>2019</v></c><c r="B1"><v>123456789</v></c><c r="C1"><v>1234567890</v></c><c r="D1"><v>007</v></c><c r="E1"><v>0</v></c></row>');
    const rows: { ints: Int32Array; texts: string[] }[] = [];
    const again = new EncodingSheetScanner(0, (b) => rows.push(b));
    again.push(Buffer.from(numbers));
    again.flush();
    expect(decodeBatch(rows[0], [])[0].cells).toEqual(['2019', '123456789', '1234567890', '007', '0']);
    const bad = new EncodingSheetScanner(2, () => {});
    expect(() => bad.push(Buffer.from(SHEET('<row r="5"><c r="C5" t="s"><v>2</v></c></row>')))).toThrow('第5行 C 列引用了不存在的共享字符串，文件已损坏');
  });

  it('reads a large sheet in a worker thread: the same rows, its errors, and it stops when the reader stops', async () => {
    const sst = '<sst><si><t>户编号</t></si><si><t>张&amp;三</t></si></sst>';
    const path = join(dir, 'worker.xlsx');
    writeFileSync(path, buildZip(workbookEntries(xml, sst)));
    const inWorker = { readInWorker: rowsFromWorker, workerFromBytes: 0 };
    expect(await readAll(await openXlsx(path, inWorker))).toEqual(expected);
    // Many batches, read both ways.
    let many = '';
    for (let r = 1; r <= 5000; r++) many += `<row r="${r}"><c r="A${r}" t="s"><v>${r % 2}</v></c><c r="B${r}"><v>${r * 7}</v></c><c r="D${r}" t="inlineStr"><is><t>第${r}行</t></is></c></row>`;
    writeFileSync(path, buildZip(workbookEntries(SHEET(many), sst)));
    const inThread = await readAll(await openXlsx(path));
    expect(inThread).toHaveLength(5000);
    expect(inThread[4999]).toEqual({ row: 5000, cells: ['户编号', '35000', '', '第5000行'], kinds: [0, 1, 0, 0] });
    expect(await readAll(await openXlsx(path, inWorker))).toEqual(inThread);
    // The reader stops after the first batch: the worker ends with it.
    let batches = 0;
    for await (const batch of (await openXlsx(path, inWorker)).rows()) {
      batches += batch.length > 0 ? 1 : 0;
      break;
    }
    expect(batches).toBe(1);
    // A reference to a shared string that does not exist, found in the worker, reaches the reader as the file's error.
    writeFileSync(path, buildZip(workbookEntries(SHEET('<row r="1"><c r="A1" t="s"><v>9</v></c></row>'), sst)));
    await expect(readAll(await openXlsx(path, inWorker))).rejects.toThrow(new ImportFileError('第1行 A 列引用了不存在的共享字符串，文件已损坏'));
  });

  it('reads a hand-built .xlsx through the zip with shared strings', async () => {
    const path = join(dir, 'hand.xlsx');
    const sst = '<sst><si><t>户编号</t></si><si><t>张&amp;三</t></si></sst>';
    writeFileSync(path, buildZip(workbookEntries(xml, sst)));
    const rows = await readAll(await openXlsx(path));
    expect(rows).toEqual(expected);
  });
});
