/**
 * The zip container of an .xlsx, opened defensively: the central directory is checked before
 * anything is inflated (at most 10,000 entries, 2 GB uncompressed, a 100:1 ratio), and an entry
 * that inflates beyond the size it declared is stopped at that size (a zip bomb that lies).
 */
import { createInflateRaw } from 'node:zlib';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { SheetFileError as ImportFileError } from './fileError';

export const MAX_ENTRIES = 10_000;
export const MAX_UNCOMPRESSED = 2 * 1024 ** 3;
export const MAX_RATIO = 100;
/** Entries smaller than this are not held to the ratio (tiny XML parts compress oddly). */
const RATIO_FLOOR = 1024 * 1024;

const NOT_A_WORKBOOK = '不是有效的 .xlsx 工作簿（可能是改了扩展名的其他文件，或文件已损坏）';

export interface ZipArchive {
  entries: Map<string, Entry>;
  /** Inflated content of an entry in blocks; `onCompressed` reports compressed bytes consumed. */
  read(entry: Entry, onCompressed?: (bytes: number) => void): AsyncGenerator<Buffer>;
  /** A small entry (workbook parts) as text, refused beyond `limit` bytes. */
  text(name: string, limit?: number): Promise<string | null>;
  close(): void;
}

function openZipFile(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: false, strictFileNames: false }, (err, zip) =>
      err || !zip ? reject(new ImportFileError(NOT_A_WORKBOOK)) : resolve(zip),
    );
  });
}

function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => reject(new ImportFileError(NOT_A_WORKBOOK)));
    zip.readEntry();
  });
}

function checkBomb(entries: Entry[]): void {
  let compressed = 0;
  let uncompressed = 0;
  for (const e of entries) {
    compressed += e.compressedSize;
    uncompressed += e.uncompressedSize;
    if (e.uncompressedSize > MAX_UNCOMPRESSED || uncompressed > MAX_UNCOMPRESSED) {
      throw new ImportFileError(`工作簿解压后超过 2 GB（${e.fileName} 声明 ${(e.uncompressedSize / 1024 ** 2).toFixed(0)} MB），已拒绝，未解压`);
    }
    if (e.uncompressedSize > RATIO_FLOOR && e.uncompressedSize > MAX_RATIO * Math.max(e.compressedSize, 1)) {
      throw new ImportFileError(
        `工作簿中的 ${e.fileName} 压缩比异常（${Math.round(e.uncompressedSize / Math.max(e.compressedSize, 1))}:1，上限 ${MAX_RATIO}:1），疑似压缩炸弹，已拒绝，未解压`,
      );
    }
  }
  if (uncompressed > RATIO_FLOOR && uncompressed > MAX_RATIO * Math.max(compressed, 1)) {
    throw new ImportFileError(`工作簿压缩比异常（${Math.round(uncompressed / Math.max(compressed, 1))}:1，上限 ${MAX_RATIO}:1），疑似压缩炸弹，已拒绝，未解压`);
  }
}

function rawStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, { decodeFileData: false }, (err, stream) => (err || !stream ? reject(new ImportFileError(NOT_A_WORKBOOK)) : resolve(stream)));
  });
}

/**
 * Let inflating (on libuv's thread pool) run up to 4 MB ahead of the reader, instead of one 256 KB
 * chunk: the reader then rarely waits for it. zlib streams pass this option on to their Transform,
 * though its type does not list it.
 */
const INFLATE_AHEAD = { highWaterMark: 4 << 20 } as object;

export async function openZip(path: string): Promise<ZipArchive> {
  const zip = await openZipFile(path);
  try {
    if (zip.entryCount > MAX_ENTRIES) throw new ImportFileError(`工作簿包含 ${zip.entryCount} 个内部文件（上限 ${MAX_ENTRIES}），疑似压缩炸弹，已拒绝`);
    const list = await readEntries(zip);
    checkBomb(list);
    const entries = new Map(list.map((e) => [e.fileName, e]));

    async function* read(entry: Entry, onCompressed?: (bytes: number) => void): AsyncGenerator<Buffer> {
      if (entry.isEncrypted()) throw new ImportFileError('工作簿已加密，请先在 Excel 中取消密码保护再导入');
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new ImportFileError(NOT_A_WORKBOOK);
      const raw = await rawStream(zip, entry);
      if (onCompressed) raw.on('data', (chunk: Buffer) => onCompressed(chunk.length));
      const inflated: Readable = entry.compressionMethod === 8 ? raw.pipe(createInflateRaw({ chunkSize: 256 * 1024, ...INFLATE_AHEAD })) : raw;
      raw.on('error', (e) => inflated.destroy(e));
      let total = 0;
      try {
        for await (const chunk of inflated as AsyncIterable<Buffer>) {
          total += chunk.length;
          if (total > entry.uncompressedSize) {
            throw new ImportFileError(`工作簿中的 ${entry.fileName} 解压后的实际大小超过其声明的 ${entry.uncompressedSize} 字节，疑似压缩炸弹，已停止解压并拒绝`);
          }
          yield chunk;
        }
      } catch (e) {
        if (e instanceof ImportFileError) throw e;
        throw new ImportFileError(`工作簿中的 ${entry.fileName} 无法解压：文件已损坏`);
      } finally {
        raw.destroy();
        inflated.destroy();
      }
    }

    async function text(name: string, limit = 16 * 1024 * 1024): Promise<string | null> {
      const entry = entries.get(name);
      if (!entry) return null;
      if (entry.uncompressedSize > limit) throw new ImportFileError(`工作簿中的 ${name} 过大（${entry.uncompressedSize} 字节）`);
      const parts: Buffer[] = [];
      for await (const chunk of read(entry)) parts.push(chunk);
      return Buffer.concat(parts).toString('utf8');
    }

    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      zip.close();
    };
    return { entries, read, text, close };
  } catch (e) {
    zip.close();
    throw e;
  }
}
