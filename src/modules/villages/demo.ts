/**
 * Demo village records from the seeds (issue 18, item 8), written after the demo households:
 * - 连州市星子镇 (seed 003): its 11 相对贫困村 — the six the plan names (昌黎、四方、水源、东红、
 *   赤塘、马水), the four it names for roads, tourism and relocation (清江、上庄、姜联、周联) and
 *   the village with the most registered poor besides — identified in 2016 (per-capita income
 *   below 8000, relative-poor share at least 5%) and, in 2019, above 60% of the provincial average.
 * - 龙陵县龙山镇 (seed 000): the infrastructure items of the spring offensive (4G deep coverage
 *   with a few blind spots left, hardened roads to natural villages, 卫生室, 危房 being cleared).
 * - 商丘市 (seed 001): village populations such that the national 10% rule lists some 贫困村.
 * What the seeds do not give (populations, incomes, which villages are 贫困村) is invented from a
 * fixed hash of the village code and labelled 演示数据 in each record's note.
 */
import type { Db } from '../../db/database';
import { villagesUnder } from '../places/service';
import * as q from './queries';

const NOTE = '演示数据：人口、收入和设施数值为演示而设，非 seed 原文';
const XINGZI_TOWNSHIP = '441882101';
const XINGZI_NAMED = ['昌黎', '四方', '水源', '东红', '赤塘', '马水', '清江', '上庄', '姜联', '周联'];
const LONGSHAN_TOWNSHIP = '530523101';
const SHANGQIU = '4114';
const YEAR = 2019;

/** A fixed pseudo-random number in [0, 1) from a code and a salt. */
function hash01(code: string, salt: number): number {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 16777619);
  return ((h >>> 0) % 100000) / 100000;
}
const between = (code: string, salt: number, low: number, high: number) => low + hash01(code, salt) * (high - low);

type Row = q.NewVillageRecord;

function base(f: q.RegistryFigures, year: number, at: Date): Row {
  const c = f.villageCode;
  return {
    county_code: c.slice(0, 6), village_code: c, year, township_code: f.townshipCode, registered_population: f.persons,
    resident_population: null, households: null, poor_village: false, poor_village_year: null, exit_year: null,
    relative_poor_village: false, relative_poor_year: null, deep_poor_village: false, deep_poor_year: null,
    road_to_village: true, road_natural_villages: 1, power: true, broadband: true, mobile_4g: true, safe_water: true, safe_water_share: 1,
    dangerous_houses: 0, clinic: true, culture_room: true, school: hash01(c, 7) < 0.5 ? 'teaching_point' : 'school', service_center: true,
    first_secretary: null, work_team: null, income_operating: Math.round(between(c, 3, 8000, 40000)), income_contract: Math.round(between(c, 4, 0, 8000)),
    income_investment: Math.round(between(c, 5, 0, 12000)), income_subsidy: Math.round(between(c, 6, 20000, 80000)), income_other: null, per_capita_income: null,
    note: NOTE, updated_by: '演示数据', updated_at: at,
  };
}

/** Population from the registry persons and the share of them in it (never below the registry). */
function population(row: Row, persons: number, share: number): void {
  row.registered_population = Math.max(persons, Math.round(persons / share));
  row.resident_population = Math.round(row.registered_population * between(row.village_code, 8, 0.72, 0.9));
  row.households = Math.round(row.registered_population / between(row.village_code, 9, 3.2, 4.1));
}

