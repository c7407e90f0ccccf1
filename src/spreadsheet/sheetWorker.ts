/**
 * A large worksheet read in a worker thread: inflating and scanning 1.6 GB of XML (a million-row
 * registry) takes as long as checking its rows, so the two run on both cores instead of one after
 * the other. The worker sends the shared strings once, then batches of rows as numbers in a
 * transferred Int32Array: per cell its column, kind and a shared-string index, a whole number or
 * the index of a text sent along — no string crosses the threads per shared-string cell.
 *
 * The main thread gives the worker credit for a few batches at a time, so a worker faster than
 * the checking never holds more than those in memory.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { CELL_NUMBER, CELL_TEXT } from './cellKinds';
import { SheetFileError as ImportFileError } from './fileError';
import type { SheetRow } from './types';
import { fillGaps, findParts, integerText, readSharedStrings, SheetScanner } from './xlsxReader';
import { openZip } from './zipArchive';

/** How a cell's value is given in a batch. */
const SHARED = 0;
const INTEGER = 1;
const TEXT = 2;
/** Batches the worker may send ahead of the reader. */
const CREDIT = 4;
/** Rows per batch. */
const BATCH_ROWS = 2000;


export interface RowBatch {
  /** Per row: row number, cell count, then per cell: column, kind, how (SHARED/INTEGER/TEXT), value. */
  ints: Int32Array;
  texts: string[];
  rows: number;
  /** Compressed bytes of the sheet read so far (progress). */
  consumed: number;
}

type WorkerMessage =
  | { type: 'shared'; strings: string[] }
  | ({ type: 'rows' } & RowBatch)
  | { type: 'end' }
  | { type: 'error'; message: string; fileError: boolean };

/** A SheetScanner that writes rows into batches instead of building them. */
export class EncodingSheetScanner extends SheetScanner {
  private ints = new Int32Array(1 << 16);
  private used = 0;
  private texts: string[] = [];
  private rows = 0;
  /** Where the current row's cell count goes. */
  private countAt = -1;
  private cellsInRow = 0;

  constructor(
    private readonly sharedCount: number,
    private readonly onBatch: (batch: Omit<RowBatch, 'consumed'>) => void,
  ) {
    super([], () => {});
  }

  private room(n: number): void {
    if (this.used + n <= this.ints.length) return;
    const next = new Int32Array(Math.max(this.ints.length * 2, this.used + n));
    next.set(this.ints.subarray(0, this.used));
    this.ints = next;
  }

  protected override startRow(rowNo: number): void {
    super.startRow(rowNo);
    this.room(2);
    this.ints[this.used++] = rowNo;
    this.countAt = this.used++;
    this.cellsInRow = 0;
  }

  private cell(kind: number, how: number, value: number): void {
    if (this.column < 0 || this.column >= 16384) return;
    this.room(4);
    const a = this.ints;
    let u = this.used;
    a[u++] = this.column;
    a[u++] = kind;
    a[u++] = how;
    a[u++] = value;
    this.used = u;
    this.cellsInRow++;
  }

  protected override sharedCell(index: number): void {
    if (index < 0 || index >= this.sharedCount) throw this.missingShared();
    this.cell(CELL_TEXT, SHARED, index);
  }

  protected override storeCell(text: string, kind: number): void {
    if (kind === CELL_NUMBER && isPlainInteger(text)) return this.cell(kind, INTEGER, Number(text));
    this.cell(kind, TEXT, this.texts.length);
    this.texts.push(text);
  }

  protected override finishRow(): void {
    this.ints[this.countAt] = this.cellsInRow;
    this.rows++;
    if (this.rows >= BATCH_ROWS) this.flush();
  }

  /** Send the rows so far (call once more at the end). */
  flush(): void {
    if (this.rows === 0) return;
    // The batch takes the array (its buffer is transferred, not copied); the next batch gets a new one.
    const ints = this.ints.subarray(0, this.used);
    const batch = { ints, texts: this.texts, rows: this.rows };
    this.ints = new Int32Array(this.ints.length);
    this.used = 0;
    this.texts = [];
    this.rows = 0;
    this.onBatch(batch);
  }
}

