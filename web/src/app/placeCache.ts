import { getPlace } from '../api/places';
import type { Place } from '../api/types';

const cache = new Map<string, Promise<Place>>();

/** A place with its path, fetched once per code for the life of the page (failures are retried). */
export function cachedPlace(code: string): Promise<Place> {
  let pending = cache.get(code);
  if (!pending) {
    pending = getPlace(code);
    pending.catch(() => cache.delete(code));
    cache.set(code, pending);
  }
  return pending;
}
