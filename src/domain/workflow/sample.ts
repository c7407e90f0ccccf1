/**
 * The county's spot-check draw: a reproducible random sample of a batch. The same seed and the
 * same batch (in any order) give the same sample on any machine, so anyone holding the stored
 * seed can redo the draw and check it.
 */

export interface Draw<T> {
  seed: string;
  share: number;
  /** The population sorted, as drawn from. */
  population: T[];
  /** ceil(share × population), at least one when the batch is not empty. */
  sample: T[];
}

/** cyrb128: a 128-bit string hash, the seed of the generator. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** sfc32: a small, well-mixed generator of 32-bit integers. */
export function seededGenerator(seed: string): () => number {
  let [a, b, c, d] = hash128(seed);
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

export function sampleSize(population: number, share: number): number {
  if (!(share > 0 && share <= 1)) throw new RangeError(`抽查比例 ${share} 应大于 0 且不超过 1`);
  if (population === 0) return 0;
  return Math.min(population, Math.max(1, Math.ceil(population * share - 1e-9)));
}

/** Draw ceil(share × n) of `items` with the seed; items are compared as sorted by `compare`. */
export function drawSample<T>(items: readonly T[], share: number, seed: string, compare: (a: T, b: T) => number): Draw<T> {
  if (!seed) throw new RangeError('抽样种子不能为空');
  const population = [...items].sort(compare);
  const n = sampleSize(population.length, share);
  const random = seededGenerator(seed);
  const pool = [...population];
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const chosen = new Set(pool.slice(0, n));
  return { seed, share, population, sample: population.filter((x) => chosen.has(x)) };
}
