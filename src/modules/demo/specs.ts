/**
 * From the seeds' figures to one line per household: where it is, its size, status, exit year
 * and main cause. Every total of plan.ts is met exactly here; generate.ts fills in the rest.
 */
import { splitProportionally, spreadCapped, householdSizes } from './allocate';
import { CHAYU, LONGSHAN, SHANGQIU_ANNEX, SHANGQIU_CITY, SHANGQIU_COUNTIES, SHANGQIU_EXITED, XINGZI, type ShangqiuCounty } from './plan';
import { profileFor } from './profiles';
import type { Random } from './random';

export interface TownshipPlace {
  code: string;
  name: string;
  villages: { code: string; name: string }[];
}

/** The townships (with their villages) of the demo regions, read from the place table. */
export type DemoPlaces = ReadonlyMap<string, TownshipPlace>;

export interface HouseholdSpec {
  countyCode: string;
  townshipCode: string;
  status: 'poor' | 'exited';
  exitYear: number | null;
  size: number;
  mainCause: string;
  relocated: boolean;
}

export function townshipsOf(places: DemoPlaces, countyCode: string): TownshipPlace[] {
  const list = [...places.values()].filter((t) => t.code.startsWith(countyCode) && t.villages.length > 0);
  return list.sort((a, b) => a.code.localeCompare(b.code));
}

function township(places: DemoPlaces, code: string, name: string): TownshipPlace {
  const t = places.get(code);
  if (!t) throw new Error(`行政区划中找不到乡镇 ${name}（${code}），请先载入行政区划`);
  if (t.name !== name) throw new Error(`乡镇 ${code} 在行政区划中名为“${t.name}”，演示数据计划为“${name}”`);
  if (t.villages.length === 0) throw new Error(`乡镇 ${name}（${code}）在行政区划中没有村`);
  return t;
}

function drawCause(rng: Random, countyCode: string, size: number): string {
  const causes = profileFor(countyCode).causes.filter(([c]) => size > 1 || c !== 'schooling');
  return rng.weighted(causes);
}

/** Exact cause counts over the households; 因学 only where someone can be the student. */
function assignCauses(rng: Random, specs: HouseholdSpec[], counts: Readonly<Record<string, number>>): void {
  const causes = rng.shuffle(Object.entries(counts).flatMap(([cause, n]) => new Array<string>(n).fill(cause)));
  if (causes.length !== specs.length) throw new Error(`致贫原因合计 ${causes.length} 户，与户数 ${specs.length} 不符`);
  specs.forEach((s, i) => (s.mainCause = causes[i]));
  specs.forEach((s, i) => {
    if (s.mainCause !== 'schooling' || s.size > 1) return;
    const j = specs.findIndex((o, k) => k !== i && o.size > 2 && o.mainCause !== 'schooling');
    [s.mainCause, specs[j].mainCause] = [specs[j].mainCause, s.mainCause];
  });
}

function shangqiuPoor(rng: Random, places: DemoPlaces, county: ShangqiuCounty): HouseholdSpec[] {
  const all = townshipsOf(places, county.code);
  if (all.length === 0) throw new Error(`行政区划中找不到${county.name}（${county.code}）的乡镇，请先载入行政区划`);
  const listed = SHANGQIU_ANNEX.filter((a) => a.countyCode === county.code);
  const targets = new Map<string, number>(listed.map((a) => [township(places, a.code, a.name).code, a.persons]));
  const others = all.filter((t) => !targets.has(t.code));
  const rest = county.persons - listed.reduce((n, a) => n + a.persons, 0);
  spreadCapped(rng, rest, others.length, SHANGQIU_CITY.townshipLimit - 1).forEach((p, i) => targets.set(others[i].code, p));
  const codes = [...targets.keys()].sort();
  const persons = codes.map((c) => targets.get(c)!);
  const households = county.households ?? Math.round(county.persons / 2.1);
  const perTownship = splitProportionally(households, persons);
  const maxSize = profileFor(county.code).maxSize;
  const specs = codes.flatMap((code, i) =>
    householdSizes(rng, perTownship[i], persons[i], maxSize).map(
      (size): HouseholdSpec => ({ countyCode: county.code, townshipCode: code, status: 'poor', exitYear: null, size, mainCause: '', relocated: false }),
    ),
  );
  if (county.causes) assignCauses(rng, specs, county.causes);
  else specs.forEach((s) => (s.mainCause = drawCause(rng, county.code, s.size)));
  return specs;
}

