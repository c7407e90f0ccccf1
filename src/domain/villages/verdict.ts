/**
 * Village verdicts (POLICY.md §7): whether a village may leave the list (贫困村出列), by every
 * condition with its value, its threshold and its source; Guangdong's 相对贫困村 identification
 * and exit (seed 003); the village 10% rule of 挂牌督战. Pure: the registry counts and the
 * village record come in, the resolved rules too.
 * Thresholds read as POLICY §7 settles them: incidence ≤ the line passes (2% exactly passes);
 * listing needs incidence strictly above 10%. Rates compare as exact fractions.
 */
import { VILLAGE_RULE_DEFAULTS } from '../policy/defaults';
import type { PolicyRules } from '../policy/record';
import type { CollectiveIncomeSource, VillageConditionCode } from '../policy/villageSchema';

export interface VillageIncome {
  operating: number | null;
  contract: number | null;
  investment: number | null;
  subsidy: number | null;
  other: number | null;
}

/** The fields of the village record a verdict reads. */
export interface VillageRecordFacts {
  registeredPopulation: number;
  poorVillage: boolean;
  exitYear: number | null;
  relativePoorVillage: boolean;
  roadToVillage: boolean | null;
  roadNaturalVillages: number | null;
  power: boolean | null;
  broadband: boolean | null;
  mobile4g: boolean | null;
  safeWater: boolean | null;
  dangerousHouses: number | null;
  clinic: boolean | null;
  cultureRoom: boolean | null;
  school: string | null;
  serviceCenter: boolean | null;
  income: VillageIncome;
  perCapitaIncome: number | null;
}

export interface VillageFacts {
  villageCode: string;
  year: number;
  record: VillageRecordFacts | null;
  /** Registered persons of the village whose household is poor (未脱贫 or 返贫) at the end of the year. */
  poorPersons: number;
}

export interface VillageCondition {
  code: string;
  label: string;
  value: string;
  threshold: string;
  /** null: the record does not say (未填写). */
  passed: boolean | null;
  /** A veto of the verdict (false: shown against the actual only, e.g. seed 004's target). */
  judged: boolean;
  source: string;
  /** "贫困发生率 2.70% > 2%" */
  text: string;
}

export type VerdictKind = 'village_exit' | 'relative_exit' | 'no_record';

export interface VillageVerdict {
  villageCode: string;
  year: number;
  kind: VerdictKind;
  /** 达标 (true) / 未达标 (false); null without a record of the year. */
  passed: boolean | null;
  conditions: VillageCondition[];
  /** Texts of the judged conditions that fail (or are not filled in). */
  failing: string[];
  poorPersons: number;
  registered: number | null;
  /** Guangdong: whether the village meets the 相对贫困村 identification (null outside its rules). */
  relativeIdentification: { met: boolean | null; conditions: VillageCondition[] } | null;
}

const SCALE = 1_000_000;
const scaled = (share: number) => Math.round(share * SCALE);

/** n / d ≤ share, exactly (share with up to 6 decimals). */
export const atMost = (n: number, d: number, share: number) => n * SCALE <= scaled(share) * d;
/** n / d ≥ share, exactly. */
export const atLeast = (n: number, d: number, share: number) => n * SCALE >= scaled(share) * d;

/**
 * A rate as a page shows it (POLICY §7): two decimals, or as many more (up to four) as it takes
 * for the shown value to differ from the threshold when the exact value does.
 */
export function percentText(n: number, d: number, threshold?: number): string {
  if (d === 0) return '—';
  const value = (n / d) * 100;
  const exactlyAt = threshold !== undefined && n * SCALE === scaled(threshold) * d;
  for (let digits = 2; digits <= 4; digits++) {
    const shown = value.toFixed(digits);
    if (threshold === undefined || exactlyAt || Number(shown) !== Number((threshold * 100).toFixed(digits)) || digits === 4) return `${shown}%`;
  }
  return `${value.toFixed(4)}%`;
}

export const shareText = (share: number) => `${Number((share * 100).toFixed(4))}%`;

/** 32000 → "3.2万", 50000 → "5万", 800 → "0.08万". */
export const wanText = (yuan: number) => `${Number((yuan / 10000).toFixed(4))}万`;
export const yuanText = (yuan: number) => `${Number(yuan.toFixed(2))}元`;

