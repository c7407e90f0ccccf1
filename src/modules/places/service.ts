/**
 * Use cases of the administrative hierarchy: a place with its path, its children with registry
 * counts, the place-selector search, and matching imported place names to codes. The one home
 * of place look-ups for every module (`placeExists`, `placeNames`, `placeByCode`, `placeNameOf`,
 * `childPlaces`, `reachablePlace`): other modules do not read the place table themselves.
 */
import type { Db } from '../../db/database';
import { ALL_PLACES, scopeContains, type PlaceScope } from '../../db/placeScope';
import { pathCodes } from '../../domain/placeCode';
import { matchPlaceName, type PlaceMatch } from '../../domain/placeMatch';
import { notFound } from '../../server/errors';
import {
  NATION,
  countRegistryByChild,
  findPlace,
  findPlaces,
  listChildren,
  listDescendantsAtLevel,
  searchPlaceRows,
  type PlaceRow,
} from './queries';

export { NATION, pathCodes };
export { loadPlaces, ensurePlaces } from './load';
export { createPlaceResolver, resolvePlacePath, type PlaceNames, type PlaceResolution, type PlaceResolver } from './resolve';

export interface PlaceStep {
  code: string;
  name: string;
  level: number;
}

export interface PlaceDetail extends PlaceStep {
  parentCode: string | null;
  /** From the province down to the place itself (empty for the nation). */
  path: PlaceStep[];
}

export interface PlaceChild extends PlaceStep {
  households: number;
  persons: number;
  poorHouseholds: number;
  poorPersons: number;
}

export const NATION_NAME = '全国';

const stepOf = (p: PlaceRow): PlaceStep => ({ code: p.code, name: p.name, level: p.level });

/** The villages (level 5) under a place, by code (villages module: lists and imports). */
export async function villagesUnder(db: Db, code: string): Promise<(PlaceStep & { parentCode: string | null })[]> {
  return (await listDescendantsAtLevel(db, code, 5)).map((p) => ({ ...stepOf(p), parentCode: p.parentCode }));
}

/** True when the place table has the code (the nation '0' is no row of it). */
export async function placeExists(db: Db, code: string): Promise<boolean> {
  return (await findPlace(db, code)) !== undefined;
}

/** A place of the table by code, or undefined (the nation '0' is no row of it). */
export async function placeByCode(db: Db, code: string): Promise<PlaceStep | undefined> {
  const place = await findPlace(db, code);
  return place && stepOf(place);
}

/**
 * The places of these codes that exist, by code. The nation ('0') is among them only when
 * `withNation` is set (name 全国, level 0); otherwise, like an unknown code, it is absent.
 */
export async function placeNames(db: Db, codes: readonly string[], options: { withNation?: boolean } = {}): Promise<Map<string, PlaceStep>> {
  const names = new Map<string, PlaceStep>();
  if (options.withNation && codes.includes(NATION)) names.set(NATION, { code: NATION, name: NATION_NAME, level: 0 });
  const wanted = [...new Set(codes.filter((c) => c !== NATION))];
  for (const p of await findPlaces(db, wanted)) names.set(p.code, stepOf(p));
  return names;
}

/** The name of a place for a title or a file name: 全国 for '0', the code itself when unknown. */
export async function placeNameOf(db: Db, code: string): Promise<string> {
  return (await placeNames(db, [code], { withNation: true })).get(code)?.name ?? code;
}

/** The children of a place ('0': the provinces), sorted by code. */
export async function childPlaces(db: Db, code: string): Promise<PlaceStep[]> {
  return (await listChildren(db, code)).map(stepOf);
}

/** The places of one level (3: counties) at or under a place ('0': the nation) that the scope reaches, sorted by code. */
export async function placesAtLevel(db: Db, code: string, level: number, scope: PlaceScope = ALL_PLACES): Promise<PlaceStep[]> {
  return (await listDescendantsAtLevel(db, code, level)).filter((p) => scopeContains(scope, p.code)).map(stepOf);
}

/**
 * A place the scope reaches, by code: the nation only for a nationwide scope. 404 for an
 * unknown place and for one outside the scope alike.
 */
export async function reachablePlace(db: Db, scope: PlaceScope, code: string): Promise<{ code: string; name: string }> {
  if (code === NATION) {
    if (!scope.all) throw notFound(`行政区划 0（${NATION_NAME}）`);
    return { code: NATION, name: NATION_NAME };
  }
  const place = await findPlace(db, code);
  if (!place || !scopeContains(scope, code)) throw notFound(`行政区划 ${code} `);
  return { code: place.code, name: place.name };
}

async function pathsOf(db: Db, codes: string[]): Promise<Map<string, PlaceStep[]>> {
  const wanted = [...new Set(codes.flatMap(pathCodes))];
  const byCode = new Map((await findPlaces(db, wanted)).map((p) => [p.code, p]));
  const paths = new Map<string, PlaceStep[]>();
  for (const code of codes) {
    const steps = pathCodes(code).flatMap((c) => {
      const p = byCode.get(c);
      return p ? [{ code: p.code, name: p.name, level: p.level }] : [];
    });
    paths.set(code, steps);
  }
  return paths;
}

/** A place (code '0': the nation) with its path from the province down; 404 when unknown. */
export async function getPlace(db: Db, code: string): Promise<PlaceDetail> {
  if (code === NATION) return { code: NATION, name: NATION_NAME, level: 0, parentCode: null, path: [] };
  const place = await findPlace(db, code);
  if (!place) throw notFound(`行政区划 ${code} `);
  const path = (await pathsOf(db, [code])).get(code) ?? [];
  return { code: place.code, name: place.name, level: place.level, parentCode: place.parentCode, path };
}

/**
 * The children of a place, sorted by code, each with the registry households and persons under
 * it (all, and poor: status poor or returned) as far as `scope` lets the caller see.
 */
export async function listPlaceChildren(db: Db, code: string, scope: PlaceScope = ALL_PLACES): Promise<{ place: PlaceStep; children: PlaceChild[] }> {
  const place = await getPlace(db, code);
  const children = await listChildren(db, code);
  const counts = children.length ? await countRegistryByChild(db, code, place.level + 1, scope) : [];
  const byCode = new Map(counts.map((c) => [c.code, c]));
  return {
    place: { code: place.code, name: place.name, level: place.level },
    children: children.map((child) => {
      const c = byCode.get(child.code);
      return {
        code: child.code,
        name: child.name,
        level: child.level,
        households: c?.households ?? 0,
        persons: c?.persons ?? 0,
        poorHouseholds: c?.poorHouseholds ?? 0,
        poorPersons: c?.poorPersons ?? 0,
      };
    }),
  };
}

export const SEARCH_LIMIT = 20;

/** Up to 20 places whose name contains `q` (or whose code starts with it), under `within`, with their paths. */
export async function searchPlaces(db: Db, q: string, within: string = NATION): Promise<(PlaceStep & { path: PlaceStep[] })[]> {
  const text = q.trim();
  if (within !== NATION) await getPlace(db, within);
  const rows: PlaceRow[] = await searchPlaceRows(db, text, within, SEARCH_LIMIT);
  const paths = await pathsOf(db, rows.map((r) => r.code));
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, path: paths.get(r.code) ?? [] }));
}

/** Match an imported name against the children of `parentCode` ('0': the provinces). */
export async function matchPlaceUnder(db: Db, parentCode: string, name: string): Promise<PlaceMatch> {
  const children = await listChildren(db, parentCode);
  return matchPlaceName(name, children);
}