async function xingzi(db: Db, at: Date): Promise<Row[]> {
  const [villages, in2016, in2019] = await Promise.all([villagesUnder(db, XINGZI_TOWNSHIP), q.registryFigures(db, XINGZI_TOWNSHIP, 2016), q.registryFigures(db, XINGZI_TOWNSHIP, YEAR)]);
  const names = new Map(villages.map((v) => [v.code, v.name]));
  const named = villages.filter((v) => XINGZI_NAMED.some((n) => v.name.startsWith(n))).map((v) => v.code);
  const rest = in2016.filter((f) => !named.includes(f.villageCode)).sort((a, b) => b.poorPersons - a.poorPersons).map((f) => f.villageCode);
  const relative = new Set([...named, ...rest].slice(0, 11));
  const rows: Row[] = [];
  const of2019 = new Map(in2019.map((f) => [f.villageCode, f]));
  for (const f of in2016) {
    const isRelative = relative.has(f.villageCode);
    const share = isRelative ? between(f.villageCode, 1, 0.16, 0.3) : between(f.villageCode, 1, 0.02, 0.05);
    const r16 = base(f, 2016, at);
    population(r16, f.persons, share);
    Object.assign(r16, { relative_poor_village: isRelative, relative_poor_year: isRelative ? 2016 : null, per_capita_income: Math.round(isRelative ? between(f.villageCode, 2, 5600, 7800) : between(f.villageCode, 2, 8200, 11000)) });
    const r19 = { ...r16, year: YEAR, registered_population: Math.max(r16.registered_population, of2019.get(f.villageCode)?.persons ?? 0), exit_year: isRelative ? 2018 : null,
      per_capita_income: Math.round(between(f.villageCode, 2, 11400, 14200)), first_secretary: isRelative ? `${names.get(f.villageCode)?.slice(0, 2) ?? ''}村第一书记（演示）` : null };
    rows.push(r16, r19);
  }
  return rows;
}

async function longshan(db: Db, at: Date): Promise<Row[]> {
  const figures = (await q.registryFigures(db, LONGSHAN_TOWNSHIP, YEAR)).sort((a, b) => b.persons - a.persons);
  return figures.map((f, i) => {
    const c = f.villageCode;
    const row = base(f, YEAR, at);
    population(row, f.persons, between(c, 1, 0.2, 0.45));
    const poor = i < Math.ceil(figures.length / 2);
    Object.assign(row, {
      poor_village: poor, poor_village_year: poor ? 2014 : null, exit_year: poor && hash01(c, 11) < 0.5 ? 2018 : null,
      deep_poor_village: poor && hash01(c, 12) < 0.3, deep_poor_year: poor && hash01(c, 12) < 0.3 ? 2017 : null,
      // seed 000: 4G deep coverage of the poor villages, with blind spots still to remove; roads into
      // households and natural villages being finished; 危房 cleared in the spring offensive.
      mobile_4g: hash01(c, 13) > 0.2, road_natural_villages: Math.round(between(c, 14, 0.8, 1.0001) * 100) / 100, dangerous_houses: hash01(c, 15) < 0.3 ? Math.ceil(between(c, 16, 1, 4)) : 0,
      first_secretary: poor ? '驻村第一书记（演示）' : null, work_team: poor ? '驻村工作队 3 人（演示）' : null,
    });
    return row;
  });
}

async function shangqiu(db: Db, at: Date): Promise<Row[]> {
  const figures = await q.registryFigures(db, SHANGQIU, YEAR);
  const ranked = [...figures].sort((a, b) => b.poorPersons - a.poorPersons || a.villageCode.localeCompare(b.villageCode));
  const listed = new Set(ranked.slice(0, 12).map((f) => f.villageCode));
  const poorVillages = new Set(ranked.slice(0, Math.ceil(ranked.length * 0.25)).map((f) => f.villageCode));
  return figures.map((f) => {
    const c = f.villageCode;
    const row = base(f, YEAR, at);
    const incidence = listed.has(c) ? between(c, 1, 0.105, 0.14) : between(c, 1, 0.01, 0.07);
    population(row, f.persons, f.poorPersons > 0 ? (incidence * f.persons) / f.poorPersons : 0.05);
    const poor = poorVillages.has(c);
    Object.assign(row, { poor_village: poor, poor_village_year: poor ? 2014 : null, exit_year: poor && !listed.has(c) && hash01(c, 11) < 0.4 ? 2019 : null });
    return row;
  });
}

/** Write the demo village records (one statement per thousand rows). */
export async function loadVillageDemo(db: Db, at: Date = new Date()): Promise<number> {
  const rows = [...(await xingzi(db, at)), ...(await longshan(db, at)), ...(await shangqiu(db, at))];
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('village_record').values(rows.slice(i, i + 1000)).execute();
  return rows.length;
}
