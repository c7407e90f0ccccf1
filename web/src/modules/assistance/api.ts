/** The assistance endpoints as the pages read them. */
import { apiUrl, getJson, postJson } from '../../api/client';

export const exportUrl = (list: 'unpaired' | 'overdue' | 'coverage' | 'left-behind', query: object) => apiUrl(`/assistance/${list}/export.xlsx`, query);

export interface Unpaired { countyCode: string; householdNo: string; villageCode: string; villageName: string | null; headName: string; status: string; size: number }
export interface Cadre { id: number; name: string; unit: string; rank: string; visitRole: string; placeCode: string; households: number }
export interface Standing { overdue: boolean; due: boolean; reason: string; previous: { start: string; end: string; visits: number }; current: { start: string; end: string; visits: number }; rule: { label: string; minVisits: number; periodMonths: number } }
export interface OverdueLine { countyCode: string; pairingId: number; householdNo: string; headName: string; villageName: string | null; cadreId: number; cadreName: string; unit: string; lastVisitOn: string | null; standing: Standing }
export interface OverdueReport { asOf: string; lines: OverdueLine[]; byCadre: { cadreId: number; cadreName: string; unit: string; households: number; overdue: number; due: number }[] }
export interface Visit { id: string; householdNo: string; headName: string; cadreName: string; visitedOn: string; findings: string; measuresDiscussed: string | null; photos: string[] }
export interface CoverageRow { type: string; label: string; households: number; persons: number; mainHouseholds: number }
export interface LeftBehind { countyCode: string; householdNo: string; idNumber: string; name: string; sex: string; age: number; category: string; villageName: string | null; headName: string; contactName: string | null; cadreName: string | null; rhythm: string | null }

export const getUnpaired = (place: string | undefined, signal?: AbortSignal) => getJson<{ total: number; items: Unpaired[] }>('/assistance/unpaired', { place }, signal);
export const getCadres = (place: string | undefined, signal?: AbortSignal) => getJson<{ items: Cadre[] }>('/assistance/cadres', { place }, signal);
export const pairHouseholds = (body: { cadreId: number; householdNos: string[]; startedOn: string }) => postJson<{ paired: number }>('/assistance/pairings', body);
export const getOverdue = (query: { place?: string; asOf?: string; all?: string }, signal?: AbortSignal) => getJson<OverdueReport>('/assistance/overdue', query, signal);
export const getVisits = (query: { place?: string; householdNo?: string }, signal?: AbortSignal) => getJson<{ items: Visit[] }>('/assistance/visits', query, signal);
export const getCoverage = (query: { place?: string; year?: number }, signal?: AbortSignal) => getJson<{ rows: CoverageRow[] }>('/assistance/coverage', query, signal);
export const getLeftBehind = (query: { place?: string; category?: string }, signal?: AbortSignal) => getJson<{ items: LeftBehind[] }>('/assistance/left-behind', query, signal);
export const photoUrl = (visitId: string, sha256: string) => `/api/v1/assistance/visits/${visitId}/photos/${sha256}`;
