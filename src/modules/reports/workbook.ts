/**
 * Small report workbooks (.xlsx): a title, a few lines saying what the figures are, then a
 * table per sheet with Chinese headers. Every text cell goes through `safeCellValue`, so a
 * place or unit name starting with = + - @ is never taken for a formula.
 */
import ExcelJS from 'exceljs';
import { safeCellValue } from '../../domain/spreadsheetSafe';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type CellValue = string | number | null | undefined;

export interface SheetColumn {
  header: string;
  width?: number;
  /** Excel number format, e.g. '0.00' for shares. */
  numFmt?: string;
}

export interface ReportSheet {
  name: string;
  title: string;
  /** Lines under the title: place, year-end, statuses, when it was made. */
  notes: string[];
  columns: SheetColumn[];
  rows: CellValue[][];
}

/** The workbook as bytes. */
export async function reportWorkbook(sheets: ReportSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'fupin';
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name.slice(0, 31));
    const titleRow = sheet.addRow([safeCellValue(s.title)]);
    titleRow.font = { bold: true, size: 14 };
    for (const note of s.notes) sheet.addRow([safeCellValue(note)]);
    sheet.addRow([]);
    const header = sheet.addRow(s.columns.map((c) => safeCellValue(c.header)));
    header.font = { bold: true };
    for (const row of s.rows) sheet.addRow(row.map((v) => safeCellValue(v)));
    s.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = c.width ?? Math.max(10, c.header.length * 2 + 2);
      if (c.numFmt) column.numFmt = c.numFmt;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `attachment` header value with a UTF-8 file name and an ASCII fallback. */
export function attachmentHeader(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
