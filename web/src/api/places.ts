import { getJson } from './client';
import type { Place, PlaceChildren, PlaceSearchHit } from './types';

/** The nation: its children are the provinces. */
export const NATION = '0';

export const getPlace = (code: string, signal?: AbortSignal) => getJson<Place>(`/places/${encodeURIComponent(code)}`, {}, signal);

export const getPlaceChildren = (code: string, signal?: AbortSignal) =>
  getJson<PlaceChildren>(`/places/${encodeURIComponent(code)}/children`, {}, signal);

export const searchPlaces = (q: string, within?: string, signal?: AbortSignal) =>
  getJson<PlaceSearchHit[]>('/places/search', { q, within }, signal);
