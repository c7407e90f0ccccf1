/** The monitoring API as the overview and list pages use it. */
import { apiUrl, getJson } from '../../api/client';
import type { Grade, Outcome } from '../../api/assessment';
import type { CapReport, IndustryReport } from '../../../../src/modules/monitoring/policyTargets';

export interface Count {
  households: number;
  persons: number;
}

export type GradeCounts = Record<Grade, Count>;

export interface Overview {
  place: { code: string; name: string; level: number };
  year: number | null;
  computedAt: string | null;
  policyKeys: string[];
  households: number;
  persons: number;
  grades: GradeCounts;
  outcomes: Record<Outcome, Count>;
  suggested: { unstable: Count; marginal: Count; sudden: Count };
  children: { code: string; name: string; level: number; households: number; persons: number; grades: GradeCounts }[];
}

export interface AssessedFilter {
  place?: string;
  year?: string;
  grade?: string;
  failing?: string;
  outcome?: string;
  suggested?: string;
}

export interface AssessedHousehold {
  householdNo: string;
  villageCode: string;
  placePath: string;
  headName: string;
  status: string;
  outcome: Outcome;
  criteria: Record<string, 'pass' | 'fail' | 'undetermined'>;
  failing: string[];
  riskGrade: Grade;
  riskReasons: string[];
  suggestedCategory: string | null;
  perCapitaNet: number | null;
  persons: number;
  policyKey: string;
}

export interface AssessedPage {
  year: number | null;
  total: number;
  page: number;
  pageSize: number;
  items: AssessedHousehold[];
}

export const getOverview = (query: { place?: string; year?: string }, signal?: AbortSignal) => getJson<Overview>('/monitoring/overview', query, signal);

export const listAssessed = (query: AssessedFilter & { page: number; pageSize: number }, signal?: AbortSignal) => getJson<AssessedPage>('/monitoring/households', query, signal);

export const assessedExportUrl = (filter: AssessedFilter) => apiUrl('/monitoring/households/export.xlsx', filter);

// --- policy targets (监测规模、产业增收目标) ---------------------------------------------------

// The answers' shapes are the server's own (src/modules/monitoring/policyTargets.ts).
export type { CapRow, CapReport, IndustryReport } from '../../../../src/modules/monitoring/policyTargets';

type TargetQuery = { place: string; year: string };

export const getCapReport = (query: TargetQuery, signal?: AbortSignal) => getJson<CapReport>('/monitoring/cap', query, signal);
export const getIndustryReport = (query: TargetQuery, signal?: AbortSignal) => getJson<IndustryReport>('/monitoring/industry-income', query, signal);
export const capExportUrl = (query: TargetQuery) => apiUrl('/monitoring/cap/export.xlsx', query);
export const industryExportUrl = (query: TargetQuery) => apiUrl('/monitoring/industry-income/export.xlsx', query);
