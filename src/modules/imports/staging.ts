/**
 * From sheet rows to COPY text: find the header row (title rows above it are skipped), match it
 * to the column specification, then check each row and emit the valid ones in ~1 MB chunks of
 * UTF-8 (as staging lines, or as what `emit` writes of them).
 */
import { layoutOf, type HeaderLayout } from './columns';
import { CopyBuffer } from './copyBuffer';
import { EXAMPLE_SHEET } from './example';
import { ImportFileError, type ProblemList } from './problems';
import { RowChecker } from './rowChecker';
import type { SheetRow, SheetSource } from '../../spreadsheet';

/** Rows above the header that may hold a title or notes. */
const HEADER_SEARCH_ROWS = 10;
/** A row matching at least this many known headers is taken as the header row. */
const HEADER_MIN_MATCHES = 3;

export interface StagingState {
  layout: HeaderLayout | null;
  checker: RowChecker | null;
  /** Whether the import was given the business year (业务年度) of rows without a 收入年度. */
  statusYearGiven: boolean;
  /** Set when the file has no 收入年度 column and no year was given: refused once the rows are checked. */
  yearMissing?: boolean;
}

export const NO_YEAR = '文件没有“收入年度”列：请给出这批数据的业务年度（网页导入时选择“业务年度”，命令行加 --year 年度），系统不会默认取当前日历年';

function isBlank(row: SheetRow): boolean {
  for (const cell of row.cells) if (cell.trim() !== '') return false;
  return true;
}

function headerLayout(rows: SheetRow[]): HeaderLayout {
  const found = rows.map((r) => layoutOf(r.cells)).find((l) => l.positions.size >= HEADER_MIN_MATCHES);
  const layout = found ?? layoutOf(rows[0].cells);
  if (layout.duplicated.length > 0) throw new ImportFileError(`表头中这些列出现了不止一次：${layout.duplicated.join('、')}`);
  if (layout.missing.length > 0) {
    const hint = found ? '' : '（未找到表头行：请确认第一行是中文列名，可下载导入模板对照）';
    throw new ImportFileError(`缺少必需的列：${layout.missing.join('、')}${hint}`);
  }
  return layout;
}

/**
 * COPY chunks for the staging table. Fills `state` with the header layout and the checker as
 * soon as the header is known; throws ImportFileError for an empty sheet or wrong headers.
 */
export async function* stagingChunks(
  sheet: SheetSource,
  problems: ProblemList,
  state: StagingState,
  today: Date,
  onBatch: () => void,
  /** Writes the COPY line of a valid row's staging fields (the direct path makes a person line of them). */
  emit: (fields: readonly string[], out: CopyBuffer) => void = (fields, out) => out.line(fields.join('\t')),
  /** Chunks are handed on once they hold this many bytes (the last one whatever it holds). */
  chunkBytes = 1 << 20,
): AsyncGenerator<Uint8Array> {
  const candidates: SheetRow[] = [];
  const out = new CopyBuffer();
  const take = (row: SheetRow) => {
    const checked = state.checker!.checkFields(row);
    if (checked !== null) emit(checked, out);
  };
  const startWith = (pending: SheetRow[]) => {
    state.layout = headerLayout(pending);
    state.yearMissing = !state.statusYearGiven && ![...state.layout.positions.keys()].some((c) => c.key === 'income_year');
    state.checker = new RowChecker(state.layout, problems, today, sheet.rowsHint, state.statusYearGiven || state.yearMissing);
    const headerIndex = pending.findIndex((r) => layoutOf(r.cells).positions.size >= HEADER_MIN_MATCHES);
    for (const row of pending.slice(headerIndex + 1)) take(row);
  };
  for await (const batch of sheet.rows()) {
    for (const row of batch) {
      if (state.checker !== null) {
        take(row);
        continue;
      }
      if (isBlank(row)) continue;
      candidates.push(row);
      if (layoutOf(row.cells).positions.size >= HEADER_MIN_MATCHES || candidates.length >= HEADER_SEARCH_ROWS) startWith(candidates);
    }
    onBatch();
    yield* out.take(chunkBytes);
  }
  if (state.checker === null) {
    if (candidates.length === 0) throw new ImportFileError('工作表是空的：没有表头，也没有数据');
    startWith(candidates);
  }
  if (state.checker!.rows === 0) throw new ImportFileError(`文件只有表头，没有数据行（导入模板的示例在“${EXAMPLE_SHEET}”工作表，不会导入；请在第一个工作表中填写数据）`);
  yield* out.take(1);
}
