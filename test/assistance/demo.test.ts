/**
 * The demo load writes 察隅县's measures in the shape of seed 002's list, and pairs every 察隅
 * household under the county's 3/2/1 model: the coverage API shows industry 664 households /
 * 3025 persons, relocation 180 / 980 …, and no 察隅 household is left without a cadre.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { CHAYU_MEASURES } from '../../src/modules/assistance/service';
import { CHAYU, DEMO_PLACE_PREFIXES } from '../../src/modules/demo/plan';
import { loadDemo } from '../../src/modules/demo/service';
import { loadPlaces } from '../../src/modules/places/load';
import { buildTestApp, loginAs, makeUser, openIsolated } from '../access/helpers';
import { testDatabases } from '../helpers/databases';

describe.each(testDatabases)('assistance demo of 察隅县 on $name', (t) => {
  let database: Database;
  let drop: () => Promise<void>;
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ database, drop } = await openIsolated(t));
    await loadPlaces(database, { prefixes: [...DEMO_PLACE_PREFIXES] });
    await loadDemo(database, { counties: [CHAYU.countyCode] });
    ({ app } = await buildTestApp(database));
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('shows seed 002’s measure coverage for 察隅县 and every household paired within quota', async () => {
    const county = await loginAs(app, (await makeUser(database, 'county_operator', CHAYU.countyCode)).username);
    const r = await county.inject('GET', `/api/v1/assistance/coverage?place=${CHAYU.countyCode}`);
    expect(r.statusCode, r.body).toBe(200);
    const rows = Object.fromEntries(r.json().rows.map((x: { type: string; households: number; persons: number }) => [x.type, { households: x.households, persons: x.persons }]));
    expect(rows.industry).toEqual({ households: 664, persons: 3025 });
    expect(rows.relocation).toEqual({ households: 180, persons: 980 });
    for (const m of CHAYU_MEASURES) expect(rows[m.type], m.type).toEqual({ households: m.households, persons: m.persons });

    const unpaired = await county.inject('GET', `/api/v1/assistance/unpaired?place=${CHAYU.countyCode}`);
    expect(unpaired.json().total).toBe(0);
    const cadres = (await county.inject('GET', `/api/v1/assistance/cadres?place=${CHAYU.countyCode}`)).json().items as { rank: string; households: number }[];
    const quota: Record<string, number> = { county_leader: 3, section_chief: 2, other_cadre: 1 };
    expect(cadres.reduce((n, c) => n + c.households, 0)).toBe(CHAYU.households);
    expect(cadres.every((c) => c.households <= quota[c.rank])).toBe(true);
  });
});
