import type { Place } from '../api/types';
import { NATION } from '../api/places';
import { useAuth } from './auth';
import { cachedPlace } from './placeCache';
import { useApi, type ApiState } from './useApi';
import { usePlaceParam } from './usePlaceParam';

export interface SelectedPlace extends ApiState<Place | undefined> {
  /** The place chosen in the URL; undefined = the user's whole scope. */
  code: string | undefined;
  /** The user's scope place ('0' = the nation). */
  scopeCode: string;
  /** The place the page covers: the chosen one, or the scope. */
  effectiveCode: string;
}

/** The place the page looks at, with its path (data undefined for the nation). */
export function useSelectedPlace(): SelectedPlace {
  const [code] = usePlaceParam();
  const { me } = useAuth();
  const scopeCode = me?.placeCode ?? NATION;
  const effectiveCode = code ?? scopeCode;
  const state = useApi<Place | undefined>(effectiveCode, () => (effectiveCode === NATION ? Promise.resolve(undefined) : cachedPlace(effectiveCode)));
  return { ...state, code, scopeCode, effectiveCode };
}

/** "河南省 / 商丘市 / 夏邑县", "全国", or the unknown code. */
export function placeText(selected: SelectedPlace, nation: string, unknown: (code: string) => string): string {
  if (selected.effectiveCode === NATION) return nation;
  if (selected.data?.code === selected.effectiveCode) return selected.data.path.map((p) => p.name).join(' / ');
  return selected.error ? unknown(selected.effectiveCode) : '…';
}
