import { describe, expect, it } from 'vitest';
import { drawSample, sampleSize, seededGenerator } from './sample';

const ids = (n: number) => Array.from({ length: n }, (_, i) => 1000 + i);
const byNumber = (a: number, b: number) => a - b;

describe('the spot-check draw', () => {
  it('is reproducible from its seed, whatever the order of the batch', () => {
    const a = drawSample(ids(200), 0.1, '2024-县抽查-1', byNumber);
    const b = drawSample(ids(200).reverse(), 0.1, '2024-县抽查-1', byNumber);
    expect(a.sample).toEqual(b.sample);
    expect(a.sample).toHaveLength(20);
    expect(new Set(a.sample).size).toBe(20);
    expect(a.sample.every((x) => x >= 1000 && x < 1200)).toBe(true);
    expect([...a.sample]).toEqual([...a.sample].sort(byNumber));
  });

  it('gives another sample with another seed', () => {
    const a = drawSample(ids(200), 0.1, 'seed-a', byNumber).sample;
    const b = drawSample(ids(200), 0.1, 'seed-b', byNumber).sample;
    expect(a).not.toEqual(b);
  });

  it('keeps a known draw stable across versions (a stored seed must redo the same draw)', () => {
    expect(drawSample(ids(30), 0.1, 'fupin', byNumber).sample).toEqual(drawSample(ids(30), 0.1, 'fupin', byNumber).sample);
    const g = seededGenerator('fupin');
    const first = [g(), g(), g()];
    const again = seededGenerator('fupin');
    expect([again(), again(), again()]).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it.each([
    [0, 0.1, 0],
    [1, 0.1, 1],
    [5, 0.1, 1],
    [10, 0.1, 1],
    [11, 0.1, 2],
    [200, 0.1, 20],
    [201, 0.1, 21],
    [7, 1, 7],
    [3, 0.5, 2],
  ])('a batch of %i at %f draws %i', (n, share, expected) => {
    expect(sampleSize(n, share)).toBe(expected);
    expect(drawSample(ids(n), share, 's', byNumber).sample).toHaveLength(expected);
  });

  it('gives every case about the same chance', () => {
    const hits = new Map<number, number>();
    for (let k = 0; k < 2000; k++) for (const x of drawSample(ids(20), 0.1, `seed-${k}`, byNumber).sample) hits.set(x, (hits.get(x) ?? 0) + 1);
    const counts = ids(20).map((x) => hits.get(x) ?? 0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4000);
    expect(Math.min(...counts)).toBeGreaterThan(140);
    expect(Math.max(...counts)).toBeLessThan(260);
  });

  it('refuses a share outside (0, 1] and an empty seed', () => {
    expect(() => drawSample(ids(5), 0, 's', byNumber)).toThrow('抽查比例 0 应大于 0 且不超过 1');
    expect(() => drawSample(ids(5), 1.5, 's', byNumber)).toThrow(RangeError);
    expect(() => drawSample(ids(5), 0.1, '', byNumber)).toThrow('抽样种子不能为空');
  });
});
