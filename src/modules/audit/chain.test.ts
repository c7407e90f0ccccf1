import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHash, GENESIS_HASH, storableJson, storableText, type ChainedEvent } from './chain';

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: [3, { d: 1, c: 2 }] }, a: null }, '{"a":null,"z":{"y":[3,{"c":2,"d":1}]}}'],
    [{ a: undefined, b: '中' }, '{"b":"中"}'],
    [[], '[]'],
    [null, 'null'],
    [undefined, 'null'],
    ['x"y', '"x\\"y"'],
    [1.5, '1.5'],
  ])('%j → %s', (value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('gives one text whatever the key order', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(canonicalJson({ b: { d: 3, c: 2 }, a: 1 }));
  });
});

describe('storable values', () => {
  it('replaces NUL and unpaired surrogates, keeps pairs', () => {
    expect(storableText('a\u0000b\ud800c\udc00d😀')).toBe('a\uFFFDb\uFFFDc\uFFFDd😀');
  });

  it('turns before/after values into plain JSON', () => {
    expect(storableJson(undefined)).toBeNull();
    expect(storableJson({ at: new Date('2024-01-02T03:04:05Z'), n: NaN, s: 'x\u0000', u: undefined })).toEqual({ at: '2024-01-02T03:04:05.000Z', n: null, s: 'x\uFFFD' });
  });
});

describe('eventHash', () => {
  const event: ChainedEvent = {
    id: 1, at: '2024-03-01T00:00:00.000Z', userId: 7, username: 'u', role: 'auditor', address: '127.0.0.1', action: 'auth.login',
    objectType: 'user', objectId: '7', placeCode: '0', before: null, after: { a: 1 }, outcome: 'success', note: null,
  };

  it('depends on the previous hash and on every field', () => {
    const h = eventHash(GENESIS_HASH, event);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(eventHash('1'.repeat(64), event)).not.toBe(h);
    for (const [key, value] of Object.entries({ id: 2, at: '2024-03-01T00:00:00.001Z', userId: 8, username: 'v', outcome: 'failure', after: { a: 2 }, note: '' })) {
      expect(eventHash(GENESIS_HASH, { ...event, [key]: value }), key).not.toBe(h);
    }
  });
});
