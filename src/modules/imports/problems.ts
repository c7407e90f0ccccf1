/** What an import reports: row errors (row as the user sees it, column header, value, Chinese message) and warnings. */

export interface ImportProblem {
  /** Row number in the sheet (the header is row 1); 0 for a problem with the whole file. */
  row: number;
  column: string;
  value: string;
  message: string;
}

/** Detailed problems kept for the report; beyond this only the count grows. */
export const MAX_KEPT_PROBLEMS = 10_000;

const MAX_VALUE_CHARS = 200;

/** Problems collected while reading a file: all counted, the first MAX_KEPT_PROBLEMS kept in full. */
export class ProblemList {
  readonly items: ImportProblem[] = [];
  count = 0;

  add(row: number, column: string, value: string, message: string): void {
    this.count++;
    if (this.items.length < MAX_KEPT_PROBLEMS) {
      const shown = value.length > MAX_VALUE_CHARS ? value.slice(0, MAX_VALUE_CHARS) + '…' : value;
      this.items.push({ row, column, value: shown, message });
    }
  }

  sorted(): ImportProblem[] {
    return [...this.items].sort((a, b) => a.row - b.row);
  }
}

/** A problem with the file as a whole (not a spreadsheet, wrong headers, a zip bomb…): nothing is read further. */
export { SheetFileError as ImportFileError } from '../../spreadsheet';
