/**
 * The leader's journey in headless Chromium: a 商丘市 leader opens the dashboard, drills from
 * 商丘市 to 夏邑县 and on to 桑堌乡 (listed for supervision: more than 300 remaining poor), opens
 * its cause report and exports it (the downloaded .xlsx carries the figures on the page).
 * Screenshots of the dashboard and the supervision listing go to docs/screenshots/.
 *
 * Data: the real places of 商丘市 and a few households built for the counts (not the demo):
 * 桑堌乡 with 44 poor households of 7 (308 persons, listed), 北岭镇 with 10 of 3 (30, not listed),
 * 虞城县 with 5 of 4.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { loadPlaces } from '../../src/modules/places/load';
import { refreshRollups } from '../../src/modules/reports/service';
import { buildApp } from '../../src/server/app';
import { createHousehold, type MemberSpec, type TestPlaces } from '../helpers/factory';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { createActiveUser, signIn } from './session';

const CITY = '4114';
const XIAYI = '411426';
const SANGGU = '411426207';
const BEILING = '411426111';
const YUCHENG = '411425';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;

const members = (n: number): MemberSpec[] => Array.from({ length: n }, (_, i) => ({ relation: i === 0 ? 'head' : 'other' }));

/** `count` poor households of `size` in the first village of a township, main causes 2 illness : 1 disability. */
async function poorHouseholds(county: string, township: string, count: number, size: number): Promise<void> {
  const village = await database.db.selectFrom('place').select('code').where('parent_code', '=', township).orderBy('code').executeTakeFirstOrThrow();
  const places: TestPlaces = { provinceCode: '41', cityCode: CITY, countyCode: county, townshipCodes: [township], villageCodes: [village.code] };
  for (let i = 0; i < count; i++) {
    await createHousehold(database, places, {
      mainCause: i % 3 === 2 ? 'disability' : 'illness',
      members: members(size),
      history: [{ year: 2016, status: 'poor' }, { year: 2019, status: 'poor' }],
    });
  }
}

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  await loadPlaces(database, { prefixes: [CITY] });
  await poorHouseholds(XIAYI, SANGGU, 44, 7);
  await poorHouseholds(XIAYI, BEILING, 10, 3);
  await poorHouseholds(YUCHENG, '411425210', 5, 4);
  await refreshRollups(database.db, [XIAYI, YUCHENG]);
  const leader = await createActiveUser(database, 'shangqiu.leader', '商丘市领导', 'leader', CITY);
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  await signIn(page, base, leader.username, undefined, '/dashboard');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

/** Run an action that changes the dashboard's place, wait for its answer and its rendering. */
async function dashboardAfter(action: () => Promise<unknown>, place: string): Promise<void> {
  const answer = page.waitForResponse((r) => r.url().includes('/api/v1/dashboard') && r.url().includes(`place=${place}`));
  await action();
  expect((await answer).status()).toBe(200);
  await page.locator('.dashboard-children .ant-spin-spinning').waitFor({ state: 'detached' });
}

const childRow = (name: string) => page.locator('.dashboard-children tbody tr.ant-table-row', { has: page.locator('.place-link', { hasText: name }) });

describe('the leader dashboard in the browser', () => {
  it('opens on 商丘市 with the large numbers and its counties', async () => {
    await page.getByRole('heading', { name: /商丘市脱贫攻坚驾驶舱（2019 年底）/ }).waitFor();
    // 44 × 7 + 10 × 3 + 5 × 4 remaining poor persons in the city
    expect(await page.getByTestId('big-remaining').locator('.ant-statistic-content').innerText()).toContain('358');
    expect(await childRow('夏邑县').locator('td').nth(2).innerText()).toBe('338');
    expect(await childRow('虞城县').locator('td').nth(2).innerText()).toBe('20');
    await page.locator('[data-testid="children-chart"] canvas').first().waitFor();
  });

  it('drills from 商丘市 to 夏邑县 and to the listed township 桑堌乡', async () => {
    await dashboardAfter(() => childRow('夏邑县').locator('.place-link').click(), XIAYI);
    await page.getByRole('heading', { name: /夏邑县脱贫攻坚驾驶舱/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('place')).toBe(XIAYI);
    expect(await page.locator('.drill-path').innerText()).toMatch(/商丘市\s*\/\s*夏邑县/);
    expect(await childRow('桑堌乡').innerText()).toContain('挂牌');
    expect(await childRow('北岭镇').innerText()).not.toContain('挂牌');
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });

    await dashboardAfter(() => childRow('桑堌乡').locator('.place-link').click(), SANGGU);
    await page.getByRole('heading', { name: /桑堌乡脱贫攻坚驾驶舱/ }).waitFor();
    expect(await page.getByTestId('big-remaining').locator('.ant-statistic-content').innerText()).toContain('308');
  });

  it('opens the township’s cause report and exports it', async () => {
    const report = page.waitForResponse((r) => r.url().includes('/api/v1/reports/causes?place=' + SANGGU));
    await page.getByTestId('open-cause-report').click();
    expect((await report).status()).toBe(200);
    await page.getByRole('heading', { name: /桑堌乡剩余贫困人口致贫原因（2019 年底）/ }).waitFor();
    const rows = await page.locator('.cause-table tbody tr.ant-table-row').allInnerTexts();
    // 30 illness households (210 persons) and 14 disability (98): shares of 44 and 308
    expect(rows.map((r) => r.split('\t'))).toEqual([
      ['因病', '30', '68.18%', '210', '68.18%'],
      ['因残', '14', '31.82%', '98', '31.82%'],
    ]);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /导出Excel/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('桑堌乡致贫原因统计.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await file.path());
    const cells = workbook.worksheets.flatMap((s) => s.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])));
    expect(cells).toEqual(expect.arrayContaining(['因病', '30', '210', '因残', '14', '98']));
  });

  it('shows the supervision listing of 商丘市 with 桑堌乡 among the townships', async () => {
    const listing = page.waitForResponse((r) => r.url().includes('/api/v1/supervision/listing'));
    await page.goto(`${base}/supervision?place=${CITY}`);
    expect((await listing).status()).toBe(200);
    const townships = page.locator('.listing-townships tbody tr.ant-table-row');
    await townships.first().waitFor();
    expect(await townships.allInnerTexts()).toEqual([expect.stringMatching(/桑堌乡\s+夏邑县\s+44\s+308\s+300/)]);
    expect(await page.locator('.listing-counties .ant-table-placeholder').count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'supervision.png'), fullPage: true });
  });
});
