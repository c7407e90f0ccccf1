import { apiUrl, getJson } from './client';
import type { AuditEvent, ChainReport, Page } from './types';

export interface AuditFilter {
  from?: string;
  to?: string;
  user?: string;
  action?: string;
  place?: string;
}

export const listAuditEvents = (query: AuditFilter & { page: number; pageSize: number }, signal?: AbortSignal) =>
  getJson<Page<AuditEvent>>('/audit/events', query, signal);

export const verifyAuditChain = (signal?: AbortSignal) => getJson<ChainReport>('/audit/chain', {}, signal);

export const auditExportUrl = (filter: AuditFilter) => apiUrl('/audit/events/export.xlsx', filter);
