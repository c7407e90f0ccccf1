/** The assistance endpoints as the pages read them. */
import { apiUrl, getJson, postFile, postJson, putJson } from '../../api/client';

export const exportUrl = (list: 'unpaired' | 'overdue' | 'coverage' | 'left-behind' | 'cadres', query: object) => apiUrl(`/assistance/${list}/export.xlsx`, query);

export interface Unpaired { countyCode: string; householdNo: string; villageCode: string; villageName: string | null; headName: string; status: string; size: number }
export interface Cadre { id: number; name: string; unit: string; rank: string; visitRole: string; placeCode: string; phone: string | null; userId: number | null; households: number }
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

/** One type-specific field of a measure (the server's MEASURE_FIELDS). */
export interface MeasureField { key: string; label: string; kind: 'text' | 'count' | 'yuan' | 'date' | 'enum' | 'years'; required?: boolean; options?: Record<string, string> }
export interface MeasureType { code: string; label: string; fields: MeasureField[] }
export interface MeasureInput {
  householdNo: string; year: number; type: string; role: 'main' | 'auxiliary'; persons?: number; amount: number | null;
  startedOn: string | null; endedOn: string | null; providerDepartment: string | null; details: Record<string, unknown>;
}
export interface CadreInput { name: string; unit: string; rank: string; placeCode: string; phone: string | null }
export interface Rank { rank: string; label: string; households: number }
export interface SheetProblem { row: number; column: string; value: string; message: string }
export interface SheetCheck { rows: number; paired: number; cadres: number; problems: SheetProblem[] }
export interface ContactInput { householdNo: string; idNumber: string; category: string; contactName: string; contactPhone: string | null; cadreId: number | null; rhythm: string }

export const getMeasureTypes = (signal?: AbortSignal) => getJson<{ items: MeasureType[] }>('/assistance/measure-fields', {}, signal);
export const addMeasure = (body: MeasureInput, idempotencyKey: string) => postJson<{ id: number }>('/assistance/measures', body, idempotencyKey);
export const updateMeasure = (countyCode: string, id: number, body: MeasureInput) => putJson<{ ok: true }>(`/assistance/measures/${countyCode}/${id}`, body);
export const getRanks = (place: string | undefined, signal?: AbortSignal) => getJson<{ model: string; source: string; items: Rank[] }>('/assistance/cadre-ranks', { place }, signal);
export const createCadre = (body: CadreInput, idempotencyKey: string) => postJson<{ id: number }>('/assistance/cadres', body, idempotencyKey);
export const updateCadre = (id: number, body: CadreInput) => putJson<{ ok: true }>(`/assistance/cadres/${id}`, body);
export const pairingTemplateUrl = (place: string | undefined) => apiUrl('/assistance/pairings/template.xlsx', { place });
export const checkPairingSheet = (file: File) => postFile<SheetCheck>('/assistance/pairings/import/check', file);
export const importPairingSheet = (file: File) => postFile<{ paired: number; cadres: number }>('/assistance/pairings/import', file);
export const setContact = (body: ContactInput) => putJson<{ ok: true }>('/assistance/left-behind/contact', body);
