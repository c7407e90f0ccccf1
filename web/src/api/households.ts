import { apiUrl, getJson } from './client';
import type { HouseholdCard, HouseholdListItem, Page } from './types';

export interface HouseholdFilter {
  place?: string;
  status?: string;
  attribute?: string;
  cause?: string;
  year?: string;
  q?: string;
}

export interface HouseholdListQuery extends HouseholdFilter {
  page: number;
  pageSize: number;
  sort?: string;
  order?: 'asc' | 'desc';
}

export const listHouseholds = (query: HouseholdListQuery, signal?: AbortSignal) =>
  getJson<Page<HouseholdListItem>>('/households', query, signal);

export const getHouseholdCard = (householdNo: string, signal?: AbortSignal) =>
  getJson<HouseholdCard>(`/households/${encodeURIComponent(householdNo)}`, {}, signal);

/** The .xlsx download of the list under the same filters and order (all pages). */
export function householdExportUrl(query: HouseholdFilter & { sort?: string; order?: string }): string {
  return apiUrl('/households/export.xlsx', query);
}
