import { apiUrl, getJson, patchJson } from './client';
import type { HouseholdCard, HouseholdListItem, Member, Page, TimelineEntry } from './types';

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

/** The card; `reveal` asks for full ID numbers (allowed to some roles, and audited by the server). */
export const getHouseholdCard = (householdNo: string, signal?: AbortSignal, reveal = false) =>
  getJson<HouseholdCard>(`/households/${encodeURIComponent(householdNo)}`, reveal ? { reveal: 'idNumber' } : {}, signal);

export const getHouseholdTimeline = (householdNo: string, signal?: AbortSignal) =>
  getJson<TimelineEntry[]>(`/households/${encodeURIComponent(householdNo)}/timeline`, {}, signal);

/** Fields of a member that can be corrected (the ID number through `idNumber`). */
export type MemberPatch = Partial<Omit<Member, 'sex' | 'birthDate' | 'age'>>;

/** Correct a member: `idNumber` is the full ID number on record. */
export const updateMember = (idNumber: string, patch: MemberPatch) =>
  patchJson<{ householdNo: string; member: Member }>(`/persons/${encodeURIComponent(idNumber)}`, patch);

/** The .xlsx download of the list under the same filters and order (all pages). */
export function householdExportUrl(query: HouseholdFilter & { sort?: string; order?: string }): string {
  return apiUrl('/households/export.xlsx', query);
}
