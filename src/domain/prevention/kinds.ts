/**
 * Which of the three kinds of 防止返贫致贫对象 a household is under a province's range and
 * 口径 for a year, with the reason in a cadre's words:
 * - 脱贫不稳定户: a 脱贫户 (registered, no longer poor) whose per-capita net income is not above
 *   the range (以下 includes the figure);
 * - 边缘易致贫户: any other household with income not above the range;
 * - 突发严重困难户: income above the range, but after the 合规自付 costs of the 口径 it is not
 *   above it, or income fell against last year by more than the policy's share.
 * No cap: every household that qualifies is listed (应纳尽纳).
 */
import { ITEM_LABELS, type PreventionRules } from './schema';

export type PreventionKind = 'unstable' | 'marginal' | 'sudden';
export const KIND_LABELS: Record<PreventionKind, string> = { unstable: '脱贫不稳定户', marginal: '边缘易致贫户', sudden: '突发严重困难户' };

export interface IncomeItems {
  wages: number;
  production_net: number;
  property: number;
  transfer: number;
  production_cost: number;
}

export interface HouseholdFacts {
  /** 建档立卡 and no longer poor (已脱贫, 监测对象, 风险已消除, 返贫 after exit…). */
  formerlyPoor: boolean;
  size: number;
  income: IncomeItems | null;
  /** The 自付 costs of the year by item (whole household). */
  costs: Partial<Record<string, number>>;
  /** Last year's per-capita net income under the same 口径, when recorded. */
  previousPerCapita: number | null;
}

export interface MonitoringRange {
  year: number;
  upper: number;
  notice: string;
  /** The year whose figure applies (the latest set at or before the asked year). */
  fromYear: number;
}

export interface KindVerdict {
  kind: PreventionKind | null;
  perCapita: number | null;
  afterCosts: number | null;
  reason: string;
}

const yuan = (n: number) => `${Number(n.toFixed(2))} 元`;
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The range of a year: that year's figure, else the latest before it (saying so); null when none. */
export function rangeFor(rules: PreventionRules, year: number): MonitoringRange | null {
  const years = Object.keys(rules.rangeByYear).map(Number).filter((y) => y <= year).sort((a, b) => b - a);
  if (!years.length) return null;
  const r = rules.rangeByYear[String(years[0])];
  return { year, upper: r.upper, notice: r.notice, fromYear: years[0] };
}

export function rangeText(range: MonitoringRange): string {
  const carried = range.fromYear === range.year ? '' : `，沿用 ${range.fromYear} 年`;
  return `监测范围 ${yuan(range.upper)}（${range.year} 年${carried}；依据：${range.notice}）`;
}

/** Per-capita net income under the 口径 (before 自付 costs), rounded to the fen. */
export function perCapitaUnder(accounting: PreventionRules['accounting'], income: IncomeItems, size: number): number {
  const counted = accounting.incomeItems.reduce((s, k) => s + income[k], 0) - accounting.expenseItems.reduce((s, k) => s + income[k], 0);
  return round2(counted / Math.max(size, 1));
}

export function classifyHousehold(rules: PreventionRules, range: MonitoringRange | null, f: HouseholdFacts): KindVerdict {
  if (!range) return { kind: null, perCapita: null, afterCosts: null, reason: '该年度未设置监测范围，无法判定' };
  if (!f.income) return { kind: null, perCapita: null, afterCosts: null, reason: `无 ${range.year} 年收入记录，无法判定` };
  const a = rules.accounting;
  const perCapita = perCapitaUnder(a, f.income, f.size);
  const line = `${rangeText(range)}`;
  if (perCapita <= range.upper) {
    const kind: PreventionKind = f.formerlyPoor ? 'unstable' : 'marginal';
    return { kind, perCapita, afterCosts: perCapita, reason: `${KIND_LABELS[kind]}：人均纯收入 ${yuan(perCapita)}，不超过${line}` };
  }
  const deducted = a.deductedCosts.map((k) => ({ k, amount: f.costs[k] ?? 0 })).filter((c) => c.amount > 0);
  const afterCosts = round2(perCapita - deducted.reduce((s, c) => s + c.amount, 0) / Math.max(f.size, 1));
  if (deducted.length && afterCosts <= range.upper) {
    const list = deducted.map((c) => `${ITEM_LABELS[c.k]} ${yuan(c.amount)}`).join('、');
    return { kind: 'sudden', perCapita, afterCosts, reason: `突发严重困难户：人均纯收入 ${yuan(perCapita)}，超过监测范围，但扣除${list}后人均 ${yuan(afterCosts)}，不超过${line}` };
  }
  if (f.previousPerCapita !== null && f.previousPerCapita > 0) {
    const fall = (f.previousPerCapita - perCapita) / f.previousPerCapita;
    if (fall > rules.suddenIncomeFallShare) {
      return { kind: 'sudden', perCapita, afterCosts, reason: `突发严重困难户：人均纯收入 ${yuan(perCapita)} 较上年 ${yuan(f.previousPerCapita)} 下降 ${(fall * 100).toFixed(1)}%，超过 ${rules.suddenIncomeFallShare * 100}%（${line}）` };
    }
  }
  const costs = deducted.length ? `，扣除合规自付支出后人均 ${yuan(afterCosts)}` : '';
  return { kind: null, perCapita, afterCosts, reason: `人均纯收入 ${yuan(perCapita)}${costs}，超过${line}` };
}

export interface KindChange {
  householdNo: string;
  before: KindVerdict;
  after: KindVerdict;
  change: 'enter' | 'leave' | 'kind';
}

/** Who would enter, leave or change kind between two verdicts per household. */
export function kindChanges(rows: { householdNo: string; before: KindVerdict; after: KindVerdict }[]): KindChange[] {
  const out: KindChange[] = [];
  for (const r of rows) {
    if (r.before.kind === r.after.kind) continue;
    const change = r.before.kind === null ? 'enter' : r.after.kind === null ? 'leave' : 'kind';
    out.push({ ...r, change });
  }
  return out;
}
