/**
 * The fields a roster's columns can be mapped to (issue 25 item 6). Only the ID number is
 * required: it is the key every row is matched by. The other fields, when a source has them, are
 * compared with the registry field by field. Each field lists the headers seen in real files, so
 * a first upload of a source gets a suggested mapping the operator confirms once.
 */
import { headerKey } from '../compare/kinds';

export type RosterField = 'idNumber' | 'name' | 'placeCode' | 'status' | 'monitorCategory' | 'assistance' | 'disabilityGrade';

export interface RosterFieldSpec {
  field: RosterField;
  label: string;
  aliases: readonly string[];
  required?: boolean;
  /** Never shown unmasked on pages or in exports (the ID number; disability, a health fact). */
  sensitive?: boolean;
}

export const ROSTER_FIELDS: readonly RosterFieldSpec[] = [
  { field: 'idNumber', label: '身份证号', aliases: ['身份证号', '公民身份号码', '身份证号码', '证件号码', '身份号码', '学生身份证号', '借款人身份证号'], required: true, sensitive: true },
  { field: 'name', label: '姓名', aliases: ['姓名', '人员姓名', '户主姓名', '学生姓名', '借款人姓名', '成员姓名'] },
  { field: 'placeCode', label: '行政区划代码', aliases: ['行政区划代码', '地区代码', '区划代码', '所属区划代码'] },
  { field: 'status', label: '户类型', aliases: ['户类型', '户状态', '人员类型', '对象类型', '脱贫户属性'] },
  { field: 'monitorCategory', label: '监测对象类别', aliases: ['监测对象类别', '监测类型', '监测对象类型'] },
  { field: 'assistance', label: '救助类型', aliases: ['救助类型', '低保类型', '保障类型', '兜底类型'] },
  { field: 'disabilityGrade', label: '残疾等级', aliases: ['残疾等级', '残疾级别'], sensitive: true },
];

export const ROSTER_FIELD_CODES = ROSTER_FIELDS.map((f) => f.field) as [RosterField, ...RosterField[]];

export const fieldSpec = (field: RosterField): RosterFieldSpec => ROSTER_FIELDS.find((f) => f.field === field)!;

/** A mapping: which header fills which field (fields not in a source are left out). */
export type RosterMapping = Partial<Record<RosterField, string>>;

/** The mapping suggested for a header row: each field's first header found among its aliases. */
export function suggestMapping(headers: readonly string[]): RosterMapping {
  const out: RosterMapping = {};
  for (const f of ROSTER_FIELDS) {
    const hit = headers.find((h) => f.aliases.some((a) => headerKey(a) === headerKey(h)));
    if (hit !== undefined) out[f.field] = hit.trim();
  }
  return out;
}

/**
 * Where each mapped field is in a header row; the mapped headers the file lacks. A mapping
 * without the ID number, or naming a header the file does not have, refuses the file.
 */
export function locateMapping(mapping: RosterMapping, headers: readonly string[]): { index: Map<RosterField, number>; missing: string[] } {
  const index = new Map<RosterField, number>();
  const missing: string[] = [];
  const keys = headers.map(headerKey);
  for (const f of ROSTER_FIELDS) {
    const header = mapping[f.field];
    if (header === undefined || header === '') {
      if (f.required) missing.push(`${f.label}（未设置映射）`);
      continue;
    }
    const i = keys.indexOf(headerKey(header));
    if (i < 0) missing.push(`${f.label}（映射到「${header}」，文件中没有这一列）`);
    else index.set(f.field, i);
  }
  return { index, missing };
}
