import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/helpers/databases';
import type { Database } from '../../db/database';
import { createPlaceResolver, loadPlaces, matchPlaceUnder, resolvePlacePath } from './service';

/** Seed 001 annex: the 28 townships with more than 300 poor persons, as the document writes them. */
const ANNEX: Record<string, string[]> = {
  虞城县: ['城郊乡', '杜集镇', '大侯乡', '黄冢乡', '界沟镇', '李老家乡', '利民镇', '刘店乡', '刘集乡', '稍岗镇', '闻集乡', '张集镇'],
  夏邑县: ['桑固乡', '北皊镇', '马头镇', '王集乡', '李集镇', '车站镇', '杨集镇', '韩道口镇', '太平镇', '骆集乡', '孔庄乡'],
  柘城县: ['安平镇', '张桥镇'],
  宁陵县: ['柳河镇', '华堡镇'],
  民权县: ['程庄镇'],
};

describe.each(testDatabases)('place names to codes on $name', ({ open }) => {
  let database: Database;
  beforeAll(async () => {
    database = await open();
    await loadPlaces(database, { prefixes: ['4114', '441882'] });
  });
  afterAll(async () => {
    await database?.close();
  });

  it.each([
    ['411425', '大侯乡', 'matched', '411425112', '大候镇'],
    ['411426', '桑固乡', 'matched', '411426207', '桑堌乡'],
    ['411426', '北皊镇', 'matched', '411426111', '北岭镇'],
    ['411426', '韩道口镇', 'exact', '411426107', '韩道口镇'],
    ['0', '河南', 'matched', '41', '河南省'],
  ])('matchPlaceUnder(%s, %s) → %s %s', async (parent, name, status, code, official) => {
    const match = await matchPlaceUnder(database.db, parent, name);
    expect(match).toMatchObject({ status, code, name: official });
  });

  it('reports a name not found under the parent, with no guess', async () => {
    const match = await matchPlaceUnder(database.db, '411426', '大候镇');
    expect(match.status).toBe('unknown');
    expect(match.code).toBeUndefined();
  });

  it('resolves all 28 annexed townships of seed 001, noting the three whose names drifted', async () => {
    const resolver = createPlaceResolver(database.db);
    const notes: string[] = [];
    let resolved = 0;
    for (const [county, townships] of Object.entries(ANNEX)) {
      for (const township of townships) {
        const r = await resolver.resolve({ province: '河南省', city: '商丘市', county, township });
        if (!r.ok) throw new Error(r.reason);
        expect(r.level).toBe(4);
        expect(r.path.map((p) => p.name).slice(0, 3)).toEqual(['河南省', '商丘市', county]);
        expect(r.code.startsWith(r.path[2].code)).toBe(true);
        notes.push(...r.notes);
        resolved++;
      }
    }
    expect(resolved).toBe(28);
    expect(notes).toEqual([
      '乡（镇、街道）「大侯乡」按「大候镇」（411425112）匹配，相似度 0.83',
      '乡（镇、街道）「桑固乡」按「桑堌乡」（411426207）匹配，相似度 0.88',
      '乡（镇、街道）「北皊镇」按「北岭镇」（411426111）匹配，相似度 0.88',
    ]);
  });

  it('finds a county without its province and city, and a village without the 委员会 suffix', async () => {
    const r = await resolvePlacePath(database.db, { county: '虞城县', township: '大侯乡', village: '张菜园村' });
    expect(r).toMatchObject({ ok: true, code: '411425112203', level: 5 });
    if (r.ok) expect(r.path.map((p) => [p.given, p.name])).toEqual([['虞城县', '虞城县'], ['大侯乡', '大候镇'], ['张菜园村', '张菜园村委会']]);
  });

  it('reads traditional characters with pinyin glosses (seed 003)', async () => {
    const r = await resolvePlacePath(database.db, { county: '連州市', township: '星子鎮(zhèn)' });
    expect(r).toMatchObject({ ok: true, code: '441882101', level: 4 });
  });

  it('names the level, the place searched and the nearest names for an unknown township', async () => {
    const r = await resolvePlacePath(database.db, { city: '商丘市', county: '夏邑县', township: '王庄乡', village: '张庄村' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r).toMatchObject({ level: 4, field: 'township', name: '王庄乡' });
    expect(r.reason).toMatch(/^乡（镇、街道）「王庄乡」在夏邑县（411426）下找不到；最接近的有：王集乡（411426210，相似度 0\.50）/);
    expect(r.alternatives[0]).toMatchObject({ code: '411426210', name: '王集乡' });
  });

  it('refuses to choose between townships of the same name in different counties', async () => {
    const r = await resolvePlacePath(database.db, { city: '商丘市', township: '城关镇' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r).toMatchObject({ level: 4, field: 'township' });
    expect(r.reason).toContain('乡（镇、街道）「城关镇」在商丘市（4114）下有多个相近的地名：');
    expect(r.reason).toContain('请写出全称');
    expect(r.alternatives.map((a) => a.code)).toEqual(expect.arrayContaining(['411425100', '411426100']));
  });

  it('stops at the first level that fails', async () => {
    const r = await resolvePlacePath(database.db, { province: '河南省', city: '火星市', county: '虞城县' });
    expect(r).toMatchObject({ ok: false, level: 2, field: 'city', name: '火星市' });
    if (!r.ok) expect(r.reason).toMatch(/^市「火星市」在河南省（41）下找不到/);
  });

  it('says so when no name is given', async () => {
    const r = await resolvePlacePath(database.db, { province: ' ', village: '' });
    expect(r).toMatchObject({ ok: false, level: 0, field: null });
    if (!r.ok) expect(r.reason).toContain('没有填写任何行政区划名称');
  });

  it('answers a repeated combination from its cache', async () => {
    const resolver = createPlaceResolver(database.db);
    const first = await resolver.resolve({ county: '虞城县', township: '大侯乡' });
    const again = await resolver.resolve({ county: ' 虞城县', township: '大侯乡 ' });
    expect(again).toBe(first);
    expect(first).toMatchObject({ ok: true, code: '411425112' });
  });
});