function shangqiuExited(rng: Random, places: DemoPlaces, county: ShangqiuCounty, poorHouseholds: number): HouseholdSpec[] {
  const all = townshipsOf(places, county.code);
  const households = Math.round(poorHouseholds * SHANGQIU_EXITED.perPoorHousehold);
  const perTownship = splitProportionally(households, all.map(() => 0.4 + rng.next()));
  const maxSize = profileFor(county.code).maxSize;
  return all.flatMap((t, i) =>
    householdSizes(rng, perTownship[i], Math.round(perTownship[i] * SHANGQIU_EXITED.meanSize), maxSize).map(
      (size): HouseholdSpec => ({
        countyCode: county.code,
        townshipCode: t.code,
        status: 'exited',
        exitYear: rng.weighted(SHANGQIU_EXITED.years),
        size,
        mainCause: drawCause(rng, county.code, size),
        relocated: false,
      }),
    ),
  );
}

export function shangqiuSpecs(rng: Random, places: DemoPlaces, county: ShangqiuCounty): HouseholdSpec[] {
  const poor = shangqiuPoor(rng, places, county);
  return [...poor, ...shangqiuExited(rng, places, county, poor.length)];
}

export function chayuSpecs(rng: Random, places: DemoPlaces): HouseholdSpec[] {
  const perBucket = splitProportionally(CHAYU.households, CHAYU.exits.map((e) => e.persons));
  const specs = CHAYU.exits.flatMap((e, i) => {
    const t = township(places, e.townshipCode, e.name);
    return householdSizes(rng, perBucket[i], e.persons, profileFor(CHAYU.countyCode).maxSize).map(
      (size): HouseholdSpec => ({
        countyCode: CHAYU.countyCode,
        townshipCode: t.code,
        status: 'exited',
        exitYear: e.year,
        size,
        mainCause: drawCause(rng, CHAYU.countyCode, size),
        relocated: false,
      }),
    );
  });
  rng.shuffle(specs.map((_, i) => i)).slice(0, CHAYU.relocatedHouseholds).forEach((i) => (specs[i].relocated = true));
  return specs;
}

export function xingziSpecs(rng: Random, places: DemoPlaces): HouseholdSpec[] {
  const t = township(places, XINGZI.townshipCode, XINGZI.name);
  const perYear = splitProportionally(XINGZI.households, XINGZI.exits.map((e) => e.persons));
  return XINGZI.exits.flatMap((e, i) =>
    householdSizes(rng, perYear[i], e.persons, profileFor(XINGZI.countyCode).maxSize).map(
      (size): HouseholdSpec => ({
        countyCode: XINGZI.countyCode,
        townshipCode: t.code,
        status: 'exited',
        exitYear: e.year,
        size,
        mainCause: drawCause(rng, XINGZI.countyCode, size),
        relocated: false,
      }),
    ),
  );
}

export function longshanSpecs(rng: Random, places: DemoPlaces): HouseholdSpec[] {
  const t = township(places, LONGSHAN.townshipCode, LONGSHAN.name);
  const counts = splitProportionally(LONGSHAN.households, LONGSHAN.exitYears.map(([, w]) => w));
  const years = rng.shuffle(LONGSHAN.exitYears.flatMap(([year], i) => new Array<number | null>(counts[i]).fill(year)));
  const sizes = householdSizes(rng, LONGSHAN.households, LONGSHAN.persons, profileFor(LONGSHAN.countyCode).maxSize);
  return sizes.map((size, i) => ({
    countyCode: LONGSHAN.countyCode,
    townshipCode: t.code,
    status: years[i] === null ? 'poor' : 'exited',
    exitYear: years[i],
    size,
    mainCause: drawCause(rng, LONGSHAN.countyCode, size),
    relocated: true,
  }));
}

/** Every county's household lines, in a fixed order. */
export function demoSpecs(seed: (countyCode: string) => Random, places: DemoPlaces): Map<string, HouseholdSpec[]> {
  const byCounty = new Map<string, HouseholdSpec[]>();
  for (const county of SHANGQIU_COUNTIES) byCounty.set(county.code, shangqiuSpecs(seed(county.code), places, county));
  byCounty.set(CHAYU.countyCode, chayuSpecs(seed(CHAYU.countyCode), places));
  byCounty.set(XINGZI.countyCode, xingziSpecs(seed(XINGZI.countyCode), places));
  byCounty.set(LONGSHAN.countyCode, longshanSpecs(seed(LONGSHAN.countyCode), places));
  return byCounty;
}
