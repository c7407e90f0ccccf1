/**
 * The fields of the village record (村情) in one table: their Chinese label (form, import
 * column, export header, error messages), kind, group and database column. The form, the
 * import, the export and the checks all read this table.
 */
import type { VillageRecordTable } from '../../db/schema';

export type FieldKind = 'count' | 'share' | 'money' | 'flag' | 'year' | 'text' | 'school';

export const FIELD_GROUPS = ['人口', '村的类别', '基础设施', '公共服务', '帮扶力量', '集体经济和收入', '其他'] as const;

export interface VillageField {
  key: string;
  column: keyof VillageRecordTable;
  label: string;
  kind: FieldKind;
  group: (typeof FIELD_GROUPS)[number];
  required?: boolean;
}

const f = (key: string, column: keyof VillageRecordTable, label: string, kind: FieldKind, group: VillageField['group'], required = false): VillageField => ({ key, column, label, kind, group, required });

export const VILLAGE_FIELDS = [
  f('registeredPopulation', 'registered_population', '户籍人口', 'count', '人口', true),
  f('residentPopulation', 'resident_population', '常住人口', 'count', '人口'),
  f('households', 'households', '户数', 'count', '人口'),
  f('poorVillage', 'poor_village', '贫困村', 'flag', '村的类别'),
  f('poorVillageYear', 'poor_village_year', '贫困村识别年份', 'year', '村的类别'),
  f('exitYear', 'exit_year', '出列年份', 'year', '村的类别'),
  f('relativePoorVillage', 'relative_poor_village', '相对贫困村', 'flag', '村的类别'),
  f('relativePoorYear', 'relative_poor_year', '相对贫困村识别年份', 'year', '村的类别'),
  f('deepPoorVillage', 'deep_poor_village', '深度贫困村', 'flag', '村的类别'),
  f('deepPoorYear', 'deep_poor_year', '深度贫困村识别年份', 'year', '村的类别'),
  f('roadToVillage', 'road_to_village', '行政村通硬化路', 'flag', '基础设施'),
  f('roadNaturalVillages', 'road_natural_villages', '自然村通硬化路比例', 'share', '基础设施'),
  f('power', 'power', '通动力电', 'flag', '基础设施'),
  f('broadband', 'broadband', '通宽带', 'flag', '基础设施'),
  f('mobile4g', 'mobile_4g', '4G网络覆盖', 'flag', '基础设施'),
  f('safeWater', 'safe_water', '全村农户安全饮水', 'flag', '基础设施'),
  f('safeWaterShare', 'safe_water_share', '安全饮水覆盖率', 'share', '基础设施'),
  f('dangerousHouses', 'dangerous_houses', '剩余危房户数', 'count', '基础设施'),
  f('clinic', 'clinic', '标准化卫生室和合格村医', 'flag', '公共服务'),
  f('cultureRoom', 'culture_room', '综合文化服务中心', 'flag', '公共服务'),
  f('school', 'school', '学校或教学点', 'school', '公共服务'),
  f('serviceCenter', 'service_center', '便民服务', 'flag', '公共服务'),
  f('firstSecretary', 'first_secretary', '第一书记', 'text', '帮扶力量'),
  f('workTeam', 'work_team', '驻村工作队', 'text', '帮扶力量'),
  f('incomeOperating', 'income_operating', '集体经营收入', 'money', '集体经济和收入'),
  f('incomeContract', 'income_contract', '发包及上交收入', 'money', '集体经济和收入'),
  f('incomeInvestment', 'income_investment', '投资收益', 'money', '集体经济和收入'),
  f('incomeSubsidy', 'income_subsidy', '补助收入', 'money', '集体经济和收入'),
  f('incomeOther', 'income_other', '其他收入', 'money', '集体经济和收入'),
  f('perCapitaIncome', 'per_capita_income', '村人均可支配收入', 'money', '集体经济和收入'),
  f('note', 'note', '备注', 'text', '其他'),
] as const satisfies readonly VillageField[];

export type FieldKey = (typeof VILLAGE_FIELDS)[number]['key'];
export type FieldValue = number | boolean | string | null;
/** A record's values by field key (absent: not filled in). */
export type VillageValues = Partial<Record<FieldKey, FieldValue>>;

export const SCHOOL_LABELS: Record<string, string> = { school: '学校', teaching_point: '教学点', none: '无' };

/** A value as a page or export shows it. */
export function displayValue(field: VillageField, value: FieldValue | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  if (field.kind === 'flag') return value ? '是' : '否';
  if (field.kind === 'school') return SCHOOL_LABELS[String(value)] ?? String(value);
  if (field.kind === 'share') return `${Number((Number(value) * 100).toFixed(2))}%`;
  return value as string | number;
}
