/**
 * The village exit in headless Chromium: a township operator fills a village's record (村情)
 * on the village page, sees its verdict with reasons (未达标: 通宽带 not yet), completes it and
 * sees 达标, starts the village exit (村申请) and passes 乡镇初审; the county operator approves
 * it (县审定), publishes the 公示 (dated past its 7 days), approves after it and announces the
 * exit (公告): the village shows 已出列 and its exit year.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { addDays, chinaDate } from '../../src/domain/dates';
import { buildApp } from '../../src/server/app';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { nameTestPlaces } from './seedRegistry';
import { createActiveUser, signIn } from './session';

const YEAR = 2019;
let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let places: TestPlaces;
let village: string;
const users = { township: 'cunqing.xiang', county: 'cunqing.xian' };

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 1, 2);
  await nameTestPlaces(database, places);
  village = places.villageCodes[0];
  await createHousehold(database, places, { villageCode: village, identifiedYear: 2014 });
  await createActiveUser(database, users.township, '乡镇业务员', 'township_operator', places.townshipCodes[0]);
  await createActiveUser(database, users.county, '县级业务员', 'county_operator', places.countyCode);
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function as(role: keyof typeof users): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, base, users[role], undefined, `/villages/${village}?year=${YEAR}`);
  await page.locator('.village-verdict').waitFor();
  await page.waitForLoadState('networkidle');
  return { context, page };
}

async function clickAnd(page: Page, button: ReturnType<Page['locator']>, url: string, status = 200) {
  const answer = page.waitForResponse((r) => r.url().includes(url) && r.request().method() !== 'GET');
  await button.click();
  const res = await answer;
  expect(res.status(), await res.text()).toBe(status);
}

const field = (page: Page, key: string) => page.locator(`.field-${key} input`);
const yes = (page: Page, key: string, text = '是') => page.locator(`.field-${key}`).getByText(text, { exact: true }).click();
const conditions = (page: Page) => page.locator('.village-conditions tbody').innerText();
const verdictTag = (page: Page) => page.locator('.village-verdict .ant-card-head .verdict-tag').innerText();
const exitAction = (page: Page, type: string) => page.locator(`.village-exit-case.exit-in_progress .exit-action-${type}`);

describe('village exit through the web pages', () => {
  it('the township operator fills the record, sees the verdict with reasons and starts the exit', async () => {
    const { context, page } = await as('township');
    await field(page, 'registeredPopulation').fill('200');
    await field(page, 'residentPopulation').fill('180');
    for (const key of ['poorVillage', 'roadToVillage', 'power', 'safeWater', 'clinic', 'cultureRoom', 'mobile4g']) await yes(page, key);
    await yes(page, 'broadband', '否');
    await field(page, 'incomeOperating').fill('12000');
    await field(page, 'firstSecretary').fill('李明');
    await clickAnd(page, page.locator('.village-save'), `/api/v1/villages/${village}/record`);
    await expect.poll(() => verdictTag(page)).toBe('未达标');
    expect(await conditions(page)).toContain('通宽带：未通');
    expect(await conditions(page)).toContain('贫困发生率 1.00% ≤ 2%（贫困人口 2 人 / 户籍人口 200 人）');
    expect(await conditions(page)).toContain('集体经济收入 1.2万 < 5万（贫困村年度目标，不作否决）');

    await yes(page, 'broadband');
    await clickAnd(page, page.locator('.village-save'), `/api/v1/villages/${village}/record`);
    await expect.poll(() => verdictTag(page)).toBe('达标');
    expect(await conditions(page)).toContain('集体经济收入 1.2万 ≥ 1万');
    await page.screenshot({ path: join(SCREENSHOTS, 'village-page.png'), fullPage: true });

    await clickAnd(page, page.locator('.village-exit-start'), `/api/v1/villages/${village}/exit`, 201);
    await exitAction(page, 'approve').waitFor();
    await clickAnd(page, exitAction(page, 'approve'), '/actions');
    await expect.poll(() => page.locator('.village-exit-case .exit-history').innerText()).toContain('乡镇初审');
    expect(await page.locator('.village-exit-case .exit-actions button').count()).toBe(0);
    await context.close();
  });

  it('the county operator approves, publishes the 公示 and announces the exit', async () => {
    const { context, page } = await as('county');
    await clickAnd(page, exitAction(page, 'approve'), '/actions');
    await expect.poll(() => exitAction(page, 'publish').isEnabled()).toBe(true);
    await exitAction(page, 'publish').click();
    const startsOn = addDays(chinaDate(new Date()), -10);
    await page.locator('.exit-starts-on input').fill(startsOn);
    const published = page.waitForResponse((r) => r.url().includes('/actions') && r.request().method() === 'POST');
    // Enter commits the date and submits the modal's form (one text field): no OK click to race its closing.
    await page.locator('.exit-starts-on input').press('Enter');
    expect((await published).status()).toBe(200);
    await expect.poll(() => page.locator('.village-exit-case').innerText()).toContain(`${startsOn} — ${addDays(startsOn, 6)}`);
    await clickAnd(page, exitAction(page, 'approve'), '/actions');
    await expect.poll(() => page.locator('.village-exit-case .exit-history').innerText()).toContain('公示');
    await clickAnd(page, exitAction(page, 'approve'), '/actions');
    await expect.poll(() => page.locator('.village-exit-case .exit-status').first().innerText()).toBe('已出列');
    await expect.poll(() => page.locator('.field-exitYear input').inputValue()).toBe(String(YEAR));
    await page.screenshot({ path: join(SCREENSHOTS, 'village-exit.png'), fullPage: true });
    await context.close();
  });
});
