/** The registry import (建档立卡导入): upload a file as a background job, follow it, read its result. */
import { ApiError, apiUrl, csrfToken, CSRF_HEADER, getJson, newIdempotencyKey } from './client';
import { i18n } from '../i18n';
import type { ImportReport as ServerImportReport } from '../../../src/modules/imports/service';

/** The import's report, as the server's import service defines it (its whole-file fields the page does not show left out). */
export type ImportReport = Omit<ServerImportReport, 'format' | 'indexesRebuilt' | 'path'>;
export type { ImportProblem } from '../../../src/modules/imports/service';

export interface ImportJob {
  jobId: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  phase: string | null;
  progress: number;
  message: string | null;
  fileName: string | null;
  dryRun: boolean;
  result: ImportReport | null;
  errorReport: string | null;
}

export const importTemplateUrl = () => apiUrl('/imports/template');

/** Uploads the file (multipart, CSRF header) and starts the job; answers its id. */
export async function startImport(file: File, dryRun: boolean, year?: number): Promise<number> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json', 'idempotency-key': newIdempotencyKey() };
  const token = csrfToken();
  if (token) headers[CSRF_HEADER] = token;
  let response: Response;
  try {
    response = await fetch(apiUrl('/imports', { dryRun: dryRun ? 'true' : 'false', year }), { method: 'POST', body: form, credentials: 'same-origin', headers });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, body?.error?.code ?? 'http_' + response.status, body?.error?.message ?? i18n.t('errors.http', { status: response.status }));
  return body.jobId as number;
}

export const getImportJob = (id: number, signal?: AbortSignal) => getJson<ImportJob>(`/imports/${id}`, {}, signal);