/** Digits only, no leading zero, at most 9 of them (fits an Int32 and prints back the same). */
function isPlainInteger(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > 9 || (n > 1 && text.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The rows of a batch, as SheetScanner would have given them. */
export function decodeBatch(batch: Pick<RowBatch, 'ints' | 'texts'>, shared: string[]): SheetRow[] {
  const { ints, texts } = batch;
  const rows: SheetRow[] = [];
  let i = 0;
  while (i < ints.length) {
    const row = ints[i++];
    const count = ints[i++];
    const cells: string[] = [];
    const kinds: number[] = [];
    for (let k = 0; k < count; k++) {
      const column = ints[i++];
      const kind = ints[i++];
      const how = ints[i++];
      const value = ints[i++];
      cells[column] = how === SHARED ? shared[value] : how === INTEGER ? integerText(value) : texts[value];
      kinds[column] = kind;
    }
    fillGaps(cells, kinds);
    rows.push({ row, cells, kinds });
  }
  return rows;
}

/**
 * Rows of the workbook's first sheet read by a worker thread. `onConsumed` gets the compressed
 * bytes of the sheet read so far. Stopping early (return or throw in the consumer) ends the worker.
 */
export async function* rowsFromWorker(path: string, onConsumed: (bytes: number) => void): AsyncGenerator<SheetRow[]> {
  const worker = new Worker(new URL('./sheetWorker.boot.mjs', import.meta.url), { workerData: { fupinSheet: path } });
  const queue: WorkerMessage[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    notify();
  });
  worker.on('error', (e) => {
    failure = e;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  try {
    let shared: string[] = [];
    for (;;) {
      while (queue.length === 0 && failure === null && !exited) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift();
      if (m === undefined) throw failure ?? new Error('读取工作表的线程意外退出');
      if (m.type === 'shared') shared = m.strings;
      else if (m.type === 'rows') {
        onConsumed(m.consumed);
        worker.postMessage('more');
        yield decodeBatch(m, shared);
      } else if (m.type === 'end') return;
      else throw m.fileError ? new ImportFileError(m.message) : new Error(m.message);
    }
  } finally {
    await worker.terminate();
  }
}

/** The worker's side: open the zip, send the shared strings, scan the sheet in credited batches. */
async function runWorker(path: string): Promise<void> {
  const port = parentPort!;
  let credit = CREDIT;
  let resume: (() => void) | null = null;
  port.on('message', () => {
    credit++;
    const r = resume;
    resume = null;
    r?.();
  });
  const zip = await openZip(path);
  try {
    const parts = await findParts(zip);
    const shared = await readSharedStrings(zip, parts.sharedStrings);
    port.postMessage({ type: 'shared', strings: shared } satisfies WorkerMessage);
    let consumed = parts.sharedStrings?.compressedSize ?? 0;
    const ready: Omit<RowBatch, 'consumed'>[] = [];
    const scanner = new EncodingSheetScanner(shared.length, (batch) => ready.push(batch));
    shared.length = 0;
    const send = async () => {
      for (const batch of ready.splice(0)) {
        while (credit === 0) await new Promise<void>((r) => (resume = r));
        credit--;
        port.postMessage({ type: 'rows', ...batch, consumed } satisfies WorkerMessage, [batch.ints.buffer as ArrayBuffer]);
      }
    };
    for await (const chunk of zip.read(parts.sheet, (n) => (consumed += n))) {
      scanner.push(chunk);
      await send();
    }
    scanner.end();
    scanner.flush();
    await send();
    port.postMessage({ type: 'end' } satisfies WorkerMessage);
  } catch (e) {
    const fileError = e instanceof ImportFileError;
    port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e), fileError } satisfies WorkerMessage);
  } finally {
    zip.close();
  }
}

if (!isMainThread && typeof (workerData as { fupinSheet?: unknown } | null)?.fupinSheet === 'string') {
  void runWorker((workerData as { fupinSheet: string }).fupinSheet);
}
