/**
 * Checks of one ledger record against policy (POLICY §9) that list and flag, not refuse: the row
 * is right as recorded, the department has to look at it. Rule values are policy data with their
 * source; what no seed gives is marked a local default.
 */
export const MEDICAL_RULES = {
  version: '2016-2020-v1',
  /** Seed 003: 医疗救助 ≥ 70% of the 合规 cost left after 基本医保, 大病保险 and other insurance. */
  assistanceShare: { value: 0.7, source: 'seed 003 各项医保政策报销后的合规医疗费用医疗救助比例不低于70%' },
  /** Seed 001 "报销比例稳定在90%左右", read as the patient's share of 政策范围内 cost ≤ 10% in county (local default). */
  inCountyOwnShare: { value: 0.1, source: 'seed 001 报销比例稳定在90%左右（读作县域内住院政策范围内自付不超过10%，本地默认值）' },
} as const;

/**
 * Staged relocation deadlines by place (POLICY §9: seed 000's dates apply to 龙山镇's plan only;
 * other places set their own). 旧房拆除 is not applicable to a household with no old house, nor to
 * an old house kept with the county's approval (连体房, a protected 传统村落).
 */
export const RELOCATION_MILESTONES: Readonly<Record<string, { moveIn: string; demolish: string; source: string }>> = {
  '530523101': { moveIn: '2019-03-31', demolish: '2019-09-30', source: 'seed 000 龙山镇：3月底前卡户搬迁户全部入住，9月底前旧房全部拆除' },
};

function relocationFlags(placeCode: string, data: Readonly<Record<string, unknown>>): string[] {
  const plan = Object.entries(RELOCATION_MILESTONES).find(([code]) => placeCode.startsWith(code))?.[1];
  if (!plan) return [];
  const milestone = (label: string, date: unknown, deadline: string) =>
    typeof date !== 'string' ? [`${label}未完成（期限 ${deadline}）`] : date > deadline ? [`${label}逾期完成（${date}，期限 ${deadline}）`] : [];
  return [...milestone('搬迁入住', data.movedInOn, plan.moveIn), ...(data.noOldHouse === true || data.oldHouseKept === true ? [] : milestone('旧房拆除', data.demolishedOn, plan.demolish))];
}

/** The flags of a record (Chinese sentences), by its kind and place; none for a kind without checks. */
export function recordFlags(kind: string, data: Readonly<Record<string, unknown>>, placeCode = ''): string[] {
  if (kind === 'relocation_household') return relocationFlags(placeCode, data);
  if (kind !== 'medical_expense') return [];
  const n = (k: string) => (typeof data[k] === 'number' ? (data[k] as number) : 0);
  const eligible = typeof data.eligible === 'number' ? data.eligible : null;
  const flags: string[] = [];
  if (eligible !== null) {
    const left = eligible - n('basic') - n('serious') - n('other');
    const due = Math.round(left * MEDICAL_RULES.assistanceShare.value * 100) / 100;
    if (left > 0 && n('assistance') < due) flags.push(`医疗救助 ${n('assistance')} 元，低于医保报销后合规费用 ${Math.round(left * 100) / 100} 元的 70%（${due} 元）`);
    const own = eligible - n('basic') - n('serious') - n('assistance') - n('other');
    if (data.inCounty === true && eligible > 0 && own / eligible > MEDICAL_RULES.inCountyOwnShare.value) {
      flags.push(`县域内住院政策范围内自付 ${Math.round((own / eligible) * 1000) / 10}%，超过 10%`);
    }
  }
  if (data.inCounty === true && data.payLater === false) flags.push('县域内住院未实行先诊疗后付费');
  if (data.inCounty === true && data.oneStop === false) flags.push('县域内住院未实行一站式结算');
  return flags;
}
