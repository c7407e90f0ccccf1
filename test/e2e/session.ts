/** Users for the e2e journeys and signing in through the login page. */
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import type { Database } from '../../src/db/database';
import { hashPassword } from '../../src/modules/auth/service';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { consoleAdmin, createUser } from '../../src/modules/users/service';

export const PASSWORD = 'Shifan#2024ok';

export interface E2eUser {
  id: number;
  username: string;
  /** The one-time password the administrator was shown (to be changed at first login). */
  oneTimePassword: string;
}

/** A user created as an administrator would: a one-time password that must be changed at first login. */
export async function createNewUser(database: Database, username: string, displayName: string, role: string, placeCode: string): Promise<E2eUser> {
  const { user, oneTimePassword } = await createUser(database.db, { username, displayName, role, placeCode }, consoleAdmin(CONSOLE_ACTOR, new Date()));
  return { id: user.id, username, oneTimePassword };
}

/** A user whose own password (PASSWORD) is set and current: he signs in straight to his pages. */
export async function createActiveUser(database: Database, username: string, displayName: string, role: string, placeCode: string): Promise<E2eUser> {
  const created = await createNewUser(database, username, displayName, role, placeCode);
  await database.db
    .updateTable('app_user')
    .set({ password_hash: await hashPassword(PASSWORD), must_change_password: false, password_changed_at: new Date().toISOString() })
    .where('id', '=', created.id)
    .execute();
  return created;
}

/** Fill in the login page and submit; resolves once the login request has answered. */
export async function submitLogin(page: Page, username: string, password: string): Promise<number> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
  await page.getByRole('button', { name: '登录' }).click();
  return (await answer).status();
}

/**
 * Open `path`, be sent to the login page, sign in, and wait to be back on `path` (for '/', on
 * whichever page the app sends the user to: his home page). A user who
 * must use TOTP (the 三员, by default) binds an authenticator on the /totp page the app sends
 * him to at his first login, and gives a code of it at later ones (real time; codes of one
 * user are used at most once per 30-second step, as the server refuses a replay).
 */
export async function signIn(page: Page, base: string, username: string, password = PASSWORD, path = '/households'): Promise<void> {
  await page.goto(base + path);
  await page.waitForURL((url) => url.pathname === '/login');
  expectStatus(await submitLogin(page, username, password), 200, username);
  const target = path.split('?')[0];
  const arrived = (url: URL) => (target === '/' ? !['/login', '/totp', '/'].includes(url.pathname) : url.pathname === target);
  const key = totpKeys.get(username);
  if (key) {
    await page.getByTestId('totp-step').waitFor();
    await page.getByLabel('动态口令').fill(freshCode(username, key));
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login/totp'));
    await page.getByRole('button', { name: '验证并登录' }).click();
    expectStatus((await answer).status(), 200, username);
  } else {
    await page.waitForURL((url) => arrived(url) || url.pathname === '/totp');
    // Home ('/'): the app passes through the home page on its way to /totp; wait for where it settles.
    if (target === '/') await page.locator('.app-sider').or(page.getByRole('button', { name: '开始绑定验证器' })).first().waitFor();
    if (new URL(page.url()).pathname === '/totp' && target !== '/totp') {
      await page.getByRole('button', { name: '开始绑定验证器' }).click();
      const bound = (await page.getByTestId('totp-manual-key').innerText()).replace(/\s/g, '');
      totpKeys.set(username, bound);
      await page.getByLabel('动态口令').fill(freshCode(username, bound));
      await page.getByRole('button', { name: '确认绑定' }).click();
      await page.waitForURL((url) => url.pathname !== '/totp');
      await page.goto(base + path);
    }
  }
  await page.waitForURL(arrived);
}

const totpKeys = new Map<string, string>();
const usedSteps = new Map<string, number>();

/** The code of the current step, or of the next one when the current one was used (accepted as clock drift). */
function freshCode(username: string, key: string): string {
  const now = Math.floor(Date.now() / 30_000);
  const step = Math.max(now, (usedSteps.get(username) ?? -1) + 1);
  if (step > now + 1) throw new Error(`${username} 在同一 30 秒内登录超过两次`);
  usedSteps.set(username, step);
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: step * 30_000 });
}

function expectStatus(actual: number, expected: number, username: string): void {
  if (actual !== expected) throw new Error(`登录 ${username} 返回 HTTP ${actual}`);
}
