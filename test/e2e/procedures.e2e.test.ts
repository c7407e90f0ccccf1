/**
 * The exit procedure in headless Chromium, each step by the user of its role through the
 * procedure pages: the village operator is refused an exit for a household whose assessment
 * fails (reasons shown), proposes one that passes, uploads the minutes and the household's
 * signed agreement, publishes the village notice (printed view), records and dismisses an
 * objection; the server's clock moves past the 7-day notice period (no sleeping); the township
 * approves from its to-do list in bulk; the county draws its spot check, verifies and marks.
 * The household card then shows 已脱贫 and the status change in its timeline.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { chinaDate } from '../../src/domain/dates';
import { manualClock, type ManualClock } from '../../src/modules/auth/service';
import { buildApp } from '../../src/server/app';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { eligibleHousehold, PDF, PNG } from '../procedures/helpers';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { nameTestPlaces } from './seedRegistry';
import { createActiveUser, signIn } from './session';

const DAY = 24 * 60 * 60 * 1000;

let database: Database;
let app: FastifyInstance;
let clock: ManualClock;
let browser: Browser;
let base: string;
let places: TestPlaces;
let householdNo: string;
let failingNo: string;
let caseId: number;
const users = { village: 'cunji', township: 'xiangzhen', county: 'xianji' };

/** The server's clock starts at the real time, so the browser's today (China time) is the server's today. */
const started = Date.now();

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 1, 2);
  await nameTestPlaces(database, places);
  const year = Number(chinaDate(new Date(started)).slice(0, 4));
  const incomes = [year - 1, year].map((y) => ({ year: y, wages: 14000, productionNet: 4000 }));
  householdNo = (await eligibleHousehold(database, places, { incomes })).householdNo;
  failingNo = (await eligibleHousehold(database, places, { incomes, columns: { house_grade: 'D' } })).householdNo;
  await createActiveUser(database, users.village, '村级信息员', 'village_operator', places.villageCodes[0]);
  await createActiveUser(database, users.township, '乡镇业务员', 'township_operator', places.townshipCodes[0]);
  await createActiveUser(database, users.county, '县级业务员', 'county_operator', places.countyCode);
  clock = manualClock(new Date(started));
  app = await buildApp({ database, access: { requireLogin: true, clock } });
  base = await listen(app);
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

/** A fresh browser (China time) signed in as the user of `role`, on `path`. */
async function as(role: keyof typeof users, path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, base, users[role], undefined, path);
  return { context, page };
}

/** Wait for the case page of `caseId` showing step `step` (after an action reloads it). */
async function caseAt(page: Page, step: string) {
  await page.locator('.case-actions .case-waiting, .case-actions .ant-alert').filter({ hasText: step }).first().waitFor();
}

/** Click a button and wait for the request it makes to answer. */
async function clickAnd(page: Page, button: ReturnType<Page['locator']>, url: string, status = 200) {
  const answer = page.waitForResponse((r) => r.url().includes(url) && r.request().method() === 'POST');
  await button.click();
  const res = await answer;
  expect(res.status(), await res.text()).toBe(status);
}

async function upload(page: Page, name: string, mimeType: string, buffer: Buffer) {
  const answer = page.waitForResponse((r) => r.url().includes('/api/v1/procedures/evidence?'));
  await page.locator('.evidence-upload input[type=file]').setInputFiles({ name, mimeType, buffer });
  expect((await answer).status()).toBe(201);
  await page.locator('.evidence-upload [data-testid=evidence-file]', { hasText: name }).waitFor();
}

/** 发起程序 → 贫困户退出 for a household from the to-do page; the HTTP status of the request. */
async function startExit(page: Page, no: string): Promise<number> {
  const defs = page.waitForResponse((r) => r.url().includes('/api/v1/procedures/definitions'));
  await page.getByTestId('start-procedure').click();
  await defs;
  await page.locator('.ant-modal .ant-select', { hasText: '贫困户退出' }).waitFor();
  await page.getByTestId('start-household').fill(no);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/procedures/cases'));
  await page.locator('.ant-modal-footer .ant-btn-primary').click();
  return (await answer).status();
}

