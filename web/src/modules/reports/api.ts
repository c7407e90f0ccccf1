/** The reports and dashboard endpoints as the pages read them (types from the server's response schemas). */
import type { z } from 'zod';
import type { causeReportSchema, progressReportSchema, reportPlaceSchema } from '../../../../src/modules/reports/schemas';
import type { summarySchema } from '../../../../src/modules/rectification/schemas';
import type { dashboardSchema } from '../../../../src/modules/supervision/schemas';
import { apiUrl, getJson } from '../../api/client';

type Out<T extends z.ZodType> = z.output<T>;

export type ReportPlace = Out<typeof reportPlaceSchema>;
export type PlaceStep = Omit<ReportPlace, 'path'>;
export type CauseReport = Out<typeof causeReportSchema>;
export type CauseLine = CauseReport['causes'][number];
export type ProgressReport = Out<typeof progressReportSchema>;
export type ProgressFigures = Omit<ProgressReport['children'][number], 'code' | 'name' | 'level'>;
export type Dashboard = Out<typeof dashboardSchema>;
export type RectificationSummary = Out<typeof summarySchema>;

export type ReportQuery = { place?: string; year?: number };

export const getCauseReport = (query: ReportQuery, signal?: AbortSignal) => getJson<CauseReport>('/reports/causes', query, signal);
export const causeExportUrl = (query: ReportQuery) => apiUrl('/reports/causes/export.xlsx', query);
export const getProgressReport = (query: ReportQuery, signal?: AbortSignal) => getJson<ProgressReport>('/reports/progress', query, signal);
export const progressExportUrl = (query: ReportQuery) => apiUrl('/reports/progress/export.xlsx', query);
export const getDashboard = (query: ReportQuery, signal?: AbortSignal) => getJson<Dashboard>('/dashboard', query, signal);
export const getRectificationSummary = (place: string | undefined, signal?: AbortSignal) => getJson<RectificationSummary>('/rectifications/summary', { place }, signal);

/** Share of a part in a whole, to two decimals ("67.46%"). */
export const percent = (value: number) => value.toFixed(2) + '%';
