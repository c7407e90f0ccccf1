/**
 * The targets page with the demo data (only 察隅县's households written): seed 002's exits per
 * township for 2016–2018 against the county's targets (2210 / 2365 / 1585 persons), all met,
 * with the chart drawn; screenshot docs/screenshots/targets.png.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { CHAYU, DEMO_PLACE_PREFIXES } from '../../src/modules/demo/plan';
import { loadDemo } from '../../src/modules/demo/service';
import { loadPlaces } from '../../src/modules/places/load';
import { buildApp } from '../../src/server/app';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { createActiveUser, signIn } from './session';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  await loadPlaces(database, { prefixes: [...DEMO_PLACE_PREFIXES] });
  await loadDemo(database, { counties: [CHAYU.countyCode] });
  await createActiveUser(database, 'chayu', '察隅县业务员', 'county_operator', CHAYU.countyCode);
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

describe('targets page with the demo data', () => {
  it('shows 察隅县’s 2016–2018 exits per township as seed 002 plans them', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    await signIn(page, base, 'chayu', undefined, '/procedures/targets');
    const table = page.getByTestId('targets-table');
    await table.locator(`[data-testid=exited-${CHAYU.countyCode}-2018]`).waitFor();
    const exited = (code: string, year: number) => table.locator(`[data-testid=exited-${code}-${year}]`).innerText();
    expect([await exited(CHAYU.countyCode, 2016), await exited(CHAYU.countyCode, 2017), await exited(CHAYU.countyCode, 2018)]).toEqual(['2,210', '2,365', '1,585']);
    for (const e of CHAYU.exits) expect(await exited(e.townshipCode, e.year)).toBe(e.persons.toLocaleString('en-US'));
    expect(await table.locator('tr.row-behind').count()).toBe(0);
    expect(await table.locator('.ant-tag', { hasText: '已完成' }).count()).toBe(CHAYU.exits.length + 3);
    await page.getByTestId('targets-chart').locator('canvas').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'targets.png'), fullPage: true });
  });
});
