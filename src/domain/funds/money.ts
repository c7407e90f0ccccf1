/** Money as integer fen (分): amounts cross the API in yuan with at most two decimals. */

/** Fen of a yuan amount; null when it has more than two decimals or is not finite. */
export function fenOf(yuan: number): number | null {
  if (!Number.isFinite(yuan)) return null;
  const fen = Math.round(yuan * 100);
  return Math.abs(fen - yuan * 100) < 1e-6 ? fen : null;
}

export const yuanOf = (fen: number): number => fen / 100;

/** '2,546.70 元'-style text for messages (from fen). */
export function yuanText(fen: number): string {
  return `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
}

/** A share as a percent with one decimal: 0.5 → '50.0%'. */
export const percentText = (share: number): string => `${(share * 100).toFixed(1)}%`;

/**
 * `totalFen` split by integer-free ratios (6:3:1) with the largest-remainder method, so the
 * parts are whole fen and add up to the total exactly.
 */
export function splitByShares(totalFen: number, shares: readonly number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new Error('分担比例之和应大于 0');
  const exact = shares.map((s) => (totalFen * s) / sum);
  const parts = exact.map(Math.floor);
  let rest = totalFen - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((v, i) => ({ i, r: v - Math.floor(v) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    parts[i]++;
    rest--;
  }
  return parts;
}
