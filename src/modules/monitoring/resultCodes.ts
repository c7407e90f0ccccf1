/**
 * The compact codes a stored result keeps (see migration 003): the criterion statuses as one
 * character each in CRITERIA order (P pass, F fail, U undetermined), and the risk reasons as a
 * bit mask in RISK_REASONS order.
 */
import type { CriterionStatus } from '../../domain/assessment/types';
import { CRITERIA, RISK_REASONS, type Criterion } from '../../domain/policy/rulesSchema';

export type RiskReasonCode = (typeof RISK_REASONS)[number];

const STATUS_CHAR: Record<CriterionStatus, string> = { pass: 'P', fail: 'F', undetermined: 'U' };
const CHAR_STATUS: Record<string, CriterionStatus> = { P: 'pass', F: 'fail', U: 'undetermined' };

export function encodeCriteria(statuses: Record<Criterion, CriterionStatus>): string {
  return CRITERIA.map((c) => STATUS_CHAR[statuses[c]]).join('');
}

export function decodeCriteria(code: string): Record<Criterion, CriterionStatus> {
  if (!/^[PFU]{7}$/.test(code)) throw new Error(`评估结果的指标代码无效：${code}`);
  return Object.fromEntries(CRITERIA.map((c, i) => [c, CHAR_STATUS[code[i]]])) as Record<Criterion, CriterionStatus>;
}

/** The 1-based position of a criterion in the code, for SQL `substr(criteria, n, 1)`. */
export function criterionPosition(criterion: Criterion): number {
  return CRITERIA.indexOf(criterion) + 1;
}

export const reasonBit = (code: RiskReasonCode): number => 1 << RISK_REASONS.indexOf(code);

export function encodeReasons(codes: readonly string[]): number {
  return RISK_REASONS.reduce((mask, code) => (codes.includes(code) ? mask | reasonBit(code) : mask), 0);
}

export function decodeReasons(mask: number): RiskReasonCode[] {
  return RISK_REASONS.filter((code) => (mask & reasonBit(code)) !== 0);
}
