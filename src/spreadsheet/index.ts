/**
 * Spreadsheets, read and written as streams: the one entry other code imports.
 * - Reading (.xlsx through its zip and XML, read in a worker thread; .csv in UTF-8 or GB18030):
 *   `detectFormat` checks a file is what its name says, `openSheet` gives its rows in batches.
 *   A file that cannot be read throws `SheetFileError` with a Chinese message.
 * - Writing: `writeWorkbook` / `workbookBuffer` stream a workbook whose every cell is made safe
 *   (domain/spreadsheetSafe.ts), so no export has to remember it.
 */
export { detectFormat, openSheet } from './sheet';
export type { SheetFormat, SheetRow, SheetSource } from './types';
export { SheetFileError } from './fileError';
export { CELL_BOOLEAN, CELL_NUMBER, CELL_TEXT, MAX_CELL_CHARS } from './cellKinds';
export { streamWorkbook, workbookBuffer, XLSX_MEDIA_TYPE, type CellValue, type SafeSheet, type SafeWorkbook, type SheetSpec, type WriterColumn } from './writer';
