/**
 * .xlsx rows read from the zip stream: the first worksheet of the workbook, its shared-string
 * table, inline strings, numbers and booleans. Nothing but the shared strings and one block of
 * XML is held in memory.
 */
import { availableParallelism } from 'node:os';
import { posix } from 'node:path';
import type { Entry } from 'yauzl';
import { CELL_BOOLEAN, CELL_NUMBER, CELL_TEXT, MAX_CELL_CHARS } from './cellKinds';
import { SheetFileError as ImportFileError } from './fileError';
import type { SheetRow, SheetSource } from './types';
import { attributeOf, decodeEntities, findByte, XmlScanner } from './xmlScanner';
import { openZip, type ZipArchive } from './zipArchive';

/** Shared strings beyond this many characters in all are refused (a 1M-row registry has about 60 million). */
const MAX_SHARED_CHARS = 400_000_000;

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellTooLong(row: number, column: number): ImportFileError {
  return new ImportFileError(`第${row}行 ${columnLetters(column)} 列的单元格超过${MAX_CELL_CHARS}个字符（Excel 单元格的上限），文件已拒绝`);
}

const R = 114;
const T = 116;

/** Where the value of a one-letter attribute written as ` r="` starts inside the tag s[lt..gt], or -1. */
function attributeIn(s: Uint8Array, lt: number, gt: number, letter: number): number {
  for (let i = lt + 2; i < gt - 3; i++) {
    if (s[i] === letter && s[i + 1] === 61 && s[i + 2] === 34 && s[i - 1] === 32) return i + 3;
  }
  return -1;
}

/** True when the tag s[lt..gt] has `letter=` written some other way than ` r="` (then the general path reads it). */
function unusualAttribute(s: Uint8Array, lt: number, gt: number, letter: number): boolean {
  for (let i = lt + 2; i < gt - 1; i++) {
    if (s[i] !== letter) continue;
    const next = s[i + 1];
    if (next === 61 || next === 32 || next === 9 || next === 10 || next === 13) return true;
  }
  return false;
}

/** The decimal number at s[i…] (up to the first non-digit); -1 when there is none. */
function digitsAt(s: Uint8Array, i: number): number {
  let n = 0;
  let j = i;
  for (let c = s[j]; c >= 48 && c <= 57; c = s[++j]) n = n * 10 + (c - 48);
  return j === i ? -1 : n;
}

/** Column index of a cell reference at s[i…] (B7 → 1). */
function columnAt(s: Uint8Array, i: number): number {
  let n = 0;
  for (let c = s[i]; c >= 65 && c <= 90; c = s[++i]) n = n * 26 + (c - 64);
  return n - 1;
}

/** Strings of the whole numbers below 100,000, made once: most number cells of a registry are years, amounts and counts. */
const smallNumbers: string[] = [];

/** The text of a whole number, from the table when it is small. */
export function integerText(n: number): string {
  return n < 100_000 ? (smallNumbers[n] ??= String(n)) : String(n);
}

/** Cells the sheet left out (and holes before the last cell) as empty text. */
export function fillGaps(cells: string[], kinds: number[]): void {
  for (let i = 0; i < cells.length; i++) {
    if (cells[i] === undefined) {
      cells[i] = '';
      kinds[i] = CELL_TEXT;
    }
  }
}

/** The text of s[from..end): a small whole number from the table, other ASCII as Latin-1, else UTF-8 with entities decoded. */
function valueText(s: Uint8Array, buffer: Buffer, from: number, end: number): string {
  let n = 0;
  let ascii = true;
  let plain = true;
  for (let i = from; i < end; i++) {
    const c = s[i];
    if (c >= 48 && c <= 57) n = n * 10 + (c - 48);
    else {
      plain = false;
      if (c >= 128 || c === 38) ascii = false;
    }
  }
  if (plain && end > from && end - from <= 5 && (s[from] !== 48 || end - from === 1)) {
    return integerText(n);
  }
  return ascii ? buffer.toString('latin1', from, end) : decodeEntities(buffer.toString('utf8', from, end));
}

export class SharedStringsScanner extends XmlScanner {
  readonly strings: string[] = [];
  private current = '';
  private inPhonetic = false;
  private total = 0;

