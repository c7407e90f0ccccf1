/**
 * Resolving imported place names (省/市/县/乡镇/村, any of them) to a code, top down: each given
 * level is matched among the places under the one resolved above it. A fuzzy match is kept with
 * a note saying what was read as what; an unknown or ambiguous name stops the resolution with a
 * reason that names the level, the name, where it was looked for and the nearest places.
 */
import type { Db } from '../../db/database';
import { matchPlaceName, type PlaceAlternative, type PlaceCandidate } from '../../domain/placeMatch';
import { NATION, listChildren, listDescendantsAtLevel } from './queries';

export interface PlaceNames {
  province?: string | null;
  city?: string | null;
  county?: string | null;
  township?: string | null;
  village?: string | null;
}

export interface ResolvedPlace {
  level: number;
  code: string;
  name: string;
  /** The name as given. */
  given: string;
  confidence: number;
}

export type PlaceResolution =
  | {
      ok: true;
      /** Code of the finest level given (the village when it was given). */
      code: string;
      level: number;
      path: ResolvedPlace[];
      /** One line per level matched by similarity rather than by the same name. */
      notes: string[];
    }
  | {
      ok: false;
      /** The level that failed (1 province … 5 village), 0 when nothing was given. */
      level: number;
      field: keyof PlaceNames | null;
      name: string;
      reason: string;
      alternatives: PlaceAlternative[];
    };

const LEVELS: { level: number; field: keyof PlaceNames; label: string }[] = [
  { level: 1, field: 'province', label: '省' },
  { level: 2, field: 'city', label: '市' },
  { level: 3, field: 'county', label: '县（区）' },
  { level: 4, field: 'township', label: '乡（镇、街道）' },
  { level: 5, field: 'village', label: '村（社区）' },
];

export interface PlaceResolver {
  resolve(names: PlaceNames): Promise<PlaceResolution>;
}

function listAlternatives(alternatives: PlaceAlternative[]): string {
  return alternatives.map((a) => `${a.name}（${a.code}，相似度 ${a.confidence.toFixed(2)}）`).join('、');
}

/**
 * A resolver that remembers the places it read under each parent and the answer for each
 * combination of names: an import resolves each distinct combination once, with a few queries
 * per distinct parent. Use it within one transaction (or while places do not change).
 */
export function createPlaceResolver(db: Db): PlaceResolver {
  const candidates = new Map<string, Promise<PlaceCandidate[]>>();
  const answers = new Map<string, Promise<PlaceResolution>>();

  const placesUnder = (ancestor: string, ancestorLevel: number, level: number) => {
    const key = `${ancestor}/${level}`;
    let found = candidates.get(key);
    if (!found) {
      found = level === ancestorLevel + 1 ? listChildren(db, ancestor) : listDescendantsAtLevel(db, ancestor, level);
      candidates.set(key, found);
    }
    return found;
  };

  const resolveOnce = async (names: PlaceNames): Promise<PlaceResolution> => {
    let current = NATION;
    let currentLevel = 0;
    const path: ResolvedPlace[] = [];
    const notes: string[] = [];
    for (const { level, field, label } of LEVELS) {
      const given = names[field]?.trim();
      if (!given) continue;
      const above = path[path.length - 1];
      const where = above ? `${above.name}（${above.code}）` : '全国';
      const match = matchPlaceName(given, await placesUnder(current, currentLevel, level));
      if ((match.status === 'exact' || match.status === 'matched') && match.code && match.name) {
        if (match.status === 'matched') {
          notes.push(`${label}「${given}」按「${match.name}」（${match.code}）匹配，相似度 ${match.confidence.toFixed(2)}`);
        }
        path.push({ level, code: match.code, name: match.name, given, confidence: match.confidence });
        current = match.code;
        currentLevel = level;
        continue;
      }
      const reason =
        match.status === 'ambiguous'
          ? `${label}「${given}」在${where}下有多个相近的地名：${listAlternatives(match.alternatives)}，请写出全称`
          : `${label}「${given}」在${where}下找不到` + (match.alternatives.length ? `；最接近的有：${listAlternatives(match.alternatives)}` : '');
      return { ok: false, level, field, name: given, reason, alternatives: match.alternatives };
    }
    const last = path[path.length - 1];
    if (!last) return { ok: false, level: 0, field: null, name: '', reason: '没有填写任何行政区划名称（省、市、县、乡镇、村）', alternatives: [] };
    return { ok: true, code: last.code, level: last.level, path, notes };
  };

  return {
    resolve(names) {
      const key = LEVELS.map(({ field }) => names[field]?.trim() ?? '').join('\u0001');
      let answer = answers.get(key);
      if (!answer) {
        answer = resolveOnce(names);
        answers.set(key, answer);
      }
      return answer;
    },
  };
}

/** Resolve one combination of place names to the code of its finest level, or say why not. */
export async function resolvePlacePath(db: Db, names: PlaceNames): Promise<PlaceResolution> {
  return createPlaceResolver(db).resolve(names);
}
