/** 名单比对 as the pages read it (types from the server's output schemas). */
import type { z } from 'zod';
import type * as s from '../../../../src/modules/rosters/schemas';
import type { RosterResult } from '../../../../src/modules/rosters/importer';
import { apiUrl, getJson, postFile, putJson } from '../../api/client';

export type Mappings = z.output<typeof s.mappingsSchema>;
export type Roster = z.output<typeof s.rosterListSchema>['items'][number];
export type RosterReport = z.output<typeof s.reportSchema>;
export type RosterRows = z.output<typeof s.rowsSchema>;
export type RosterRowItem = RosterRows['items'][number];
export type RosterJob = Omit<z.output<typeof s.jobSchema>, 'result'> & { result: RosterResult | null };
export type RowsView = 'all' | 'conflicts' | 'unmatched';

export const getMappings = (place: string, signal?: AbortSignal) => getJson<Mappings>('/rosters/mappings', { place }, signal);
export const saveMapping = (place: string, source: string, columns: Record<string, string>) => putJson<Mappings>('/rosters/mappings', { place, source, columns });
export const listRosters = (signal?: AbortSignal) => getJson<{ items: Roster[] }>('/rosters', {}, signal);
export const getReport = (id: number, signal?: AbortSignal) => getJson<RosterReport>(`/rosters/${id}`, {}, signal);
export const getRows = (id: number, view: RowsView, page: number, signal?: AbortSignal) => getJson<RosterRows>(`/rosters/${id}/rows`, { view, page, pageSize: 20 }, signal);
export const rowsExportUrl = (id: number, view: RowsView) => apiUrl(`/rosters/${id}/export.xlsx`, { view });
export const uploadRoster = (file: File, query: { place: string; source: string; retentionDays: number }) => postFile<{ jobId: number }>('/rosters', file, query).then((r) => r.jobId);

/** Poll an upload job until it has ended, reporting its progress. */
export async function followRosterJob(id: number, onProgress: (job: RosterJob) => void): Promise<RosterJob> {
  for (;;) {
    const job = await getJson<RosterJob>(`/rosters/jobs/${id}`);
    onProgress(job);
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 500));
  }
}
