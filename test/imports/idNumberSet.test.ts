import { describe, expect, it } from 'vitest';
import { completeIdNumber } from '../../src/domain/idNumber';
import { IdNumberSet } from '../../src/modules/imports/idNumberSet';

describe('IdNumberSet', () => {
  it('remembers the first owner of each ID number through growth, including check character X', () => {
    const set = new IdNumberSet(4);
    const ids = Array.from({ length: 5000 }, (_, i) => completeIdNumber('411426' + String(19500101 + (i % 28)) + String(i).padStart(3, '0').slice(-3)));
    const unique = [...new Set(ids)];
    expect(unique.some((id) => id.endsWith('X'))).toBe(true);
    unique.forEach((id, i) => expect(set.claim(id, i)).toBe(-1));
    expect(set.size).toBe(unique.length);
    unique.forEach((id, i) => expect(set.claim(id, 999_999)).toBe(i));
    expect(set.size).toBe(unique.length);
  });

  it('tells apart numbers that differ only in the check character or in one digit', () => {
    const set = new IdNumberSet();
    expect(set.claim('41142619800101003X', 1)).toBe(-1);
    expect(set.claim('411426198001010039', 2)).toBe(-1);
    expect(set.claim('411426198001010139', 3)).toBe(-1);
    expect(set.claim('41142619800101003X', 4)).toBe(1);
  });
});
