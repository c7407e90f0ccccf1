import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The URL query key of the selected place, shared by every page so links carry it. */
export const PLACE_PARAM = 'place';

/**
 * The selected place code from the URL (`?place=411426`), or undefined for the whole nation.
 * Selecting a place resets paging, since the list under it is a different list.
 */
export function usePlaceParam(): [string | undefined, (code: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const place = params.get(PLACE_PARAM) || undefined;
  const setPlace = useCallback(
    (code: string | undefined) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (code) next.set(PLACE_PARAM, code);
        else next.delete(PLACE_PARAM);
        next.delete('page');
        return next;
      }),
    [setParams],
  );
  return [place, setPlace];
}

/** `path` with only the place query carried over, for menu links and redirects. */
export function withPlace(path: string, place: string | undefined): string {
  return place ? `${path}?${PLACE_PARAM}=${encodeURIComponent(place)}` : path;
}
