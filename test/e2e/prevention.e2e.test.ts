/**
 * 防止返贫致贫 in headless Chromium: the county sees the households in the monitoring range
 * (脱贫不稳定户 at the national floor); the policy administrator runs a what-if of a higher
 * range and sees who would enter; a monitoring-entry case goes through 评议, 公示 (5 days, the
 * server's clock moved, no sleeping), 乡镇初审 and 县级审定 within its 15-day clock while another
 * case left at 入户核实 turns orange for the township; the village records an urgent measure.
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
import { loginAs, type Client } from '../access/helpers';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';
import { act, PNG, upload } from '../procedures/helpers';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { nameTestPlaces } from './seedRegistry';
import { createActiveUser, PASSWORD, signIn } from './session';

const DAY = 24 * 60 * 60 * 1000;
const users = { village: 'cunji', township: 'xiangzhen', county: 'xianji', policy: 'zhengce' };
const started = Date.now();
const today = chinaDate(new Date(started));
const year = Number(today.slice(0, 4));

let database: Database;
let app: FastifyInstance;
let clock: ManualClock;
let browser: Browser;
let base: string;
let places: TestPlaces;
let unstableNo: string;
let idleNo: string;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 1, 1);
  await nameTestPlaces(database, places);
  unstableNo = (await createHousehold(database, places, { status: 'exited', exitYear: 2019, incomes: [{ year, wages: 10000 }] })).householdNo;
  idleNo = (await createHousehold(database, places, { status: 'not_poor', identifiedYear: null, history: [], incomes: [{ year, wages: 14000 }] })).householdNo;
  await createActiveUser(database, users.village, '村级信息员', 'village_operator', places.villageCodes[0]);
  await createActiveUser(database, users.township, '乡镇业务员', 'township_operator', places.townshipCodes[0]);
  await createActiveUser(database, users.county, '县级业务员', 'county_operator', places.countyCode);
  await createActiveUser(database, users.policy, '政策管理员', 'policy_admin', '0');
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

async function as(role: keyof typeof users, path: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await signIn(page, base, users[role], undefined, path);
  return { context, page };
}

const api = (role: keyof typeof users): Promise<Client> => loginAs(app, users[role], PASSWORD);

describe('防止返贫致贫 in the browser', () => {
  it('lists the households in the range and runs a what-if of a higher range', async () => {
    const { context, page } = await as('county', `/monitoring/prevention?year=${year}`);
    await page.getByTestId('prevention-counts').filter({ hasText: '范围内 1 户' }).waitFor();
    await page.locator('tr', { hasText: unstableNo }).locator('.ant-tag', { hasText: '脱贫不稳定户' }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'prevention-screening.png'), fullPage: true });
    await context.close();

    const admin = await as('policy', `/monitoring/prevention?year=${year}`);
    const form = admin.page.getByTestId('prevention-what-if');
    await form.getByTestId('what-if-region').fill(places.countyCode);
    await form.getByTestId('what-if-upper').fill('7500');
    await form.getByTestId('what-if-run').click();
    await admin.page.getByTestId('what-if-result').filter({ hasText: '新纳入 1 户，移出 0 户' }).waitFor();
    await admin.page.locator('tr', { hasText: idleNo }).locator('.ant-tag', { hasText: '新纳入范围' }).waitFor();
    await admin.context.close();
  });

  it('takes a case through 公示 to 审定 within the clock; an idle case turns orange; an urgent measure is recorded', async () => {
    const village = places.villageCodes[0];
    let v = await api('village');
    const start = async (no: string) => {
      const res = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'monitoring_entry', householdNo: no, year, source: 'cadre_discovery', monitorCategory: no === unstableNo ? 'unstable' : 'marginal', discoveredOn: today });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    const id = await start(unstableNo);
    const idle = await start(idleNo);

    let county = await as('county', `/monitoring/clocks?year=${year}`);
    await county.page.getByTestId(`clock-${id}`).filter({ hasText: '时限内' }).waitFor();
    expect(await county.page.getByTestId(`remaining-${id}`).textContent()).toBe('15 天');
    await county.context.close();

    expect((await act(v, [id], 'approve', { evidenceIds: [await upload(v, village, 'review_minutes'), await upload(v, village, 'consent')] })).statusCode).toBe(200);
    expect((await v.inject('POST', '/api/v1/procedures/notices', { caseIds: [id], startsOn: today, contact: '村委会' })).statusCode).toBe(201);
    clock.set(new Date(started + 5 * DAY));
    v = await api('village');
    expect((await act(v, [id], 'approve', { evidenceIds: [await upload(v, village, 'notice_photo', '公示.png', 'image/png', PNG)] })).statusCode).toBe(200);
    expect((await act(await api('township'), [id], 'approve')).statusCode).toBe(200);
    expect((await act(await api('county'), [id], 'approve')).statusCode).toBe(200);

    county = await as('county', `/monitoring/clocks?year=${year}`);
    await county.page.getByTestId(`clock-${id}`).filter({ hasText: '按时办结' }).waitFor();
    await county.page.getByTestId(`clock-${idle}`).filter({ hasText: '超期' }).waitFor();
    expect(await county.page.locator('tr', { hasText: idleNo }).textContent()).toContain('乡镇');
    await county.page.screenshot({ path: join(SCREENSHOTS, 'prevention-clocks.png'), fullPage: true });
    await county.context.close();

    const field = await as('village', `/monitoring/clocks?year=${year}`);
    await field.page.getByTestId(`urgent-${idle}`).click();
    await field.page.getByTestId('urgent-date').click();
    await field.page.getByTestId('urgent-date').fill(today);
    await field.page.getByTestId('urgent-date').press('Enter');
    await field.page.getByTestId('urgent-cause').click();
    await field.page.locator('.ant-select-item-option', { hasText: '意外事故' }).click();
    await field.page.getByTestId('urgent-measure').fill('户主工伤，先行临时救助');
    await field.page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await field.page.locator('tr', { hasText: idleNo }).filter({ hasText: '意外事故：户主工伤，先行临时救助' }).waitFor();
    await field.context.close();
  });
});
