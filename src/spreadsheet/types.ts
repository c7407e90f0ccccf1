/** A spreadsheet read row by row: its rows, the reader's view of the file, the formats read. */

export interface SheetRow {
  /** Row number as the user sees it (the first line or sheet row is 1). */
  row: number;
  cells: string[];
  /** How each cell was stored (CELL_TEXT / CELL_NUMBER / CELL_BOOLEAN); null when all are text (CSV). */
  kinds: number[] | null;
}

export interface SheetSource {
  /** Rows in batches (one batch per block read), so a million rows cost few awaits. */
  rows(): AsyncIterable<SheetRow[]>;
  /** Share of the file read so far, 0..1. */
  progress(): number;
  /** About how many rows the file holds, when the reader can tell cheaply (sizes tables up front). */
  rowsHint?: number;
  close?(): Promise<void>;
}

export type SheetFormat = 'csv' | 'xlsx';
