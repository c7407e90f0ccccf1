/** Projects, funds and loans as the pages read them (types from the server's output schemas). */
import type { z } from 'zod';
import type * as out from '../../../../src/modules/projects/outputs';
import { apiUrl, getJson, postJson, patchJson, request } from '../../api/client';

export type Project = z.output<typeof out.projectSchema>;
export type ProjectDetail = z.output<typeof out.projectDetailSchema>;
export type ProjectPage = z.output<typeof out.projectPageSchema>;
export type Coverage = z.output<typeof out.coverageSchema>;
export type Source = z.output<typeof out.sourceSchema>;
export type Allocation = z.output<typeof out.allocationSchema>;
export type Disbursement = z.output<typeof out.disbursementSchema>;
export type RulePanel = z.output<typeof out.rulePanelSchema>;
export type Split = z.output<typeof out.splitSchema>;
export type Disclosure = z.output<typeof out.disclosureSchema>;
export type Loan = z.output<typeof out.loanSchema>;
export type LoanPage = z.output<typeof out.loanPageSchema>;
export type LoanDetail = z.output<typeof out.loanDetailSchema>;

export type ProjectQuery = { place?: string; year?: number; type?: string; status?: string; q?: string; page?: number; pageSize?: number };
export type FundQuery = { place?: string; year?: number; projectId?: number };
export type LoanQuery = { place?: string; state?: string; page?: number; pageSize?: number };

const noPaging = <T extends object>(q: T) => ({ ...q, page: undefined, pageSize: undefined });

export const listProjects = (q: ProjectQuery, signal?: AbortSignal) => getJson<ProjectPage>('/projects', q, signal);
export const projectsExportUrl = (q: ProjectQuery) => apiUrl('/projects/export.xlsx', noPaging(q));
export const getProject = (id: number, signal?: AbortSignal) => getJson<ProjectDetail>(`/projects/${id}`, {}, signal);
export const createProject = (body: unknown) => postJson<ProjectDetail>('/projects', body);
export const updateProject = (id: number, body: unknown) => patchJson<ProjectDetail>(`/projects/${id}`, body);
export const moveProject = (id: number, status: string, onDate?: string) => postJson<ProjectDetail>(`/projects/${id}/status`, { status, onDate });
export const setBeneficiaries = (id: number, households: { householdNo: string; incomeGain: number | null }[]) => request<ProjectDetail>('PUT', `/projects/${id}/beneficiaries`, { body: { households } });
export const recordPvRevenue = (body: { villageCode: string; year: number; revenue: number; welfareJobs: number }) => request<{ ok: boolean }>('PUT', '/funds/pv-revenue', { body });
export const getCoverage = (q: FundQuery, signal?: AbortSignal) => getJson<Coverage>('/projects/coverage', q, signal);
export const coverageExportUrl = (q: FundQuery) => apiUrl('/projects/coverage/export.xlsx', q);

export const listSources = (q: FundQuery, signal?: AbortSignal) => getJson<Source[]>('/funds/sources', q, signal);
export const listAllocations = (q: FundQuery, signal?: AbortSignal) => getJson<Allocation[]>('/funds/allocations', q, signal);
export const listDisbursements = (q: FundQuery, signal?: AbortSignal) => getJson<Disbursement[]>('/funds/disbursements', q, signal);
export const fundsExportUrl = (q: FundQuery) => apiUrl('/funds/export.xlsx', q);
export const createSource = (body: unknown) => postJson<Source>('/funds/sources', body);
export const allocate = (body: unknown) => postJson<Allocation>('/funds/allocations', body);
export const disburse = (body: unknown) => postJson<{ id: number; allocation: Allocation }>('/funds/disbursements', body);
export const getRules = (q: FundQuery, signal?: AbortSignal) => getJson<RulePanel>('/funds/rules', q, signal);
export const getSplit = (q: { place?: string; year: number; persons?: number }, signal?: AbortSignal) => getJson<Split>('/funds/split', q, signal);
export const getDisclosure = (q: FundQuery, signal?: AbortSignal) => getJson<Disclosure>('/funds/disclosure', q, signal);

export const listLoans = (q: LoanQuery, signal?: AbortSignal) => getJson<LoanPage>('/loans', q, signal);
export const loansExportUrl = (q: LoanQuery) => apiUrl('/loans/export.xlsx', noPaging(q));
export const getLoan = (id: number, signal?: AbortSignal) => getJson<LoanDetail>(`/loans/${id}`, {}, signal);
export const createLoan = (body: unknown) => postJson<LoanDetail>('/loans', body);
export const repay = (id: number, body: unknown) => postJson<LoanDetail>(`/loans/${id}/repayments`, body);
export const extend = (id: number, body: unknown) => postJson<LoanDetail>(`/loans/${id}/extensions`, body);
export const checkOverdue = (place?: string) => request<{ today: string; checked: number; changes: unknown[] }>('POST', '/loans/overdue-check', { query: { place }, body: {} });

export const yuan = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
