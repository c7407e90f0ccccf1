/**
 * The targets page with the demo data (only 察隅县's households written): seed 002's exits per
 * township for 2016–2018 against the county's targets (2210 / 2365 / 1585 persons), all met,
 * with the chart drawn; screenshot docs/screenshots/targets.png. And the 三率一度 page with two
 * township surveys, the one whose wrong-exit rate exceeds 2% flagged.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { CHAYU, DEMO_PLACE_PREFIXES } from '../../src/modules/demo/plan';
import { loadDemo } from '../../src/modules/demo/service';
import { loadPlaces } from '../../src/modules/places/load';
import { ALL_PLACES } from '../../src/db/placeScope';
import { chinaDate } from '../../src/domain/dates';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { recordSurvey } from '../../src/modules/quality/service';
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
  const today = chinaDate(new Date());
  const survey = { year: Number(today.slice(0, 4)), surveyedOn: today, ruralPopulation: 5000, personsSampled: 200, missedPersons: 1, exitedPersonsSampled: 100, respondents: 100, satisfied: 96 };
  const actor = { ...CONSOLE_ACTOR, at: new Date() };
  await recordSurvey(database.db, ALL_PLACES, { ...survey, placeCode: '540425100', wronglyExitedPersons: 4 }, actor);
  await recordSurvey(database.db, ALL_PLACES, { ...survey, placeCode: '540425101', wronglyExitedPersons: 1 }, actor);
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

  it('flags the township whose wrong-exit rate breaches the 2% threshold on the 三率一度 page', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    // The surveys above are of this year; the page opens on the business year asked for.
    await signIn(page, base, 'chayu', undefined, `/procedures/quality?year=${chinaDate(new Date()).slice(0, 4)}`);
    const breached = page.locator('tr.row-behind');
    await breached.first().waitFor();
    const names = (await breached.locator('td:first-child').allInnerTexts()).map((x) => x.trim());
    expect(names).toEqual(['竹瓦根镇', '察隅县']);
    expect(await breached.first().locator('[data-testid=rate-wrongExitRate]').innerText()).toContain('4%');
    expect(await page.locator('tr', { hasText: '上察隅镇' }).locator('[data-testid=rate-wrongExitRate]').innerText()).toContain('达标');
    await page.getByTestId('quality-chart').locator('canvas').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'quality.png'), fullPage: true });
  });
});
