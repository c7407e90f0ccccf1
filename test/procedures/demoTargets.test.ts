/**
 * The demo load records the seeds' exit targets itself (seed 002: 察隅县 per township, seed 003:
 * 星子镇 30/30/40%): with only 察隅县's households written, the targets API shows its 2016–2018
 * exits per township against the plan (2210 / 2365 / 1585 persons), all met.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import type { ManualClock } from '../../src/modules/auth/service';
import { CHAYU, DEMO_PLACE_PREFIXES, XINGZI } from '../../src/modules/demo/plan';
import { loadDemo } from '../../src/modules/demo/service';
import { loadPlaces } from '../../src/modules/places/load';
import { loginAs, openIsolated } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { makeProcedureUser, procedureApp, setDay } from './helpers';

interface Cell { targetPersons: number | null; exitedPersons: number; status: string }
interface Row { code: string; name: string; byYear: Record<string, Cell> }

describe.each(testDatabases)('demo targets of 察隅县 and 星子镇 on $name', (t) => {
  let database: Database;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  let clock: ManualClock;
  let summary: Awaited<ReturnType<typeof loadDemo>>;
  beforeAll(async () => {
    ({ database, drop } = await openIsolated(t));
    await loadPlaces(database, { prefixes: [...DEMO_PLACE_PREFIXES] });
    summary = await loadDemo(database, { counties: [CHAYU.countyCode] });
    ({ app, clock } = await procedureApp(database));
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('writes only the asked county and shows seed 002’s exits per township per year through the API', async () => {
    expect(summary).toMatchObject({ households: CHAYU.households, persons: CHAYU.persons });
    setDay(clock, '2024-03-01');
    const county = await loginAs(app, (await makeProcedureUser(database, 'county_operator', CHAYU.countyCode)).username);
    const body = (await county.inject('GET', `/api/v1/targets/overview?place=${CHAYU.countyCode}`)).json() as { years: number[]; total: Row; rows: Row[]; behind: string[] };
    expect(body.years).toEqual([2016, 2017, 2018]);
    expect(body.years.map((y) => [body.total.byYear[y].targetPersons, body.total.byYear[y].exitedPersons])).toEqual([
      [2210, 2210],
      [2365, 2365],
      [1585, 1585],
    ]);
    const table = Object.fromEntries(body.rows.map((r) => [r.name, body.years.map((y) => r.byYear[y].targetPersons)]));
    expect(table).toEqual({
      竹瓦根镇: [370, 241, null],
      上察隅镇: [280, 300, 132],
      下察隅镇: [300, 500, 298],
      察瓦龙乡: [700, 800, 808],
      古拉乡: [300, 350, 347],
      古玉乡: [260, 174, null],
    });
    for (const e of CHAYU.exits) expect(body.rows.find((r) => r.code === e.townshipCode)!.byYear[e.year]).toMatchObject({ exitedPersons: e.persons, status: 'met' });
    expect(body.behind).toEqual([]);
  });

  it('records seed 003’s 30/30/40% targets of 星子镇 too', async () => {
    setDay(clock, '2024-03-01');
    const county = await loginAs(app, (await makeProcedureUser(database, 'county_operator', XINGZI.countyCode)).username);
    const body = (await county.inject('GET', `/api/v1/targets/overview?place=${XINGZI.countyCode}&from=2016&to=2018`)).json() as { rows: Row[] };
    const xingzi = body.rows.find((r) => r.code === XINGZI.townshipCode)!;
    expect([2016, 2017, 2018].map((y) => xingzi.byYear[y].targetPersons)).toEqual([1082, 1082, 1444]);
  });
});
