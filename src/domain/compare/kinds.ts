/**
 * Kinds of reference data for 大数据比对 (POLICY.md §9): each department file has a declared
 * shape — its columns (Chinese headers and the variants seen in real files), which are required,
 * which are sensitive (masked on every page and export), and the typed field each fills. The ID
 * number is the key of every kind (matching is by ID number only).
 */
import type { DepartmentLine } from '../roles';

/** The typed field of a reference row a column fills (compare_row's columns). */
export type RowField = 'id_number' | 'name' | 'place_code' | 'category' | 'role' | 'status' | 'amount' | 'grade' | 'on_date' | 'detail';

export interface KindColumn {
  /** The header as the department writes it. */
  header: string;
  aliases?: string[];
  field: RowField;
  required?: boolean;
  /** Masked on pages and in exports (ID numbers; health and disability facts). */
  sensitive?: boolean;
  /** Values accepted (after trimming), when the column is a closed list. */
  values?: readonly string[];
}

export interface ReferenceKind {
  code: string;
  label: string;
  department: string;
  /** Department lines whose operators import and read this kind (county operators import every kind). */
  lines: readonly DepartmentLine[];
  columns: readonly KindColumn[];
}

const ID: KindColumn = { header: '身份证号', aliases: ['公民身份号码', '身份证号码', '证件号码', '身份号码'], field: 'id_number', required: true, sensitive: true };
const NAME: KindColumn = { header: '姓名', aliases: ['人员姓名', '户主姓名'], field: 'name', required: true };
const PLACE: KindColumn = { header: '行政区划代码', aliases: ['地区代码', '区划代码', '所属区划代码'], field: 'place_code' };

export const REFERENCE_KINDS: readonly ReferenceKind[] = [
  {
    code: 'death', label: '死亡人员', department: '公安（户籍）', lines: [],
    columns: [ID, NAME, PLACE, { header: '死亡日期', aliases: ['注销日期'], field: 'on_date', required: true }],
  },
  {
    code: 'move', label: '户籍迁出', department: '公安（户籍）', lines: [],
    columns: [ID, NAME, PLACE,
      { header: '迁出日期', aliases: ['迁移日期'], field: 'on_date', required: true },
      { header: '迁往地区代码', aliases: ['迁入地区划代码', '迁往区划代码'], field: 'category', required: true },
      { header: '迁移原因', aliases: ['迁出原因'], field: 'role' }],
  },
  {
    code: 'business', label: '市场主体', department: '市场监管', lines: [],
    columns: [ID, NAME, PLACE,
      { header: '市场主体名称', aliases: ['企业名称', '名称'], field: 'detail', required: true },
      { header: '主体类型', aliases: ['企业类型', '市场主体类型'], field: 'category', required: true },
      { header: '人员身份', aliases: ['身份', '职务'], field: 'role', required: true, values: ['股东', '法定代表人', '经营者'] },
      { header: '出资或注册资本（元）', aliases: ['认缴出资额（元）', '注册资本（元）', '资金数额（元）', '金额（元）'], field: 'amount', required: true },
      { header: '登记状态', aliases: ['经营状态', '状态'], field: 'status', required: true }],
  },
  {
    code: 'vehicle', label: '机动车', department: '公安（车管）', lines: [],
    columns: [ID, NAME, PLACE,
      { header: '号牌号码', aliases: ['车牌号', '车牌号码'], field: 'detail', required: true },
      { header: '车辆类型', aliases: ['车型'], field: 'category', required: true },
      { header: '车辆状态', aliases: ['机动车状态', '状态'], field: 'status', required: true },
      { header: '车辆价值（元）', aliases: ['车辆价格（元）', '价值（元）', '购置价格（元）'], field: 'amount' }],
  },
  {
    code: 'housing', label: '商品房', department: '不动产登记 / 住建', lines: ['housing'],
    columns: [ID, NAME, PLACE,
      { header: '房屋坐落', aliases: ['坐落', '房屋地址'], field: 'detail', required: true },
      { header: '房屋类型', aliases: ['房屋用途', '类型'], field: 'category', required: true },
      { header: '所在区域', aliases: ['区域', '所在地类别'], field: 'role', required: true, values: ['县城', '城市', '集镇'] },
      { header: '登记日期', aliases: ['购房日期', '备案日期'], field: 'on_date' }],
  },
  {
    code: 'payroll', label: '财政供养人员', department: '财政', lines: ['finance'],
    columns: [ID, NAME, PLACE,
      { header: '单位名称', aliases: ['工作单位'], field: 'detail', required: true },
      { header: '供养类型', aliases: ['人员类别', '类别'], field: 'role', required: true, values: ['在编', '退休'] }],
  },
  {
    code: 'social_insurance', label: '社会保险和就业', department: '人社', lines: ['human_resources'],
    columns: [ID, NAME, PLACE,
      { header: '险种', aliases: ['参保险种', '项目'], field: 'category', required: true },
      { header: '待遇状态', aliases: ['状态', '参保状态'], field: 'status', required: true }],
  },
  {
    code: 'assistance', label: '低保特困', department: '民政', lines: ['civil_affairs'],
    columns: [ID, NAME, PLACE,
      { header: '救助类型', aliases: ['保障类型', '类别'], field: 'category', required: true, values: ['低保', '特困', '低保边缘', '刚性支出困难'] },
      { header: '保障状态', aliases: ['状态'], field: 'status', required: true, values: ['在保', '停保'] },
      { header: '起始日期', aliases: ['纳入日期', '开始日期'], field: 'on_date' }],
  },
  {
    code: 'disability', label: '残疾人证', department: '残联', lines: ['disabled_persons'],
    columns: [ID, NAME, PLACE,
      { header: '残疾类别', aliases: ['残疾类型'], field: 'category', required: true, sensitive: true },
      { header: '残疾等级', aliases: ['等级'], field: 'grade', required: true, sensitive: true },
      { header: '证件状态', aliases: ['状态', '持证状态'], field: 'status', required: true, values: ['有效', '注销'] }],
  },
  {
    code: 'medical', label: '医保结算', department: '医保', lines: ['medical_security'],
    columns: [ID, NAME, PLACE,
      { header: '结算日期', aliases: ['出院日期', '就诊日期'], field: 'on_date', required: true },
      { header: '总费用（元）', aliases: ['医疗总费用（元）'], field: 'detail' },
      { header: '个人自付（元）', aliases: ['自付金额（元）', '个人负担（元）'], field: 'amount', required: true, sensitive: true }],
  },
];

