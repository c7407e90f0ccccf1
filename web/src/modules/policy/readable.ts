/**
 * A rule value in words for the pages (never JSON): numbers with separators, yes/no, lists
 * joined with 、, a compound value as 「名称：值」 pairs with Chinese names of its parts.
 */
const PART_NAMES: Record<string, string> = {
  multipleOfPovertyLine: '扶贫标准的倍数',
  amount: '金额（元）',
  year: '年份',
  fromYear: '起始年份',
  share: '比例',
  minVisits: '最少走访次数',
  periodMonths: '周期（月）',
  label: '名称',
  households: '户数',
  persons: '人数',
  days: '天数',
  steps: '步骤',
  role: '角色',
  roles: '角色',
};

export function readableValue(value: unknown, yes = '是', no = '否', names: Record<string, string> = {}): string {
  if (value === null || value === undefined) return '（未设置）';
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'number') return value.toLocaleString('zh-CN', { maximumFractionDigits: 6 });
  if (typeof value === 'string') return names[value] ?? value;
  if (Array.isArray(value)) return value.length === 0 ? '（无）' : value.map((v) => readableValue(v, yes, no, names)).join(typeof value[0] === 'object' ? '；' : '、');
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${PART_NAMES[k] ?? names[k] ?? k}：${readableValue(v, yes, no, names)}`)
    .join('，');
}
