import { describe, expect, it } from 'vitest';
import { householdSizes, splitProportionally, spreadCapped } from './allocate';
import { Random } from './random';

describe('splitProportionally', () => {
  it.each([
    [10, [1, 1, 1], [4, 3, 3]],
    [1431, [370, 280, 300], [557, 422, 452]],
    [0, [2, 5], [0, 0]],
    [7, [0, 1], [0, 7]],
  ])('splits %i over %j', (total, weights, expected) => {
    const parts = splitProportionally(total, weights);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    expect(parts).toEqual(expected);
  });

  it('refuses weights that sum to nothing', () => {
    expect(() => splitProportionally(5, [0, 0])).toThrow(/weights/);
  });
});

describe('spreadCapped', () => {
  it('keeps every part under the cap and the total exact', () => {
    const parts = spreadCapped(new Random(1), 2623, 13, 299);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(2623);
    expect(Math.max(...parts)).toBeLessThanOrEqual(299);
  });

  it('fills every place to the cap when the total needs it', () => {
    expect(spreadCapped(new Random(2), 20, 4, 5)).toEqual([5, 5, 5, 5]);
  });

  it('refuses a total that cannot fit', () => {
    expect(() => spreadCapped(new Random(3), 21, 4, 5)).toThrow(/does not fit/);
  });
});

describe('householdSizes', () => {
  it.each([
    [3061, 6352, 7],
    [1431, 6160, 10],
    [562, 2452, 9],
    [5, 5, 7],
    [5, 35, 7],
  ])('%i households of %i persons (max %i)', (households, persons, max) => {
    const sizes = householdSizes(new Random(households), households, persons, max);
    expect(sizes).toHaveLength(households);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(persons);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(max);
  });

  it('refuses persons that do not fit the households', () => {
    expect(() => householdSizes(new Random(1), 3, 2, 7)).toThrow(/do not fit/);
    expect(() => householdSizes(new Random(1), 3, 22, 7)).toThrow(/do not fit/);
    expect(() => householdSizes(new Random(1), 0, 1, 7)).toThrow(/no household/);
    expect(householdSizes(new Random(1), 0, 0, 7)).toEqual([]);
  });
});

describe('Random', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = new Random('seed');
    const b = new Random('seed');
    const c = new Random('other');
    const draw = (r: Random) => Array.from({ length: 5 }, () => r.int(0, 1_000_000));
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
  });

  it('draws integers within bounds and by weight', () => {
    const r = new Random(7);
    const ints = Array.from({ length: 1000 }, () => r.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    const picks = Array.from({ length: 1000 }, () => r.weighted([['a', 9], ['b', 1], ['c', 0]] as const));
    expect(picks.filter((p) => p === 'a').length).toBeGreaterThan(800);
    expect(picks).not.toContain('c');
  });
});