const INCOME_LABELS: Record<CollectiveIncomeSource, string> = {
  operating: '经营收入', contract: '发包及上交收入', investment: '投资收益', subsidy: '补助收入', other: '其他收入',
};

/** Collective income counted by the policy (operating income by default). */
export function countedIncome(income: VillageIncome, sources: readonly CollectiveIncomeSource[]): number | null {
  const values = sources.map((s) => income[s]);
  if (values.every((v) => v === null)) return null;
  return values.reduce<number>((sum, v) => sum + (v ?? 0), 0);
}

const SRC_INCIDENCE = '2016 年《关于建立贫困退出机制的意见》：贫困发生率降至2%以下（西部3%以下）；POLICY §7：等于标准为达标';
const SRC_LOCAL = 'POLICY §7 本地默认条件（省可停用或增加）';
const SRC_SHOWN = '政策增加的条件（POLICY §7：默认只显示不判定）';

interface BooleanCondition {
  label: string;
  read: (r: VillageRecordFacts) => boolean | null;
  yes: string;
  no: string;
}

const BOOLEAN_CONDITIONS: Record<VillageConditionCode, BooleanCondition> = {
  road: { label: '行政村通硬化路', read: (r) => r.roadToVillage, yes: '已通', no: '未通' },
  electricity: { label: '通动力电', read: (r) => r.power, yes: '已通', no: '未通' },
  broadband: { label: '通宽带', read: (r) => r.broadband, yes: '已通', no: '未通' },
  water: { label: '全村农户安全饮水', read: (r) => r.safeWater, yes: '已保障', no: '未全部保障' },
  clinic: { label: '标准化卫生室和合格村医', read: (r) => r.clinic, yes: '有', no: '无' },
  culture: { label: '综合文化服务中心（文化室）', read: (r) => r.cultureRoom, yes: '有', no: '无' },
  mobile_4g: { label: '4G 网络覆盖', read: (r) => r.mobile4g, yes: '已覆盖', no: '未覆盖' },
  natural_village_roads: { label: '自然村通硬化路', read: (r) => (r.roadNaturalVillages === null ? null : r.roadNaturalVillages >= 1), yes: '全部通', no: '未全部通' },
  school: { label: '学校或教学点', read: (r) => (r.school === null ? null : r.school !== 'none'), yes: '有', no: '无' },
  service_center: { label: '便民服务', read: (r) => r.serviceCenter, yes: '有', no: '无' },
  no_dangerous_houses: { label: '危房清零', read: (r) => (r.dangerousHouses === null ? null : r.dangerousHouses === 0), yes: '已清零', no: '仍有危房' },
};

const DEFAULT_JUDGED = new Set<string>(['road', 'electricity', 'broadband', 'water', 'clinic', 'culture']);

function booleanCondition(code: VillageConditionCode, r: VillageRecordFacts): VillageCondition {
  const c = BOOLEAN_CONDITIONS[code];
  const v = c.read(r);
  const value = v === null ? '未填写' : v ? c.yes : c.no;
  return { code, label: c.label, value, threshold: c.yes, passed: v, judged: true, source: DEFAULT_JUDGED.has(code) ? SRC_LOCAL : SRC_SHOWN, text: `${c.label}：${value}` };
}

/** Whether the village lies in the western provinces (or a prefecture treated as western). */
export function isWestern(villageCode: string, westernRegions: readonly string[]): boolean {
  return westernRegions.some((r) => villageCode.startsWith(r));
}

export function villageRulesOf(rules: PolicyRules): NonNullable<PolicyRules['villageExit']> {
  return rules.villageExit ?? VILLAGE_RULE_DEFAULTS;
}

/** The incidence line of a village's exit and where it comes from. */
export function incidenceLine(villageCode: string, rules: PolicyRules): { share: number; western: boolean } {
  const v = villageRulesOf(rules);
  const western = isWestern(villageCode, v.westernRegions);
  const ordinary = rules.exitStandards.villageMaxIncidence;
  return { share: western ? Math.max(v.westernMaxIncidence, ordinary) : ordinary, western };
}

