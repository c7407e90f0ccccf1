/**
 * 名单比对 in headless Chromium: the county operator uploads 民政's list (GBK CSV) for a source
 * not mapped yet, confirms the suggested column mapping once, and the roster is matched again at
 * once: the report shows the categories, the 风险已消除 household newly on 低保 as a conflict,
 * the row matching nobody, ID numbers masked, and 导出Excel answers a workbook.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { completeIdNumber } from '../../src/domain/idNumber';
import { manualClock } from '../../src/modules/auth/service';
import { buildApp } from '../../src/server/app';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { csvText, gbkBytes } from '../imports/files';
import { launchChromium, listen } from './browser';
import { nameTestPlaces } from './seedRegistry';
import { createActiveUser, signIn } from './session';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let places: TestPlaces;
let eliminated: CreatedHousehold;
let exited: CreatedHousehold;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 1, 2);
  await nameTestPlaces(database, places);
  eliminated = await createHousehold(database, places, { status: 'risk_eliminated', monitorCategory: 'marginal', exitYear: 2024 });
  exited = await createHousehold(database, places, { status: 'exited', exitYear: 2019 });
  await createActiveUser(database, 'xianji', '县级业务员', 'county_operator', places.countyCode);
  app = await buildApp({ database, access: { requireLogin: true, clock: manualClock(new Date()) } });
  base = await listen(app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

describe('名单比对 through the web pages', () => {
  it('a roster upload maps its columns once and shows its conflicts', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, base, 'xianji', undefined, '/rosters');
    const id = eliminated.members[0].idNumber;
    const stranger = completeIdNumber(`${places.countyCode}19800101777`);
    const rows = [
      { 公民身份号码: id.slice(0, 6) + id.slice(8, 17), 姓名: eliminated.members[0].name, 救助类型: '低保' },
      { 公民身份号码: exited.members[0].idNumber, 姓名: exited.members[0].name, 救助类型: '' },
      { 公民身份号码: stranger, 姓名: '名单外', 救助类型: '低保' },
    ];
    const file = gbkBytes(csvText(rows, ['公民身份号码', '姓名', '救助类型']));
    await page.getByTestId('roster-source').locator('xpath=descendant-or-self::input').first().fill('民政低收入人口');
    await page.locator('.rosters input[type=file]').setInputFiles({ name: '低收入人口名单.csv', mimeType: 'text/csv', buffer: file });
    const mapping = page.getByTestId('roster-mapping');
    await mapping.waitFor();
    await expect.poll(() => mapping.getByTestId('roster-map-idNumber').textContent()).toContain('公民身份号码');
    await mapping.getByTestId('roster-map-assistance').textContent().then((t) => expect(t).toContain('救助类型'));
    await page.getByTestId('roster-save-mapping').click();
    await page.getByTestId('roster-job').locator('.ant-alert-success').waitFor();
    await page.getByTestId('roster-open').click();

    const categories = page.getByTestId('roster-categories');
    await categories.locator('.ant-table-row', { hasText: '风险已消除' }).waitFor();
    await categories.locator('.ant-table-row', { hasText: '不在本地登记' }).waitFor();
    const conflict = page.getByTestId('roster-rows-conflicts').locator('.ant-table-row').first();
    await conflict.waitFor();
    const text = await conflict.textContent();
    expect(text).toContain('救助类型');
    expect(text).toContain('新纳入低保');
    expect(text).toContain(id.slice(0, 6) + '********' + id.slice(-4));
    expect(text).not.toContain(id);

    await page.getByRole('tab', { name: '未匹配' }).click();
    await page.getByTestId('roster-rows-unmatched').locator('.ant-table-row', { hasText: '名单外' }).waitFor();
    const href = await page.getByRole('link', { name: /导出/ }).getAttribute('href');
    const exported = await page.request.get(new URL(href!, base).toString());
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toContain('spreadsheetml');
    await context.close();
  });
});
