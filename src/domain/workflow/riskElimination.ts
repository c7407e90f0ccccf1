/**
 * The two conditions of risk elimination that read the household's records over time
 * (POLICY.md §5): income stably above the monitoring line for the policy's months
 * (procedures.riskEliminationStableMonths), and at least the policy's number of assistance
 * measures delivered since monitoring began (procedures.riskEliminationMinMeasures).
 * Income is recorded per calendar year: a year's record covers that year from 1 January, so
 * income is "stably above" from 1 January of the earliest year of the unbroken run of yearly
 * records above the line that ends with the latest record; a record at or below the line
 * ends the run (以下 includes the line; risk elimination needs 超过).
 */
import { monthsBetween } from '../dates';

export interface YearIncome {
  year: number;
  perCapitaNet: number | null;
  /** The year's monitoring line (null when the policy has none for that year). */
  line: number | null;
}

export interface DeliveredMeasure {
  label: string;
  startedOn: string | null;
}

const yuan = (n: number) => `${Number(n.toFixed(2))} 元`;

/** Null when income has been above the line for at least `stableMonths` by `today`, else the refusal. */
export function incomeStabilityProblem(incomes: readonly YearIncome[], today: string, stableMonths: number): string | null {
  const need = `须连续 ${stableMonths} 个月以上稳定高于监测线`;
  const todayYear = Number(today.slice(0, 4));
  const recorded = incomes.filter((r) => r.year <= todayYear).sort((a, b) => b.year - a.year);
  if (!recorded.length) return `收入稳定高于监测线的条件不满足：无收入记录（${need}）`;
  let since: number | null = null;
  for (const [i, r] of recorded.entries()) {
    if (i > 0 && r.year !== recorded[i - 1].year - 1) break;
    if (r.perCapitaNet === null || r.line === null) {
      if (since === null) return `收入稳定高于监测线的条件不满足：${r.year} 年${r.line === null ? '监测线' : '人均纯收入'}缺失（${need}）`;
      break;
    }
    if (r.perCapitaNet <= r.line) {
      if (since === null) return `收入稳定高于监测线的条件不满足：${r.year} 年人均纯收入 ${yuan(r.perCapitaNet)}，未超过监测线 ${yuan(r.line)}（${need}）`;
      break;
    }
    since = r.year;
  }
  const from = `${since}-01-01`;
  const months = Math.max(monthsBetween(from, today), 0);
  if (months >= stableMonths) return null;
  return `收入稳定高于监测线的条件不满足：自 ${from} 起（${since} 年收入记录）高于监测线仅 ${months} 个月，不满 ${stableMonths} 个月`;
}

/** Null when at least `minMeasures` measures started on or after `since` and on or before `today`, else the refusal. */
export function measuresProblem(measures: readonly DeliveredMeasure[], since: string | null, today: string, minMeasures: number): string | null {
  const counted = measures.filter((m) => m.startedOn !== null && (since === null || m.startedOn >= since) && m.startedOn <= today);
  if (counted.length >= minMeasures) return null;
  const window = since ? `纳入监测（${since}）以来至今` : '纳入监测以来';
  const others = measures.length - counted.length;
  const note = others > 0 ? `；另有 ${others} 项措施开始日期不在此期间或未登记，不计入` : '';
  return `帮扶措施落实的条件不满足：${window}落实的帮扶措施 ${counted.length} 项，须至少 ${minMeasures} 项${note}`;
}

/**
 * The income period of a monitoring entry (POLICY.md §3, 2020 rules on): the `months` whole
 * months ending with the month before the household was found; with only yearly income
 * recorded, the last full calendar year inside that period is used, and the text says so.
 */
export function monitoringIncomePeriod(discoveredOn: string, months: number): { from: string; to: string; year: number; text: string } {
  const [y, m] = discoveredOn.split('-').map(Number);
  const monthIndex = (yy: number, mm: number) => yy * 12 + (mm - 1);
  const ym = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  const end = monthIndex(y, m) - 1;
  const start = end - months + 1;
  const year = end % 12 === 11 ? Math.floor(end / 12) : Math.floor(end / 12) - 1;
  return { from: ym(start), to: ym(end), year, text: `收入核算期 ${ym(start)} 至 ${ym(end)}（纳入监测前 ${months} 个月）` };
}