function incidenceCondition(facts: VillageFacts, r: VillageRecordFacts, rules: PolicyRules): VillageCondition {
  const line = incidenceLine(facts.villageCode, rules);
  const d = r.registeredPopulation;
  const passed = d > 0 ? atMost(facts.poorPersons, d, line.share) : facts.poorPersons === 0;
  const value = percentText(facts.poorPersons, d, line.share);
  const threshold = shareText(line.share);
  return {
    code: 'incidence', label: '贫困发生率', value, threshold, passed, judged: true,
    source: line.western ? `${SRC_INCIDENCE}（西部地区）` : SRC_INCIDENCE,
    text: `贫困发生率 ${value} ${passed ? '≤' : '>'} ${threshold}（贫困人口 ${facts.poorPersons} 人 / 户籍人口 ${d} 人）`,
  };
}

function incomeConditions(r: VillageRecordFacts, rules: PolicyRules): VillageCondition[] {
  const v = villageRulesOf(rules);
  const counted = countedIncome(r.income, v.countedIncomeSources);
  const what = v.countedIncomeSources.map((s) => INCOME_LABELS[s]).join('、');
  const min = rules.exitStandards.villageCollectiveIncomeMin;
  const value = counted === null ? '未填写' : wanText(counted);
  const exit: VillageCondition = {
    code: 'collective_income', label: '村集体经济收入', value, threshold: wanText(min),
    passed: counted === null ? null : counted >= min, judged: true,
    source: `POLICY §7 本地默认：计${what}，每年不低于 ${wanText(min)}`,
    text: counted === null ? `村集体经济收入未填写（应 ≥ ${wanText(min)}）` : `集体经济收入 ${value} ${counted >= min ? '≥' : '<'} ${wanText(min)}`,
  };
  const target = r.poorVillage ? v.collectiveIncomeTargets.poorVillage : v.collectiveIncomeTargets.otherVillage;
  const whose = r.poorVillage ? '贫困村' : '其他村';
  const met = counted === null ? null : counted >= target;
  const goal: VillageCondition = {
    code: 'collective_income_target', label: `村集体经济收入年度目标（${whose}）`, value, threshold: wanText(target),
    passed: met, judged: false, source: v.collectiveIncomeTargets.targetSource,
    text: counted === null ? `集体经济收入未填写（目标 ${wanText(target)}）` : `集体经济收入 ${value} ${met ? '≥' : '<'} ${wanText(target)}（${whose}年度目标，不作否决）`,
  };
  return [exit, goal];
}

/** Guangdong: the provincial rural average of the year, times the village exit share. */
function relativeExitCondition(r: VillageRecordFacts, rules: PolicyRules, year: number): VillageCondition {
  const rp = rules.relativePoverty!;
  const average = rp.provincialRuralIncomeByYear[String(year)];
  const source = 'seed 003（连州市星子镇）：相对贫困村人均可支配收入不低于全省农村居民人均可支配收入的 60%';
  const base = { code: 'relative_exit', label: '村人均可支配收入（相对贫困村出列）', judged: true, source };
  if (average === undefined) {
    return { ...base, value: r.perCapitaIncome === null ? '未填写' : yuanText(r.perCapitaIncome), threshold: '—', passed: null, text: `缺少 ${year} 年全省农村居民人均可支配收入，无法判定` };
  }
  const line = Math.round(average * rp.villageExitShare * 100) / 100;
  const threshold = `${yuanText(line)}（${year} 年全省 ${yuanText(average)} × ${shareText(rp.villageExitShare)}）`;
  if (r.perCapitaIncome === null) return { ...base, value: '未填写', threshold, passed: null, text: `村人均可支配收入未填写（应 ≥ ${threshold}）` };
  const passed = r.perCapitaIncome >= line;
  return { ...base, value: yuanText(r.perCapitaIncome), threshold, passed, text: `村人均可支配收入 ${yuanText(r.perCapitaIncome)} ${passed ? '≥' : '<'} ${threshold}` };
}