  protected onOpen(name: string, _tag: string, selfClosing: boolean): void {
    if (name === 'si') this.current = '';
    else if (name === 't' && !this.inPhonetic && !selfClosing) this.collecting = true;
    else if (name === 'rPh') this.inPhonetic = true;
  }

  protected onClose(name: string): void {
    if (name === 't') this.collecting = false;
    else if (name === 'rPh') this.inPhonetic = false;
    else if (name === 'si') {
      this.total += this.current.length;
      if (this.total > MAX_SHARED_CHARS) throw new ImportFileError('工作簿的共享字符串过多，超出导入上限');
      this.strings.push(this.current);
    }
  }

  protected onText(text: string): void {
    this.current += text;
    if (this.current.length > MAX_CELL_CHARS) {
      throw new ImportFileError(`工作簿中第${this.strings.length + 1}个共享字符串超过${MAX_CELL_CHARS}个字符（Excel 单元格的上限），文件已拒绝`);
    }
  }
}

export class SheetScanner extends XmlScanner {
  protected rowNo = 0;
  private cells: string[] = [];
  private kinds: number[] = [];
  protected column = -1;
  private type = '';
  private value = '';
  private inInline = false;
  private inPhonetic = false;

  constructor(
    private readonly shared: string[],
    private readonly emit: (row: SheetRow) => void,
  ) {
    super();
  }

  protected onOpen(name: string, tag: string, selfClosing: boolean): void {
    switch (name) {
      case 'c': {
        const ref = attributeOf(tag, 'r');
        this.column = ref ? columnIndex(ref) : this.column + 1;
        this.type = attributeOf(tag, 't') ?? 'n';
        this.value = '';
        if (selfClosing) this.finishCell();
        return;
      }
      case 'v':
        this.collecting = !selfClosing;
        return;
      case 'is':
        this.inInline = true;
        return;
      case 't':
        if (this.inInline && !this.inPhonetic && !selfClosing) this.collecting = true;
        return;
      case 'rPh':
        this.inPhonetic = true;
        return;
      case 'row': {
        const r = attributeOf(tag, 'r');
        this.startRow(r ? Number(r) : this.rowNo + 1);
        if (selfClosing) this.finishRow();
        return;
      }
    }
  }

