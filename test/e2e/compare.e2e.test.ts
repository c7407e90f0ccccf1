/**
 * 大数据比对 in headless Chromium: the county operator imports a vehicle file (车管), runs the
 * comparison (progress to the end) and sends the 疑点 down; the village operator verifies one
 * with a photo and proposes 清退; the township reviews; the county confirms 清退; the
 * household's card shows the 疑点 and its outcome. On both databases.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { manualClock } from '../../src/modules/auth/service';
import { buildApp } from '../../src/server/app';
import { testDatabases } from '../helpers/databases';
import { createHousehold, type CreatedHousehold, type TestPlaces, createPlaceTree } from '../helpers/factory';
import { csvText } from '../imports/files';
import { PNG } from '../procedures/helpers';
import { launchChromium, listen } from './browser';
import { nameTestPlaces } from './seedRegistry';
import { createActiveUser, signIn } from './session';

describe.each(testDatabases)('大数据比对 through the web pages on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let places: TestPlaces;
  let owner: CreatedHousehold;
  let hitId: number;
  const users = { village: '', township: '', county: '' };

  beforeAll(async () => {
    database = await open();
    places = await createPlaceTree(database, 1, 2);
    // User names of this run's own county (the PostgreSQL tier keeps users between runs).
    Object.assign(users, { village: `cunji${places.countyCode}`, township: `xiangzhen${places.countyCode}`, county: `xianji${places.countyCode}` });
    await nameTestPlaces(database, places);
    owner = await createHousehold(database, places);
    await createHousehold(database, places);
    await createActiveUser(database, users.village, '村级信息员', 'village_operator', places.villageCodes[0]);
    await createActiveUser(database, users.township, '乡镇业务员', 'township_operator', places.townshipCodes[0]);
    await createActiveUser(database, users.county, '县级业务员', 'county_operator', places.countyCode);
    app = await buildApp({ database, access: { requireLogin: true, clock: manualClock(new Date()) } });
    base = await listen(app);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  async function as(role: keyof typeof users, path: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, base, users[role], undefined, path);
    return { context, page };
  }

  /** Take one step on the 疑点 page and wait for the status it leads to. */
  async function takeStep(page: Page, action: string, note: string, status: string) {
    await page.getByTestId(`compare-action-${action}`).click();
    await page.getByTestId('compare-note').fill(note);
    const answer = page.waitForResponse((r) => r.url().includes(`/api/v1/compare/hits/${hitId}/steps`));
    await page.getByTestId('compare-submit').click();
    const res = await answer;
    expect(res.status(), await res.text()).toBe(200);
    await page.getByTestId('compare-hit-status').filter({ hasText: status }).waitFor();
  }

    it('the county operator imports a vehicle file, runs the comparison and sends the 疑点 down', async () => {
      const { context, page } = await as('county', '/compare/reference');
      await page.getByTestId('compare-kind').click();
      await page.locator('.ant-select-item-option', { hasText: '机动车' }).click();
      const rows = [{ 身份证号: owner.members[0].idNumber, 姓名: owner.members[0].name, 号牌号码: '琼A12345', 车辆类型: '小型轿车', 车辆状态: '正常', '车辆价值（元）': 85000 }];
      const file = Buffer.from(csvText(rows, ['身份证号', '姓名', '号牌号码', '车辆类型', '车辆状态', '车辆价值（元）']));
      await page.locator('.compare-reference input[type=file]').setInputFiles({ name: '车管所机动车登记.csv', mimeType: 'text/csv', buffer: file });
      await page.getByTestId('compare-import-job').locator('.ant-alert-success').waitFor();
      await page.locator('.ant-table-row', { hasText: '车管所机动车登记.csv' }).locator('.ant-tag', { hasText: '当前使用' }).waitFor();

      await page.goto(`${base}/compare/run`);
      await page.getByTestId('compare-run').click();
      const job = page.getByTestId('compare-run-job');
      await job.locator('.ant-alert-success').waitFor();
      expect(await job.innerText()).toContain('新增疑点 1');

      await page.goto(`${base}/compare/hits`);
      const row = page.locator('.compare-hit-table .ant-table-row', { hasText: owner.householdNo });
      await row.waitFor();
      expect(await row.innerText()).toContain('家庭成员有车');
      expect(await row.innerText()).toMatch(/\d{6}\*{8}/);
      const sent = page.waitForResponse((r) => r.url().includes('/api/v1/compare/hits/send'));
      await page.getByTestId('compare-send-all').click();
      expect((await sent).status()).toBe(200);
      await row.filter({ hasText: '待村核实' }).waitFor();
      hitId = Number(await row.locator('td').first().innerText());
      await context.close();
    });

    it('the village operator verifies it with a photo; the township reviews it', async () => {
      const village = await as('village', `/compare/hits/${hitId}`);
      await village.page.getByTestId('compare-action-verify').click();
      const uploaded = village.page.waitForResponse((r) => r.url().includes('/api/v1/procedures/evidence?'));
      await village.page.locator('.compare-hit input[type=file]').setInputFiles({ name: '入户核实照片.png', mimeType: 'image/png', buffer: PNG });
      expect((await uploaded).status()).toBe(201);
      await village.page.locator('.ant-tag', { hasText: '入户核实照片.png' }).waitFor();
      await village.page.getByTestId('compare-note').fill('入户核实：户主名下小型轿车一辆，车辆在家');
      const answer = village.page.waitForResponse((r) => r.url().includes(`/api/v1/compare/hits/${hitId}/steps`));
      await village.page.getByTestId('compare-submit').click();
      expect((await answer).status()).toBe(200);
      await village.page.getByTestId('compare-hit-status').filter({ hasText: '待乡镇审核' }).waitFor();
      await village.context.close();

      const township = await as('township', `/compare/hits/${hitId}`);
      await takeStep(township.page, 'review_pass', '同意村核实意见', '待县确认');
      await township.context.close();
    });

    it('the county confirms 清退 and the household card shows the outcome', async () => {
      const { context, page } = await as('county', `/compare/hits/${hitId}`);
      await takeStep(page, 'confirm', '经核实属实，予以清退', '已办结');
      expect(await page.getByTestId('compare-hit-outcome').innerText()).toBe('清退');
      await page.goto(`${base}/households/${owner.householdNo}`);
      const section = page.locator('.card-section[data-section=compare-hits]');
      await section.locator('.ant-table-row').first().waitFor();
      expect(await section.innerText()).toContain('家庭成员有车');
      expect(await section.innerText()).toContain('清退');
      await context.close();
    });
});
