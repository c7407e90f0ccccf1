import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { HouseholdFilter, HouseholdListQuery } from '../../api/households';
import { useBusinessYear } from '../../app/businessYear';

export const FILTER_KEYS = ['status', 'attribute', 'cause', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const DEFAULT_PAGE_SIZE = 20;
const PAGE_SIZES = [10, 20, 50, 100];

function positive(text: string | null, fallback: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The household list's filters, page and order, read from and written to the URL query. */
export function useHouseholdQuery() {
  const [params, setParams] = useSearchParams();
  const { year } = useBusinessYear();

  const pageSize = positive(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const order = params.get('order');
  const query: HouseholdListQuery = {
    place: params.get('place') || undefined,
    page: positive(params.get('page'), 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sort: params.get('sort') || undefined,
    order: order === 'desc' ? 'desc' : order === 'asc' ? 'asc' : undefined,
  };
  for (const key of FILTER_KEYS) query[key] = params.get(key) || undefined;
  // 户状态 is the status at the end of the business year (the header's): its status record of that year.
  if (query.status) query.year = String(year);

  /** Change some of the query; changing a filter or the order returns to page 1. */
  const update = useCallback(
    (changes: Partial<Record<keyof HouseholdListQuery, string | number | undefined>>) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      }),
    [setParams],
  );

  const filter: HouseholdFilter = { place: query.place };
  for (const key of FILTER_KEYS) filter[key] = query[key];
  filter.year = query.year;

  return { query, filter, update, pageSizes: PAGE_SIZES, searchText: params.toString() };
}
