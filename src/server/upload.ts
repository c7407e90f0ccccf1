/**
 * The one file of a multipart upload, saved to a temporary file for a background job (which
 * removes it when it ends). Not multipart, no file, or past the size limit: a Chinese 400/413,
 * and nothing left behind.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from './errors';

export async function receiveUpload(request: FastifyRequest, prefix: string): Promise<{ path: string; fileName: string }> {
  const missing = '请以 multipart/form-data 上传一个 .xlsx 或 .csv 文件（字段 file）';
  if (!request.isMultipart()) throw badRequest(missing);
  const file = await request.file();
  if (!file) throw badRequest(missing);
  const path = join(tmpdir(), `fupin-${prefix}-${randomUUID()}${extname(file.filename).toLowerCase()}`);
  try {
    await pipeline(file.file, createWriteStream(path));
    if (file.file.truncated) throw new AppError(413, 'too_large', '文件超过上传大小上限');
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
  return { path, fileName: file.filename };
}
