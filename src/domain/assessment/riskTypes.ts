/** Risk types of return to poverty (POLICY §6, seed 001) and risk events with their cost. */
import type { RISK_TYPES } from '../policy/rulesSchema';

export type RiskType = (typeof RISK_TYPES)[number];

export const RISK_TYPE_LABELS: Record<RiskType, string> = {
  illness: '因病',
  disability: '因残',
  schooling: '因学',
  disaster: '因灾',
  accident: '因意外事故',
  industry_failure: '因产业失败',
  unstable_employment: '因务工就业不稳',
  sudden_event: '因突发事件',
  unstable_income: '收入来源不稳定或不可持续',
};

export const riskTypeLabel = (code: string): string => RISK_TYPE_LABELS[code as RiskType] ?? code;

/** A risk event: what happened, when, and the rigid expenditure it caused (yuan). */
export interface RiskEvent {
  type: RiskType;
  /** YYYY-MM-DD */
  date: string;
  cost: number;
}

/** The day `months` months before a date (clamped to the month's end): 2024-03-31 − 1 → 2024-02-29. */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