/** Guangdong 相对贫困村 identification: income < 8000 (2014 prices) and poor share ≥ 5%. */
function relativeIdentification(facts: VillageFacts, r: VillageRecordFacts, rules: PolicyRules): VillageVerdict['relativeIdentification'] {
  const rp = rules.relativePoverty;
  if (!rp) return null;
  const source = 'seed 003：村年人均可支配收入低于8000元（2014年不变价）、相对贫困人口占村户籍人口5%以上';
  const lineText = `${yuanText(rp.villageIncomeLine)}（${rp.priceBaseYear} 年不变价，按不变价标准比较）`;
  const income: VillageCondition = r.perCapitaIncome === null
    ? { code: 'relative_income', label: '村人均可支配收入', value: '未填写', threshold: lineText, passed: null, judged: true, source, text: '村人均可支配收入未填写' }
    : {
      code: 'relative_income', label: '村人均可支配收入', value: yuanText(r.perCapitaIncome), threshold: lineText,
      passed: r.perCapitaIncome < rp.villageIncomeLine, judged: true, source,
      text: `村人均可支配收入 ${yuanText(r.perCapitaIncome)} ${r.perCapitaIncome < rp.villageIncomeLine ? '<' : '≥'} ${lineText}`,
    };
  const d = r.registeredPopulation;
  const sharePassed = d > 0 && atLeast(facts.poorPersons, d, rp.villagePoorShareMin);
  const shareValue = percentText(facts.poorPersons, d, rp.villagePoorShareMin);
  const share: VillageCondition = {
    code: 'relative_share', label: '相对贫困人口占户籍人口比例', value: shareValue, threshold: shareText(rp.villagePoorShareMin),
    passed: sharePassed, judged: true, source,
    text: `相对贫困人口占比 ${shareValue} ${sharePassed ? '≥' : '<'} ${shareText(rp.villagePoorShareMin)}`,
  };
  const conditions = [income, share];
  const met = conditions.some((c) => c.passed === null) ? null : conditions.every((c) => c.passed);
  return { met, conditions };
}

const failingOf = (conditions: VillageCondition[]) => conditions.filter((c) => c.judged && c.passed !== true).map((c) => c.text);

/** The verdict of one village in one year under the resolved rules. */
export function villageVerdict(facts: VillageFacts, rules: PolicyRules): VillageVerdict {
  const r = facts.record;
  const base = { villageCode: facts.villageCode, year: facts.year, poorPersons: facts.poorPersons };
  if (!r) return { ...base, kind: 'no_record', passed: null, conditions: [], failing: [`${facts.year} 年村情未填写`], registered: null, relativeIdentification: null };
  const identification = relativeIdentification(facts, r, rules);
  let kind: VerdictKind;
  let conditions: VillageCondition[];
  if (r.relativePoorVillage && rules.relativePoverty) {
    // A 相对贫困村 leaves by the 60% rule alone (POLICY §7), the ordinary conditions not applying.
    kind = 'relative_exit';
    conditions = [relativeExitCondition(r, rules, facts.year), ...incomeConditions(r, rules).map((c) => ({ ...c, judged: false }))];
  } else {
    kind = 'village_exit';
    const codes = rules.exitStandards.villageConditions.filter((c): c is VillageConditionCode => c in BOOLEAN_CONDITIONS);
    conditions = [incidenceCondition(facts, r, rules), ...codes.map((c) => booleanCondition(c, r)), ...incomeConditions(r, rules)];
  }
  const failing = failingOf(conditions);
  return { ...base, kind, passed: failing.length === 0, conditions, failing, registered: r.registeredPopulation, relativeIdentification: identification };
}

export interface VillageListing {
  listed: boolean;
  reason: string;
}

/** 挂牌督战 by incidence (national 2020 rule): a 贫困村 not yet exited with incidence strictly above the line. */
export function listedByIncidence(poorPersons: number, record: Pick<VillageRecordFacts, 'registeredPopulation' | 'poorVillage' | 'exitYear'>, statusYear: number, rules: PolicyRules): VillageListing {
  const line = rules.supervision.villageIncidence;
  const d = record.registeredPopulation;
  const notExited = record.poorVillage && (record.exitYear === null || record.exitYear > statusYear);
  const over = d > 0 && !atMost(poorPersons, d, line);
  const value = percentText(poorPersons, d, line);
  if (!notExited) return { listed: false, reason: `非未出列贫困村，不按贫困发生率挂牌` };
  return {
    listed: over,
    reason: `${statusYear} 年底贫困发生率 ${value}（${poorPersons} 人 / 户籍人口 ${d} 人），${over ? '超过' : '未超过'}村级挂牌督战线 ${shareText(line)}`,
  };
}
