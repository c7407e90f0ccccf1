/**
 * The village operator's journey in headless Chromium, with login required: the login page
 * (and a locked account's unlock time), the forced password change, a frame that shows only
 * what his role uses, his village's households only, a member corrected on the card and the
 * change in the card's 操作记录, another village's household answering 404, English, an idle
 * session sent back to the login page, and signing out.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { manualClock, type ManualClock } from '../../src/modules/auth/service';
import { buildApp } from '../../src/server/app';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { nameTestPlaces, seedHouseholds, type PlaceNames, type SeedHousehold } from './seedRegistry';
import { createActiveUser, createNewUser, PASSWORD, submitLogin, type E2eUser } from './session';

const numbers = (households: SeedHousehold[]) => households.map((h) => h.householdNo).sort();

let database: Database;
let app: FastifyInstance;
let clock: ManualClock;
let browser: Browser;
let page: Page;
let base: string;
let places: TestPlaces;
let names: PlaceNames;
let households: SeedHousehold[];
/** The operator's village: the fourth of the tree, whose households have four members. */
let village: string;
let villageName: string;
let operator: E2eUser;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 2, 2);
  names = await nameTestPlaces(database, places);
  households = await seedHouseholds(database, places, 40);
  village = places.villageCodes[3];
  villageName = names.villages[3];
  operator = await createNewUser(database, 'lijicun', '李集村信息员', 'village_operator', village);
  clock = manualClock(new Date());
  app = await buildApp({ database, access: { clock, requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

const inVillage = (code: string) => households.filter((h) => h.villageCode === code);

async function tableRows(): Promise<string[]> {
  await page.locator('.household-table .ant-spin-spinning').waitFor({ state: 'detached' });
  return page.locator('.household-table tbody tr.ant-table-row td:first-child').allInnerTexts();
}

describe('a village operator in the browser', () => {
  it('answers a fifth wrong password, which locks the account, as it answers an unknown user name; the lock holds and is audited', async () => {
    const user = await createActiveUser(database, 'locked.clerk', '王会计', 'village_operator', places.villageCodes[0]);
    for (let i = 0; i < 4; i++) {
      const answer = await page.request.post(`${base}/api/v1/auth/login`, { data: { username: user.username, password: 'Wrong#pass1' } });
      expect(answer.status()).toBe(401);
    }
    await page.goto(base + '/login');
    expect(await submitLogin(page, 'nobody.clerk', 'Wrong#pass1')).toBe(401);
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    const unknown = await alert.innerText();
    expect(unknown).toContain('用户名或密码错误');
    expect(await submitLogin(page, user.username, 'Wrong#pass1')).toBe(401);
    await alert.waitFor();
    expect(await alert.innerText()).toBe(unknown);

    // Even the right password is refused while the lock lasts, with the same words.
    expect(await submitLogin(page, user.username, PASSWORD)).toBe(401);
    expect(await alert.innerText()).toBe(unknown);
    expect(new URL(page.url()).pathname).toBe('/login');
    const row = await database.db.selectFrom('app_user').select('locked_until').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(new Date(row.locked_until!).getTime()).toBe(clock.now().getTime() + 15 * 60_000);
    const lockouts = await database.db.selectFrom('audit_event').select('action').where('username', '=', user.username).where('action', '=', 'auth.lockout').execute();
    expect(lockouts).toHaveLength(1);
  });

  it('sends the operator to the login page, then to change his one-time password before anything else', async () => {
    await page.goto(base + '/households');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('用户名').fill(operator.username);
    await page.screenshot({ path: join(SCREENSHOTS, 'login.png') });

    expect(await submitLogin(page, operator.username, operator.oneTimePassword)).toBe(200);
    await page.waitForURL((url) => url.pathname === '/password');
    expect(await page.getByTestId('password-reason').innerText()).toContain('初始密码');

    // A password the policy refuses: the server's reasons are shown, nothing changes.
    await page.getByLabel('当前密码').fill(operator.oneTimePassword);
    await page.getByLabel('新密码', { exact: true }).fill('lijicun1');
    await page.getByLabel('确认新密码').fill('lijicun1');
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/password'));
    await page.getByRole('button', { name: '确认修改' }).click();
    expect((await refused).status()).toBe(400);
    const error = await page.getByTestId('password-error').innerText();
    expect(error).toContain('须包含小写字母、大写字母、数字、符号中的至少 3 类');
    expect(error).toContain('密码不能包含用户名 lijicun');

    // Until the password is changed, the other pages send him back here.
    await page.goto(base + '/households');
    await page.waitForURL((url) => url.pathname === '/password');

    await page.getByLabel('当前密码').fill(operator.oneTimePassword);
    await page.getByLabel('新密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('确认新密码').fill(PASSWORD);
    await page.getByRole('button', { name: '确认修改' }).click();
    await page.waitForURL((url) => url.pathname === '/households');
  });

  it('shows the modules and pages his role uses, none for administration, his village as the place, and 403 for administration', async () => {
    await page.goto(base + '/households');
    await page.locator('.app-sider').waitFor();
    expect(await page.locator('.app-sider .ant-menu-submenu-title').allInnerTexts()).toEqual(['建档立卡', '监测预警', '退出管理', '帮扶', '项目资金', '行业部门', '任务整改', '挂牌督战', '统计报表', '系统管理']);
    const pages = await page.locator('.app-sider .ant-menu-item').allInnerTexts();
    expect(pages).toEqual(expect.arrayContaining(['农户名单', '监测总览', '我的待办', '结对帮扶', '走访端（手机）', '项目库', '工作任务台账', '挂牌督战名单', '领导驾驶舱', '政策参数']));
    // Administration is not his: no user, role, place or audit pages; no page is left disabled.
    expect(pages.filter((p) => ['用户管理', '角色权限', '行政区划', '审计日志'].includes(p))).toEqual([]);
    expect(await page.locator('.app-sider .ant-menu-item-disabled').count()).toBe(0);

    const path = `${names.province} / ${names.city} / ${names.county} / ${names.townships[1]} / ${villageName}`;
    await page.getByTestId('place-indicator').getByText(path).waitFor();
    await page.locator('.place-tree .place-title', { hasText: villageName }).waitFor();
    expect(await page.locator('.place-tree .place-title').allInnerTexts()).toEqual([villageName]);
    expect(await page.getByTestId('user-menu').innerText()).toContain('李集村信息员');
    expect(await page.getByRole('link', { name: /导出Excel/ }).count()).toBe(1);

    await page.goto(base + '/admin/users');
    await page.locator('.ant-result-403').waitFor();
    expect(await page.locator('.ant-result-title').innerText()).toBe('403 无权访问');
    await page.goto(base + '/no-such-page');
    await page.locator('.ant-result-404').waitFor();
  });

  it('switches the frame and the list to English and keeps the choice after a reload', async () => {
    await page.goto(base + '/households');
    await page.getByTestId('language-switch').getByText('English').click();
    await page.locator('.app-sider', { hasText: 'Households' }).waitFor();
    expect(await page.locator('.place-heading').innerText()).toContain('Households');
    expect(await page.locator('.household-table thead').innerText()).toContain('Household no.');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.reload();
    await page.locator('.app-sider', { hasText: 'Households' }).waitFor();
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.locator('.app-sider', { hasText: '农户名单' }).waitFor();
  });

  it('lists only the households of his village', async () => {
    const list = page.waitForResponse((r) => r.url().includes('/api/v1/households?'));
    await page.goto(base + '/households');
    const request = new URL((await list).url());
    // The page sends no place of its own: the server limits the list to his scope.
    expect(request.searchParams.get('place')).toBeNull();
    const mine = inVillage(village);
    expect(await tableRows()).toEqual(numbers(mine));
    expect(await page.locator('.ant-pagination-total-text').innerText()).toBe(`共 ${mine.length} 户`);
    await page.screenshot({ path: join(SCREENSHOTS, 'household-list.png'), fullPage: true });
  });

  it('corrects a member on the card and sees the change in the card\'s 操作记录', async () => {
    const target = inVillage(village)[0];
    const spouse = target.members.find((m) => m.relation === 'spouse')!;
    await page.goto(base + '/households');
    await tableRows();
    await page.getByRole('link', { name: target.householdNo }).click();
    await page.locator('.household-summary').waitFor();
    await page.locator('[data-section="timeline"] .ant-card-body').waitFor();

    await page.getByRole('button', { name: `修改 ${spouse.name}` }).click();
    const editor = page.locator('.member-editor');
    // The ID number stays masked in the editor too: it is only typed anew to correct it.
    expect(await editor.locator('input#idNumber').getAttribute('placeholder')).toBe(spouse.idNumber.slice(0, 6) + '********' + spouse.idNumber.slice(-4));
    expect(await editor.locator('input#idNumber').inputValue()).toBe('');
    await editor.locator('.ant-form-item', { hasText: '务工状况' }).locator('.ant-select').click();
    await page.locator('.ant-select-item-option[title="省外务工"]').click();
    // The choice must have reached the form before saving (a click during the dropdown's animation can miss).
    await editor.locator('.ant-form-item', { hasText: '务工状况' }).filter({ hasText: '省外务工' }).waitFor();
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/v1/households/${target.householdNo}/members/`));
    await editor.getByRole('button', { name: '保存' }).click();
    expect((await saved).status()).toBe(200);
    await editor.waitFor({ state: 'detached' });

    const row = page.locator('.members-table tbody tr.ant-table-row', { hasText: spouse.name });
    await row.getByText('省外务工').waitFor();
    const stored = await database.db.selectFrom('person').select('work_status').where('id_number', '=', spouse.idNumber).executeTakeFirstOrThrow();
    expect(stored.work_status).toBe('out_of_province');

    const entry = page.getByTestId('timeline-entry').filter({ hasText: '务工状况：县内务工 → 省外务工' });
    await entry.waitFor();
    expect(await entry.innerText()).toContain('lijicun（村级信息员）');
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await page.screenshot({ path: join(SCREENSHOTS, 'household-card.png'), fullPage: true });
  });

  it('shows the 404 page for a household of another village opened by its address', async () => {
    const other = inVillage(places.villageCodes[2])[0];
    const answer = page.waitForResponse((r) => r.url().endsWith(`/api/v1/households/${other.householdNo}`));
    await page.goto(`${base}/households/${other.householdNo}`);
    expect((await answer).status()).toBe(404);
    await page.locator('.ant-result-404').waitFor();
    expect(await page.locator('.ant-result-subtitle').innerText()).toContain(other.householdNo);
    expect(await page.content()).not.toContain(other.headName);
  });

  it('shows the password rules in force when he changes his password himself', async () => {
    await page.goto(base + '/households');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    await page.waitForURL((url) => url.pathname === '/password');
    const rules = page.getByTestId('password-rules');
    await rules.waitFor();
    const text = await rules.innerText();
    expect(text).toContain('长度 8–128 个字符');
    expect(text).toContain('至少 3 类');
    expect(text).toContain('不能包含用户名');
    expect(text).toContain('每 90 天须更换一次');
  });

  it('returns to the login page with the reason when the session has been idle too long, and back after signing in', async () => {
    await page.goto(base + '/no-such-page');
    await page.locator('.ant-result-404').waitFor();
    clock.advanceMinutes(31);
    await page.locator('.app-sider .ant-menu-item', { hasText: '农户名单' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.getByTestId('login-notice').innerText()).toContain('长时间未操作，会话已过期，请重新登录');

    expect(await submitLogin(page, operator.username, PASSWORD)).toBe(200);
    await page.waitForURL((url) => url.pathname === '/households');
  });

  it('signs out and needs to sign in again', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.getByTestId('login-notice').innerText()).toContain('您已安全退出登录');
    const me = await page.request.get(`${base}/api/v1/auth/me`);
    expect(me.status()).toBe(401);
    await page.goto(base + '/households');
    await page.waitForURL((url) => url.pathname === '/login');
  });
});
