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
  'relativePoverty.villageIncomeLine': '相对贫困村识别（村人均可支配收入 < 8000 元）尚未实现：村记录还没有人均可支配收入字段；保留以记录 seed 003 的标准',
  'relativePoverty.villagePoorShareMin': '相对贫困村识别（相对贫困人口占比 ≥ 5%）尚未实现，与村人均可支配收入标准一并启用；保留以记录 seed 003 的标准',
  'relativePoverty.villageExitShare': '相对贫困村出列（≥ 全省农村居民人均可支配收入 60%）尚未实现：村记录还没有人均可支配收入字段；保留以记录 seed 003 的标准',
  'exitStandards.villageConditions': '贫困村出列的基础设施和公共服务条件尚未按政策清单判定；保留以记录 POLICY §7 的默认条件',
  'exitStandards.villageCollectiveIncomeMin': '村集体经济收入的出列条件尚未实现：村集体收入台账未建；保留以记录 POLICY §7 的 1 万元默认值',
  'exitStandards.villageMaxIncidence': '贫困村出列判定尚未实现（村贫困发生率只在质量指标中按县计算）；保留以记录 POLICY §7 的 2%（西部 3%）标准',
  'supervision.villageIncidence': '挂牌督战村按贫困人口数列出；按村贫困发生率（> 10%）列出须有村户籍人口，尚未实现；保留以记录 2020 年全国规则',
  'pairing.models.*.source': '结对模式的出处（seed 编号），仅供政策页面说明，不参与判定',
  'exitStandards.countyCentralSpotCheckShare': '中央对摘帽县的抽查（不少于 20%，各省都抽到）尚未实现：系统还没有摘帽县及其复查的记录；政策测算只列出此项的变化。县级 10% 抽查另见 procedures.countySpotCheckShare',
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
  /src\/domain\/policy\/(rulesSchema|campaignSchema|defaults|schemaHelpers|schemaWalk|settingReaders)\.ts$/,
];
