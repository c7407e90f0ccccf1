/** The procedures, targets and 三率一度 API as the pages use it. */
import { ApiError, apiUrl, csrfToken, CSRF_HEADER, getJson, postJson } from '../../api/client';

export interface CaseStep { index: number; code: string; label: string; kind: string; roles: string[]; roleLabels: string[] }

export interface CaseSummary {
  id: number;
  procedure: string;
  procedureLabel: string;
  variant: string | null;
  householdNo: string;
  headName: string;
  householdStatus: string;
  villageCode: string;
  placeName: string;
  year: number;
  persons: number;
  status: string;
  statusLabel: string;
  step: CaseStep;
  stepCount: number;
  noticeId: number | null;
  noticeStartsOn: string | null;
  noticeEndsOn: string | null;
  openObjections: number;
  sampled: boolean | null;
  reason: string | null;
  dueOn: string | null;
  overdue: boolean;
  waitingOnMe: boolean;
  startedAt: string;
  updatedAt: string;
}

export interface CasePage { total: number; page: number; pageSize: number; items: CaseSummary[] }

export interface Evidence { id: number; kind: string; name: string; mediaType: string; size: number; digest: string; digestAlg: string }

export interface Objection {
  id: number; noticeId: number; caseId: number; objector: string; contact: string | null; receivedOn: string; content: string;
  recordedBy: string | null; status: string; outcome: string | null; resolution: string | null; resolvedOn: string | null; resolvedBy: string | null;
}

export interface PlanStep extends CaseStep {
  evidence: { code: string; label: string }[];
  noticeDays: number | null;
  sampleShare: number | null;
  state: 'done' | 'current' | 'pending';
}

export interface HistoryEntry {
  seq: number; stepCode: string; stepLabel: string; action: string; result: string; resultLabel: string; onDate: string; at: string;
  actorName: string | null; actorRole: string | null; actorRoleLabel: string | null; comment: string | null; evidence: Evidence[];
}

export interface ActionOption { type: string; allowed: boolean; reason: string | null }

export interface CaseDetail extends CaseSummary {
  policyKey: string;
  params: Record<string, string>;
  plan: PlanStep[];
  history: HistoryEntry[];
  objections: Objection[];
  actions: ActionOption[];
}

export interface CaseQuery {
  place?: string;
  procedure?: string;
  step?: string;
  status?: string;
  household?: string;
  mine?: string;
  page?: number;
  pageSize?: number;
}

export interface Definition { code: string; label: string; steps: CaseStep[] }

/** The 公示 as posted (GET /procedures/notices/:id/document): free texts redacted, no objection register. */
export interface NoticeDocument {
  id: number; procedure: string; procedureLabel: string; villageName: string; placePath: string; startsOn: string; endsOn: string; days: number; contact: string;
  households: { caseId: number; headName: string; persons: number; reason: string | null }[];
  hidden: number;
}

export interface NoticeView {
  id: number; procedure: string; procedureLabel: string; villageCode: string; villageName: string; placePath: string;
  startsOn: string; endsOn: string; days: number; contact: string; publishedBy: string | null; publishedAt: string;
  households: { caseId: number; householdNo: string; headName: string; persons: number; reason: string | null; stillAtNotice: boolean }[];
  objections: Objection[];
}

export interface NoticeListItem { id: number; procedure: string; procedureLabel: string; villageCode: string; villageName: string; startsOn: string; endsOn: string; days: number; cases: number; openObjections: number }

export interface ActionResult { done: number; items: { id: number; householdNo: string; result: string; status: string; step: string }[] }

export interface YearCell {
  targetPersons: number | null; targetHouseholds: number | null; exitedPersons: number; exitedHouseholds: number;
  inProgressPersons: number; forecastPersons: number; share: number | null; status: string; statusLabel: string;
}
export interface OverviewRow { code: string; name: string; byYear: Record<string, YearCell> }
export interface TargetOverview { place: { code: string; name: string }; years: number[]; currentYear: number; total: OverviewRow; rows: OverviewRow[]; behind: string[] }
export interface MonthlyProgress {
  place: { code: string; name: string }; year: number; target: YearCell;
  months: { month: number; persons: number; cumulative: number; planned: number | null }[];
  recordedWithoutCase: number;
}