  protected onClose(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.collecting = false;
        return;
      case 'c':
        this.finishCell();
        return;
      case 'is':
        this.inInline = false;
        return;
      case 'rPh':
        this.inPhonetic = false;
        return;
      case 'row':
        this.finishRow();
        return;
    }
  }

  protected onText(text: string): void {
    this.value += text;
    if (this.value.length > MAX_CELL_CHARS) throw cellTooLong(this.rowNo, this.column);
  }

  /**
   * The forms nearly every cell takes — `<c r="B7" t="s"><v>12</v></c>`, `</c>`, `<row r="7" …>`,
   * `</row>` — read in place: a million-row sheet has some fifty million cells.
   */
  protected override fastTag(s: Uint8Array, lt: number, buffer: Buffer): number {
    const c1 = s[lt + 1];
    const c2 = s[lt + 2];
    if (c1 === 99 /* c */ && (c2 === 32 || c2 === 62 || c2 === 47)) return this.fastCell(s, lt, buffer);
    if (c1 === 47 /* / */) {
      if (c2 === 99 && s[lt + 3] === 62) {
        this.finishCell();
        return lt + 4;
      }
      if (c2 === 114 && s[lt + 3] === 111 && s[lt + 4] === 119 && s[lt + 5] === 62) {
        this.finishRow();
        return lt + 6;
      }
      return -1;
    }
    if (c1 === 114 /* r */ && s[lt + 2] === 111 && s[lt + 3] === 119 && (s[lt + 4] === 32 || s[lt + 4] === 62)) {
      const gt = findByte(s, 62, lt + 4);
      if (gt < 0) return -1;
      const r = attributeIn(s, lt, gt, R);
      if (r < 0 && unusualAttribute(s, lt, gt, R)) return -1;
      this.startRow(r >= 0 ? digitsAt(s, r) : this.rowNo + 1);
      if (s[gt - 1] === 47) this.finishRow();
      return gt + 1;
    }
    return -1;
  }

  private fastCell(s: Uint8Array, lt: number, buffer: Buffer): number {
    // The attributes, read forward once up to the tag's end: r gives the column, t the type,
    // others (s, the style) are skipped. Anything unusual (other quoting or spacing, a cut at the
    // end of the block) goes to the general path.
    let column = -1;
    let type = 'n';
    let i = lt + 2;
    let gt: number;
    for (;;) {
      let c = s[i];
      while (c === 32) c = s[++i];
      if (c === 62) {
        gt = i;
        break;
      }
      if (c === 47) {
        if (s[i + 1] !== 62) return -1;
        gt = i + 1;
        break;
      }
      if (s[i + 1] !== 61 || s[i + 2] !== 34) return -1;
      const end = findByte(s, 34, i + 3);
      if (end < 0) return -1;
      if (c === R) {
        column = columnAt(s, i + 3);
      } else if (c === T) {
        type = end === i + 4 ? (s[i + 3] === 115 ? 's' : String.fromCharCode(s[i + 3])) : buffer.toString('latin1', i + 3, end);
      } else if (c === 60 || c === undefined) {
        return -1;
      }
      i = end + 1;
      c = s[i];
      if (c !== 32 && c !== 62 && c !== 47) return -1;
    }
    this.column = column >= 0 ? column : this.column + 1;
    this.type = type;
    this.value = '';
    if (s[gt - 1] === 47) {
      this.finishCell();
      return gt + 1;
    }
    // <v>…</v></c> in this block: take the value without the general path.
    if (s[gt + 1] !== 60 || s[gt + 2] !== 118 || s[gt + 3] !== 62) return gt + 1;
    const end = findByte(s, 60, gt + 4);
    if (end < 0 || end + 8 > s.length || s[end + 1] !== 47 || s[end + 2] !== 118 || s[end + 3] !== 62 || s[end + 4] !== 60 || s[end + 5] !== 47 || s[end + 6] !== 99 || s[end + 7] !== 62) {
      return gt + 1;
    }
    if (this.type === 's') {
      const index = digitsAt(s, gt + 4);
      this.sharedCell(index >= 0 && s[gt + 4] !== 60 ? index : -1);
    } else {
      this.value = valueText(s, buffer, gt + 4, end);
      this.finishCell();
    }
    return end + 8;
  }

  private finishCell(): void {
    this.collecting = false;
    switch (this.type) {
      case 's':
        return this.sharedCell(/^\d+$/.test(this.value) ? Number(this.value) : -1);
      case 'n':
        return this.storeCell(this.value, CELL_NUMBER);
      case 'b':
        return this.storeCell(this.value === '1' ? 'TRUE' : 'FALSE', CELL_BOOLEAN);
      default:
        return this.storeCell(this.value, CELL_TEXT);
    }
  }

  protected missingShared(): ImportFileError {
    return new ImportFileError(`第${this.rowNo}行 ${columnLetters(this.column)} 列引用了不存在的共享字符串，文件已损坏`);
  }

  /** A cell holding shared string `index` (-1: not a number). */
  protected sharedCell(index: number): void {
    const text = index >= 0 ? this.shared[index] : undefined;
    if (text === undefined) throw this.missingShared();
    this.storeCell(text, CELL_TEXT);
  }

  protected storeCell(text: string, kind: number): void {
    if (this.column >= 0 && this.column < 16384) {
      this.cells[this.column] = text;
      this.kinds[this.column] = kind;
    }
  }

  protected startRow(rowNo: number): void {
    this.rowNo = rowNo;
    this.cells = [];
    this.kinds = [];
    this.column = -1;
  }

  protected finishRow(): void {
    fillGaps(this.cells, this.kinds);
    this.emit({ row: this.rowNo, cells: this.cells, kinds: this.kinds });
  }
}

export interface WorkbookParts {
  sheet: Entry;
  sharedStrings: Entry | null;
}

function resolveTarget(target: string): string {
  return target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join('xl', target));
}

