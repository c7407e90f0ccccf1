/** The reporting rhythm, 督查, 通报 and 问责 as the pages read them (types from the server's schemas). */
import type { z } from 'zod';
import type {
  accountabilityInput, accountabilityListSchema, bulletinInput, bulletinListSchema, bulletinSchema, decisionInput, findingInput, periodSchema, reportSchema,
  roundInput, roundListSchema, roundSchema, submissionInput, submissionListSchema, trendSchema,
} from '../../../../src/modules/rhythm/schemas';
import type { diaryInput, diaryListSchema, leaveInput, presenceInput, replacementInput, teamMonthSchema } from '../../../../src/modules/rhythm/schemas';
import type { entryInput, resultsSchema, schemeInput, schemeListSchema } from '../../../../src/modules/rhythm/schemas';
import { apiUrl, getJson, postJson, request } from '../../api/client';

export type SubmissionList = z.output<typeof submissionListSchema>;
export type Report = z.output<typeof reportSchema>;
export type Period = z.output<typeof periodSchema>;
export type Trend = z.output<typeof trendSchema>;
export type Round = z.output<typeof roundSchema>;
export type RoundLine = z.output<typeof roundListSchema>['items'][number];
export type Bulletin = z.output<typeof bulletinSchema>;
export type BulletinLine = z.output<typeof bulletinListSchema>['items'][number];
export type Accountability = z.output<typeof accountabilityListSchema>['items'][number];

/** 'YYYY-MM' of a month's first day. */
export const ym = (month: string) => month.slice(0, 7);

export const getSubmissions = (place: string | undefined, month: string, signal?: AbortSignal) => getJson<SubmissionList>('/rhythm/submissions', { place, month }, signal);
export const submissionsExportUrl = (place: string | undefined, month: string) => apiUrl('/rhythm/submissions/export.xlsx', { place, month });
export const getReport = (place: string, month: string, signal?: AbortSignal) => getJson<Report>(`/rhythm/reports/${place}/${month}`, {}, signal);
export const reportExportUrl = (place: string, month: string) => apiUrl(`/rhythm/reports/${place}/${month}/export.xlsx`);
export const submitReport = (place: string, month: string, body: z.input<typeof submissionInput>) => postJson<Report>(`/rhythm/reports/${place}/${month}`, body);
export const decideReport = (place: string, month: string, body: z.input<typeof decisionInput>) => postJson<Report>(`/rhythm/reports/${place}/${month}/decision`, body);

export type PeriodQuery = { place?: string; year: number; kind: 'month' | 'quarter' | 'year'; index: number };
export const getPeriod = (query: PeriodQuery, signal?: AbortSignal) => getJson<Period>('/rhythm/periods', query, signal);
export const periodExportUrl = (query: PeriodQuery) => apiUrl('/rhythm/periods/export.xlsx', query);
export const takeSnapshot = (place: string) => postJson<unknown>('/rhythm/snapshots', { place });

export const listRounds = (place: string | undefined, year: number, signal?: AbortSignal) => getJson<{ items: RoundLine[] }>('/inspections', { place, year }, signal);
export const createRound = (body: z.input<typeof roundInput>) => postJson<Round>('/inspections', body);
export const getRound = (county: string, id: string, signal?: AbortSignal) => getJson<Round>(`/inspections/${county}/${id}`, {}, signal);
export const roundExportUrl = (county: string, id: string) => apiUrl(`/inspections/${county}/${id}/export.xlsx`);
export const addFinding = (county: string, id: string, body: z.input<typeof findingInput>) => postJson<{ seq: number; round: Round }>(`/inspections/${county}/${id}/findings`, body);
export const issueBulletin = (county: string, id: string, body: z.input<typeof bulletinInput>) => postJson<Bulletin>(`/inspections/${county}/${id}/bulletins`, body);
export const listBulletins = (place: string | undefined, year: number, signal?: AbortSignal) => getJson<{ items: BulletinLine[] }>('/bulletins', { place, year }, signal);
export const getBulletin = (county: string, id: string, signal?: AbortSignal) => getJson<Bulletin>(`/bulletins/${county}/${id}`, {}, signal);

export const listAccountability = (place: string | undefined, year: number, signal?: AbortSignal) => getJson<{ items: Accountability[] }>('/accountability', { place, year }, signal);
export const accountabilityExportUrl = (place: string | undefined, year: number) => apiUrl('/accountability/export.xlsx', { place, year });
export const createAccountability = (body: z.input<typeof accountabilityInput>) => postJson<{ id: number; causeText: string }>('/accountability', body);

// 驻村工作队
export type TeamMonth = z.output<typeof teamMonthSchema>;
export type Diary = z.output<typeof diaryListSchema>['items'][number];
export const getTeamMonth = (place: string | undefined, month: string, signal?: AbortSignal) => getJson<TeamMonth>('/workteams/month', { place, month }, signal);
export const teamMonthExportUrl = (place: string | undefined, month: string) => apiUrl('/workteams/month/export.xlsx', { place, month });
export const recordPresence = (body: z.input<typeof presenceInput>) => postJson<unknown>('/workteams/presence', body);
export const recordLeave = (body: z.input<typeof leaveInput>) => postJson<unknown>('/workteams/leave', body);
export const replaceMember = (body: z.input<typeof replacementInput>) => postJson<unknown>('/workteams/replacements', body);
export const getDiary = (place: string | undefined, month: string, signal?: AbortSignal) => getJson<{ items: Diary[] }>('/workteams/diary', { place, month }, signal);
export const addDiary = (body: z.input<typeof diaryInput>) => postJson<unknown>('/workteams/diary', body);
/** A team member (assistance's existing API). */
export const addTeamMember = (body: { villageCode: string; cadreId: number; role: string; startedOn: string }) => postJson<{ id: number }>('/assistance/teams', body);

// 考核
export type SchemeLine = z.output<typeof schemeListSchema>['items'][number];
export type Results = z.output<typeof resultsSchema>;
export const listSchemes = (place: string | undefined, year: number, signal?: AbortSignal) => getJson<{ items: SchemeLine[] }>('/assessments', { place, year }, signal);
export const createScheme = (body: z.input<typeof schemeInput>) => postJson<{ countyCode: string; id: number }>('/assessments', body);
export const getResults = (county: string, id: number, signal?: AbortSignal) => getJson<Results>(`/assessments/${county}/${id}`, {}, signal);
export const resultsExportUrl = (county: string, id: number) => apiUrl(`/assessments/${county}/${id}/export.xlsx`);
export const enterScore = (county: string, id: number, body: z.input<typeof entryInput>) => request<void>('PUT', `/assessments/${county}/${id}/entries`, { body });
