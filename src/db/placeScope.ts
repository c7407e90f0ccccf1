/**
 * The one place-scope helper every query uses. A place code names a subtree of the
 * administrative hierarchy: 2 digits a province, 4 a city, 6 a county, 9 a township,
 * 12 a village. Records carry county_code (and households township_code, village_code), so
 * a subtree test is an equality on the right column, or a prefix on county_code above it.
 * Ledger rows that carry one place code of any level use `codeUnder` / `codeInScope`.
 */
import { sql, type ExpressionBuilder, type Expression, type RawBuilder, type SqlBool } from 'kysely';

/** What a user may see: every place (system-wide roles) or the subtrees under some codes. */
export type PlaceScope = { all: true } | { all: false; codes: string[] };

export const ALL_PLACES: PlaceScope = { all: true };

export function scopeOf(codes: string[]): PlaceScope {
  return { all: false, codes };
}

/** True when `code` lies in the subtree of `root` (or is root). */
export function isUnder(code: string, root: string): boolean {
  return code.startsWith(root);
}

/** True when the scope contains the place `code`. */
export function scopeContains(scope: PlaceScope, code: string): boolean {
  return scope.all || scope.codes.some((root) => isUnder(code, root));
}

/** Column names of a table alias that carries place columns. */
export interface PlaceColumns {
  county: string;
  township?: string;
  village?: string;
}

/**
 * SQL condition: the row's place lies under `code`. Uses the most selective column the table
 * has; below the county it falls back to a prefix test on the finest column available.
 */
export function underPlace(code: string, cols: PlaceColumns): Expression<SqlBool> {
  const ref = (c: string) => sql.ref(c);
  switch (code.length) {
    case 6:
      return sql<SqlBool>`${ref(cols.county)} = ${code}`;
    case 9:
      if (cols.township) return sql<SqlBool>`${ref(cols.township)} = ${code}`;
      break;
    case 12:
      if (cols.village) return sql<SqlBool>`${ref(cols.village)} = ${code}`;
      break;
    default:
      if (code.length < 6) return sql<SqlBool>`${ref(cols.county)} LIKE ${code + '%'}`;
  }
  const finest = cols.village ?? cols.township ?? cols.county;
  return sql<SqlBool>`${ref(cols.county)} = ${code.slice(0, 6)} AND ${ref(finest)} LIKE ${code + '%'}`;
}

/** SQL condition: the row lies inside the scope (any of its subtrees). */
export function inScope(scope: PlaceScope, cols: PlaceColumns): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  if (scope.codes.length === 0) return sql<SqlBool>`false`;
  const parts = scope.codes.map((c) => underPlace(c, cols));
  return sql<SqlBool>`(${sql.join(parts, sql` OR `)})`;
}

/** Helper for Kysely `.where(...)`: `.where((eb) => scoped(eb, scope, cols))`. */
export function scoped<DB, TB extends keyof DB>(_eb: ExpressionBuilder<DB, TB>, scope: PlaceScope, cols: PlaceColumns): Expression<SqlBool> {
  return inScope(scope, cols);
}

/** The smallest digit string after every string starting with `prefix` ('4114' → '4115'). */
export function nextPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/**
 * SQL condition on a single place-code column (ledger rows carry one code of any level): it
 * names a place under `place` ('0': any place), written as a range so an index serves it.
 */
export function codeUnder(place: string, column: string): RawBuilder<SqlBool> {
  if (place === '0') return sql<SqlBool>`true`;
  const ref = sql.ref(column);
  return sql<SqlBool>`(${ref} >= ${place} AND ${ref} < ${nextPrefix(place)})`;
}

/** SQL condition on a single place-code column: it names a place inside the scope. */
export function codeInScope(scope: PlaceScope, column: string): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  if (scope.codes.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(scope.codes.map((c) => codeUnder(c, column)), sql` OR `)})`;
}

/**
 * SQL: the code of the child of `place` ('0' the nation) a row lies in, from the row's place
 * columns (at or below a township: the row's village code).
 */
export function childPlaceColumn(place: string, cols: Required<PlaceColumns>): RawBuilder<string> {
  const length = place === '0' ? 0 : place.length;
  if (length >= 9) return sql<string>`${sql.ref(cols.village)}`;
  if (length === 6) return sql<string>`${sql.ref(cols.township)}`;
  if (length === 4) return sql<string>`${sql.ref(cols.county)}`;
  return sql<string>`substr(${sql.ref(cols.county)}, 1, ${length === 2 ? 4 : 2})`;
}

/** Level of a place code by its length: 1 province … 5 village; 0 for the nation ('0'). */
export function levelOfCode(code: string): number {
  return ({ 1: 0, 2: 1, 4: 2, 6: 3, 9: 4, 12: 5 } as Record<number, number>)[code.length] ?? -1;
}

/** Counties under a place code ('0' the nation) as a condition on `column`. */
export function countyUnder(place: string, column: string) {
  const ref = sql.ref(column);
  if (place === '0') return sql<SqlBool>`true`;
  if (place.length >= 6) return sql<SqlBool>`${ref} = ${place.slice(0, 6)}`;
  return sql<SqlBool>`(${ref} >= ${place} AND ${ref} < ${nextPrefix(place)})`;
}
