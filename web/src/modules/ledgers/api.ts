/** The line-department ledgers as the pages read them (types from the server's schemas). */
import type { z } from 'zod';
import type { aidGapSchema, assistanceGapSchema, coverageSchema, householdLedgersSchema, importSchema, pageSchema, recordSchema, shapeListSchema } from '../../../../src/modules/ledgers/schemas';
import type { medicalGapSchema } from '../../../../src/modules/ledgers/medicalGaps';
import { ApiError, apiUrl, CSRF_HEADER, csrfToken, getJson, postJson } from '../../api/client';

export type LedgerShape = z.output<typeof shapeListSchema>['items'][number];
export type LedgerRecord = z.output<typeof recordSchema>;
export type LedgerPage = z.output<typeof pageSchema>;
export type ImportResult = z.output<typeof importSchema>;
export type AidGaps = z.output<typeof aidGapSchema>;
export type AssistanceGaps = z.output<typeof assistanceGapSchema>;
export type Coverage = z.output<typeof coverageSchema>;
export type HouseholdLedgers = z.output<typeof householdLedgersSchema>;
export type HealthGaps = z.output<typeof medicalGapSchema>;
export type HealthCheck = 'signing' | 'insurance';

export type LedgerQuery = { place?: string; year?: number; q?: string; registered?: string; page?: number; pageSize?: number } & Record<string, string | number | undefined>;

export const listShapes = (signal?: AbortSignal) => getJson<{ items: LedgerShape[] }>('/ledgers', {}, signal);
export const listRecords = (kind: string, query: LedgerQuery, signal?: AbortSignal) => getJson<LedgerPage>(`/ledgers/${kind}/records`, query, signal);
export const exportUrl = (kind: string, query: LedgerQuery) => apiUrl(`/ledgers/${kind}/export.xlsx`, { ...query, page: undefined, pageSize: undefined });
export const templateUrl = (kind: string) => apiUrl(`/ledgers/${kind}/template.xlsx`);
export const saveRecord = (kind: string, body: Record<string, string>) => postJson<LedgerRecord>(`/ledgers/${kind}/records`, body);
export const recordAid = (student: LedgerRecord, body: Record<string, string>) => postJson<LedgerRecord>(`/ledgers/education/students/${student.countyCode}/${student.id}/aid`, body);
export const aidGaps = (query: { place?: string; year: number }, signal?: AbortSignal) => getJson<AidGaps>('/ledgers/education/aid-gaps', query, signal);
export const aidGapsExportUrl = (query: { place?: string; year: number }) => apiUrl('/ledgers/education/aid-gaps/export.xlsx', query);
export const assistanceGaps = (query: { place?: string; year: number; standard: number }, signal?: AbortSignal) => getJson<AssistanceGaps>('/ledgers/assistance/gaps', query, signal);
export const assistanceGapsExportUrl = (query: { place?: string; year: number; standard: number }) => apiUrl('/ledgers/assistance/gaps/export.xlsx', query);
export const healthGaps = (query: { place?: string; year: number; check: HealthCheck }, signal?: AbortSignal) => getJson<HealthGaps>('/ledgers/health/gaps', query, signal);
export const healthGapsExportUrl = (query: { place?: string; year: number; check: HealthCheck }) => apiUrl('/ledgers/health/gaps/export.xlsx', query);
export const coverage = (query: { place?: string; year: number }, signal?: AbortSignal) => getJson<Coverage>('/ledgers/education/coverage', query, signal);
export const coverageExportUrl = (query: { place?: string; year: number }) => apiUrl('/ledgers/education/coverage/export.xlsx', query);
export const householdLedgers = (householdNo: string, signal?: AbortSignal) => getJson<HouseholdLedgers>(`/ledgers/households/${encodeURIComponent(householdNo)}`, {}, signal);

export interface ImportRefusal {
  message: string;
  result: ImportResult | undefined;
}

/** POST a ledger file (multipart) to `path`; a refusal is an ApiError with the server's details. */
async function postFile(path: string, query: Record<string, unknown>, file: File): Promise<Response> {
  const form = new FormData();
  form.append('file', file, file.name);
  const token = csrfToken();
  const response = await fetch(apiUrl(path, query), { method: 'POST', body: form, credentials: 'same-origin', headers: token ? { [CSRF_HEADER]: token } : {} });
  if (response.ok) return response;
  const body = await response.json().catch(() => undefined);
  throw new ApiError(response.status, body?.error?.code ?? 'http_' + response.status, body?.error?.message ?? `HTTP ${response.status}`, body?.error?.details);
}

/** Upload a ledger file (multipart); a refused file answers 400 with the row problems in the details. */
export async function importLedger(kind: string, file: File, dryRun: boolean): Promise<ImportResult> {
  return (await postFile(`/ledgers/${kind}/import`, { dryRun }, file)).json();
}

/** The file's error report (.xlsx: row, column, value, message), checked again and saved by the browser. */
export async function downloadErrorReport(shape: { kind: string; label: string }, file: File): Promise<void> {
  const blob = await (await postFile(`/ledgers/${shape.kind}/import/errors.xlsx`, {}, file)).blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = `${shape.label}导入错误报告.xlsx`;
  link.click();
  URL.revokeObjectURL(link.href);
}
