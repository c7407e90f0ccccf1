/**
 * Issue 16's journeys of the business year, the reveal and the refused case, in headless
 * Chromium, each as its own role, with screenshots kept in docs/screenshots/:
 * - 察隅县's county operator on a fresh demo (察隅县 loaded): the header year is the data's
 *   latest year, not the clock's; 重新评估 recomputes that year and keeps it; choosing another
 *   year changes the overview and every page opened after it (the reports ask for that year);
 * - a village operator opens one member's full ID number with a reason (查看完整号码) and the
 *   auditor finds the reveal, with its reason, on the audit page;
 * - a case the village rejected shows the step where it stopped as refused, not every step ticked.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { CHAYU, DEMO_PLACE_PREFIXES } from '../../src/modules/demo/plan';
import { loadDemo } from '../../src/modules/demo/service';
import { loadPlaces } from '../../src/modules/places/load';
import { buildApp } from '../../src/server/app';
import { loginAs } from '../access/helpers';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { eligibleHousehold } from '../procedures/helpers';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { nameTestPlaces } from './seedRegistry';
import { createActiveUser, PASSWORD, signIn } from './session';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let places: TestPlaces;
let householdNo: string;
let dataYear: number;
const REASON = '办理低保核对，需与民政系统比对身份证号';

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  await loadPlaces(database, { prefixes: [...DEMO_PLACE_PREFIXES] });
  await loadDemo(database, { counties: [CHAYU.countyCode] });
  const latest = await database.db.selectFrom('household_income').select((e) => e.fn.max('year').as('y')).where('county_code', '=', CHAYU.countyCode).executeTakeFirstOrThrow();
  dataYear = Number(latest.y);
  places = await createPlaceTree(database, 1, 1);
  await nameTestPlaces(database, places);
  const incomes = [dataYear - 1, dataYear].map((year) => ({ year, wages: 14000, productionNet: 4000 }));
  householdNo = (await eligibleHousehold(database, places, { incomes })).householdNo;
  await createActiveUser(database, 'chayu.xian', '察隅县业务员', 'county_operator', CHAYU.countyCode);
  await createActiveUser(database, 'cun.xinxi', '村级信息员', 'village_operator', places.villageCodes[0]);
  await createActiveUser(database, 'shenji', '审计员', 'auditor', places.countyCode);
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

/** A page of its own that fails the test on any console error or failed request. */
async function pageOf(problems: string[]): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  return page;
}

/** Sign in, then record every console error, page error and failed request from then on. */
async function signInWatched(page: Page, problems: string[], username: string, path: string): Promise<void> {
  await signIn(page, base, username, PASSWORD, path);
  page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
  page.on('pageerror', (e) => void problems.push(`page: ${e.message}`));
  page.on('response', (r) => void (r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`)));
}

const headerYear = (page: Page) => page.getByTestId('year-indicator');
const asked = (request: Request, path: string) => request.url().includes(`/api/v1${path}`) && request.method() === 'GET';

describe('one business year', () => {
  it('the header year is the data year; 重新评估 keeps it; another year changes every page', async () => {
    expect(dataYear).toBeLessThan(new Date().getFullYear());
    const problems: string[] = [];
    const page = await pageOf(problems);
    await signInWatched(page, problems, 'chayu.xian', '/monitoring/overview');
    await expect.poll(() => headerYear(page).innerText()).toContain(String(dataYear));

    // 重新评估: the job is asked for the header's year, and the year stays.
    const recompute = page.waitForRequest((r) => r.url().endsWith('/api/v1/monitoring/recompute'));
    await page.getByTestId('recompute').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '是' }).click();
    expect((await recompute).postDataJSON()).toMatchObject({ year: dataYear });
    await page.locator('.ant-message-success').filter({ hasText: '重新评估完成' }).waitFor();
    expect(await headerYear(page).innerText()).toContain(String(dataYear));
    await page.screenshot({ path: join(SCREENSHOTS, 'business-year-recompute.png') });

    // Another year: the overview asks for it, and so does every page opened after it.
    const other = dataYear - 1;
    const overview = page.waitForRequest((r) => asked(r, '/monitoring/overview') && r.url().includes(`year=${other}`));
    await page.getByTestId('year-indicator').locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: `${other} 年` }).first().click();
    await overview;
    // Pages opened afterwards without a year in their address keep the chosen one (menu links carry only the place).
    for (const [path, api] of [['/reports/causes', '/reports/causes'], ['/reports/progress', '/reports/progress'], ['/dashboard', '/dashboard'], ['/procedures/quality', '/quality/rates']] as const) {
      const report = page.waitForRequest((r) => asked(r, api) && r.url().includes(`year=${other}`));
      await page.goto(base + path);
      await report;
      expect(await headerYear(page).innerText()).toContain(String(other));
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'business-year-changed.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('查看完整号码', () => {
  it('a village operator reveals one member’s full ID number with a reason; the auditor finds the reveal', async () => {
    const problems: string[] = [];
    const page = await pageOf(problems);
    await signInWatched(page, problems, 'cun.xinxi', `/households/${householdNo}`);
    const row = page.locator('.reveal-number').first();
    const masked = await row.locator('.mono').innerText();
    expect(masked).toContain('*');
    await row.locator('.reveal-open').click();
    await page.locator('.reveal-reason').fill(REASON);
    await page.getByRole('button', { name: '查看', exact: true }).click();
    const full = await page.getByTestId('revealed-number').first().innerText();
    expect(full).toMatch(/^\d{17}[\dX]$/);
    expect(full.slice(0, 6)).toBe(masked.slice(0, 6));
    await page.screenshot({ path: join(SCREENSHOTS, 'reveal-id-number.png') });
    expect(problems).toEqual([]);
    await page.close();

    const auditor = await pageOf([]);
    await signIn(auditor, base, 'shenji', PASSWORD, '/audit');
    const event = auditor.locator('.ant-table-row').filter({ hasText: '查看明文证件号码或电话' }).filter({ hasText: REASON });
    await event.first().waitFor();
    expect(await event.first().innerText()).toContain('家庭成员');
    await auditor.screenshot({ path: join(SCREENSHOTS, 'reveal-audited.png') });
    await auditor.close();
  }, 120_000);
});

describe('a refused case', () => {
  it('shows the step where it stopped as refused', async () => {
    const village = await loginAs(app, 'cun.xinxi', PASSWORD);
    const started = await village.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo, year: dataYear });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id as number;
    const rejected = await village.inject('POST', '/api/v1/procedures/cases/actions', { caseIds: [id], action: 'reject', comment: '民主评议未通过' });
    expect(rejected.statusCode, rejected.body).toBe(200);

    const problems: string[] = [];
    const page = await pageOf(problems);
    await signInWatched(page, problems, 'cun.xinxi', `/procedures/cases/${id}`);
    await page.getByTestId('case-stopped-step').waitFor();
    const steps = page.locator('.case-steps-stopped .ant-steps-item');
    const states = await steps.evaluateAll((items) => items.map((i) => (i.className.includes('ant-steps-item-finish') ? 'finish' : i.className.includes('ant-steps-item-error') ? 'error' : 'wait')));
    expect(states.filter((s) => s === 'error')).toHaveLength(1);
    expect(states.at(-1)).toBe('wait');
    expect(await page.getByTestId('case-status').innerText()).toContain('未通过');
    await page.screenshot({ path: join(SCREENSHOTS, 'case-refused-step.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
