/**
 * A household's assessment (两不愁三保障 checklist, risk grade) and the data the rules read, as
 * the household card edits them: household facts, income by year, risk events, recompute.
 */
import { getJson, patchJson, postJson, request } from './client';
import type { HouseholdCard } from './types';

export type CriterionStatus = 'pass' | 'fail' | 'undetermined';
export type Grade = 'red' | 'yellow' | 'green' | 'undetermined';
export type Outcome = 'meets' | 'does_not_meet' | 'undetermined';

export interface CriterionResult {
  criterion: string;
  label: string;
  status: CriterionStatus;
  values: Record<string, string | number | boolean | null | string[]>;
  reason: string;
  missing: string[];
}

export interface Checklist {
  householdNo: string;
  villageCode: string;
  year: number;
  asOf: string;
  outcome: Outcome;
  outcomeLabel: string;
  criteria: CriterionResult[];
  failing: string[];
  income: { perCapitaNet: number | null; line: number | null; meetsLine: boolean | null };
  risk: { grade: Grade; gradeLabel: string; reasons: { code: string; grade: 'red' | 'yellow'; text: string }[]; missing: string[]; ruleLabel: string };
  suggestion: { category: string; label: string; reason: string } | null;
  persons: number;
  /** Where each member's education fact came from: a ledger record (学生名册) or the registry's field. */
  sources: { criterion: string; member: string; source: 'ledger' | 'registry'; ledger: string | null; recordId: number | null; year: number; fact: string }[];
  policyKey: string;
  policyVersions: { id: string; regionCode: string; effectiveYear: number; version: number; title: string }[];
  stored: { outcome: Outcome; riskGrade: Grade; computedAt: string; current: boolean } | null;
}

export interface RiskEvent {
  id: number;
  type: string;
  typeLabel: string;
  occurredOn: string;
  cost: number;
  note: string | null;
}

export interface MonitoringJob {
  id: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  message: string | null;
}

const path = (householdNo: string) => `/households/${encodeURIComponent(householdNo)}`;

export const getChecklist = (householdNo: string, year?: number, signal?: AbortSignal) => getJson<Checklist>(`${path(householdNo)}/assessment`, { year }, signal);

export const listRiskEvents = (householdNo: string, signal?: AbortSignal) => getJson<{ items: RiskEvent[] }>(`${path(householdNo)}/risk-events`, {}, signal);

export const removeRiskEvent = (householdNo: string, id: number, reason: string) => request<void>('DELETE', `${path(householdNo)}/risk-events/${id}`, { body: { reason } });

export const addRiskEvent = (householdNo: string, event: { type: string; occurredOn: string; cost: number; note?: string | null }) =>
  postJson<RiskEvent>(`${path(householdNo)}/risk-events`, event);

/** The household's own facts the rules read (两不愁, housing, water, open risk types). */
export type RuleFactsPatch = Partial<Record<string, boolean | number | string | string[] | null>>;

export const updateRuleFacts = (householdNo: string, patch: RuleFactsPatch) => patchJson<HouseholdCard>(path(householdNo), patch);

export interface IncomeInput {
  wages: number;
  productionNet: number;
  property: number;
  transfer: number;
  productionCost: number;
  householdSize?: number;
}

export const setIncome = (householdNo: string, year: number, income: IncomeInput) => request<HouseholdCard>('PUT', `${path(householdNo)}/incomes/${year}`, { body: income });

export const deleteIncome = (householdNo: string, year: number) => request<HouseholdCard>('DELETE', `${path(householdNo)}/incomes/${year}`);

/** Start a recompute of a place (a village, a county…) and return its job. */
export const startRecompute = (place: string | undefined, year?: number) => postJson<{ jobId: number }>('/monitoring/recompute', { place, year });

export const getMonitoringJob = (id: number, signal?: AbortSignal) => getJson<MonitoringJob>(`/monitoring/jobs/${id}`, {}, signal);
