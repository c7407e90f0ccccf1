/**
 * Policy targets read from rules, each verdict with the sentence a user sees (POLICY.md §3):
 * Guangdong's relative-poverty identification line (< 4000 yuan at 2014 prices, the year's
 * nominal value as entered), the monitoring scale guideline of 2020 (open monitored persons
 * above 5% — 10% in a deep-poverty county — of the county's registered persons are listed;
 * from 2021 no cap), and the industry income target of households with industry support.
 */
import { lineYuan, percent, yuan } from '../assessment/format';
import { entryFor } from './lines';
import type { PolicyRules } from './rulesSchema';

export interface RelativePovertyLine {
  amount: number;
  /** True when the year's nominal value was entered; false when the constant-price figure stands in. */
  nominal: boolean;
  text: string;
}

/** Guangdong's household identification line for a year, or undefined where no relative standard applies. */
export function relativePovertyLineFor(rules: PolicyRules, year: number): RelativePovertyLine | undefined {
  const rp = rules.relativePoverty;
  if (!rp || rules.income.standard !== 'relative') return undefined;
  const base = `${lineYuan(rp.householdLine)}（${rp.priceBaseYear} 年不变价）`;
  const nominal = rp.householdLineByYear?.[String(year)];
  if (nominal !== undefined) return { amount: nominal, nominal: true, text: `${year} 年相对贫困户识别标准 ${lineYuan(nominal)}（${base}按 ${year} 年价格调整）` };
  return { amount: rp.householdLine, nominal: false, text: `相对贫困户识别标准 ${base}（未填写 ${year} 年名义值，按不变价标准）` };
}

/** Whether a per-capita income makes a household 相对贫困 (低于: strictly below the line). */
export function relativePovertyVerdict(perCapita: number, line: RelativePovertyLine): { poor: boolean; text: string } {
  if (perCapita < line.amount) return { poor: true, text: `人均可支配收入 ${yuan(perCapita)}，低于${line.text}，属相对贫困户` };
  return { poor: false, text: `人均可支配收入 ${yuan(perCapita)}，不低于${line.text}` };
}

export interface MonitoringCap {
  share: number;
  deepPoverty: boolean;
  fromYear: number;
}

/** The cap for a county and year; null when the year's rules set none (2021 on). */
export function monitoringCapFor(rules: PolicyRules, year: number, countyCode: string): MonitoringCap | null {
  const entry = entryFor(rules.monitoring.capByYear, year);
  if (!entry?.value) return null;
  const deep = (rules.monitoring.deepPovertyCounties ?? []).includes(countyCode);
  return { share: deep ? entry.value.deepPovertyShare : entry.value.share, deepPoverty: deep, fromYear: entry.year };
}

/** A share in percent with two decimals, or up to four when needed to differ from the threshold it is compared with (POLICY §7). */
export function shareBeside(value: number, threshold: number): string {
  let text = '';
  for (let digits = 2; digits <= 4; digits++) {
    text = String(Number((value * 100).toFixed(digits)));
    if (value === threshold || Number(text) !== Number((threshold * 100).toFixed(digits))) break;
  }
  return `${text}%`;
}

/** Over the cap when monitored persons exceed (超过) the share of registered persons; exactly at it is not over. */
export function capVerdict(monitored: number, registered: number, cap: MonitoringCap | null, year: number): { over: boolean; text: string } {
  if (!cap) return { over: false, text: `${year} 年不设监测对象规模上限` };
  const kind = cap.deepPoverty ? '深度贫困县' : '';
  const limit = `${kind}上限 ${percent(cap.share)}（${cap.fromYear} 年规则）`;
  const actual = registered > 0 ? shareBeside(monitored / registered, cap.share) : '—';
  const head = `监测对象 ${monitored} 人，占建档立卡人口 ${registered} 人的 ${actual}`;
  // Compared in whole hundredths of a percent: share × registered can carry float noise.
  const over = monitored * 1e6 > Math.round(cap.share * 1e6) * registered;
  return { over, text: over ? `${head}，超过${limit}` : `${head}，未超过${limit}` };
}

/** Per-capita industry income (net production and operation income ÷ household size) against the target. */
export function industryVerdict(productionNet: number, householdSize: number, target: number): { meets: boolean; perCapita: number; text: string } {
  const perCapita = Math.round((productionNet / householdSize) * 100) / 100;
  const meets = perCapita >= target;
  return { meets, perCapita, text: `人均产业收入 ${yuan(perCapita)}，${meets ? '达到' : '低于'}产业增收目标 ${lineYuan(target)}` };
}
