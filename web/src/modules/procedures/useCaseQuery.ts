/** The case list's filters and page in the URL (so a link or a reload shows the same list). */
import { useSearchParams } from 'react-router-dom';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import type { CaseQuery } from './api';

const FILTERS = ['procedure', 'step', 'status', 'household'] as const;
type Filter = (typeof FILTERS)[number];

export function useCaseQuery(fixed: Partial<CaseQuery> = {}) {
  const [params, setParams] = useSearchParams();
  const selected = useSelectedPlace();
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 50;
  const filter: Partial<Record<Filter, string>> = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) || undefined]));
  const query: CaseQuery = { place: selected.code, ...filter, ...fixed, page, pageSize };
  const update = (changes: Partial<Record<Filter | 'page' | 'pageSize', string | number | undefined>>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      if (!('page' in changes)) next.delete('page');
      return next;
    });
  return { query, filter, update, selected };
}
