/** The registry import (建档立卡导入): upload a file as a background job, follow it, read its result. */
import { apiUrl, getJson, postFile } from './client';
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
  return (await postFile<{ jobId: number }>('/imports', file, { dryRun: dryRun ? 'true' : 'false', year })).jobId;
}

export const getImportJob = (id: number, signal?: AbortSignal) => getJson<ImportJob>(`/imports/${id}`, {}, signal);
