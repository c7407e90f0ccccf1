import { describe, expect, it } from 'vitest';
import { criterionPosition, decodeCriteria, decodeReasons, encodeCriteria, encodeReasons } from './resultCodes';

describe('result codes', () => {
  const statuses = { income: 'pass', food: 'fail', clothing: 'undetermined', education: 'pass', medical: 'pass', housing: 'fail', water: 'undetermined' } as const;

  it('encodes criterion statuses one character each, in criterion order', () => {
    expect(encodeCriteria(statuses)).toBe('PFUPPFU');
    expect(decodeCriteria('PFUPPFU')).toEqual(statuses);
    expect(criterionPosition('income')).toBe(1);
    expect(criterionPosition('water')).toBe(7);
  });

  it.each(['PFU', 'PPPPPPPP', 'PPPPPPX', ''])('refuses the malformed code %j', (code) => {
    expect(() => decodeCriteria(code)).toThrow(/指标代码无效/);
  });

  it('encodes risk reasons as bits in RISK_REASONS order', () => {
    expect(encodeReasons([])).toBe(0);
    expect(encodeReasons(['income_not_above_line'])).toBe(1);
    expect(encodeReasons(['open_risk', 'criterion_failed'])).toBe(34);
    expect(decodeReasons(34)).toEqual(['criterion_failed', 'open_risk']);
    expect(decodeReasons(63)).toEqual(['income_not_above_line', 'criterion_failed', 'serious_event', 'income_below_monitoring_line', 'income_fall', 'open_risk']);
  });

  it('ignores unknown reason codes when encoding', () => {
    expect(encodeReasons(['no_such_reason', 'income_fall'])).toBe(16);
  });
});
