/**
 * The reporting rhythm in headless Chromium: a township operator submits the month, the county
 * leader returns it with a reason, the operator submits again and the leader signs it off; a
 * county operator records a finding of an inspection round, which opens a rectification, closes
 * it through the rectification ledger, and issues the 通报 showing it closed.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { createRound } from '../../src/modules/rhythm/service';
import { chinaDate } from '../../src/domain/dates';
import { buildApp } from '../../src/server/app';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { createActiveUser, signIn } from './session';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let places: TestPlaces;
let roundId: number;
const today = chinaDate(new Date());
const month = today.slice(0, 7);
const users: Record<string, string> = {};

async function pageOf(username: string, path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, base, username, undefined, path);
  return page;
}

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 2, 1);
  await createHousehold(database, places, { villageCode: places.villageCodes[0] });
  users.township = (await createActiveUser(database, 'diaodu_zhen', '调度镇业务员', 'township_operator', places.townshipCodes[0])).username;
  users.leader = (await createActiveUser(database, 'diaodu_lingdao', '调度县领导', 'leader', places.countyCode)).username;
  users.county = (await createActiveUser(database, 'diaodu_xian', '调度县业务员', 'county_operator', places.countyCode)).username;
  const round = await createRound(database.db, {
    title: '第一轮明察', mode: 'open', places: [places.townshipCodes[0]], team: ['王督查'], leader: '赵副县长', startsOn: today, endsOn: today,
  }, { actor: CONSOLE_ACTOR, today });
  roundId = round.id;
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

const modal = (page: Page) => page.locator('.ant-modal').last();
async function submitModal(page: Page, urlPart: string, status: number) {
  const answer = page.waitForResponse((r) => r.url().includes(urlPart) && r.request().method() === 'POST');
  await modal(page).getByRole('button', { name: '提交' }).click();
  expect((await answer).status()).toBe(status);
  await modal(page).waitFor({ state: 'detached' });
}

describe('the reporting rhythm in the browser', () => {
  it('submits the month, returns it with a reason, resubmits it and signs it off', async () => {
    const reportPath = `/rhythm/reports/${places.townshipCodes[0]}/${month}`;
    const operator = await pageOf(users.township, reportPath);
    const status = (page: Page) => page.locator('.report-status').innerText();
    await operator.locator('.report-submit').click();
    await modal(operator).getByLabel('工作进展情况').fill('本月走访贫困户 40 户');
    await submitModal(operator, '/rhythm/reports/', 200);
    await expect.poll(() => status(operator)).toBe('已上报待签收');

    const leader = await pageOf(users.leader, reportPath);
    await expect.poll(() => status(leader)).toBe('已上报待签收');
    await leader.locator('.report-return').click();
    await modal(leader).getByLabel('退回理由').fill('未写明整改进度');
    await submitModal(leader, '/decision', 200);
    await expect.poll(() => status(leader)).toBe('已退回待重报');
    expect(await leader.locator('.report-versions').innerText()).toContain('退回（未写明整改进度）');

    await operator.reload();
    await operator.locator('.report-submit').click();
    await modal(operator).getByLabel('工作进展情况').fill('本月走访贫困户 40 户，整改问题 2 个已销号');
    await submitModal(operator, '/rhythm/reports/', 200);
    await expect.poll(() => status(operator)).toBe('已上报待签收');

    await leader.reload();
    const signed = leader.waitForResponse((r) => r.url().includes('/decision'));
    await leader.locator('.report-sign').click();
    expect((await signed).status()).toBe(200);
    await expect.poll(() => status(leader)).toBe('已签收');
    expect(await leader.locator('.report-versions').innerText()).toContain('第 2 版');
    await leader.screenshot({ path: join(SCREENSHOTS, 'rhythm-report.png'), fullPage: true });
    await operator.reload();
    await expect.poll(() => status(operator)).toBe('已签收');
    expect(await operator.locator('.report-submit').count()).toBe(0);

    await leader.goto(`${base}/rhythm/submissions?month=${month}`);
    await expect.poll(() => leader.locator('.submissions-table tbody').innerText()).toContain('已签收');
  });

  it('opens a rectification from a finding, closes it and shows it closed in the 通报', async () => {
    const page = await pageOf(users.county, `/inspections/${places.countyCode}/${roundId}`);
    await page.locator('.finding-add').click();
    const dialog = modal(page);
    await dialog.locator('.ant-select').first().click();
    await page.keyboard.type('测试1镇1村');
    await page.locator('.ant-select-item-option', { hasText: places.villageCodes[0] }).click();
    await dialog.getByLabel('问题描述').fill('3户危房改造未验收');
    await dialog.getByLabel('责任单位').fill('县住建局');
    for (const [label, value] of [['发现日期', today], ['整改时限', today]]) {
      await dialog.getByLabel(label).click();
      await dialog.getByLabel(label).fill(value);
      await dialog.getByLabel(label).press('Enter');
    }
    await submitModal(page, '/findings', 201);
    await expect.poll(() => page.locator('.findings-table tbody').innerText()).toContain('待整改');

    await page.goto(`${base}/rectifications`);
    await page.locator('.rectification-table a', { hasText: '3户危房改造未验收' }).click();
    for (const [action, evidence] of [['开始整改', ''], ['报告整改完成', '验收单.pdf'], ['核验通过', '核验记录.pdf'], ['销号', '销号材料.pdf']]) {
      await modal(page).getByRole('button', { name: action, exact: true }).click();
      await modal(page).getByLabel('进展情况').fill(`${action}：已办理`);
      if (evidence) await modal(page).getByLabel('佐证材料').fill(evidence);
      const answer = page.waitForResponse((r) => r.url().includes('/steps'));
      await modal(page).getByRole('button', { name: '确认' }).click();
      expect((await answer).status()).toBe(200);
    }
    await expect.poll(() => modal(page).locator('.ant-modal-title').innerText()).toContain('已销号');

    await page.goto(`${base}/inspections/${places.countyCode}/${roundId}`);
    await expect.poll(() => page.locator('.findings-table tbody').innerText()).toContain('已销号');
    await page.locator('.bulletin-issue').click();
    await modal(page).getByLabel('通报标题').fill('关于第一轮明察情况的通报');
    await modal(page).getByLabel('印发日期').click();
    await modal(page).getByLabel('印发日期').fill(today);
    await modal(page).getByLabel('印发日期').press('Enter');
    await submitModal(page, '/bulletins', 201);
    await page.locator('.bulletin-link').click();
    await expect.poll(() => page.locator('.bulletin-items tbody').innerText()).toContain('3户危房改造未验收');
    expect(await page.locator('.bulletin-items tbody').innerText()).toContain('已销号');
    await page.screenshot({ path: join(SCREENSHOTS, 'rhythm-bulletin.png'), fullPage: true });
  });
});
