import { describe, expect, it } from 'vitest';
import { NATIONAL_RULES } from '../../domain/policy/defaults';
import { diffRules } from './compare';

describe('diffRules', () => {
  it('finds nothing between equal rule sets', () => {
    expect(diffRules(NATIONAL_RULES, structuredClone(NATIONAL_RULES))).toEqual([]);
  });

  it('names a changed year entry of the monitoring line in Chinese', () => {
    const raised = { monitoring: { lineByYear: { 2021: { amount: 6500 } } } };
    const base = { monitoring: { lineByYear: { 2021: { amount: 6000 } } } };
    expect(diffRules(base, raised)).toEqual([
      { path: 'monitoring.lineByYear.2021.amount', field: '防返贫监测 · 监测线（按年） · 2021 · 监测线金额（元/人·年）', a: 6000, b: 6500 },
    ]);
  });

  it('reports a field set in only one record, with null for the other', () => {
    const diff = diffRules({ water: { minLitresScarce: 20 } }, { water: { minLitresScarce: 20, maxOutageDays: 30 }, housing: { renovatedPasses: false } });
    expect(diff).toEqual([
      { path: 'housing.renovatedPasses', field: '住房安全 · 危房改造完成视为达标', a: null, b: false },
      { path: 'water.maxOutageDays', field: '饮水安全 · 全年累计断水天数上限', a: null, b: 30 },
    ]);
  });

  it('compares lists as a whole', () => {
    const diff = diffRules({ housing: { passingGrades: ['A', 'B'] } }, { housing: { passingGrades: ['A'] } });
    expect(diff).toHaveLength(1);
    expect(diff[0]).toMatchObject({ path: 'housing.passingGrades', a: ['A', 'B'], b: ['A'] });
  });

  it('orders year keys numerically', () => {
    const diff = diffRules({ income: { povertyLineByYear: { 2019: 3218, 2020: 4000 } } }, { income: { povertyLineByYear: { 2019: 3300, 2020: 4100 } } });
    expect(diff.map((d) => d.path)).toEqual(['income.povertyLineByYear.2019', 'income.povertyLineByYear.2020']);
  });
});
