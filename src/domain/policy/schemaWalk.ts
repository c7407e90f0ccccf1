/**
 * Walks the rule schema to derive what the flat schema cannot say by itself: the schema of a
 * partial override, the merge of overrides onto a base, and the Chinese name of a field path.
 * Objects and year maps merge key by key; arrays, unions and plain values are replaced whole.
 */
import { z } from 'zod';

type Schema = z.ZodType;

function unwrapOnce(schema: Schema): Schema | undefined {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return schema.unwrap() as Schema;
  return undefined;
}

/** The same schema with every object field optional, recursively (records keep their keys). */
export function overridesSchemaOf(schema: Schema): Schema {
  const described = (s: Schema) => (schema.description ? s.describe(schema.description) : s);
  if (schema instanceof z.ZodOptional) return described(overridesSchemaOf(schema.unwrap() as Schema).optional());
  if (schema instanceof z.ZodNullable) return described(overridesSchemaOf(schema.unwrap() as Schema).nullable());
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, Schema> = {};
    for (const [key, field] of Object.entries(schema.shape as Record<string, Schema>)) shape[key] = overridesSchemaOf(field).optional();
    return described(z.strictObject(shape));
  }
  if (schema instanceof z.ZodRecord) {
    return described(z.record(schema.keyType as z.ZodString, overridesSchemaOf(schema.valueType as Schema)));
  }
  return schema;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `override` laid over `base` following the schema's structure (undefined keeps the base). */
export function mergeBySchema(schema: Schema, base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  const inner = unwrapOnce(schema);
  if (inner) return override === null ? null : mergeBySchema(inner, base, override);
  if (!isPlainObject(override) || !isPlainObject(base)) return override;
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, Schema>;
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) {
      out[key] = shape[key] ? mergeBySchema(shape[key], base[key], value) : value;
    }
    return out;
  }
  if (schema instanceof z.ZodRecord) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) out[key] = mergeBySchema(schema.valueType as Schema, base[key], value);
    return out;
  }
  return override;
}

function descriptionOf(schema: Schema | undefined): string | undefined {
  let probe = schema;
  while (probe && !probe.description) probe = unwrapOnce(probe);
  return probe?.description;
}

function unwrapAll(schema: Schema): Schema {
  let s = schema;
  for (let inner = unwrapOnce(s); inner; inner = unwrapOnce(s)) s = inner;
  return s;
}

/** "饮水安全 · 缺水地区最低水量" for ['water', 'minLitresScarce']; record keys and list positions appear too. */
export function fieldLabel(schema: Schema, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  let current: Schema | undefined = schema;
  for (const step of path) {
    const container: Schema | undefined = current && unwrapAll(current);
    if (container instanceof z.ZodObject) {
      current = (container.shape as Record<string, Schema>)[String(step)];
      if (!current) parts.push(String(step));
    } else if (container instanceof z.ZodRecord) {
      parts.push(String(step));
      current = container.valueType as Schema;
    } else if (container instanceof z.ZodArray) {
      parts.push(`第${Number(step) + 1}项`);
      current = container.element as Schema;
    } else {
      parts.push(String(step));
      current = undefined;
    }
    const text = descriptionOf(current);
    if (text) parts.push(text);
  }
  return parts.join(' · ');
}
