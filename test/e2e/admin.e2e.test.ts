/**
 * The administration pages in headless Chromium: the system administrator creates a user
 * (whose one-time password is shown once and works), resets, disables, enables and unlocks
 * accounts, reads the roles and browses the place tree, but cannot open the audit trail;
 * the auditor checks the hash chain, searches the events and exports them.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { ROLE_CODES } from '../../src/domain/roles';
import { buildApp } from '../../src/server/app';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { launchChromium, listen } from './browser';
import { nameTestPlaces, seedHouseholds, type PlaceNames } from './seedRegistry';
import { createActiveUser, PASSWORD, signIn } from './session';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
let places: TestPlaces;
let names: PlaceNames;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 2, 2);
  names = await nameTestPlaces(database, places);
  await seedHouseholds(database, places, 8);
  await createActiveUser(database, 'xitong', '系统管理员甲', 'sys_admin', '0');
  await createActiveUser(database, 'shenji', '审计员乙', 'auditor', '0');
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

/** A login outside the browser (its own cookies), as the new user would at another desk. */
async function loginElsewhere(username: string, password: string): Promise<{ status: number; body: { user?: { mustChangePassword: boolean }; error?: { code: string } } }> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return { status: res.status, body: await res.json() };
}

const userRow = (username: string) => page.locator('.users-table tbody tr.ant-table-row', { has: page.locator('td:first-child', { hasText: new RegExp(`^${username.replace('.', '\\.')}$`) }) });

async function oneTimePassword(): Promise<string> {
  const value = page.getByTestId('one-time-password');
  await value.waitFor();
  const password = await value.innerText();
  await page.getByRole('dialog', { name: '一次性密码' }).locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await value.waitFor({ state: 'detached' });
  return password;
}

async function confirm(row: ReturnType<typeof userRow>, action: string) {
  await row.getByRole('button', { name: action }).click();
  await page.locator('.ant-popconfirm .ant-btn-primary', { hasText: action }).click();
}

