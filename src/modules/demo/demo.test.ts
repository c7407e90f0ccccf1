/**
 * The demo registry against the seeds' figures, read back from the database by SQL, on both
 * databases. On PostgreSQL it loads into a schema of its own (the test database is shared).
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../db/database';
import { parseIdNumber, ageOn } from '../../domain/idNumber';
import { loadPlaces } from '../places/load';
import { testDatabases, type TestDatabase } from '../../../test/helpers/databases';
import { CHAYU, DEMO_PLACE_PREFIXES, LONGSHAN, SHANGQIU_ANNEX, SHANGQIU_COUNTIES, XINGZI } from './plan';
import { DemoAlreadyLoadedError, hasDemoPlaces, loadDemo } from './service';
import { readDemoPlaces } from './queries';
import { generateDemo } from './generate';
import { fromRegistryRows } from '../../domain/assessment/fromRegistryRows';
import { assessHousehold } from '../../domain/assessment/assessHousehold';
import { resolvePolicy } from '../../domain/policy/resolve';
import { DEFAULT_POLICY_RECORDS } from '../../domain/policy/defaults';

interface Isolated {
  database: Database;
  drop: () => Promise<void>;
}

async function openIsolated(t: TestDatabase): Promise<Isolated> {
  const url = process.env.DATABASE_URL;
  if (t.name !== 'postgres' || !url) {
    const database = await t.open();
    return { database, drop: () => database.close() };
  }
  const schema = `demo_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema},public`);
  const database = await openDatabase({ url: scoped.toString() });
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

const rowsOf = async <T>(database: Database, query: ReturnType<typeof sql<T>>) => (await query.execute(database.db)).rows;

describe.each(testDatabases)('demo data on $name', (t) => {
  let iso: Isolated;
  let database: Database;
  const progress: string[] = [];
  let summary: Awaited<ReturnType<typeof loadDemo>>;

  beforeAll(async () => {
    iso = await openIsolated(t);
    database = iso.database;
    await loadPlaces(database, { prefixes: [...DEMO_PLACE_PREFIXES] });
    summary = await loadDemo(database, { onProgress: (p) => progress.push(p.message) });
  });

  afterAll(async () => {
    await iso?.drop();
  });

  it('reports progress county by county and what it wrote', async () => {
    const counts = await rowsOf(database, sql<{ households: number; persons: number }>`
      SELECT (SELECT count(*) FROM household)::int AS households, (SELECT count(*) FROM person)::int AS persons`);
    expect(counts).toEqual([{ households: summary.households, persons: summary.persons }]);
    const audit = await rowsOf(database, sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE action = 'registry.demo_load'`);
    expect(audit).toEqual([{ n: 1 }]);
    expect(progress).toHaveLength(12);
    expect(progress[0]).toContain('夏邑县');
    expect(progress[11]).toContain('12/12');
  });

  it('has 夏邑 and 虞城 remaining poor with seed 001’s households, persons and causes', async () => {
    const rows = await rowsOf(
      database,
      sql<{ county_code: string; main_cause: string; households: number; persons: number }>`
        SELECT county_code, main_cause, count(*)::int AS households, sum(size)::int AS persons
        FROM household WHERE status = 'poor' AND county_code IN ('411426', '411425')
        GROUP BY county_code, main_cause`,
    );
    for (const county of SHANGQIU_COUNTIES.filter((c) => c.causes)) {
      const mine = rows.filter((r) => r.county_code === county.code);
      expect(Object.fromEntries(mine.map((r) => [r.main_cause, r.households]))).toEqual(county.causes);
      expect(mine.reduce((n, r) => n + r.households, 0)).toBe(county.households);
    }
    const persons = await rowsOf(
      database,
      sql<{ county_code: string; persons: number }>`
        SELECT h.county_code, count(*)::int AS persons
        FROM person p JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
        WHERE h.status = 'poor' AND h.county_code IN ('411426', '411425') GROUP BY h.county_code ORDER BY h.county_code`,
    );
    expect(persons).toEqual([
      { county_code: '411425', persons: 7590 },
      { county_code: '411426', persons: 6352 },
    ]);
  });

  it('gives the 28 annex townships exactly their remaining poor persons, every other 商丘 township fewer than 300', async () => {
    const rows = await rowsOf(
      database,
      sql<{ township_code: string; name: string; persons: number }>`
        SELECT h.township_code, pl.name, count(*)::int AS persons
        FROM person p JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
        JOIN place pl ON pl.code = h.township_code
        WHERE h.status = 'poor' AND h.county_code LIKE '4114%' GROUP BY h.township_code, pl.name`,
    );
    const byCode = new Map(rows.map((r) => [r.township_code, r]));
    for (const a of SHANGQIU_ANNEX) {
      expect({ annex: a.annexName, name: byCode.get(a.code)?.name, persons: byCode.get(a.code)?.persons }).toEqual({
        annex: a.annexName,
        name: a.name,
        persons: a.persons,
      });
    }
    expect(SHANGQIU_ANNEX.reduce((n, a) => n + a.persons, 0)).toBe(10_833);
    const annexCodes = new Set(SHANGQIU_ANNEX.map((a) => a.code));
    const listed = rows.filter((r) => r.persons >= 300).map((r) => r.township_code);
    expect(listed.sort()).toEqual([...annexCodes].sort());
    expect(byCode.get('411425112')?.name).toBe('大候镇');
    expect(byCode.get('411426207')?.name).toBe('桑堌乡');
    expect(byCode.get('411426111')?.name).toBe('北岭镇');
  });

  it('has 29,300 remaining poor persons in 商丘市, only 夏邑 and 虞城 above 5000', async () => {
    const rows = await rowsOf(
      database,
      sql<{ county_code: string; persons: number }>`
        SELECT h.county_code, count(*)::int AS persons
        FROM person p JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
        WHERE h.status = 'poor' AND h.county_code LIKE '4114%' GROUP BY h.county_code`,
    );
    expect(rows.reduce((n, r) => n + r.persons, 0)).toBe(29_300);
    expect(rows.filter((r) => r.persons > 5000).map((r) => r.county_code).sort()).toEqual(['411425', '411426']);
    const exited = await rowsOf(
      database,
      sql<{ exit_year: number; n: number }>`
        SELECT exit_year, count(*)::int AS n FROM household
        WHERE status = 'exited' AND county_code LIKE '4114%' GROUP BY exit_year ORDER BY exit_year`,
    );
    expect(exited.map((r) => r.exit_year)).toEqual([2016, 2017, 2018, 2019]);
    expect(exited.every((r) => r.n > 100)).toBe(true);
  });

  it('has 察隅 1431 households / 6160 persons exiting per township per year as seed 002 plans', async () => {
    const totals = await rowsOf(
      database,
      sql<{ households: number; persons: number; statuses: string[] }>`
        SELECT count(DISTINCT h.household_no)::int AS households, count(*)::int AS persons, array_agg(DISTINCT h.status) AS statuses
        FROM person p JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
        WHERE h.county_code = ${CHAYU.countyCode}`,
    );
    expect(totals).toEqual([{ households: 1431, persons: 6160, statuses: ['exited'] }]);
    const exits = await rowsOf(
      database,
      sql<{ township_code: string; year: number; persons: number }>`
        SELECT h.township_code, s.year, count(*)::int AS persons
        FROM household_status_history s
        JOIN household h ON h.county_code = s.county_code AND h.household_no = s.household_no
        JOIN person p ON p.county_code = h.county_code AND p.household_no = h.household_no
        WHERE h.county_code = ${CHAYU.countyCode} AND s.status = 'exited'
          AND NOT EXISTS (SELECT 1 FROM household_status_history e WHERE e.county_code = s.county_code
                          AND e.household_no = s.household_no AND e.status = 'exited' AND e.year < s.year)
        GROUP BY h.township_code, s.year ORDER BY s.year, h.township_code`,
    );
    const expected = CHAYU.exits
      .map((e) => ({ township_code: e.townshipCode, year: e.year, persons: e.persons }))
      .sort((a, b) => a.year - b.year || a.township_code.localeCompare(b.township_code));
    expect(exits).toEqual(expected);
    const byYear = (y: number) => exits.filter((e) => e.year === y).reduce((n, e) => n + e.persons, 0);
    expect([byYear(2016), byYear(2017), byYear(2018)]).toEqual([2210, 2365, 1585]);
    const mismatched = await rowsOf(
      database,
      sql<{ n: number }>`
        SELECT count(*)::int AS n FROM household h WHERE h.county_code = ${CHAYU.countyCode} AND h.exit_year IS DISTINCT FROM
          (SELECT min(year) FROM household_status_history s WHERE s.county_code = h.county_code AND s.household_no = h.household_no AND s.status = 'exited')`,
    );
    expect(mismatched[0].n).toBe(0);
  });

  it('has 星子镇 1466 households / 3608 persons over its villages, exiting 1082 / 1082 / 1444', async () => {
    const rows = await rowsOf(
      database,
      sql<{ exit_year: number; households: number; persons: number; villages: number }>`
        SELECT h.exit_year, count(DISTINCT h.household_no)::int AS households, count(*)::int AS persons,
               count(DISTINCT h.village_code)::int AS villages
        FROM person p JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
        WHERE h.township_code = ${XINGZI.townshipCode} GROUP BY ROLLUP (h.exit_year) ORDER BY h.exit_year NULLS LAST`,
    );
    expect(rows.map((r) => [r.exit_year, r.persons])).toEqual([[2016, 1082], [2017, 1082], [2018, 1444], [null, 3608]]);
    expect(rows[3].households).toBe(1466);
    expect(rows[3].villages).toBeGreaterThan(10);
  });

  it('has 龙山镇 562 relocation households / 2452 persons', async () => {
    const rows = await rowsOf(
      database,
      sql<{ households: number; persons: number; relocated: boolean[] }>`
        SELECT count(DISTINCT h.household_no)::int AS households, count(*)::int AS persons, array_agg(DISTINCT h.relocated) AS relocated
        FROM person p JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
        WHERE h.township_code = ${LONGSHAN.townshipCode}`,
    );
    expect(rows).toEqual([{ households: 562, persons: 2452, relocated: [true] }]);
  });

  it('has 星子镇’s 11 相对贫困村 identified in 2016 and above 60% of the provincial average in 2019 (seed 003)', async () => {
    const { villageVerdicts } = await import('../villages/service');
    const { ALL_PLACES } = await import('../../db/placeScope');
    const in2016 = await villageVerdicts(database.db, ALL_PLACES, XINGZI.townshipCode, 2016);
    const relative = in2016.filter((v) => v.record?.relative_poor_village);
    expect(relative).toHaveLength(11);
    expect(relative.every((v) => v.verdict.relativeIdentification?.met === true)).toBe(true);
    expect(in2016.filter((v) => !v.record?.relative_poor_village).every((v) => v.verdict.relativeIdentification?.met === false)).toBe(true);
    const in2019 = await villageVerdicts(database.db, ALL_PLACES, XINGZI.townshipCode, 2019);
    expect(in2019.filter((v) => v.verdict.kind === 'relative_exit').map((v) => v.verdict.passed)).toEqual(Array(11).fill(true));
  });

  it('has 龙山镇 village records with seed 000’s 4G blind spots and lists 商丘 villages above 10% for 挂牌督战', async () => {
    const blind = await rowsOf(database, sql<{ n: number; total: number }>`
      SELECT count(*) FILTER (WHERE NOT mobile_4g)::int AS n, count(*)::int AS total FROM village_record WHERE township_code = ${LONGSHAN.townshipCode} AND year = 2019`);
    expect(blind[0].total).toBeGreaterThan(0);
    expect(blind[0].n).toBeGreaterThan(0);
    expect(blind[0].n).toBeLessThan(blind[0].total);
    const { villagesListedByIncidence } = await import('../villages/service');
    const listed = await villagesListedByIncidence(database.db, '4114', 2019, 2020);
    expect(listed.length).toBe(12);
    expect(listed.every((v) => v.poorPersons * 10 > v.registered)).toBe(true);
  });

  it('gives every person a valid ID number of the county with the birth date and sex it encodes', async () => {
    const persons = await database.db.selectFrom('person').select(['county_code', 'id_number', 'birth_date', 'sex']).execute();
    expect(persons.length).toBeGreaterThan(60_000);
    const bad = persons.filter((p) => {
      const r = parseIdNumber(p.id_number);
      return !r.ok || r.converted || r.addressCode !== p.county_code || r.birthDate !== p.birth_date || r.sex !== p.sex;
    });
    expect(bad).toEqual([]);
  });

  it('builds households of one head, members whose ages and sexes fit their relations, sizes that match', async () => {
    const members = await database.db
      .selectFrom('person as p')
      .innerJoin('household as h', (j) => j.onRef('h.county_code', '=', 'p.county_code').onRef('h.household_no', '=', 'p.household_no'))
      .select(['p.household_no', 'p.relation', 'p.sex', 'p.birth_date', 'p.id_number', 'h.head_id_number', 'h.size'])
      .execute();
    const households = new Map<string, typeof members>();
    for (const m of members) households.set(m.household_no, [...(households.get(m.household_no) ?? []), m]);
    const problems: string[] = [];
    const age = (b: string) => ageOn(b, '2019-12-31');
    for (const [no, list] of households) {
      const heads = list.filter((m) => m.relation === 'head');
      if (heads.length !== 1) problems.push(`${no}: ${heads.length} heads`);
      const head = heads[0];
      if (head.id_number !== head.head_id_number) problems.push(`${no}: head id`);
      if (list.length !== head.size) problems.push(`${no}: size ${head.size} ≠ ${list.length}`);
      for (const m of list) {
        const a = age(m.birth_date);
        const h = age(head.birth_date);
        if (m.relation === 'spouse' && (m.sex === head.sex || a < 18)) problems.push(`${no}: spouse`);
        if (['son', 'daughter'].includes(m.relation) && h - a < 18) problems.push(`${no}: child age ${a} head ${h}`);
        if (['father', 'mother'].includes(m.relation) && a - h < 18) problems.push(`${no}: parent age ${a} head ${h}`);
        if (['grandson', 'granddaughter'].includes(m.relation) && h - a < 36) problems.push(`${no}: grandchild`);
        const expectedSex = { son: 'M', father: 'M', grandson: 'M', daughter: 'F', mother: 'F', granddaughter: 'F', daughter_in_law: 'F' }[m.relation];
        if (expectedSex && m.sex !== expectedSex) problems.push(`${no}: ${m.relation} sex ${m.sex}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('keeps a status history from identification to 2019 and incomes that add up and fit the status', async () => {
    const gaps = await rowsOf(
      database,
      sql<{ n: number }>`
        SELECT count(*)::int AS n FROM household h
        WHERE (SELECT count(*) FROM household_status_history s WHERE s.county_code = h.county_code AND s.household_no = h.household_no
                 AND s.year BETWEEN h.identified_year AND 2019) <> 2019 - h.identified_year + 1
           OR EXISTS (SELECT 1 FROM household_status_history s WHERE s.county_code = h.county_code AND s.household_no = h.household_no AND s.year <= 2019
                 AND s.status <> CASE WHEN h.exit_year IS NOT NULL AND s.year >= h.exit_year THEN 'exited' ELSE 'poor' END)`,
    );
    expect(gaps[0].n).toBe(0);
    const sums = await rowsOf(
      database,
      sql<{ n: number }>`
        SELECT count(*)::int AS n FROM household_income
        WHERE abs((wages + production_net + property + transfer - production_cost) / household_size - per_capita_net) > 0.01
           OR production_cost > production_net OR wages < 0 OR transfer < 0`,
    );
    expect(sums[0].n).toBe(0);
    const fit = await rowsOf(
      database,
      sql<{ exited_below: number; poor: number; poor_below: number }>`
        SELECT count(*) FILTER (WHERE h.status = 'exited' AND i.year = h.exit_year AND h.county_code <> '441882' AND i.per_capita_net <= 3218)::int AS exited_below,
               count(*) FILTER (WHERE h.status = 'poor' AND i.year = 2019)::int AS poor,
               count(*) FILTER (WHERE h.status = 'poor' AND i.year = 2019 AND i.per_capita_net < 3218)::int AS poor_below
        FROM household h JOIN household_income i ON i.county_code = h.county_code AND i.household_no = h.household_no`,
    );
    expect(fit[0].exited_below).toBe(0);
    expect(fit[0].poor_below / fit[0].poor).toBeGreaterThan(0.6);
    expect(fit[0].poor_below / fit[0].poor).toBeLessThan(0.9);
  });

  it('has exited households passing the guarantees and some poor ones failing them', async () => {
    const rows = await rowsOf(
      database,
      sql<{ status: string; failing: number; total: number }>`
        SELECT h.status, count(*) FILTER (WHERE NOT (h.food_secure AND h.clothing_secure
                 AND (h.house_grade IN ('A', 'B') OR h.house_renovated OR h.relocated)
                 AND h.water_lpd >= 35 AND h.water_quality_ok AND (h.water_piped OR h.water_trip_minutes <= 20) AND h.water_outage_days <= 36
                 AND NOT EXISTS (SELECT 1 FROM person p WHERE p.county_code = h.county_code AND p.household_no = h.household_no
                                 AND (NOT p.insured_basic OR NOT p.family_doctor OR p.schooling = 'dropout'))))::int AS failing,
               count(*)::int AS total
        FROM household h GROUP BY h.status ORDER BY h.status`,
    );
    // Besides the generated poor and exited households, the two 龙陵县 households the 大数据比对 demo closed as 清退 in 2020.
    expect(rows.map((r) => [r.status, r.status === 'deregistered' ? r.total : null])).toEqual([['deregistered', 2], ['exited', null], ['poor', null]]);
    const [, exited, poor] = rows;
    expect(exited.failing).toBe(0);
    expect(poor.failing).toBeGreaterThan(poor.total * 0.05);
    expect(poor.failing).toBeLessThan(poor.total * 0.5);
  });

  it('has every exited household meet the exit standard of the default policy in its exit year', async () => {
    const households = await database.db.selectFrom('household').selectAll().execute();
    const persons = await database.db
      .selectFrom('person')
      .select(['household_no', 'name', 'birth_date', 'schooling', 'health', 'disability_grade', 'home_schooling', 'insured_basic', 'insured_serious', 'family_doctor', 'chronic_card', 'labour'])
      .execute();
    const incomes = await database.db
      .selectFrom('household_income')
      .select(['household_no', 'year', 'wages', 'production_net', 'property', 'transfer', 'production_cost', 'household_size'])
      .execute();
    const group = <T extends { household_no: string }>(rows: T[]) => {
      const map = new Map<string, T[]>();
      for (const r of rows) {
        const list = map.get(r.household_no);
        if (list) list.push(r);
        else map.set(r.household_no, [r]);
      }
      return map;
    };
    const membersOf = group(persons);
    const incomesOf = group(incomes);
    const outcomes = new Map<string, number>();
    // The default records go no lower than the county: resolve once per county and year.
    const policies = new Map<string, ReturnType<typeof resolvePolicy>>();
    const policyFor = (county: string, year: number) => {
      const key = `${county}:${year}`;
      if (!policies.has(key)) policies.set(key, resolvePolicy(DEFAULT_POLICY_RECORDS, county, year));
      return policies.get(key)!;
    };
    expect(DEFAULT_POLICY_RECORDS.every((r) => r.regionCode.length <= 6)).toBe(true);
    for (const h of households) {
      const year = h.exit_year ?? 2019;
      const facts = fromRegistryRows(h, membersOf.get(h.household_no) ?? [], incomesOf.get(h.household_no) ?? []);
      const { outcome } = assessHousehold(facts, policyFor(h.county_code, year), { year });
      const key = `${h.status}:${outcome}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    const exited = households.filter((h) => h.status === 'exited').length;
    expect(outcomes.get('exited:meets')).toBe(exited);
    expect(outcomes.get('poor:does_not_meet')).toBe(households.filter((h) => h.status === 'poor').length);
  });

  it('has the seeds’ ledgers: 察隅’s students by stage (seed 002) and 373 生态保护员, 龙山镇’s 562 households relocated (seed 000)', async () => {
    const stages = await rowsOf(database, sql<{ stage: string; n: number }>`
      SELECT data->>'stage' AS stage, count(*)::int AS n FROM ledger_record WHERE county_code = '540425' AND kind = 'edu_student' AND year = 2018 GROUP BY 1 ORDER BY 1`);
    expect(Object.fromEntries(stages.map((r) => [r.stage, r.n]))).toEqual({ preschool: 27, primary: 765, junior: 304, senior: 168, vocational: 3, college: 184 });
    const [guards] = await rowsOf(database, sql<{ n: number }>`SELECT count(DISTINCT id_number)::int AS n FROM ledger_record WHERE county_code = '540425' AND kind = 'employment_post' AND data->>'type' = 'eco_guard'`);
    expect(guards.n).toBe(373);
    const [moved] = await rowsOf(database, sql<{ households: number; persons: number }>`
      SELECT count(*)::int AS households, (SELECT count(*)::int FROM person p JOIN ledger_record r ON r.county_code = p.county_code AND r.household_no = p.household_no WHERE r.kind = 'relocation_household') AS persons
      FROM ledger_record WHERE kind = 'relocation_household' AND place_code LIKE '530523101%'`);
    expect(moved).toEqual({ households: 562, persons: 2452 });
  });

  it('refuses a second load, naming the counties, and writes nothing', async () => {
    const before = await database.db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(loadDemo(database)).rejects.toThrow(DemoAlreadyLoadedError);
    await expect(loadDemo(database)).rejects.toThrow(/演示县已有登记户（夏邑县（411426）\d+ 户/);
    const after = await database.db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it.runIf(t.name === 'pglite')('generates the same rows every time', async () => {
    const places = await readDemoPlaces(database.db, DEMO_PLACE_PREFIXES);
    const digest = (seed?: string) => {
      const hash = createHash('sha256');
      for (const c of generateDemo(places, seed)) hash.update(JSON.stringify(c));
      return hash.digest('hex');
    };
    const first = digest();
    expect(digest()).toBe(first);
    expect(digest('another-seed')).not.toBe(first);
  });
});

describe('demo data without places', () => {
  it('fails with the missing township named and writes nothing', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      expect(await hasDemoPlaces(database)).toBe(false);
      await expect(loadDemo(database)).rejects.toThrow(/行政区划中找不到.*请先载入行政区划/);
      const n = await database.db.selectFrom('household').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(0);
    } finally {
      await database.close();
    }
  });
});
