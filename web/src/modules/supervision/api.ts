/** The listed-supervision endpoints as the pages read them (types from the server's schemas). */
import { apiUrl, getJson, postJson, request } from '../../api/client';
import type { z } from 'zod';
import type { detailSchema, findingInput, leaderInput, listingSchema } from '../../../../src/modules/supervision/schemas';

export type Listing = z.output<typeof listingSchema>;
export type ListedPlace = Listing['townships'][number];
export type ListedDetail = z.output<typeof detailSchema>;

export type LeaderInput = z.input<typeof leaderInput>;
export type FindingInput = z.input<typeof findingInput>;

export type ListingQuery = { place?: string; asOf?: string };

export const getListing = (query: ListingQuery, signal?: AbortSignal) => getJson<Listing>('/supervision/listing', query, signal);
export const listingExportUrl = (query: ListingQuery) => apiUrl('/supervision/listing/export.xlsx', query);
export const getListedPlace = (code: string, asOf: string | undefined, signal?: AbortSignal) => getJson<ListedDetail>(`/supervision/places/${code}`, { asOf }, signal);
export const putLeader = (code: string, body: LeaderInput) => request<{ ok: boolean }>('PUT', `/supervision/places/${code}/leader`, { body });
export const postFinding = (code: string, body: FindingInput) => postJson<{ id: number }>(`/supervision/places/${code}/findings`, body);
