/** 县摘帽 and the centre's re-check as the pages read them (types from the server's schemas). */
import type { z } from 'zod';
import type { caseListSchema, caseSchema, dashboardSchema, drawSchema, findingsBody, overviewSchema, recheckResultSchema } from '../../../../src/modules/counties/schemas';
import { apiUrl, getJson, postJson, request } from '../../api/client';

export type Dashboard = z.output<typeof dashboardSchema>;
export type CountyRow = Dashboard['rows'][number];
export type Condition = CountyRow['verdict']['conditions'][number];
export type CountyCase = z.output<typeof caseSchema>;
export type CaseItem = z.output<typeof caseListSchema>['items'][number];
export type Overview = z.output<typeof overviewSchema>;
export type Recheck = Overview['rechecks'][number];
export type Findings = z.input<typeof findingsBody>;

type PlaceYear = { place?: string; year: number };

export const exitVerdicts = (q: PlaceYear, signal?: AbortSignal) => getJson<Dashboard>('/counties/exit-verdicts', q, signal);
export const exitVerdictsExportUrl = (q: PlaceYear) => apiUrl('/counties/exit-verdicts/export.xlsx', q);
export const exitCases = (q: PlaceYear, signal?: AbortSignal) => getJson<{ items: CaseItem[] }>('/counties/exit-cases', q, signal);
export const startExit = (county: string, year: number) => postJson<CountyCase>(`/counties/${county}/exit-cases`, { year });
export const getCase = (id: number, signal?: AbortSignal) => getJson<CountyCase>(`/counties/exit-cases/${id}`, {}, signal);
export const actOnCase = (id: number, body: Record<string, unknown>) => postJson<CountyCase>(`/counties/exit-cases/${id}/actions`, body);
export const rechecks = (q: PlaceYear, signal?: AbortSignal) => getJson<Overview>('/counties/rechecks', q, signal);
export const rechecksExportUrl = (q: PlaceYear) => apiUrl('/counties/rechecks/export.xlsx', q);
export const drawRechecks = (body: { year: number; place: string; seed?: string }) => postJson<z.output<typeof drawSchema>>('/counties/rechecks/draws', body);
export const recordFindings = (county: string, year: number, body: Findings) => request<z.output<typeof recheckResultSchema>>('PUT', `/counties/rechecks/${county}/${year}`, { body });