export type ReferenceKindCode = (typeof REFERENCE_KINDS)[number]['code'];

export const KIND_CODES = REFERENCE_KINDS.map((k) => k.code) as [string, ...string[]];

export function kindOf(code: string): ReferenceKind | undefined {
  return REFERENCE_KINDS.find((k) => k.code === code);
}

/** Kinds a user may import and read: every kind for a county operator, his line's kinds for a department operator. */
export function kindsFor(user: { role: string; departmentLine: string | null }): ReferenceKind[] {
  if (user.role === 'county_operator') return [...REFERENCE_KINDS];
  if (user.role === 'department_operator') return REFERENCE_KINDS.filter((k) => (k.lines as readonly string[]).includes(user.departmentLine ?? ''));
  return [];
}

/** The header names that identify a column (trimmed; full-width brackets and ASCII ones alike). */
export function headerKey(text: string): string {
  return text.trim().replace(/\(/g, '（').replace(/\)/g, '）').replace(/\s+/g, '');
}

/** Map a header row to columns: the index of each declared column, unknown headers, missing required ones. */
export function matchHeader(kind: ReferenceKind, cells: readonly string[]): { index: Map<KindColumn, number>; unknown: string[]; missing: string[] } {
  const index = new Map<KindColumn, number>();
  const unknown: string[] = [];
  cells.forEach((cell, i) => {
    const key = headerKey(cell);
    if (key === '') return;
    const col = kind.columns.find((c) => !index.has(c) && [c.header, ...(c.aliases ?? [])].some((h) => headerKey(h) === key));
    if (col) index.set(col, i);
    else unknown.push(cell.trim());
  });
  const missing = kind.columns.filter((c) => c.required && !index.has(c)).map((c) => c.header);
  return { index, unknown, missing };
}
