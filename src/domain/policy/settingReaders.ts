/**
 * The dead-setting guard (issue 23): every leaf setting of the policy schema must be read by
 * some rule, guard, report or check, or be marked here as kept for documentation only, with
 * the reason. "Read" is decided from the source text: a file outside the schema, the defaults
 * and the tests names the setting — a compound name (`riskEliminationStableMonths`) by itself,
 * a plain word (`share`, `amount`) together with the object that holds it (`capByYear`). Year maps and lists of objects are walked into; a subtree
 * validated and read as a whole by its own module (the procedure flows) counts as one setting.
 */
import { z } from 'zod';

type Schema = z.ZodType;

/** Paths (dot-joined; `*` a record key, `[]` a list item) kept for documentation only, with the reason. */
export const DOCUMENTATION_ONLY: Record<string, string> = {
  'pairing.models.*.source': '结对模式的出处（seed 编号），仅供政策页面说明，不参与判定',
  'pairing.minCadresPerHousehold': '每户至少 1 名责任干部由结对台账的“未结对户”清单体现（固定为 1），本设置仅作说明',
  'reporting.rhythms': '报告周期由报表模块的报告种类定义，本设置仅作说明',
};

/** Subtrees read whole by their own module (one setting each). */
const WHOLE = new Set(['procedures.flows']);

export interface SettingLeaf {
  path: string;
  /** The named segments (record keys and list items left out). */
  names: string[];
}

function unwrap(schema: Schema): Schema {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as Schema;
  return s;
}

/** Every leaf setting of a schema. */
export function settingLeaves(schema: Schema, prefix: string[] = [], names: string[] = []): SettingLeaf[] {
  const s = unwrap(schema);
  const path = prefix.join('.');
  if (WHOLE.has(path)) return [{ path, names }];
  if (s instanceof z.ZodObject) {
    return Object.entries(s.shape as Record<string, Schema>).flatMap(([key, field]) => settingLeaves(field, [...prefix, key], [...names, key]));
  }
  if (s instanceof z.ZodRecord) {
    const value = unwrap(s.valueType as Schema);
    if (value instanceof z.ZodObject || value instanceof z.ZodUnion) return settingLeaves(value, [...prefix, '*'], names);
  }
  if (s instanceof z.ZodArray && unwrap(s.element as Schema) instanceof z.ZodObject) return settingLeaves(s.element as Schema, [...prefix, '[]'], names);
  if (s instanceof z.ZodUnion && (s.options as Schema[]).every((o) => unwrap(o) instanceof z.ZodObject)) {
    return (s.options as Schema[]).flatMap((o) => settingLeaves(o, prefix, names));
  }
  return [{ path, names }];
}

export interface SourceFile {
  path: string;
  text: string;
}

const word = (name: string) => new RegExp(`(?<![A-Za-z0-9_$])${name}(?![A-Za-z0-9_$])`);

/** A compound camelCase name is specific enough to stand alone; a plain word needs its holder beside it. */
const compound = (name: string) => /[a-z][A-Z]/.test(name);

/** The files that read a leaf. */
export function readersOf(leaf: SettingLeaf, sources: readonly SourceFile[]): string[] {
  const [holder, name] = leaf.names.length > 1 ? leaf.names.slice(-2) : [leaf.names[0], leaf.names[0]];
  const own = word(name);
  const parent = word(holder);
  return sources.filter((f) => own.test(f.text) && (compound(name) || parent.test(f.text))).map((f) => f.path);
}

export interface GuardReport {
  /** Settings nothing reads and not marked for documentation. */
  unread: string[];
  /** Marks that name no setting of the schema. */
  staleMarks: string[];
}

export function deadSettings(schema: Schema, sources: readonly SourceFile[], documentationOnly: Record<string, string> = DOCUMENTATION_ONLY): GuardReport {
  const leaves = settingLeaves(schema);
  const paths = new Set(leaves.map((l) => l.path));
  return {
    unread: leaves.filter((l) => !(l.path in documentationOnly) && readersOf(l, sources).length === 0).map((l) => l.path),
    staleMarks: Object.keys(documentationOnly).filter((p) => !paths.has(p)),
  };
}

/** Files that define or test the settings rather than read them. */
export const NOT_READERS = [
  /\.test\.ts$/,
  /src\/domain\/policy\/(rulesSchema|campaignSchema|countyExitSchema|villageSchema|defaults|schemaHelpers|schemaWalk|settingReaders)\.ts$/,
];
