/**
 * The ID numbers met in a file and the household each belongs to, for a million rows: an open-
 * addressing table over typed arrays (about 24 MB for a million numbers) instead of a Map of a
 * million strings, which costs more memory and a cache miss per row.
 */

const slotOf = (hi: number, lo: number, mask: number) => (Math.imul(hi, 0x9e3779b1) ^ Math.imul(lo, 0x85ebca6b)) & mask;

export class IdNumberSet {
  private hi: Int32Array;
  private lo: Int32Array;
  private owner: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1 << 16) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.hi = new Int32Array(slots);
    this.lo = new Int32Array(slots);
    this.owner = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
  }

  /**
   * Record that `id` (a valid 18-character ID number) belongs to `owner` (≥ 0), unless it was
   * met before: then return the owner recorded first; otherwise -1.
   */
  claim(id: string, owner: number): number {
    // The 18 characters as two integers: the first 9 digits, and the next 8 with the check character (X = 10).
    let hi = 0;
    for (let i = 0; i < 9; i++) hi = hi * 10 + (id.charCodeAt(i) - 48);
    let lo = 0;
    for (let i = 9; i < 17; i++) lo = lo * 10 + (id.charCodeAt(i) - 48);
    const check = id.charCodeAt(17);
    lo = lo * 11 + (check === 88 ? 10 : check - 48);
    let slot = slotOf(hi, lo, this.mask);
    while (this.owner[slot] !== -1) {
      if (this.hi[slot] === hi && this.lo[slot] === lo) return this.owner[slot];
      slot = (slot + 1) & this.mask;
    }
    this.hi[slot] = hi;
    this.lo[slot] = lo;
    this.owner[slot] = owner;
    if (++this.size * 2 > this.mask) this.grow();
    return -1;
  }

  private grow(): void {
    const { hi, lo, owner } = this;
    const slots = (this.mask + 1) * 2;
    this.hi = new Int32Array(slots);
    this.lo = new Int32Array(slots);
    this.owner = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    for (let i = 0; i < owner.length; i++) {
      if (owner[i] === -1) continue;
      let slot = slotOf(hi[i], lo[i], this.mask);
      while (this.owner[slot] !== -1) slot = (slot + 1) & this.mask;
      this.hi[slot] = hi[i];
      this.lo[slot] = lo[i];
      this.owner[slot] = owner[i];
    }
  }
}
