/**
 * The policy pages in headless Chromium: a county policy administrator opens the policy
 * versions, compares two drafts (the changed monitoring line highlighted), edits a draft value
 * (a bad value refused at its field, a good one saved and audited), and runs a what-if of the
 * draft against his county, seeing the counts by township.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { createPolicyDraft } from '../../src/modules/policy/service';
import { buildApp } from '../../src/server/app';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';
import { goodColumns, incomeOf, insuredAdult } from '../monitoring/helpers';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { createActiveUser, signIn } from './session';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
let places: TestPlaces;
const drafts = { low: '', high: '' };
const LINE = 'monitoring.lineByYear.2021.amount';

const lineRule = (amount: number) => ({ monitoring: { lineByYear: { 2021: { amount } } } });

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 2, 1);
  const members = [insuredAdult('周大', '1970-02-01'), insuredAdult('吴二', '1971-03-01')];
  const household = (villageCode: string, perCapita: number) =>
    createHousehold(database, places, { villageCode, members, columns: goodColumns(), incomes: [incomeOf(2020, perCapita, 2), incomeOf(2021, perCapita, 2)] });
  await household(places.villageCodes[0], 6200);
  await household(places.villageCodes[0], 9000);
  await household(places.villageCodes[1], 6600);
  const actor = { userId: null, username: 'seed', role: null, address: null };
  const draft = async (amount: number, title: string) => (await createPolicyDraft(database.db, { regionCode: places.countyCode, effectiveYear: 2021, title, rules: lineRule(amount) }, actor)).id;
  drafts.low = await draft(6300, '监测线调整（方案一）');
  drafts.high = await draft(6500, '监测线调整（方案二）');
  await createActiveUser(database, 'zhengce', '政策管理员', 'policy_admin', places.countyCode);
  await createActiveUser(database, 'xianji', '县级操作员', 'county_operator', places.countyCode);
  app = await buildApp({ database });
  base = await listen(app);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

const row = (title: string) => page.locator('.policy-list tbody tr.ant-table-row', { hasText: title });

describe('policy pages in the browser', () => {
  it('lists the versions governing the county and compares two, the difference highlighted', async () => {
    await signIn(page, base, 'zhengce', undefined, '/policy');
    await row('方案二').waitFor();
    expect(await row('全国').count()).toBeGreaterThan(0);
    await row('方案一').locator('.ant-checkbox-input').check();
    await row('方案二').locator('.ant-checkbox-input').check();
    await page.locator('.policy-compare-picked').click();
    await page.waitForURL((url) => url.pathname === '/policy/compare');
    await page.locator('.policy-diff-count', { hasText: '共有 1 处不同' }).waitFor();
    const diff = page.locator('.policy-diff tbody tr.ant-table-row');
    expect(await diff.count()).toBe(1);
    expect(await diff.first().innerText()).toContain('监测线金额');
    expect(await diff.first().locator('td').nth(1).innerText()).toBe('6300');
    expect(await diff.first().locator('td.policy-diff-changed').innerText()).toBe('6500');
  });

  it('edits a draft: a bad value is refused at its field, a good one is saved and audited', async () => {
    await page.goto(`${base}/policy/${drafts.high}/edit`);
    const box = page.locator(`input[data-path="${LINE}"]`);
    await box.waitFor();
    expect(await box.inputValue()).toBe('6500');
    const cap = page.locator('input[data-path="monitoring.capByYear.2020.share"]');
    await cap.fill('1.5');
    await page.locator('.policy-save').click();
    const fieldError = page.locator('.policy-field-error');
    await fieldError.first().waitFor();
    expect(await page.locator('.policy-errors').innerText()).toBeTruthy();
    expect((await fieldError.allInnerTexts()).join('|')).toMatch(/1/);
    await cap.fill('0.05');
    await box.fill('-5');
    await page.locator('.policy-save').click();
    await page.locator('.policy-field-error', { hasText: '应大于 0' }).waitFor();
    expect(await fieldError.count()).toBe(1);
    await box.fill('7000');
    await page.locator('.policy-save').click();
    await page.locator('.ant-message', { hasText: '草稿已保存' }).waitFor();
    await fieldError.waitFor({ state: 'detached' });
    const audit = await database.db.selectFrom('audit_event').select(['username', 'after']).where('action', '=', 'policy.update').where('object_id', '=', drafts.high).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ username: 'zhengce', after: { rules: lineRule(7000) } });
  });

  it('runs a what-if of the draft against the county and shows the counts by township', async () => {
    await page.locator('.policy-what-if-run').click();
    const summary = page.locator('.policy-what-if-summary');
    await summary.waitFor({ timeout: 30_000 });
    // Line 7000: the households at 6200 and 6600 yuan per person turn yellow; the one at 9000 does not.
    expect(await summary.innerText()).toContain('共 3 户 6 人，其中 2 户（4 人）的评估结果或风险等级将改变');
    const byPlace = page.locator('.policy-what-if-by-place tbody tr.ant-table-row');
    expect(await byPlace.count()).toBe(2);
    expect((await byPlace.nth(0).locator('td').allInnerTexts()).slice(0, 4)).toEqual(['测试1镇', '2', '1', '2']);
    expect((await byPlace.nth(1).locator('td').allInnerTexts()).slice(0, 4)).toEqual(['测试2镇', '1', '1', '2']);
    expect(await page.locator('.policy-what-if-targets').innerText()).toContain('监测规模、产业增收目标和程序设置');
    await page.locator('.policy-what-if').screenshot({ path: join(SCREENSHOTS, 'policy-what-if.png') });
    const download = page.getByRole('link', { name: /下载变化的户/ });
    const href = await download.getAttribute('href');
    const res = await page.request.get(base + href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
  });

  it('shows the monitoring scale and the industry income target for a chosen year, each with 导出Excel', async () => {
    const other = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await signIn(other, base, 'xianji', undefined, '/monitoring/targets');
    // The page opens on the header's business year (no separate year to choose first).
    await other.locator('.monitoring-targets-page').waitFor();
    await other.goto(`${base}/monitoring/targets?year=2020`);
    const cap = other.locator('[data-testid="cap-section"] tbody tr.ant-table-row');
    await cap.first().waitFor();
    expect(await cap.first().innerText()).toContain('监测对象 0 人，占建档立卡人口 6 人的 0%，未超过上限 5%（2020 年规则）');
    expect(await other.locator('[data-testid="industry-totals"]').innerText()).toContain('有产业扶持的户 0 户');
    const href = await other.locator('[data-testid="cap-export"]').getAttribute('href');
    const res = await other.request.get(base + href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    expect(await other.locator('[data-testid="industry-export"]').getAttribute('href')).toContain('/monitoring/industry-income/export.xlsx');
    await other.close();
  });
});
