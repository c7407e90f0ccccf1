/**
 * Place filters on a single place-code column (ledger rows carry one code of any level): a row
 * lies under `place` when its code starts with it, written as a range so an index serves it.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { PlaceScope } from '../../db/placeScope';

/** The smallest digit string after every string starting with `prefix` ('4114' → '4115'). */
export function nextPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** `column` names a place under `place` ('0': any place). */
export function codeUnder(place: string, column: string): RawBuilder<SqlBool> {
  if (place === '0') return sql<SqlBool>`true`;
  const ref = sql.ref(column);
  return sql<SqlBool>`(${ref} >= ${place} AND ${ref} < ${nextPrefix(place)})`;
}

/** `column` names a place inside the scope. */
export function codeInScope(scope: PlaceScope, column: string): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  if (scope.codes.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(scope.codes.map((c) => codeUnder(c, column)), sql` OR `)})`;
}

/** The child of `place` a code lies in (the code itself when it is `place` or at the child level). */
export function childOf(place: string, code: string): string {
  const lengths = [2, 4, 6, 9, 12];
  const childLength = place === '0' ? 2 : lengths.find((n) => n > place.length);
  return childLength === undefined || code.length <= childLength ? code : code.slice(0, childLength);
}
