import { describe, expect, it } from 'vitest';
import { bandOf, checkEntered, checkScheme, computedScore, ranks, type Indicator } from './assessment';

const scheme: Indicator[] = [
  { code: 'rect', name: '问题整改', weight: 4000, source: 'computed', metric: 'overdue_rectifications', rule: 'deduction', k: 500 },
  { code: 'report', name: '按时报送', weight: 3000, source: 'computed', metric: 'on_time_submissions', rule: 'proportional', target: 12 },
  { code: 'work', name: '日常工作', weight: 3000, source: 'entered' },
];

describe('考核 rules', () => {
  it('refuses weights that do not add up to 100 points', () => {
    expect(() => checkScheme(scheme)).not.toThrow();
    expect(() => checkScheme(scheme.slice(0, 2))).toThrow('各项指标分值合计 70.00 分，应恰为 100 分');
  });
  it('scores by rule and ranks ties alike', () => {
    expect(computedScore(scheme[0], 3)).toBe(2500);
    expect(computedScore(scheme[0], 9)).toBe(0);
    expect(computedScore(scheme[1], 6)).toBe(1500);
    expect(() => checkEntered(scheme[2], 3100)).toThrow('超出 0 至 30.00 分');
    expect(ranks([9000, 8000, 9000])).toEqual([1, 3, 1]);
    expect(bandOf(9000)).toBe('优秀');
  });
});
