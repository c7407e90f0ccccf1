/** The 防止返贫致贫 API (src/modules/prevention): screening, what-if, case clocks, urgent measures, 自付 costs, clock profiles. */
import { apiUrl, getJson, postJson, putJson } from '../../api/client';
import type { ScreeningResult, PreventionWhatIf, CaseClockView } from '../../../../src/modules/prevention/service';
import type { ClockProfile, PreventionRules } from '../../../../src/domain/prevention/schema';

export type { ScreeningResult, PreventionWhatIf, CaseClockView, ClockProfile, PreventionRules };
export type ScreenedHousehold = ScreeningResult['items'][number];

type Place = { place: string; year: string };

export const getScreening = (query: Place & { all?: string }, signal?: AbortSignal) => getJson<ScreeningResult>('/prevention/screening', query, signal);
export const screeningExportUrl = (query: Place & { all?: string }) => apiUrl('/prevention/screening.xlsx', query);

export interface WhatIfRequest {
  policyId?: string;
  policy?: { regionCode: string; effectiveYear: number; title: string; rules: unknown };
  place?: string;
  year: number;
}
export const runPreventionWhatIf = (body: WhatIfRequest) => postJson<PreventionWhatIf>('/prevention/what-if', body);

export const listClocks = (query: { place: string }, signal?: AbortSignal) => getJson<{ items: CaseClockView[] }>('/prevention/clocks', query, signal);
export const clocksExportUrl = (query: { place: string }) => apiUrl('/prevention/clocks.xlsx', query);
export const startUrgent = (caseId: number, body: { startedOn: string; cause: string; measure: string }) => postJson<CaseClockView>(`/prevention/cases/${caseId}/urgent-measures`, body);

export interface CostsView {
  householdNo: string;
  year: number;
  lines: { item: string; label: string; amount: number; note: string | null }[];
}
export const getCosts = (householdNo: string, year: string) => getJson<CostsView>(`/prevention/households/${householdNo}/costs/${year}`);
export const putCosts = (householdNo: string, year: string, lines: { item: string; amount: number }[]) => putJson<CostsView>(`/prevention/households/${householdNo}/costs/${year}`, { lines });

export interface EffectivePolicy {
  place: { code: string; name: string };
  year: number;
  rules: { prevention?: PreventionRules };
  versions: { id: string; regionCode: string; effectiveYear: number; version: number; title: string }[];
}
export const getEffective = (query: Place, signal?: AbortSignal) => getJson<EffectivePolicy>('/policies/effective', query, signal);
export const saveDraft = (body: { regionCode: string; effectiveYear: number; title: string; rules: unknown }) => postJson<{ id: string }>('/policies', body);

export const COST_ITEMS = ['medical_compliant', 'medical_other', 'schooling_compliant', 'schooling_other'] as const;
