import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { workbookBuffer } from './index';

async function rowsOf(bytes: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0].eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('the spreadsheet writer', () => {
  it('makes every cell safe, headers and keyed rows included, and keeps numbers and blanks as they are', async () => {
    const bytes = await workbookBuffer(
      (workbook) => {
        const sheet = workbook.addSheet({ name: '一张很长很长很长很长很长很长很长很长很长很长很长很长很长的表', columns: [{ header: '=名称', key: 'name' }, { header: '数', key: 'n', numFmt: '0.00' }], boldHeader: true });
        sheet.addRow({ name: '=HYPERLINK("x")', n: 1.5 });
        sheet.addRow(['@SUM(A1)', null]);
        sheet.addRow(["'+1", -3]);
        sheet.addRow(['张三', 0], { bold: true });
      },
      { styles: true },
    );
    expect(await rowsOf(bytes)).toEqual([
      ["'=名称", '数'],
      [`'=HYPERLINK("x")`, 1.5],
      ["'@SUM(A1)"],
      ["''+1", -3],
      ['张三', 0],
    ]);
  });

  it('writes sheets without a header row when the columns have none', async () => {
    const bytes = await workbookBuffer((workbook) => {
      const sheet = workbook.addSheet({ name: '报表', columns: [{ width: 12 }, { width: 8 }] });
      sheet.addRow(['-标题']);
      sheet.addRow([]);
      sheet.addRow(['村', 3]);
    });
    expect(await rowsOf(bytes)).toEqual([["'-标题"], [], ['村', 3]]);
  });
});
