/**
 * SQL literals for the constants of compiled rules. The rules are validated policy data, but
 * every value is still checked and quoted here: numbers must be finite, dates well formed,
 * text quoted with doubled single quotes.
 */

export function floatLit(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`规则中的数值无效：${n}`);
  return `'${String(n)}'::float8`;
}

export function intLit(n: number): string {
  if (!Number.isInteger(n)) throw new Error(`规则中的整数无效：${n}`);
  return String(n);
}

export function textLit(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export function textArrayLit(list: readonly string[]): string {
  return list.length ? `ARRAY[${list.map(textLit).join(', ')}]::text[]` : `'{}'::text[]`;
}

export function dateLit(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`日期无效：${day}`);
  return `'${day}'::date`;
}

export function boolLit(b: boolean): string {
  return b ? 'true' : 'false';
}

/** `(a) OR (b)` of the parts that apply; 'false' when none. */
export function anyOf(parts: (string | false | null | undefined)[]): string {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p.length > 0);
  return kept.length ? kept.map((p) => `(${p})`).join(' OR ') : 'false';
}
