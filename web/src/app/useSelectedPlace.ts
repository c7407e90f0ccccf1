import type { Place } from '../api/types';
import { cachedPlace } from './placeCache';
import { useApi, type ApiState } from './useApi';
import { usePlaceParam } from './usePlaceParam';

/** The place selected in the URL with its path; data undefined and no code = the whole nation. */
export function useSelectedPlace(): ApiState<Place | undefined> & { code: string | undefined } {
  const [code] = usePlaceParam();
  const state = useApi<Place | undefined>(code ?? '', () => (code ? cachedPlace(code) : Promise.resolve(undefined)));
  return { ...state, code };
}
