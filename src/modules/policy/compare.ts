/**
 * Field-by-field differences between two rule sets (or overrides), each named in Chinese by the
 * rule schema ("饮水安全 · 缺水地区最低水量"). Objects and year maps are compared key by key;
 * lists and plain values as a whole.
 */
import { z } from 'zod';
import { policyRulesObject } from '../../domain/policy/rulesSchema';

export interface RuleDifference {
  /** Dotted path under rules: 'monitoring.lineByYear.2021.amount'. */
  path: string;
  field: string;
  /** undefined (not set in that record) is returned as null. */
  a: unknown;
  b: unknown;
}

type Schema = z.ZodType;

function unwrap(schema: Schema | undefined): Schema | undefined {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as Schema;
  return s;
}

function describedOf(schema: Schema | undefined): string | undefined {
  let s = schema;
  while (s && !s.description && (s instanceof z.ZodOptional || s instanceof z.ZodNullable)) s = s.unwrap() as Schema;
  return s?.description;
}

/** The Chinese name of a rule path; inside a union, the option that has the key names it. */
export function ruleFieldLabel(path: readonly string[]): string {
  const parts: string[] = [];
  let current: Schema | undefined = policyRulesObject;
  for (const step of path) {
    let container = unwrap(current);
    if (container instanceof z.ZodUnion) {
      container = (container.options as Schema[]).map(unwrap).find((o) => o instanceof z.ZodObject && step in o.shape);
    }
    if (container instanceof z.ZodObject) {
      current = (container.shape as Record<string, Schema>)[step];
      if (!current) parts.push(step);
    } else if (container instanceof z.ZodRecord) {
      parts.push(step);
      current = container.valueType as Schema;
    } else {
      parts.push(step);
      current = undefined;
    }
    const unionStep = unwrap(current) instanceof z.ZodUnion;
    const text = describedOf(current);
    if (text && !unionStep) parts.push(text);
  }
  return parts.join(' · ');
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(a: unknown, b: unknown, path: string[], out: RuleDifference[]): void {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
    for (const key of keys) walk(a[key], b[key], [...path, key], out);
    return;
  }
  if (JSON.stringify(a) === JSON.stringify(b)) return;
  if (isPlainObject(a) && b === undefined) return walk(a, {}, path, out);
  if (a === undefined && isPlainObject(b)) return walk({}, b, path, out);
  out.push({ path: path.join('.'), field: ruleFieldLabel(path) || path.join('.'), a: a ?? null, b: b ?? null });
}

export function diffRules(a: unknown, b: unknown): RuleDifference[] {
  const out: RuleDifference[] = [];
  walk(a, b, [], out);
  return out;
}

/** One rule value named in Chinese, with the section it belongs to (住房安全, 饮水安全 …). */
export interface RuleField {
  path: string;
  field: string;
  group: string;
  value: unknown;
}

/** Every value a rule set (or override) sets, in path order, each named and grouped. */
export function ruleFields(rules: unknown): RuleField[] {
  return diffRules({}, rules).map((d) => {
    const top = d.path.split('.')[0];
    return { path: d.path, field: d.field, group: ruleFieldLabel([top]) || top, value: d.b };
  });
}
