/**
 * Small report workbooks (.xlsx): a title, a few lines saying what the figures are, then a
 * table per sheet with Chinese headers. Written by src/spreadsheet's writer, which makes every
 * cell safe, so a place or unit name starting with = + - @ is never taken for a formula.
 */
import { workbookBuffer } from '../../spreadsheet';

export { XLSX_MEDIA_TYPE } from '../../spreadsheet';

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
  return workbookBuffer(
    (workbook) => {
      for (const s of sheets) {
        const columns = s.columns.map((c) => ({ width: c.width ?? Math.max(10, c.header.length * 2 + 2), numFmt: c.numFmt }));
        const sheet = workbook.addSheet({ name: s.name, columns });
        sheet.addRow([s.title], { bold: true, size: 14 });
        for (const note of s.notes) sheet.addRow([note]);
        sheet.addRow([]);
        sheet.addRow(s.columns.map((c) => c.header), { bold: true });
        for (const row of s.rows) sheet.addRow(row);
      }
    },
    { styles: true, creator: 'fupin' },
  );
}

/** `attachment` header value with a UTF-8 file name and an ASCII fallback. */
export function attachmentHeader(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
