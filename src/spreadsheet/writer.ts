/**
 * The one workbook writer of exports: ExcelJS's streaming writer, with every cell made safe
 * (domain/spreadsheetSafe.ts: text that a spreadsheet program could take for a formula gets a
 * leading apostrophe). Rows are committed as they are added, so a large export holds only the
 * row being written; small workbooks are written the same way into a buffer.
 */
import { once } from 'node:events';
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { safeCellValue } from '../domain/spreadsheetSafe';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type CellValue = string | number | null | undefined;

export interface WriterColumn {
  /** Written in the first row (a sheet whose columns have no header starts with its own rows). */
  header?: string;
  /** Name of the column when rows are given as objects. */
  key?: string;
  width?: number;
  /** Excel number format, e.g. '0.00' for shares. */
  numFmt?: string;
}

export interface SheetSpec {
  /** The sheet's name (Excel allows 31 characters: longer names are cut). */
  name: string;
  /** Columns with their headers, written as the first row; none for sheets that write their own rows. */
  columns?: WriterColumn[];
  /** Keep the header row in view while scrolling. */
  frozenHeader?: boolean;
  /** Header row in bold (needs `styles`). */
  boldHeader?: boolean;
}

export interface SafeSheet {
  /** One row, every value made safe, committed at once; `font` styles it (needs `styles`). */
  addRow(values: CellValue[] | Record<string, CellValue>, font?: Partial<ExcelJS.Font>): void;
  /** Wait while the output is full (call between batches of a large export). */
  drained(): Promise<void>;
}

export interface SafeWorkbook {
  addSheet(spec: SheetSpec): SafeSheet;
  /** Finish every sheet and the workbook; the output is ended. */
  commit(): Promise<void>;
}

export interface WorkbookOptions {
  /** Fonts and number formats (bold headers, a title's size); off by default, a little faster. */
  styles?: boolean;
  creator?: string;
}

const safeRow = (values: CellValue[] | Record<string, CellValue>) =>
  Array.isArray(values) ? values.map((v) => safeCellValue(v)) : Object.fromEntries(Object.entries(values).map(([k, v]) => [k, safeCellValue(v)]));

/** A workbook streamed into `output`. */
export function streamWorkbook(output: Writable, options: WorkbookOptions = {}): SafeWorkbook {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: options.styles ?? false, useSharedStrings: false });
  if (options.creator) workbook.creator = options.creator;
  const sheets: ExcelJS.Worksheet[] = [];
  return {
    addSheet(spec) {
      const sheet = workbook.addWorksheet(spec.name.slice(0, 31), spec.frozenHeader ? { views: [{ state: 'frozen', ySplit: 1 }] } : {});
      sheets.push(sheet);
      if (spec.columns) {
        sheet.columns = spec.columns.map((c) => ({ ...(c.header !== undefined ? { header: String(safeCellValue(c.header)) } : {}), ...(c.key ? { key: c.key } : {}), ...(c.width ? { width: c.width } : {}), ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
        if (spec.boldHeader) {
          sheet.getRow(1).font = { bold: true };
          sheet.getRow(1).commit();
        }
      }
      return {
        addRow(values, font) {
          const row = sheet.addRow(safeRow(values));
          if (font) row.font = font;
          row.commit();
        },
        async drained() {
          if (output.writableNeedDrain) await once(output, 'drain');
        },
      };
    },
    async commit() {
      for (const sheet of sheets) sheet.commit();
      await workbook.commit();
    },
  };
}

/** A small workbook written by `fill`, as bytes. */
export async function workbookBuffer(fill: (workbook: SafeWorkbook) => void | Promise<void>, options: WorkbookOptions = {}): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(output, 'end');
  const workbook = streamWorkbook(output, options);
  await fill(workbook);
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}
