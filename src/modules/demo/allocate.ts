/** Exact splits of a total: the demo's figures must add up to the seeds' numbers, not approximately. */
import type { Random } from './random';

/** Split `total` in proportion to `weights` (largest remainder; ties go to the earlier index). */
export function splitProportionally(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new Error('splitProportionally: weights must be positive');
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) parts[order[k][1]]++;
  return parts;
}

/**
 * Split `total` over places with random weights, none above `cap`: what a cap takes off is
 * spread over the places still under it.
 */
export function spreadCapped(rng: Random, total: number, count: number, cap: number): number[] {
  if (total > cap * count) throw new Error(`spreadCapped: ${total} does not fit in ${count} × ${cap}`);
  const weights = Array.from({ length: count }, () => 0.5 + rng.next());
  const parts = new Array<number>(count).fill(0);
  let open = weights.map((_, i) => i);
  let left = total;
  while (left > 0) {
    const share = splitProportionally(left, open.map((i) => weights[i]));
    left = 0;
    open.forEach((i, k) => {
      parts[i] += share[k];
      if (parts[i] > cap) {
        left += parts[i] - cap;
        parts[i] = cap;
      }
    });
    open = open.filter((i) => parts[i] < cap);
  }
  return parts;
}

/** `households` sizes between 1 and `maxSize` adding up to exactly `persons`. */
export function householdSizes(rng: Random, households: number, persons: number, maxSize: number): number[] {
  if (households === 0) {
    if (persons !== 0) throw new Error(`householdSizes: ${persons} persons in no household`);
    return [];
  }
  if (persons < households || persons > households * maxSize) {
    throw new Error(`householdSizes: ${persons} persons do not fit in ${households} households of at most ${maxSize}`);
  }
  const p = (persons / households - 1) / (maxSize - 1);
  const sizes = Array.from({ length: households }, () => {
    let size = 1;
    for (let t = 1; t < maxSize; t++) if (rng.chance(p)) size++;
    return size;
  });
  let diff = persons - sizes.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = rng.int(0, households - 1);
    if (diff > 0 && sizes[i] < maxSize) {
      sizes[i]++;
      diff--;
    } else if (diff < 0 && sizes[i] > 1) {
      sizes[i]--;
      diff++;
    }
  }
  return sizes;
}
