/**
 * HTTP routes of the registry import. The upload is streamed to a temporary file and imported
 * by a background job (202 with its id); the job shows progress and the result, and its error
 * report downloads as .xlsx. Jobs are visible to the user who started them.
 */
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { auditActorOf, requirePermission, requireUser } from '../../server/access';
import { AppError, badRequest, notFound } from '../../server/errors';
import { buildTemplate, getImportErrorReport, getImportJob, startImportJob, type ImportJobView } from './service';
import { XLSX_MEDIA_TYPE } from './workbooks';
import { addHouseholdFromForm, HouseholdFormRefused, newHouseholdInput } from './householdForm';

export const householdFormBody = newHouseholdInput;

export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const uploadQuery = z.object({
  dryRun: z.enum(['true', 'false', '1', '0']).optional(),
  year: z.coerce.number({ message: '业务年度应为数字' }).int('业务年度应为整数').min(2000, '业务年度不早于 2000').max(2100, '业务年度不晚于 2100').optional(),
});

export const jobSchema = z.object({
  jobId: z.number(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  phase: z.string().nullable(),
  progress: z.number(),
  message: z.string().nullable(),
  fileName: z.string().nullable(),
  dryRun: z.boolean(),
  result: z.unknown(),
  errorReport: z.string().nullable(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});

function attachment(name: string): string {
  return `attachment; filename="import.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** A job of another user is as good as absent. */
async function ownJob(request: FastifyRequest, database: Database, id: number): Promise<ImportJobView> {
  const { user } = requireUser(request);
  const job = await getImportJob(database, id);
  if (job.userId !== user.id) throw notFound('导入任务');
  return job;
}

export async function registerImportRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const allowed = { preHandler: requirePermission('registry.import') };

  api.post('/imports', allowed, async (request, reply) => {
    const { scope } = requireUser(request);
    const { dryRun, year } = uploadQuery.parse(request.query);
    const file = await request.file();
    if (!file) throw badRequest('请以 multipart/form-data 上传一个 .xlsx 或 .csv 文件');
    const path = join(tmpdir(), `fupin-import-${randomUUID()}${extname(file.filename).toLowerCase()}`);
    try {
      await pipeline(file.file, createWriteStream(path));
      if (file.file.truncated) throw new AppError(413, 'too_large', '文件超过上传大小上限（1 GB）');
    } catch (e) {
      await rm(path, { force: true });
      throw e;
    }
    const jobId = await startImportJob(
      database,
      { path, fileName: file.filename },
      { dryRun: dryRun === 'true' || dryRun === '1', statusYear: year, scope, actor: auditActorOf(request), removeFile: true, onCrash: (e) => request.log.error(e) },
    );
    return reply.status(202).send({ jobId });
  });

  // 新增农户: one household from a form, through the import's checks (householdForm.ts).
  api.post('/imports/household', allowed, async (request, reply) => {
    const { scope } = requireUser(request);
    try {
      const added = await addHouseholdFromForm(database, request.body, { scope, actor: auditActorOf(request), today: request.server.security.clock.now() });
      return reply.status(added.report.dryRun ? 200 : 201).send(added);
    } catch (e) {
      if (e instanceof HouseholdFormRefused) throw new AppError(e.status, e.status === 409 ? 'household_exists' : 'invalid_input', e.message, e.problems);
      throw e;
    }
  });

  api.get('/imports/template', allowed, async (_request, reply) => {
    const content = await buildTemplate();
    return reply.type(XLSX_MEDIA_TYPE).header('content-disposition', attachment('建档立卡导入模板.xlsx')).send(content);
  });

  api.get('/imports/:id', allowed, async (request) => {
    const { id } = idParams.parse(request.params);
    const job = await ownJob(request, database, id);
    return jobSchema.parse({
      jobId: job.id,
      status: job.status,
      phase: job.phase,
      progress: job.progress,
      message: job.message,
      fileName: job.fileName,
      dryRun: job.dryRun,
      result: job.result,
      errorReport: job.hasErrorReport ? `/api/v1/imports/${job.id}/errors.xlsx` : null,
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
    });
  });

  api.get('/imports/:id/errors.xlsx', allowed, async (request, reply) => {
    const { id } = idParams.parse(request.params);
    await ownJob(request, database, id);
    const file = await getImportErrorReport(database, id);
    return reply.type(file.mediaType).header('content-disposition', attachment(`导入错误报告-${id}.xlsx`)).send(Buffer.from(file.content));
  });
}
