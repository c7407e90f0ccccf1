/**
 * Field-by-field differences between two rule sets (or overrides), each named in Chinese by the
 * rule schema ("饮水安全 · 缺水地区最低水量"). Objects and year maps are compared key by key;
 * lists and plain values as a whole.
 */
import { z } from 'zod';
import { RULE_CODE_LISTS, RULE_OPTION_LABELS } from '../../domain/policy/optionLabels';
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

/** The Chinese name of a rule path and the schema of its value; inside a union, the option that has the key names it. */
function walkRule(path: readonly string[]): { label: string; leaf: Schema | undefined } {
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
  return { label: parts.join(' · '), leaf: current };
}

/** The Chinese name of a rule path; inside a union, the option that has the key names it. */
export function ruleFieldLabel(path: readonly string[]): string {
  return walkRule(path).label;
}

/** How the draft editor asks for a rule value: its JSON Schema (type, bounds, enum), with the Chinese names of its codes. */
export interface RuleInput {
  schema: Record<string, unknown>;
  nullable: boolean;
  options?: Record<string, string>;
}

export function ruleFieldInput(path: readonly string[]): RuleInput | undefined {
  const { leaf } = walkRule(path);
  if (!leaf) return undefined;
  let schema: Record<string, unknown>;
  try {
    schema = z.toJSONSchema(leaf, { unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  delete schema.$schema;
  const nullable = leaf instanceof z.ZodNullable || (leaf instanceof z.ZodOptional && leaf.unwrap() instanceof z.ZodNullable);
  const codes = [...((schema.enum as string[] | undefined) ?? ((schema.items as { enum?: string[] } | undefined)?.enum ?? []))];
  const fromList = RULE_CODE_LISTS[path.join('.')];
  const options = fromList ?? (codes.length ? Object.fromEntries(codes.map((c) => [c, RULE_OPTION_LABELS[c] ?? c])) : undefined);
  return { schema, nullable, ...(options ? { options } : {}) };
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
  input?: RuleInput;
}

/** Every value a rule set (or override) sets, in path order, each named and grouped. */
export function ruleFields(rules: unknown): RuleField[] {
  return diffRules({}, rules).map((d) => {
    const top = d.path.split('.')[0];
    const input = ruleFieldInput(d.path.split('.'));
    return { path: d.path, field: d.field, group: ruleFieldLabel([top]) || top, value: d.b, ...(input ? { input } : {}) };
  });
}
