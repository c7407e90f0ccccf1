/**
 * The field app on a phone: a pairing cadre opens it, goes offline, records a visit with a
 * photo (queued in IndexedDB), comes back online, and the visit appears on the household's
 * visit list and on the household card exactly once (and once in the database).
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { ALL_PLACES } from '../../src/db/placeScope';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { addMeasure, createCadre, pairHouseholds } from '../../src/modules/assistance/service';
import { buildApp } from '../../src/server/app';
import { createHousehold, createPlaceTree, type CreatedHousehold } from '../helpers/factory';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { createActiveUser, PASSWORD, signIn, submitLogin } from './session';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082', 'hex');

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let household: CreatedHousehold;
let base: string;
const YEAR = new Date().getFullYear();

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  const places = await createPlaceTree(database, 1, 1);
  household = await createHousehold(database, places, { members: [{ name: '扎西', relation: 'head' }, { relation: 'spouse' }] });
  const user = await createActiveUser(database, 'fieldcadre', '走访干部', 'pairing_cadre', places.villageCodes[0]);
  const cadreId = await createCadre(database.db, { name: '走访干部', unit: '县扶贫办', rank: 'village_cadre', visitRole: 'pairing_cadre', placeCode: places.villageCodes[0], phone: null, userId: user.id }, CONSOLE_ACTOR);
  const everywhere = { scope: ALL_PLACES, pairedCadreId: null };
  await pairHouseholds(database.db, everywhere, { cadreId, householdNos: [household.householdNo], startedOn: '2024-01-01' }, CONSOLE_ACTOR);
  // 一户一策: last year's plan and this year's main and auxiliary measures (the card shows each year).
  const measure = { householdNo: household.householdNo, amount: null, startedOn: null, endedOn: null, providerDepartment: null, details: {} };
  await addMeasure(database.db, everywhere, { ...measure, year: YEAR - 1, type: 'health', role: 'main' }, CONSOLE_ACTOR);
  await addMeasure(database.db, everywhere, { ...measure, year: YEAR, type: 'industry', role: 'main', amount: 3000, providerDepartment: '县农业农村局' }, CONSOLE_ACTOR);
  await addMeasure(database.db, everywhere, { ...measure, year: YEAR, type: 'employment', role: 'auxiliary' }, CONSOLE_ACTOR);
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  page = await context.newPage();
  await signIn(page, base, user.username, undefined, '/assistance/field');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

it('records a visit with a photo offline and shows it exactly once after coming back online', async () => {
  await page.locator('.field-households .ant-list-item', { hasText: '扎西' }).waitFor();
  // The phone frame: a compact header with the cadre, the network state and the queue, no desktop menu.
  expect(await page.locator('.app-sider').count()).toBe(0);
  expect(await page.locator('.field-header [data-testid="field-user"]').innerText()).toBe('走访干部');
  await page.locator('.field-header .field-network', { hasText: '在线' }).waitFor();
  await context.setOffline(true);
  await page.locator('.field-header .field-network', { hasText: '离线' }).waitFor();

  await page.locator('.field-households .ant-list-item', { hasText: '扎西' }).click();
  await page.locator('.field-findings').fill('离线走访：牦牛长势良好');
  await page.locator('.field-visit input[type=file]').setInputFiles({ name: 'visit.png', mimeType: 'image/png', buffer: PNG });
  await page.locator('.field-save').click();
  await page.locator('.field-header .field-pending .ant-scroll-number', { hasText: '1' }).first().waitFor();
  expect(await database.db.selectFrom('visit').select('id').execute()).toHaveLength(0);

  const synced = page.waitForResponse((r) => r.url().endsWith('/api/v1/assistance/sync') && r.status() === 200);
  await context.setOffline(false);
  await synced;
  await page.locator('.field-header .field-pending .ant-scroll-number', { hasText: '0' }).first().waitFor();
  await page.getByRole('button', { name: '返回' }).click();
  await page.locator('.field-households .ant-list-item', { hasText: '扎西' }).click();
  const items = page.locator('.field-visit-item', { hasText: '离线走访：牦牛长势良好' });
  await items.first().waitFor();
  expect(await items.count()).toBe(1);
  expect(await items.first().textContent()).toContain('照片 1 张');
  const rows = await database.db.selectFrom('visit').select('id').where('household_no', '=', household.householdNo).execute();
  expect(rows).toHaveLength(1);
  expect(await database.db.selectFrom('visit_photo').select('sha256').execute()).toHaveLength(1);
  await page.screenshot({ path: join(SCREENSHOTS, 'field-app.png') });

  // The household card (一户一档) shows the synced visit exactly once, with its photo and cadre.
  await page.goto(`${base}/households/${household.householdNo}`);
  const cardRows = page.locator('[data-section="assistance"] .visits-table tbody tr.ant-table-row');
  await cardRows.first().waitFor();
  expect(await cardRows.count()).toBe(1);
  expect(await cardRows.first().innerText()).toContain('离线走访：牦牛长势良好');
  expect(await cardRows.first().innerText()).toContain('走访干部');
  expect(await cardRows.first().getByRole('link', { name: '照片1' }).count()).toBe(1);
  const panel = page.locator('[data-section="assistance"]');
  expect(await panel.innerText()).toContain('走访干部（县扶贫办');
  const thisYear = panel.locator(`[data-plan-year="${YEAR}"]`);
  expect(await thisYear.locator('[data-role="main"]').innerText()).toBe('产业扶持（主要） 3,000 元 · 县农业农村局');
  expect(await thisYear.locator('[data-role="auxiliary"]').innerText()).toBe('转移就业（辅助）');
  expect(await thisYear.innerText()).not.toContain('医疗扶持');
  expect(await panel.locator(`[data-plan-year="${YEAR - 1}"]`).innerText()).toBe('医疗扶持（主要）');
  expect(await panel.innerText()).toContain(`${YEAR - 1} 年帮扶措施（一户一策）`);
}, 90_000);

it('a double tap on 保存走访 saves one visit, says so and clears the form', async () => {
  await page.goto(`${base}/assistance/field`);
  await page.locator('.field-households .ant-list-item', { hasText: '扎西' }).click();
  await page.locator('.field-findings').fill('双击保存：只应记一次');
  const synced = page.waitForResponse((r) => r.url().endsWith('/api/v1/assistance/sync') && r.status() === 200);
  await page.locator('.field-save').dblclick();
  await synced;
  await page.locator('.field-saved', { hasText: '走访已保存' }).waitFor();
  expect(await page.locator('.field-findings').inputValue()).toBe('');
  await page.locator('.field-visit-item', { hasText: '双击保存：只应记一次' }).first().waitFor();
  expect(await page.locator('.field-visit-item', { hasText: '双击保存：只应记一次' }).count()).toBe(1);
  const rows = await database.db.selectFrom('visit').select('id').where('findings', '=', '双击保存：只应记一次').execute();
  expect(rows).toHaveLength(1);
}, 60_000);

it('a pairing cadre who signs in on a 390×844 phone lands in the field app', async () => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  try {
    const fresh = await phone.newPage();
    await fresh.goto(`${base}/`);
    await fresh.waitForURL((url) => url.pathname === '/login');
    expect(await submitLogin(fresh, 'fieldcadre', PASSWORD)).toBe(200);
    await fresh.waitForURL((url) => url.pathname === '/assistance/field');
    await fresh.locator('.field-households .ant-list-item', { hasText: '扎西' }).waitFor();
  } finally {
    await phone.close();
  }
}, 60_000);