/** The first worksheet and the shared-string table, found through workbook.xml and its relationships. */
export async function findParts(zip: ZipArchive): Promise<WorkbookParts> {
  const workbook = await zip.text('xl/workbook.xml');
  if (workbook === null) throw new ImportFileError('不是有效的 .xlsx 工作簿（缺少 xl/workbook.xml，可能是改了扩展名的其他文件）');
  const rels = (await zip.text('xl/_rels/workbook.xml.rels')) ?? '';
  const targets = new Map<string, { type: string; target: string }>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const id = attributeOf(' ' + m[1], 'Id');
    const target = attributeOf(' ' + m[1], 'Target');
    if (id && target) targets.set(id, { type: attributeOf(' ' + m[1], 'Type') ?? '', target: resolveTarget(target) });
  }
  const firstSheet = /<(?:\w+:)?sheet\b([^>]*)>/.exec(workbook);
  const relId = firstSheet ? attributeOf(' ' + firstSheet[1], 'r:id') ?? attributeOf(' ' + firstSheet[1], 'id') : null;
  const sheetName = (relId && targets.get(relId)?.target) || 'xl/worksheets/sheet1.xml';
  const sheet = zip.entries.get(sheetName);
  if (!sheet) throw new ImportFileError('工作簿中没有工作表');
  const sharedName = [...targets.values()].find((t) => t.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
  return { sheet, sharedStrings: zip.entries.get(sharedName) ?? null };
}

export async function readSharedStrings(zip: ZipArchive, entry: Entry | null): Promise<string[]> {
  if (!entry) return [];
  const scanner = new SharedStringsScanner();
  for await (const chunk of zip.read(entry)) scanner.push(chunk);
  scanner.end();
  return scanner.strings;
}

export interface XlsxOptions {
  /** Reads the sheet's rows in another thread (sheetWorker.ts; given by sheet.ts, which avoids an import cycle). */
  readInWorker?: (path: string, onConsumed: (bytes: number) => void) => AsyncGenerator<SheetRow[]>;
  /** Sheets of at least this many bytes of XML are read in the worker (default: see WORKER_FROM_BYTES). */
  workerFromBytes?: number;
}

/**
 * Sheets of 16 MB of XML or more are read in the worker when the machine has a core for it
 * besides the checking and the database (3 or more). On 2 cores the three already share both,
 * and the worker measured no faster than reading in the main thread while holding the shared
 * strings twice. FUPIN_XLSX_WORKER_BYTES sets the size (a huge number: never).
 */
const WORKER_FROM_BYTES = process.env.FUPIN_XLSX_WORKER_BYTES !== undefined
  ? Number(process.env.FUPIN_XLSX_WORKER_BYTES)
  : availableParallelism() > 2 ? 16 * 1024 * 1024 : Number.POSITIVE_INFINITY;

export async function openXlsx(path: string, options: XlsxOptions = {}): Promise<SheetSource> {
  const zip = await openZip(path);
  let consumed = 0;
  let total = 1;
  try {
    const parts = await findParts(zip);
    total = parts.sheet.compressedSize + (parts.sharedStrings?.compressedSize ?? 0) || 1;
    const inWorker = options.readInWorker !== undefined && parts.sheet.uncompressedSize >= (options.workerFromBytes ?? WORKER_FROM_BYTES);
    async function* rows(): AsyncGenerator<SheetRow[]> {
      try {
        if (inWorker) {
          zip.close();
          yield* options.readInWorker!(path, (n) => (consumed = n));
          return;
        }
        const shared = await readSharedStrings(zip, parts.sharedStrings);
        consumed = parts.sharedStrings?.compressedSize ?? 0;
        let batch: SheetRow[] = [];
        const scanner = new SheetScanner(shared, (row) => batch.push(row));
        for await (const chunk of zip.read(parts.sheet, (n) => (consumed += n))) {
          scanner.push(chunk);
          if (batch.length > 0) {
            yield batch;
            batch = [];
          }
        }
        scanner.end();
        if (batch.length > 0) yield batch;
      } finally {
        zip.close();
      }
    }
    return { rows, progress: () => Math.min(1, consumed / total), close: async () => zip.close() };
  } catch (e) {
    zip.close();
    throw e;
  }
}