describe('exit procedure through the web pages', () => {
  it('the village operator is refused an exit when the assessment fails, with the reasons', async () => {
    const { context, page } = await as('village', '/procedures/todo');
    expect(await startExit(page, failingNo)).toBe(409);
    const refusal = page.getByTestId('start-refusal');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('不能发起退出');
    expect(await refusal.locator('.refusal-reasons li').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^住房安全/)]));
    await context.close();
  });

  it('the village operator proposes the exit, uploads the evidence, publishes the notice and handles an objection', async () => {
    const { context, page } = await as('village', '/procedures/todo');
    expect(await startExit(page, householdNo)).toBe(201);
    await page.waitForURL(/\/procedures\/cases\/\d+$/);
    caseId = Number(new URL(page.url()).pathname.split('/').pop());
    await caseAt(page, '村民代表大会民主评议');

    await upload(page, '民主评议会议记录.pdf', 'application/pdf', PDF);
    await clickAnd(page, page.getByTestId('action-approve'), '/procedures/cases/actions');
    await caseAt(page, '村两委组织信息核实');
    await upload(page, '农户签字确认书.pdf', 'application/pdf', PDF);
    await clickAnd(page, page.getByTestId('action-approve'), '/procedures/cases/actions');
    await caseAt(page, '村内公示');

    await page.getByTestId('publish-notice').click();
    await page.getByTestId('notice-contact').fill('示范村村委会，电话 0894-1234567');
    await clickAnd(page, page.locator('.ant-modal-footer .ant-btn-primary'), '/procedures/notices', 201);
    await page.getByTestId('action-reasons').filter({ hasText: '公示期为' }).waitFor();
    expect(await page.getByTestId('action-approve').isDisabled()).toBe(true);

    await page.getByTestId('add-objection').click();
    const dialog = page.locator('.ant-modal', { hasText: '登记异议' });
    await dialog.getByLabel('异议人').fill('王某');
    await dialog.getByLabel('异议内容').fill('该户家中有人在外务工收入较高，是否属实请核查');
    await clickAnd(page, dialog.locator('.ant-modal-footer .ant-btn-primary'), '/objections', 201);
    await page.getByTestId('objections').locator('td', { hasText: '王某' }).waitFor();
    await page.getByTestId('objections').getByRole('button', { name: '异议不成立' }).click();
    const resolve = page.locator('.ant-modal', { hasText: '处理异议' });
    await resolve.getByLabel('处理结果').fill('经入户核实，务工收入已计入，异议不成立');
    await clickAnd(page, resolve.locator('.ant-modal-footer .ant-btn-primary'), '/resolve');
    await page.getByTestId('objections').locator('td', { hasText: '经入户核实' }).waitFor();

    await page.locator('a', { hasText: '查看公示' }).click();
    const sheet = page.getByTestId('notice-sheet');
    await sheet.waitFor();
    expect(await sheet.innerText()).toContain('如有异议');
    expect(await sheet.locator('tbody tr').count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SCREENSHOTS, 'public-notice.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await context.close();
  });

  it('after the 7-day notice the village passes it; the township approves from its to-do list', async () => {
    clock.set(new Date(started + 8 * DAY));
    const village = await as('village', `/procedures/cases/${caseId}`);
    await caseAt(village.page, '村内公示');
    await upload(village.page, '公示照片.png', 'image/png', PNG);
    await clickAnd(village.page, village.page.getByTestId('action-approve'), '/procedures/cases/actions');
    await caseAt(village.page, '乡镇核查');
    await village.context.close();

    const { context, page } = await as('township', '/procedures/todo');
    const row = page.locator('.case-table tr.ant-table-row', { hasText: householdNo });
    await row.locator('.ant-checkbox-input').check();
    await clickAnd(page, page.getByTestId('bulk-approve'), '/procedures/cases/actions');
    await page.locator('.case-table .ant-empty').waitFor();
    await context.close();
  });

  it('the county draws its spot check, verifies and marks the exit; the card shows the new status and the timeline', async () => {
    const { context, page } = await as('county', '/procedures/todo');
    await page.locator('.case-table tr.ant-table-row', { hasText: householdNo }).waitFor();
    await clickAnd(page, page.getByTestId('draw-sample'), '/procedures/spot-checks', 201);
    await page.getByTestId('case-link').filter({ hasText: String(caseId) }).click();
    await caseAt(page, '县级抽查');
    await page.getByTestId('action-comment').fill('入户抽查属实');
    await clickAnd(page, page.getByTestId('action-verify'), '/procedures/cases/actions');
    await caseAt(page, '县级标注脱贫');
    await clickAnd(page, page.getByTestId('action-approve'), '/procedures/cases/actions');
    await page.getByTestId('case-status').filter({ hasText: '已办结' }).waitFor();

    const history = page.getByTestId('case-history');
    const results = await history.locator('tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
    expect(results).toEqual(['发起', '通过', '通过', '开始公示', '收到异议', '异议不成立', '通过', '通过', '抽中，待核查', '抽查核实通过', '通过，程序完成']);
    expect(await history.locator('[data-testid=evidence-file]').count()).toBe(3);
    expect(await history.locator('.evidence-hash').first().innerText()).toMatch(/SM3 [0-9a-f]{64}/);
    await page.addStyleTag({ content: '.ant-message { display: none !important; }' });
    await page.screenshot({ path: join(SCREENSHOTS, 'case-page.png'), fullPage: true });

    await page.goto(`${base}/households/${householdNo}`);
    await page.locator('.card-section[data-section=timeline] [data-testid=timeline-entry]').first().waitFor();
    expect(await page.locator('.household-card-page .ant-tag', { hasText: '已脱贫' }).count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=timeline-entry]').first().innerText()).toContain('程序办结，变更户状态');
    await context.close();
  });
});
