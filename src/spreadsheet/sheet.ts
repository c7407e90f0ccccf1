/** A spreadsheet read row by row, whatever the file format. */
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { openCsv } from './csvReader';
import { SheetFileError as ImportFileError } from './fileError';
import { rowsFromWorker } from './sheetWorker';
import type { SheetFormat, SheetSource } from './types';
import { openXlsx } from './xlsxReader';

export type { SheetFormat, SheetRow, SheetSource } from './types';

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buffer, 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The format of an uploaded file from its name, checked against its first bytes: a file named
 * .xlsx must be a zip; old .xls (OLE) and other formats are refused with a Chinese message.
 */
export async function detectFormat(path: string, fileName: string): Promise<SheetFormat> {
  const ext = extname(fileName).toLowerCase();
  const head = await firstBytes(path, 8);
  if (head.length === 0) throw new ImportFileError('文件是空的（0 字节）');
  const isZip = head[0] === 0x50 && head[1] === 0x4b;
  const isOle = head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  if (isOle) throw new ImportFileError('这是旧版 Excel 97-2003（.xls）或其他 Office 文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入');
  if (ext === '.xlsx' || ext === '.xlsm') {
    if (!isZip) throw new ImportFileError(`文件“${fileName}”不是有效的 .xlsx 工作簿（内容不是 Excel 格式，可能是改了扩展名的其他文件）`);
    return 'xlsx';
  }
  if (ext === '.csv' || ext === '.txt') {
    if (isZip) throw new ImportFileError(`文件“${fileName}”的内容是压缩包（可能是 .xlsx），不是 CSV 文本；请用正确的扩展名上传`);
    return 'csv';
  }
  if (isZip) return 'xlsx';
  throw new ImportFileError(`不支持的文件类型“${ext || fileName}”：请上传 .xlsx 或 .csv 文件`);
}

export async function openSheet(path: string, format: SheetFormat): Promise<SheetSource> {
  return format === 'csv' ? openCsv(path) : openXlsx(path, { readInWorker: rowsFromWorker });
}
