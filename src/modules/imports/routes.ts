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
import { auditActorOf, requireUser } from '../../server/access';
import { jobStartedAnswer, routesOf } from '../../server/defineRoute';
import { AppError, badRequest, notFound } from '../../server/errors';
import { buildTemplate, getImportErrorReport, getImportJob, startImportJob, type ImportJobView } from './service';
import { XLSX_MEDIA_TYPE } from './workbooks';
import { addHouseholdFromForm, HouseholdFormRefused } from './householdForm';
import { householdFormAnswer, householdFormBody, idParams, jobSchema, uploadQuery } from './schemas';

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
  const route = routesOf(api, { tag: '数据导入', description: 'Registry import: upload as a background job, progress, error report, template (src/modules/imports)' });

  route({
    method: 'POST', url: '/imports', summary: '上传建档立卡表导入（后台任务）', description: '以 multipart/form-data 上传 .xlsx 或 .csv；dryRun=true 只检查不写入。返回任务编号。',
    access: 'registry.import', query: uploadQuery, body: 'upload', response: jobStartedAnswer, status: 202,
    handler: async ({ request, query: { dryRun, year } }) => {
      const { scope } = requireUser(request);
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
      return { jobId };
    },
  });

  // 新增农户: one household from a form, through the import's checks (householdForm.ts).
  route({
    method: 'POST', url: '/imports/household', summary: '新增农户（按导入规则检查；dryRun 只检查）', access: 'registry.import', status: 201,
    description: '户与成员按导入模板的字段填写，经与导入相同的检查写入（dryRun=true 只检查，答 200）；本县已有的户编号答 409，检查不通过答 400 并逐项列出（成员序号、字段、值、问题）。',
    body: householdFormBody, response: householdFormAnswer,
    handler: async ({ request, reply, body }) => {
      const { scope } = requireUser(request);
      try {
        const added = await addHouseholdFromForm(database, body, { scope, actor: auditActorOf(request), today: request.server.security.clock.now() });
        // A dry run writes nothing: 200, not the declared 201.
        return reply.status(added.report.dryRun ? 200 : 201).send(householdFormAnswer.parse(added));
      } catch (e) {
        if (e instanceof HouseholdFormRefused) throw new AppError(e.status, e.status === 409 ? 'household_exists' : 'invalid_input', e.message, e.problems);
        throw e;
      }
    },
  });

  route({
    method: 'GET', url: '/imports/template', summary: '下载导入模板', access: 'registry.import', file: 'xlsx',
    handler: async ({ reply }) => reply.type(XLSX_MEDIA_TYPE).header('content-disposition', attachment('建档立卡导入模板.xlsx')).send(await buildTemplate()),
  });

  route({
    method: 'GET', url: '/imports/:id', summary: '导入任务进度与结果', access: 'registry.import', params: idParams, response: jobSchema,
    handler: async ({ request, params: { id } }) => {
      const job = await ownJob(request, database, id);
      return {
        jobId: job.id,
        status: job.status as z.input<typeof jobSchema>['status'],
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
      };
    },
  });

  route({
    method: 'GET', url: '/imports/:id/errors.xlsx', summary: '下载导入错误报告', access: 'registry.import', params: idParams, file: 'xlsx',
    handler: async ({ request, reply, params: { id } }) => {
      await ownJob(request, database, id);
      const file = await getImportErrorReport(database, id);
      return reply.type(file.mediaType).header('content-disposition', attachment(`导入错误报告-${id}.xlsx`)).send(Buffer.from(file.content));
    },
  });
}