describe('administration pages in the browser', () => {
  it('opens the system administrator on the users page with only the system menu', async () => {
    await signIn(page, base, 'xitong', PASSWORD, '/');
    await page.waitForURL((url) => url.pathname === '/admin/users');
    expect(await page.locator('.app-sider .ant-menu-submenu-title').allInnerTexts()).toEqual(['系统管理']);
    expect(await page.locator('.app-sider .ant-menu-item').allInnerTexts()).toEqual(['用户管理', '角色权限', '行政区划', '政策参数', '版本比较']);
    await userRow('shenji').waitFor();
  });

  it('creates a village operator whose one-time password is shown once and must be changed', async () => {
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('用户名').fill('wangzhuang');
    await dialog.getByLabel('姓名').fill('王庄村信息员');
    await dialog.locator('.ant-form-item', { hasText: '角色' }).locator('.ant-select').click();
    await page.locator('.ant-select-item-option[title="村级信息员"]').click();
    await dialog.locator('.ant-form-item', { hasText: '管辖地区' }).locator('.ant-select').click();
    await page.keyboard.type('王庄村');
    await page.locator('.ant-select-item-option', { hasText: `${names.townships[0]} / ${names.villages[0]}` }).click();
    await dialog.getByRole('button', { name: '创建' }).click();

    const password = await oneTimePassword();
    await userRow('wangzhuang').getByText('待改密码').waitFor();
    expect(await userRow('wangzhuang').innerText()).toContain(`${names.villages[0]}（${places.villageCodes[0]}）`);
    const login = await loginElsewhere('wangzhuang', password);
    expect(login.status).toBe(200);
    expect(login.body.user?.mustChangePassword).toBe(true);
  });

  it('shows the server\'s refusal when the scope does not fit the role', async () => {
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('用户名').fill('bad.scope');
    await dialog.getByLabel('姓名').fill('范围不对');
    await dialog.locator('.ant-form-item', { hasText: '角色' }).locator('.ant-select').click();
    await page.locator('.ant-select-item-option[title="村级信息员"]').click();
    await dialog.getByText('角色“村级信息员”的管辖范围须为：村').waitFor();
    await dialog.locator('.ant-form-item', { hasText: '管辖地区' }).locator('.ant-select').click();
    await page.keyboard.type(names.townships[1]);
    await page.locator('.ant-select-item-option', { hasText: `${names.county} / ${names.townships[1]}（` }).click();
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '创建' }).click();
    expect((await answer).status()).toBe(400);
    await dialog.locator('.ant-alert-error', { hasText: '的管辖范围须为村级' }).waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await userRow('bad.scope').count()).toBe(0);
  });

  it('resets a password, disables and enables an account, and unlocks a locked one', async () => {
    await confirm(userRow('wangzhuang'), '重置密码');
    const password = await oneTimePassword();
    expect((await loginElsewhere('wangzhuang', password)).status).toBe(200);

    await confirm(userRow('wangzhuang'), '停用');
    await userRow('wangzhuang').getByText('已停用').waitFor();
    expect((await loginElsewhere('wangzhuang', password)).body.error?.code).toBe('account_disabled');
    await userRow('wangzhuang').getByRole('button', { name: '启用' }).click();
    await userRow('wangzhuang').getByText('正常').waitFor();

    for (let i = 0; i < 5; i++) await loginElsewhere('wangzhuang', 'Wrong#pass1');
    await page.reload();
    await userRow('wangzhuang').getByText(/^锁定至/).waitFor();
    await userRow('wangzhuang').getByRole('button', { name: '解锁' }).click();
    await page.getByText('已解锁 wangzhuang').waitFor();
    // The message comes with the answer; the list is reloaded after it: wait for the row to redraw.
    await userRow('wangzhuang').getByRole('button', { name: '解锁' }).waitFor({ state: 'detached' });
    expect(await userRow('wangzhuang').getByText(/^锁定至/).count()).toBe(0);
    expect((await loginElsewhere('wangzhuang', password)).status).toBe(200);
  });

  it('lists every role with its permissions', async () => {
    await page.locator('.app-sider .ant-menu-item', { hasText: '角色权限' }).click();
    const rows = page.locator('.roles-table tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(ROLE_CODES.length);
    // Rows by their role code (the page shows names; the code is the row's key and a tooltip).
    const village = page.locator('.roles-table tr[data-row-key="village_operator"]');
    expect(await village.innerText()).toContain('修改建档立卡数据');
    expect(await page.locator('.roles-table tr[data-row-key="auditor"]').innerText()).toContain('三员');
  });

  it('browses the place tree down to a county and lists its townships with their codes', async () => {
    await page.locator('.app-sider .ant-menu-item', { hasText: '行政区划' }).click();
    const node = (name: string) => page.locator('.place-tree .ant-tree-treenode', { has: page.locator('.place-title', { hasText: new RegExp('^' + name) }) });
    await node('全国').waitFor();
    await node(names.province).locator('.ant-tree-switcher').click();
    await node(names.city).locator('.ant-tree-switcher').click();
    await node(names.county).locator('.place-title').click();
    await page.locator('.list-panel .ant-card-head', { hasText: `${names.county} 的下级区划` }).waitFor();
    const rows = page.locator('.places-table tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect(await rows.locator('td:first-child').allInnerTexts()).toEqual(places.townshipCodes);
    expect(await rows.locator('td:nth-child(2)').allInnerTexts()).toEqual(names.townships.slice(0, 2));
  });

  it('keeps the system administrator out of the audit trail', async () => {
    await page.goto(base + '/audit');
    await page.locator('.ant-result-403').waitFor();
    const answer = await page.request.get(`${base}/api/v1/audit/events`);
    expect(answer.status()).toBe(403);
  });

  it('lets the auditor verify the chain, search the events and export them', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await signIn(page, base, 'shenji', PASSWORD, '/audit');

    const chain = page.getByTestId('chain-status');
    await chain.waitFor();
    expect(await chain.locator('.ant-alert-title').innerText()).toMatch(/^审计链校验：完整：已逐条校验 \d+ 条记录/);

    await page.getByPlaceholder('用户名').fill('xitong');
    const list = page.waitForResponse((r) => r.url().includes('/api/v1/audit/events?') && r.url().includes('user=xitong'));
    await page.locator('.audit-page').getByRole('button', { name: '查询' }).click();
    await list;
    await page.locator('.audit-table .ant-spin-spinning').waitFor({ state: 'detached' });
    const actions = await page.locator('.audit-table tbody tr.ant-table-row td:nth-child(6)').allInnerTexts();
    for (const action of ['创建用户', '重置密码', '停用用户', '启用用户', '解锁用户']) expect(actions).toContain(action);
    expect(new Set(await page.locator('.audit-table tbody tr.ant-table-row td:nth-child(3)').allInnerTexts())).toEqual(new Set(['xitong']));

    const href = await page.getByRole('link', { name: /导出Excel/ }).getAttribute('href');
    expect(new URL(href!, base).searchParams.get('user')).toBe('xitong');
    const download = await page.request.get(new URL(href!, base).toString());
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toContain('spreadsheetml');
    // Audit data only: no fund, loan or household data for the auditor.
    for (const url of ['/api/v1/funds/sources', '/api/v1/loans', '/api/v1/households']) expect((await page.request.get(base + url)).status(), url).toBe(403);
  });
});
