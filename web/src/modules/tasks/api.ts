/** The task and rectification ledgers as the pages read them (types from the server's schemas). */
import type { z } from 'zod';
import type { departmentSummarySchema, planListSchema, taskDetailSchema, taskPageSchema } from '../../../../src/modules/tasks/schemas';
import type { detailSchema, pageSchema, rectificationInput, stepInput } from '../../../../src/modules/rectification/schemas';
import { apiUrl, CSRF_HEADER, csrfToken, getJson, postJson, ApiError } from '../../api/client';

export type Page<T> = { total: number; page: number; pageSize: number; today: string; items: T[] };
export type Task = z.output<typeof taskPageSchema>['items'][number];
export type TaskDetail = z.output<typeof taskDetailSchema>;
export type PlanSummary = z.output<typeof planListSchema>[number];
export type DepartmentLine = z.output<typeof departmentSummarySchema>['departments'][number];

export type TaskQuery = { place?: string; department?: string; due?: 'overdue' | 'soon'; status?: string; plan?: number; page?: number; pageSize?: number };

export const listTasks = (query: TaskQuery, signal?: AbortSignal) => getJson<Page<Task>>('/tasks', query, signal);
export const taskExportUrl = (query: TaskQuery) => apiUrl('/tasks/export.xlsx', { ...query, page: undefined, pageSize: undefined });
export const getTask = (id: number, signal?: AbortSignal) => getJson<TaskDetail>(`/tasks/${id}`, {}, signal);
export const reportProgress = (id: number, body: { progress: number; note: string; evidence: string[]; onDate?: string }) => postJson<TaskDetail>(`/tasks/${id}/progress`, body);
export const listPlans = (place: string | undefined, signal?: AbortSignal) => getJson<PlanSummary[]>('/plans', { place }, signal);
export const departmentSummary = (place: string | undefined, signal?: AbortSignal) => getJson<{ today: string; departments: DepartmentLine[] }>('/tasks/departments', { place }, signal);
export const planTemplateUrl = () => apiUrl('/plans/template.xlsx');

/** Upload a plan spreadsheet (multipart: the file and the plan's place, year, title). */
export async function importPlan(file: File, meta: { placeCode: string; year: number; title: string; docNo?: string; issuedOn?: string }): Promise<{ id: number; tasks: unknown[] }> {
  const form = new FormData();
  for (const [key, value] of Object.entries(meta)) if (value !== undefined && value !== '') form.append(key, String(value));
  form.append('file', file, file.name);
  const token = csrfToken();
  const response = await fetch(apiUrl('/plans/import'), { method: 'POST', body: form, credentials: 'same-origin', headers: token ? { [CSRF_HEADER]: token } : {} });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, body?.error?.code ?? 'http_' + response.status, body?.error?.message ?? `HTTP ${response.status}`);
  return body;
}

export type Rectification = z.output<typeof pageSchema>['items'][number];
export type RectificationDetail = z.output<typeof detailSchema>;

export type RectificationQuery = { place?: string; status?: string; source?: string; unit?: string; due?: 'overdue' | 'soon'; page?: number; pageSize?: number };

export type RectificationInput = z.input<typeof rectificationInput>;
export type StepInput = z.input<typeof stepInput>;

export const listRectifications = (query: RectificationQuery, signal?: AbortSignal) => getJson<Page<Rectification>>('/rectifications', query, signal);
export const rectificationExportUrl = (query: RectificationQuery) => apiUrl('/rectifications/export.xlsx', { ...query, page: undefined, pageSize: undefined });
export const getRectification = (id: number, signal?: AbortSignal) => getJson<RectificationDetail>(`/rectifications/${id}`, {}, signal);
export const createRectification = (body: RectificationInput) => postJson<RectificationDetail>('/rectifications', body);
export const actOnRectification = (id: number, body: StepInput) => postJson<RectificationDetail>(`/rectifications/${id}/steps`, body);

/** Evidence typed one item a line. */
export const evidenceLines = (text: string | undefined) => (text ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
