/** 大数据比对 as the pages read it (types from the server's output schemas). */
import type { z } from 'zod';
import type * as s from '../../../../src/modules/compare/schemas';
import { ApiError, apiUrl, csrfToken, CSRF_HEADER, getJson, postJson, newIdempotencyKey } from '../../api/client';

export type Kinds = z.output<typeof s.kindsSchema>;
export type Batch = z.output<typeof s.batchListSchema>['items'][number];
export type BatchRows = z.output<typeof s.rowsSchema>;
export type CompareJob = z.output<typeof s.jobSchema>;
export type RuleSetView = z.output<typeof s.rulesSchema>;
export type HitPage = z.output<typeof s.hitPageSchema>;
export type Hit = HitPage['items'][number];
export type HitDetail = z.output<typeof s.hitDetailSchema>;
export type HitReport = z.output<typeof s.reportSchema>;

export type HitQuery = { place?: string; rule?: string; status?: string; outcome?: string; overdue?: string; householdNo?: string; page?: number; pageSize?: number };

export const getKinds = (signal?: AbortSignal) => getJson<Kinds>('/compare/kinds', {}, signal);
export const listBatches = (q: { kind?: string }, signal?: AbortSignal) => getJson<{ items: Batch[] }>('/compare/batches', q, signal);
export const getBatchRows = (id: number, page: number, signal?: AbortSignal) => getJson<BatchRows>(`/compare/batches/${id}`, { page, pageSize: 50 }, signal);
export const getCompareJob = (id: number, signal?: AbortSignal) => getJson<CompareJob>(`/compare/jobs/${id}`, {}, signal);
export const getRules = (signal?: AbortSignal) => getJson<RuleSetView>('/compare/rules', {}, signal);
export const startRun = (place: string) => postJson<{ jobId: number }>('/compare/runs', { place }, newIdempotencyKey());
export const listHits = (q: HitQuery, signal?: AbortSignal) => getJson<HitPage>('/compare/hits', q, signal);
export const getHitReport = (q: HitQuery, signal?: AbortSignal) => getJson<HitReport>('/compare/hits/report', { ...q, page: undefined, pageSize: undefined }, signal);
export const hitsExportUrl = (q: HitQuery) => apiUrl('/compare/hits/export.xlsx', { ...q, page: undefined, pageSize: undefined });
export const sendHits = (place: string, rule?: string) => postJson<{ sent: number }>('/compare/hits/send', { place, rule });
export const getHit = (id: number, signal?: AbortSignal) => getJson<HitDetail>(`/compare/hits/${id}`, {}, signal);
export const actOnHit = (id: number, body: Record<string, unknown>) => postJson<HitDetail>(`/compare/hits/${id}/steps`, body);
export const householdHits = (householdNo: string, signal?: AbortSignal) => getJson<{ items: Hit[] }>(`/compare/households/${encodeURIComponent(householdNo)}/hits`, {}, signal);

/** Upload a reference file (multipart, CSRF header) and start the import job; answers its id. */
export async function uploadReference(file: File, query: { kind: string; county: string; asOf?: string; source?: string; dryRun: boolean }): Promise<number> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json', 'idempotency-key': newIdempotencyKey() };
  const token = csrfToken();
  if (token) headers[CSRF_HEADER] = token;
  const response = await fetch(apiUrl('/compare/batches', { ...query, dryRun: query.dryRun ? 'true' : 'false' }), { method: 'POST', body: form, credentials: 'same-origin', headers });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, body?.error?.code ?? 'http_' + response.status, body?.error?.message ?? `HTTP ${response.status}`, body?.error?.details);
  return body.jobId as number;
}

/** Poll a job until it has ended, reporting its progress. */
export async function followJob(id: number, onProgress: (job: CompareJob) => void): Promise<CompareJob> {
  for (;;) {
    const job = await getCompareJob(id);
    onProgress(job);
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 500));
  }
}
