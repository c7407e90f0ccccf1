/**
 * Matching an imported place name to one of the places under a parent, tolerating the drift
 * real registries show: 乡 became 镇, 街道/办事处/村委会/居委会/社区 suffixes come and go, and
 * names are written with variant or traditional characters (大侯乡 → 大候镇, 桑固乡 → 桑堌乡,
 * 北皊镇 → 北岭镇). Names are compared by their stem (the name less its administrative
 * suffix): equal stems first, then stems whose characters differ only by a character of the
 * same (toneless) pinyin, then edit distance. A match that is not clear-cut is reported as
 * ambiguous or unknown with the alternatives, never chosen silently.
 */
import { pinyin } from 'pinyin-pro';

export interface PlaceCandidate {
  code: string;
  name: string;
}

export interface PlaceAlternative extends PlaceCandidate {
  confidence: number;
}

export type PlaceMatchStatus = 'exact' | 'matched' | 'ambiguous' | 'unknown';

export interface PlaceMatch {
  status: PlaceMatchStatus;
  code?: string;
  name?: string;
  /** How sure the match is, 0..1 (1 for the same name). */
  confidence: number;
  /** Other likely places, best first (for ambiguous and unknown: the ones to choose from). */
  alternatives: PlaceAlternative[];
}

/** Below this a candidate is not taken as the place meant. */
export const MATCH_THRESHOLD = 0.65;
/** Two candidates closer than this are ambiguous. */
export const AMBIGUITY_MARGIN = 0.1;
/** Alternatives shown are at least this likely. */
const ALTERNATIVE_FLOOR = 0.3;
const MAX_ALTERNATIVES = 5;

/** Cost of replacing a character by one read the same way (a variant or a traditional form). */
const HOMOPHONE_COST = 0.25;
/** Factor for a suffix of another kind or none (乡 → 镇, 城关 → 城关镇). */
const SUFFIX_CHANGE = 0.95;
/** Factor for another spelling of the same kind of suffix (村 → 村委会, 街道 → 街道办事处). */
const SUFFIX_SPELLING = 0.98;

/** Suffixes naming the same kind of place. */
const SUFFIX_KINDS: Record<string, string> = {
  村: 'village', 村委会: 'village', 村民委员会: 'village', 嘎查: 'village',
  社区: 'community', 居委会: 'community', 居民委员会: 'community', 社区居委会: 'community', 社区居民委员会: 'community',
  街道: 'subdistrict', 街道办事处: 'subdistrict', 办事处: 'subdistrict',
};

/** Administrative suffixes, longest first; traditional forms are folded (FOLD) before they are looked for. */
const SUFFIXES = [
  '村民委员会', '居民委员会', '街道办事处', '管理委员会', '自治县', '自治州', '自治区', '自治旗',
  '村委会', '居委会', '办事处', '管委会', '街道', '社区', '地区',
  '省', '市', '区', '县', '旗', '盟', '镇', '乡', '村', '嘎查',
];

const FOLD: Record<string, string> = { 鎮: '镇', 鄉: '乡', 區: '区', 縣: '县', 會: '会', 辦: '办', 處: '处', 員: '员' };

/** Folds width, removes spaces and pinyin glosses a converter left behind (鎮(zhèn) → 鎮). */
export function normalisePlaceName(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\([a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]+\)/gi, '');
}

/**
 * A name split into its stem and its administrative suffix (in simplified characters); stems
 * keep at least two characters and their own spelling.
 */
export function splitPlaceName(name: string): { stem: string; suffix: string } {
  let stem = normalisePlaceName(name);
  let folded = stem.replace(/[鎮鄉區縣會辦處員]/g, (c) => FOLD[c] ?? c);
  let suffix = '';
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of SUFFIXES) {
      if (folded.endsWith(s) && [...folded].length - [...s].length >= 2) {
        stem = stem.slice(0, -s.length);
        folded = folded.slice(0, -s.length);
        suffix = s + suffix;
        changed = true;
        break;
      }
    }
  }
  return { stem, suffix };
}

const readings = new Map<string, Set<string>>();

/** Toneless pinyin readings of one character (the character itself when it has none). */
function readingsOf(char: string): Set<string> {
  let found = readings.get(char);
  if (!found) {
    const all = pinyin(char, { toneType: 'none', type: 'array', multiple: true }) as string[];
    found = new Set(all.filter((p) => /^[a-zü]+$/.test(p)));
    if (found.size === 0) found.add(char);
    readings.set(char, found);
  }
  return found;
}

function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  const ra = readingsOf(a);
  for (const r of readingsOf(b)) if (ra.has(r)) return HOMOPHONE_COST;
  return 1;
}

/** Similarity of two stems, 0..1: 1 − weighted edit distance / longer length. */
export function stemSimilarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0 && y.length === 0) return 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitutionCost(x[i - 1], y[j - 1]));
    }
    previous = current;
  }
  return Math.max(0, 1 - previous[y.length] / Math.max(x.length, y.length));
}

/** How likely `candidate` is the place written as `name`, 0..1. */
export function placeNameConfidence(name: string, candidate: string): number {
  const a = normalisePlaceName(name);
  const b = normalisePlaceName(candidate);
  if (a === b) return 1;
  const sa = splitPlaceName(a);
  const sb = splitPlaceName(b);
  const similarity = stemSimilarity(sa.stem, sb.stem);
  const kind = (suffix: string) => SUFFIX_KINDS[suffix] ?? suffix;
  const factor = sa.suffix === sb.suffix ? 1 : sa.suffix && kind(sa.suffix) === kind(sb.suffix) ? SUFFIX_SPELLING : SUFFIX_CHANGE;
  return Math.round(similarity * factor * 1000) / 1000;
}

/** Match `name` against the places under one parent. */
export function matchPlaceName(name: string, candidates: readonly PlaceCandidate[]): PlaceMatch {
  const wanted = normalisePlaceName(name);
  if (wanted === '') return { status: 'unknown', confidence: 0, alternatives: [] };
  const scored = candidates
    .map((c) => ({ code: c.code, name: c.name, confidence: placeNameConfidence(wanted, c.name) }))
    .sort((p, q) => q.confidence - p.confidence || p.code.localeCompare(q.code));
  const [best, second] = scored;
  const likely = scored.filter((c) => c.confidence >= ALTERNATIVE_FLOOR);
  if (!best || best.confidence < MATCH_THRESHOLD) {
    return { status: 'unknown', confidence: best?.confidence ?? 0, alternatives: likely.slice(0, MAX_ALTERNATIVES) };
  }
  const exactWins = best.confidence === 1 && (second?.confidence ?? 0) < 1;
  if (!exactWins && second && second.confidence >= MATCH_THRESHOLD && best.confidence - second.confidence < AMBIGUITY_MARGIN) {
    const close = scored.filter((c) => c.confidence >= MATCH_THRESHOLD && best.confidence - c.confidence < AMBIGUITY_MARGIN);
    return { status: 'ambiguous', confidence: best.confidence, alternatives: close.slice(0, MAX_ALTERNATIVES) };
  }
  return {
    status: best.confidence === 1 ? 'exact' : 'matched',
    code: best.code,
    name: best.name,
    confidence: best.confidence,
    alternatives: likely.slice(1, 1 + MAX_ALTERNATIVES),
  };
}
