/** The policy API as the policy pages use it (src/modules/policy/routes.ts). */
import { apiUrl, getJson, postJson, request } from '../../api/client';

export type PolicyStatus = 'draft' | 'active' | 'superseded';

export interface PolicyView {
  id: string;
  regionCode: string;
  regionName: string;
  effectiveYear: number;
  version: number;
  status: PolicyStatus;
  statusLabel: string;
  title: string;
  note: string | null;
  rules: unknown;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  activatedBy: string | null;
  activatedAt: string | null;
  supersededAt: string | null;
}

/** One rule value named in Chinese (path 'water.minLitresScarce', field '饮水安全 · 缺水地区最低水量'). */
export interface RuleField {
  path: string;
  field: string;
  group: string;
  value: unknown;
  /** How to ask for the value: its JSON Schema and the Chinese names of its codes. */
  input?: RuleInputSpec;
}

export interface RuleInputSpec {
  schema: Record<string, unknown>;
  nullable: boolean;
  options?: Record<string, string>;
}

export interface RuleFields {
  /** What the record sets itself. */
  own: RuleField[];
  /** The merged rules it puts in force for its region and year. */
  effective: RuleField[];
}

export interface Comparison {
  a: PolicyView;
  b: PolicyView;
  mode: 'record' | 'effective';
  differences: { path: string; field: string; a: unknown; b: unknown }[];
}

/** A field the server refused, as `details.errors` of an 'invalid_policy' error. */
export interface PolicyProblem {
  path: string;
  field: string;
  message: string;
}

export interface Count {
  households: number;
  persons: number;
}

export interface Tally {
  grades: Record<'red' | 'yellow' | 'green' | 'undetermined', Count>;
  outcomes: Record<'meets' | 'does_not_meet' | 'undetermined', Count>;
}

export interface PlaceImpact {
  code: string;
  name: string;
  households: number;
  persons: number;
  changedHouseholds: number;
  changedPersons: number;
  before: Tally;
  after: Tally;
}

export interface WhatIfResult {
  year: number;
  place: { code: string; name: string };
  policy: { id: string; title: string; version: number };
  households: number;
  persons: number;
  changed: Count;
  before: Tally;
  after: Tally;
  byPlace: PlaceImpact[];
  /** Older results (before targets were reported) have none. */
  targets?: TargetChanges;
}

export interface TargetChanges {
  capCounties: { code: string; name: string; overBefore: boolean; overAfter: boolean; before: string; after: string }[];
  industryHouseholds: { householdNo: string; headName: string; villageCode: string; before: string; after: string }[];
  industryPlaces: { code: string; name: string; supportedBefore: number; supportedAfter: number; meetingBefore: number; meetingAfter: number }[];
  procedureSettings: { path: string; field: string; before: unknown; after: unknown; note: string }[];
}

export interface Job<T> {
  id: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  message: string | null;
  result: T | null;
}

export interface PolicyFilter {
  /** The records governing this place (its region, those above and below it). */
  place?: string;
  region?: string;
  year?: number;
  status?: PolicyStatus;
}

export interface DraftInput {
  regionCode: string;
  effectiveYear: number;
  title: string;
  note?: string | null;
  rules: object;
}

export const listPolicies = (filter: PolicyFilter, signal?: AbortSignal) => getJson<{ items: PolicyView[] }>('/policies', filter, signal);
export const getPolicy = (id: string, signal?: AbortSignal) => getJson<PolicyView>(`/policies/${encodeURIComponent(id)}`, {}, signal);
export const getRuleFields = (id: string, signal?: AbortSignal) => getJson<RuleFields>(`/policies/${encodeURIComponent(id)}/fields`, {}, signal);
export const comparePolicies = (a: string, b: string, mode: 'record' | 'effective', signal?: AbortSignal) => getJson<Comparison>('/policies/compare', { a, b, mode }, signal);
export const createDraft = (draft: DraftInput) => postJson<PolicyView>('/policies', draft);
export const updateDraft = (id: string, change: { title?: string; note?: string | null; rules?: object }) =>
  request<PolicyView>('PUT', `/policies/${encodeURIComponent(id)}`, { body: change });
export const activatePolicy = (id: string) => postJson<{ policy: PolicyView; superseded: string | null; jobId: number }>(`/policies/${encodeURIComponent(id)}/activate`);
export const startWhatIf = (policyId: string, place: string | undefined, year: number | undefined) => postJson<{ jobId: number }>('/policies/what-if', { policyId, place, year });
export const getWhatIfJob = (jobId: number, signal?: AbortSignal) => getJson<Job<WhatIfResult>>(`/policies/what-if/${jobId}`, {}, signal);
export const whatIfListUrl = (jobId: number) => apiUrl(`/policies/what-if/${jobId}/changes.xlsx`);
export const policyListExportUrl = (filter: PolicyFilter) => apiUrl('/policies/export.xlsx', filter);

/** A rule value as text: numbers and words as they are, lists and flags as JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** Rules as the server takes them, from path → value ('monitoring.lineByYear.2021.amount' → nested objects). */
export function rulesFromPaths(values: Record<string, unknown>): object {
  const rules: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) {
    const steps = path.split('.');
    let at = rules;
    for (const step of steps.slice(0, -1)) {
      if (typeof at[step] !== 'object' || at[step] === null) at[step] = {};
      at = at[step] as Record<string, unknown>;
    }
    at[steps[steps.length - 1]] = value;
  }
  return rules;
}
