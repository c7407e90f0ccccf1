/**
 * The funds journey in headless Chromium, signed in as a county operator: he creates a project
 * in the project library, allocates money of a county fund source to it, records a disbursement
 * with its voucher, and sees the county's fund-rule panel turn the industrial share to 达标.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { createFundSource } from '../../src/modules/projects/funds';
import { buildApp } from '../../src/server/app';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { createActiveUser, signIn } from './session';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
let places: TestPlaces;
let household: CreatedHousehold;
const year = new Date().getFullYear();

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 1, 2);
  household = await createHousehold(database, places);
  await createFundSource(database.db, { placeCode: places.countyCode, year, kind: 'central', name: '中央财政专项扶贫资金', amount: 100_000_000 }, { actor: CONSOLE_ACTOR, today: `${year}-01-01` });
  const operator = await createActiveUser(database, 'zijinxian', '资金县业务员', 'county_operator', places.countyCode);
  await createActiveUser(database, 'zijincun', '资金村信息员', 'village_operator', places.villageCodes[0]);
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await signIn(page, base, operator.username, undefined, `/projects?year=${year}`);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

const modal = () => page.locator('.ant-modal').last();
async function choose(selectClass: string, text: string) {
  await modal().locator(`.${selectClass}`).click();
  await page.locator('.ant-select-item-option', { hasText: text }).first().click();
}
async function submitModal(urlPart: string) {
  const answer = page.waitForResponse((r) => r.url().includes(urlPart) && r.request().method() !== 'GET');
  await modal().getByRole('button', { name: '提交' }).click();
  expect((await answer).status()).toBe(201);
  await modal().waitFor({ state: 'detached' });
}
const ruleTag = (code: string) => page.locator(`.fund-rule-${code} .fund-rule-result`);

describe('funds in the browser', () => {
  it('creates a project, allocates funds, records a disbursement and sees the fund rules update', async () => {
    await page.getByRole('button', { name: '新建项目' }).click();
    await modal().getByLabel('项目名称').fill('烤烟种植示范基地');
    await modal().getByLabel('产业', { exact: true }).fill('烤烟');
    await modal().getByLabel('建设规模').fill('6600');
    await submitModal('/api/v1/projects');
    await expect.poll(() => page.locator('.projects-table tbody').innerText()).toContain('烤烟种植示范基地');

    const rules = page.waitForResponse((r) => r.url().includes('/api/v1/funds/rules'));
    await page.goto(`${base}/funds?year=${year}`);
    await rules;
    await expect.poll(() => ruleTag('industrial_share').innerText()).toBe('未达标');

    await page.getByRole('button', { name: '分配资金' }).click();
    await choose('source-select', '中央财政专项扶贫资金');
    await choose('project-select', '烤烟种植示范基地');
    await modal().getByLabel('金额（元）', { exact: true }).fill('600000');
    await submitModal('/api/v1/funds/allocations');
    await expect.poll(() => ruleTag('industrial_share').innerText()).toBe('达标');
    expect(await page.locator('.fund-rule-industrial_share').innerText()).toContain('安排产业项目 600,000.00 元，占 60.0%');

    await page.getByRole('button', { name: '登记拨付' }).click();
    await choose('allocation-select', '烤烟种植示范基地');
    await modal().getByLabel('金额（元）', { exact: true }).fill('250000');
    await modal().getByLabel('凭证号').fill('记-2024-0001');
    await submitModal('/api/v1/funds/disbursements');
    await page.getByRole('tab', { name: '资金拨付' }).click();
    await expect.poll(() => page.locator('.disbursements-table tbody').innerText()).toContain('记-2024-0001');
    await page.getByRole('tab', { name: '资金来源' }).click();
    await expect.poll(() => page.locator('.sources-table tbody').innerText()).toContain('250,000.00');
    await page.screenshot({ path: join(SCREENSHOTS, 'funds.png'), fullPage: true });
  });

  it('adds a beneficiary household on the project detail, with the server error on the field for an unknown one', async () => {
    await page.goto(`${base}/projects?year=${year}`);
    await page.locator('.projects-table .project-open', { hasText: '烤烟种植示范基地' }).click();
    const drawer = page.locator('.project-detail');
    await expect.poll(() => drawer.locator('.ant-descriptions').innerText()).toContain('烤烟');
    await expect.poll(() => drawer.locator('.ant-table').first().innerText()).toContain('中央财政专项扶贫资金');
    const save = async (status: number) => {
      const answer = page.waitForResponse((r) => r.url().includes('/beneficiaries') && r.request().method() === 'PUT');
      await drawer.locator('.beneficiary-save').click();
      expect((await answer).status()).toBe(status);
    };
    await drawer.locator('.beneficiary-add').click();
    await drawer.locator('.beneficiary-no input, input.beneficiary-no').last().fill('不存在-001');
    await save(400);
    await expect.poll(() => drawer.locator('.beneficiary-form .ant-form-item-explain-error').innerText()).toContain('不存在-001 不在项目所在地区的登记户中');
    await drawer.locator('.beneficiary-no input, input.beneficiary-no').last().fill(household.householdNo);
    await drawer.locator('.beneficiary-gain input').last().fill('3200');
    await save(200);
    await expect.poll(() => drawer.locator('.beneficiary-table tbody').innerText()).toContain(household.householdNo);
    expect(await drawer.locator('.beneficiary-table tbody').innerText()).toContain('3,200.00');
    await page.screenshot({ path: join(SCREENSHOTS, 'project-detail.png'), fullPage: true });
  });

  it('records photovoltaic revenue beside the fund-rule panel and sees the photovoltaic rule pass', async () => {
    const rules = page.waitForResponse((r) => r.url().includes('/api/v1/funds/rules'));
    await page.goto(`${base}/funds?year=${year}`);
    await rules;
    await expect.poll(() => ruleTag('photovoltaic_welfare_share').innerText()).toBe('无数据');
    const card = page.locator('.pv-revenue');
    await card.getByLabel('村代码').fill(places.villageCodes[0]);
    await card.getByLabel('光伏收益（元）').fill('1000');
    await card.getByLabel('用于公益岗位和劳务（元）').fill('800');
    const answer = page.waitForResponse((r) => r.url().includes('/api/v1/funds/pv-revenue'));
    await card.getByRole('button', { name: '保存光伏收益' }).click();
    expect((await answer).status()).toBe(200);
    await expect.poll(() => ruleTag('photovoltaic_welfare_share').innerText()).toBe('达标');
  });

  it('shows a village operator his area\'s funds without asking for the county\'s fund rules', async () => {
    const village = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    try {
      const refused: string[] = [];
      village.on('response', (r) => {
        if (r.url().includes('/api/v1/') && r.status() >= 400 && !r.url().endsWith('/auth/me')) refused.push(`${r.status()} ${r.url()}`);
      });
      await signIn(village, base, 'zijincun', undefined, '/funds');
      await village.getByTestId('fund-rules-county-only').waitFor();
      await village.locator('.sources-table').waitFor();
      expect(await village.locator('.fund-rules').count()).toBe(0);
      expect(refused).toEqual([]);
    } finally {
      await village.close();
    }
  });
});
