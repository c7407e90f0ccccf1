/**
 * The TOTP second factor in headless Chromium: a security administrator (a role the policy
 * requires TOTP of) is sent to bind an authenticator right after his password, scans nothing
 * but reads the manual key, confirms with a code; then signs in again with password and code
 * (a wrong code shown as such). A village operator opts in from the user menu. Codes are
 * computed with the otpauth library from the key the page shows, at the server's clock.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { manualClock, securityPolicy, TOTP_REQUIRED_ROLES_DEFAULT, type ManualClock } from '../../src/modules/auth/service';
import { buildApp } from '../../src/server/app';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { nameTestPlaces } from './seedRegistry';
import { createActiveUser, PASSWORD, signIn, submitLogin } from './session';

let database: Database;
let app: FastifyInstance;
let clock: ManualClock;
let browser: Browser;
let page: Page;
let base: string;
let places: TestPlaces;
let adminKey = '';

const codeAt = (key: string, at: Date) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at.getTime() });

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 1, 2);
  await nameTestPlaces(database, places);
  await createActiveUser(database, 'anquan', '安全管理员丙', 'security_admin', '0');
  await createActiveUser(database, 'cunyuan', '村信息员丁', 'village_operator', places.villageCodes[0]);
  clock = manualClock(new Date());
  const policy = securityPolicy('dengbao', { totp: { requiredRoles: [...TOTP_REQUIRED_ROLES_DEFAULT] } });
  app = await buildApp({ database, access: { clock, policy, requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

/** On the TOTP page: start binding, read the manual key under the QR code, confirm with the current code. */
async function bindAuthenticator(): Promise<string> {
  await page.getByRole('button', { name: '开始绑定验证器' }).click();
  const qr = page.getByTestId('totp-qr');
  await qr.waitFor();
  expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
  const key = (await page.getByTestId('totp-manual-key').innerText()).replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await page.screenshot({ path: join(SCREENSHOTS, 'totp-enrol.png') });
  await page.getByLabel('动态口令').fill(codeAt(key, clock.now()));
  await page.getByRole('button', { name: '确认绑定' }).click();
  return key;
}

describe('TOTP in the browser', () => {
  it('sends a security administrator to bind an authenticator before anything else', async () => {
    await page.goto(base + '/audit');
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await submitLogin(page, 'anquan', PASSWORD)).toBe(200);
    await page.waitForURL((url) => url.pathname === '/totp');
    expect(await page.getByTestId('totp-forced').innerText()).toContain('等级保护三级');
    // The frame is out of reach until he binds one.
    await page.goto(base + '/audit');
    await page.waitForURL((url) => url.pathname === '/totp');

    adminKey = await bindAuthenticator();
    await page.waitForURL((url) => url.pathname !== '/totp');
    await page.getByTestId('user-menu').waitFor();
  });

  it('signs him in with password and code, saying so when the code is wrong', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    clock.advanceMinutes(1);

    expect(await submitLogin(page, 'anquan', PASSWORD)).toBe(200);
    await page.getByTestId('totp-step').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');

    const wrong = codeAt(adminKey, new Date(clock.now().getTime() + 10 * 60_000));
    await page.getByLabel('动态口令').fill(wrong);
    let answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login/totp'));
    await page.getByRole('button', { name: '验证并登录' }).click();
    expect((await answer).status()).toBe(401);
    const alert = page.getByTestId('login-error');
    expect(await alert.locator('.ant-alert-title').innerText()).toBe('动态口令错误');
    await page.screenshot({ path: join(SCREENSHOTS, 'totp-login.png') });

    await page.getByLabel('动态口令').fill(codeAt(adminKey, clock.now()));
    answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login/totp'));
    await page.getByRole('button', { name: '验证并登录' }).click();
    expect((await answer).status()).toBe(200);
    await page.waitForURL((url) => url.pathname !== '/login' && url.pathname !== '/totp');
    await page.getByTestId('user-menu').waitFor();

    await page.goto(base + '/totp');
    expect(await page.getByTestId('totp-status').innerText()).toBe('已启用');
    expect(await page.getByRole('button', { name: '停用动态口令' }).count()).toBe(0);
  });

  it('lets a village operator opt in from the user menu and then asks him for a code', async () => {
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await signIn(page, base, 'cunyuan', PASSWORD);

    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '动态口令（两步验证）' }).click();
    await page.waitForURL((url) => url.pathname === '/totp');
    expect(await page.getByTestId('totp-status').innerText()).toBe('未启用');
    const key = await bindAuthenticator();
    await page.getByTestId('totp-status').filter({ hasText: '已启用' }).waitFor();

    await page.goto(base + '/households');
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    clock.advanceMinutes(0.5);
    expect(await submitLogin(page, 'cunyuan', PASSWORD)).toBe(200);
    await page.getByLabel('动态口令').fill(codeAt(key, clock.now()));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.waitForURL((url) => url.pathname === '/households');
  });

  it('lets the security administrator clear a lost authenticator from the users page', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    clock.advanceMinutes(0.5);
    expect(await submitLogin(page, 'anquan', PASSWORD)).toBe(200);
    await page.getByLabel('动态口令').fill(codeAt(adminKey, clock.now()));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(base + '/admin/users');
    const row = page.locator('.users-table tbody tr.ant-table-row', { has: page.locator('td:first-child', { hasText: /^cunyuan$/ }) });
    await row.getByText('动态口令', { exact: true }).waitFor();
    await row.getByRole('button', { name: '重置动态口令' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '重置动态口令' }).click();
    await page.getByText('已清除 cunyuan 的动态口令').waitFor();
    await row.getByRole('button', { name: '重置动态口令' }).waitFor({ state: 'detached' });
    expect(await row.getByText('动态口令', { exact: true }).count()).toBe(0);

    // The operator signs in with his password alone, and may bind a new authenticator.
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await signIn(page, base, 'cunyuan', PASSWORD);
    await page.goto(base + '/totp');
    expect(await page.getByTestId('totp-status').innerText()).toBe('未启用');
  });
});
