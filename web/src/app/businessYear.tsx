/**
 * The business year (业务年度 / 评估年度) every page works on, chosen in one place (the header):
 * `?year=` in the URL when given (links and reloads keep it), else the year last chosen in this
 * tab, else the latest year that has data for the user's places (GET /years), never the clock's
 * year. The pages read it with `useBusinessYear()` and pass it to every request that takes a year.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { getJson } from '../api/client';
import { useAuth } from './auth';
import { PageLoading } from './lazyPage';
import { useApi } from './useApi';

export const YEAR_PARAM = 'year';

/** The permissions of the roles whose pages work on a business year (GET /years). */
const YEAR_READERS = ['registry.read', 'dashboard.read', 'policy.read'];

export interface DataYears {
  years: number[];
  latest: number | null;
}

export interface BusinessYear {
  /** The year the pages work on. */
  year: number;
  /** The years that have data for the user's places, ascending. */
  dataYears: number[];
  /** Years offered in the picker: the data years and the years after them up to the current one. */
  choices: number[];
  setYear: (year: number) => void;
  /** Whether the header shows the picker (roles with business pages). */
  shown: boolean;
}

const Context = createContext<BusinessYear | null>(null);

const isYear = (n: number) => Number.isInteger(n) && n >= 2000 && n <= 2100;
const storageKey = (userId: number | undefined) => `fupin.year.${userId ?? 0}`;

function storedYear(userId: number | undefined): number | undefined {
  const n = Number(sessionStorage.getItem(storageKey(userId)));
  return isYear(n) ? n : undefined;
}

/** Provides the business year to the pages; they render once the years with data are known. */
export function BusinessYearProvider({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  // The 三员 without business pages (security administrator, auditor) have no year to choose.
  const works = YEAR_READERS.some((p) => me?.permissions.includes(p));
  const years = useApi(`years#${me?.id ?? ''}#${works}`, (signal) => (works ? getJson<DataYears>('/years', {}, signal) : Promise.resolve({ years: [], latest: null })));
  const raw = Number(params.get(YEAR_PARAM));
  const fromUrl = isYear(raw) ? raw : undefined;
  useEffect(() => {
    if (fromUrl !== undefined) sessionStorage.setItem(storageKey(me?.id), String(fromUrl));
  }, [fromUrl, me?.id]);

  const setYear = useCallback(
    (year: number) => {
      sessionStorage.setItem(storageKey(me?.id), String(year));
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.set(YEAR_PARAM, String(year));
        next.delete('page');
        return next;
      });
    },
    [me?.id, setParams],
  );

  const data = years.data ?? (years.error ? { years: [], latest: null } : undefined);
  const value = useMemo<BusinessYear | undefined>(() => {
    if (!data) return undefined;
    // Only without any data at all is there nothing better than the current year to start from.
    const thisYear = new Date().getFullYear();
    const year = fromUrl ?? storedYear(me?.id) ?? data.latest ?? thisYear;
    const first = Math.min(data.years[0] ?? year, year);
    const last = Math.max(data.latest ?? year, year, thisYear);
    const choices = Array.from({ length: last - first + 1 }, (_, i) => last - i);
    return { year, dataYears: data.years, choices, setYear, shown: works };
  }, [data, fromUrl, me?.id, setYear, works]);

  if (!value) return <PageLoading />;
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

/** The business year of the page (inside the app frame). */
export function useBusinessYear(): BusinessYear {
  const value = useContext(Context);
  if (!value) throw new Error('useBusinessYear 须在 BusinessYearProvider 内使用');
  return value;
}
