/** Villages as the pages read them (types from the server's output schemas). */
import type { z } from 'zod';
import type * as s from '../../../../src/modules/villages/schemas';
import { apiUrl, getJson, postJson, request } from '../../api/client';

export type VillagePage = z.output<typeof s.pageSchema>;
export type VillageList = z.output<typeof s.listSchema>;
export type VillageItem = VillageList['items'][number];
export type ExitCase = z.output<typeof s.exitCaseSchema>;
export type Condition = VillagePage['verdict']['conditions'][number];

export type ListQuery = { place?: string; year: number; flag?: string; verdict?: string };

export const listVillages = (q: ListQuery, signal?: AbortSignal) => getJson<VillageList>('/villages', q, signal);
export const villagesExportUrl = (q: ListQuery) => apiUrl('/villages/export.xlsx', q);
export const getVillage = (code: string, year: number, signal?: AbortSignal) => getJson<VillagePage>(`/villages/${code}`, { year }, signal);
export const villageExportUrl = (code: string, year: number) => apiUrl(`/villages/${code}/export.xlsx`, { year });
export const saveVillage = (code: string, year: number, values: Record<string, unknown>) => request<VillagePage>('PUT', `/villages/${code}/record`, { body: { year, values } });
export const startExit = (code: string, year: number) => postJson<ExitCase>(`/villages/${code}/exit`, { year });
export const actOnExit = (c: ExitCase, body: { type: string; comment?: string; startsOn?: string; objector?: string; upheld?: boolean }) =>
  postJson<ExitCase>(`/village-exits/${c.countyCode}/${c.id}/actions`, body);