export interface Rate { key: string; label: string; value: number | null; threshold: number; rule: string; breach: boolean | null; explanation: string }
export interface QualityRow { code: string; name: string; remainingPoor: number; totals: Record<string, number>; rates: Rate[]; breached: string[] }
export interface QualityReport { place: { code: string; name: string }; year: number; thresholds: Record<string, number>; total: QualityRow; rows: QualityRow[] }

export const listCases = (query: CaseQuery, signal?: AbortSignal) => getJson<CasePage>('/procedures/cases', query, signal);
export const caseExportUrl = (query: CaseQuery) => apiUrl('/procedures/cases/export.xlsx', { ...query, page: undefined, pageSize: undefined });
export const caseSummaryCounts = (place: string | undefined, signal?: AbortSignal) =>
  getJson<{ items: { procedure: string; step: string; cases: number; persons: number }[] }>('/procedures/summary', { place }, signal);
export const definitions = (place: string | undefined, year: number, signal?: AbortSignal) => getJson<{ procedures: Definition[] }>('/procedures/definitions', { place, year }, signal);
export const getCase = (id: number, signal?: AbortSignal) => getJson<CaseDetail>(`/procedures/cases/${id}`, {}, signal);
export const startCase = (body: { procedure: string; householdNo: string; year: number; reason?: string; comment?: string; source?: string; monitorCategory?: string; discoveredOn?: string }) =>
  postJson<CaseDetail>('/procedures/cases', body);
export const actOn = (body: { caseIds: number[]; action: string; passed?: boolean; comment?: string; evidenceIds?: number[] }) => postJson<ActionResult>('/procedures/cases/actions', body);
export const publishNotice = (body: { caseIds: number[]; startsOn: string; contact: string }) => postJson<NoticeView>('/procedures/notices', body);
export const listNotices = (place: string | undefined, signal?: AbortSignal) => getJson<{ items: NoticeListItem[] }>('/procedures/notices', { place }, signal);
export const getNotice = (id: number, signal?: AbortSignal) => getJson<NoticeView>(`/procedures/notices/${id}`, {}, signal);
/** The 公示 as posted: redacted by the server, and its generation audited. */
export const getNoticeDocument = (id: number, signal?: AbortSignal) => getJson<NoticeDocument>(`/procedures/notices/${id}/document`, {}, signal);
export const addObjection = (noticeId: number, body: { caseId: number; objector: string; contact?: string | null; receivedOn: string; content: string }) =>
  postJson<Objection>(`/procedures/notices/${noticeId}/objections`, body);
export const resolveObjection = (id: number, body: { outcome: 'dismissed' | 'upheld'; resolution: string }) => postJson<Objection>(`/procedures/objections/${id}/resolve`, body);
export const drawSpotCheck = (body: { procedure: string; place: string; seed?: string }) =>
  postJson<{ id: number; seed: string; share: number; population: number[]; sample: number[] }>('/procedures/spot-checks', body);
export const evidenceUrl = (id: number) => apiUrl(`/procedures/evidence/${id}`);
export const targetOverview = (query: { place?: string; from?: number; to?: number }, signal?: AbortSignal) => getJson<TargetOverview>('/targets/overview', query, signal);
export const monthlyProgress = (query: { place?: string; year?: number }, signal?: AbortSignal) => getJson<MonthlyProgress>('/targets/progress', query, signal);
export const qualityRates = (query: { place?: string; year?: number }, signal?: AbortSignal) => getJson<QualityReport>('/quality/rates', query, signal);

/** Upload one evidence file (multipart, CSRF header); returns the stored file with its SHA-256. */
export async function uploadEvidence(place: string, kind: string, file: File): Promise<Evidence> {
  const form = new FormData();
  form.append('file', file, file.name);
  const token = csrfToken();
  const response = await fetch(apiUrl('/procedures/evidence', { place, kind }), {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: token ? { [CSRF_HEADER]: token, accept: 'application/json' } : { accept: 'application/json' },
  });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, body?.error?.code ?? 'http_' + response.status, body?.error?.message ?? `HTTP ${response.status}`, body?.error?.details);
  return body as Evidence;
}
