import { apiUrl, getJson, patchJson } from './client';
import type { HouseholdCard, HouseholdListItem, Member, Page, Timeline } from './types';

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

const householdPath = (householdNo: string) => `/households/${encodeURIComponent(householdNo)}`;

export const getHouseholdCard = (householdNo: string, signal?: AbortSignal) => getJson<HouseholdCard>(householdPath(householdNo), {}, signal);

export const getHouseholdTimeline = (householdNo: string, signal?: AbortSignal) => getJson<Timeline>(`${householdPath(householdNo)}/timeline`, {}, signal);

/** Fields of a member that can be corrected (a wrong ID number through `idNumber`). */
export type MemberPatch = Partial<Omit<Member, 'memberKey' | 'sex' | 'birthDate' | 'age'>>;

/** Correct a member of a household, addressed by his key. */
export const updateMember = (householdNo: string, memberKey: string, patch: MemberPatch) =>
  patchJson<{ householdNo: string; member: Member }>(`${householdPath(householdNo)}/members/${encodeURIComponent(memberKey)}`, patch);

/** The .xlsx download of the list under the same filters and order (all pages). */
export function householdExportUrl(query: HouseholdFilter & { sort?: string; order?: string }): string {
  return apiUrl('/households/export.xlsx', query);
}
