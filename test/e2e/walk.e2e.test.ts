/**
 * Issue 16's walk: every menu page as every demo role (DEMO_USERS, one per role, scoped to 夏邑县 /
 * 桑堌乡 / its busiest poor village as `npm start` makes them), in one headless Chromium with a
 * context per role, on one server with 夏邑县's demo households. Each page is opened from the
 * menu after scrolling the previous one down, and the walk fails on:
 * - a console error or page error, or an API request answered 4xx/5xx or not answered;
 * - text that is not Chinese on the Chinese page: a raw i18n key (`menu.users`) or a Latin word
 *   outside the few the pages name (Excel, TOTP, …) and outside names and numbers;
 * - a page that opens scrolled (the new page not at its top);
 * - an empty page where the demo has data: a page whose every table is empty, unless the page is
 *   listed in EMPTY_BY_DESIGN with the reason the demo has nothing there.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { DEMO_PLACE_PREFIXES } from '../../src/modules/demo/plan';
import { DEMO_USER_TOWNSHIP, loadDemo } from '../../src/modules/demo/service';
import { loadPlaces } from '../../src/modules/places/load';
import { DEMO_USERS } from '../../src/modules/users/bootstrap';
import { ROLES, type Permission, type Role } from '../../src/domain/roles';
import { buildApp } from '../../src/server/app';
import { launchChromium, listen } from './browser';
import { signIn, submitLogin } from './session';

/**
 * Latin words a Chinese page may show: file formats and the authenticator standard, the
 * product's name, the language switch's English (named in its own language), and names: the
 * demo accounts' user names and the server console's.
 */
const LATIN_ALLOWED = new Set(['Excel', 'TOTP', 'CSV', 'csv', 'xlsx', 'PDF', 'fupin', 'English', 'console', ...DEMO_USERS.map((u) => u.username)]);

/** Lists whose export (the server's, audited) needs a permission: a role without it sees no 导出Excel there. */
const EXPORT_NEEDS: Record<string, Permission> = {
  '/households': 'registry.export',
  '/monitoring/households': 'registry.export',
  '/monitoring/targets': 'registry.export',
  '/procedures/cases': 'registry.export',
  '/monitoring/prevention': 'registry.export',
  '/monitoring/clocks': 'registry.export',
};

/**
 * Pages where the demo has nothing to list for the demo users (scoped to 夏邑县), with the
 * reason. A page whose empty table says why (not the bare 暂无数据) is not empty.
 */
const EMPTY_BY_DESIGN: Record<string, string> = {
  '/procedures/todo': 'the demo starts no procedure case',
  '/procedures/cases': 'the demo starts no procedure case',
  '/procedures/notices': 'the demo publishes no notice',
  '/projects': 'the demo projects are in 龙陵县',
  '/projects/coverage': 'the demo projects are in 龙陵县',
  '/funds': 'the demo funds are in 龙陵县',
  '/funds/disclosure': 'the demo funds are in 龙陵县',
  '/loans': 'the demo loans are in 龙陵县',
  '/ledgers': 'the demo department ledgers are in 察隅县 and 龙山镇',
  '/ledgers-assistance/gaps': 'the demo department ledgers are in 察隅县 and 龙山镇',
  '/ledgers-education/aid-gaps': 'the demo department ledgers are in 察隅县 and 龙山镇',
  '/workteams': 'the demo 驻村工作队 is in 龙山镇',
  '/tasks': 'the demo work tasks are in 察隅县',
  '/rectifications': 'the demo rectifications are in 察隅县',
  '/inspections': 'the demo has no 督查',
  '/accountability': 'the demo has no 问责',
  '/assessments': 'the demo has no 考核 scheme',
  '/rhythm/periods': 'the demo takes no month-end snapshot',
  '/policy/compare': 'two versions are chosen on the page before anything is compared',
  '/assistance/left-behind': 'the demo records no 三留守 contact in the village',
  '/assistance/pairing': 'every poor household of the demo township and village is paired',
};

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  await loadPlaces(database, { prefixes: [...DEMO_PLACE_PREFIXES] });
  await loadDemo(database, { counties: [DEMO_USER_TOWNSHIP.slice(0, 6)] });
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

interface Watch {
  problems: string[];
  inflight: Set<string>;
  where: string;
}

function watch(page: Page): Watch {
  const w: Watch = { problems: [], inflight: new Set(), where: '' };
  const api = (url: string) => new URL(url).pathname.startsWith('/api/');
  page.on('console', (m) => void (m.type() === 'error' && w.problems.push(`${w.where} console: ${m.text()}`)));
  page.on('pageerror', (e) => void w.problems.push(`${w.where} page error: ${e.message}`));
  page.on('request', (r) => void (api(r.url()) && w.inflight.add(r.method() + ' ' + r.url())));
  page.on('requestfinished', (r) => void w.inflight.delete(r.method() + ' ' + r.url()));
  page.on('requestfailed', (r) => {
    w.inflight.delete(r.method() + ' ' + r.url());
    // A request the page itself cancels when the user moves on is no failure.
    if (api(r.url()) && r.failure()?.errorText !== 'net::ERR_ABORTED') w.problems.push(`${w.where} failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => void (api(r.url()) && r.status() >= 400 && w.problems.push(`${w.where} HTTP ${r.status()}: ${r.request().method()} ${new URL(r.url()).pathname}${new URL(r.url()).search}`)));
  return w;
}

/** Wait until the page has asked and been answered everything, and shows no spinner. */
async function settled(page: Page, w: Watch): Promise<void> {
  for (let quiet = 0; quiet < 2; ) {
    await expect.poll(() => w.inflight.size, { timeout: 30_000 }).toBe(0);
    await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, [data-testid=page-loading], .ant-skeleton-active'), undefined, { timeout: 30_000 });
    // Two animation frames: effects started by the answers have issued their requests.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    quiet = w.inflight.size === 0 ? quiet + 1 : 0;
  }
}

/** The menu's page paths as the user sees them (disabled modules left out). */
async function menuPaths(page: Page): Promise<string[]> {
  // Open every submenu so its items are in the document.
  return page.evaluate(() =>
    [...document.querySelectorAll('.app-sider li.ant-menu-item[data-menu-id]')]
      .filter((li) => li.getAttribute('aria-disabled') !== 'true')
      .map((li) => li.getAttribute('data-menu-id')!)
      .map((id) => id.slice(id.indexOf('-/') + 1))
      .filter((key) => key.startsWith('/')),
  );
}

/** Problems of language on the shown page: raw keys and Latin words outside names and numbers. */
async function languageProblems(page: Page): Promise<string[]> {
  // Numbers and codes with digits (ID numbers, hashes, household numbers) are not words.
  const text = (await page.locator('body').innerText()).replace(/[A-Za-z0-9]*\d[A-Za-z0-9]*/g, ' ');
  const problems: string[] = [];
  for (const key of text.match(/\b[a-z][a-zA-Z]+(\.[a-zA-Z][a-zA-Z0-9]*)+\b/g) ?? []) if (!/\.(xlsx|csv|pdf)$/.test(key)) problems.push(`i18n key: ${key}`);
  for (const word of text.match(/[A-Za-z][A-Za-z_]+/g) ?? []) if (!LATIN_ALLOWED.has(word)) problems.push(`Latin text: ${word}`);
  return [...new Set(problems)];
}

/** True when the page shows tables and every one is empty, or shows only an empty-state. */
async function looksEmpty(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const content = document.querySelector('.app-content') ?? document.body;
    const tables = [...content.querySelectorAll('.ant-table-wrapper')];
    // An empty table that says why (its own empty text) is an answer, not an empty page.
    const bare = (t: Element) => t.querySelector('.ant-table-placeholder .ant-empty-description')?.textContent === '暂无数据';
    if (tables.length > 0) return tables.every((t) => t.querySelector('.ant-table-placeholder') !== null && bare(t));
    return content.querySelector('.ant-empty') !== null && (content as HTMLElement).innerText.trim().length < 200;
  });
}

/** Item 7 of the issue: a breadcrumb on every page of the frame, 导出Excel on every list. */
async function conventionProblems(page: Page, path: string, role: Role): Promise<string[]> {
  if ((await page.locator('.app-content').count()) === 0) return [];
  const problems: string[] = [];
  if ((await page.getByTestId('app-breadcrumb').count()) === 0) problems.push('no breadcrumb');
  const tables = await page.locator('.app-content .ant-table-wrapper').count();
  const exports = await page.locator('.app-content').getByText(/导出\s*Excel/).count();
  const exempt = EXPORT_NEEDS[path] && !ROLES[role].permissions.includes(EXPORT_NEEDS[path]);
  if (tables > 0 && exports === 0 && !exempt) problems.push('a list without 导出Excel');
  return problems;
}

async function walkAs(context: BrowserContext, username: string, password: string, role: Role): Promise<{ problems: string[]; empty: string[]; pages: string[] }> {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await signIn(page, base, username, password, '/');
  const w = watch(page);
  const empty: string[] = [];
  const pages = await menuPaths(page);
  for (const path of pages) {
    w.where = `${username} ${path}`;
    // Scroll the page down first: the next page must open at its top. (The menu item of the page on screen, the first one, opens no new page.)
    if (new URL(page.url()).pathname !== path) await page.evaluate(() => {
      window.scrollTo(0, document.body.scrollHeight);
      document.querySelector('.app-content')?.scrollTo(0, 1e6);
    });
    // A page with a frame of its own (the field app) has no menu: the next page is opened by its address.
    const item = page.locator(`.app-sider li.ant-menu-item[data-menu-id$="-${path}"]`);
    const framed = (await item.count()) > 0;
    const label = framed ? (await item.innerText()).trim() : '';
    if (framed) await item.click();
    else await page.goto(base + path);
    await page.waitForURL((url) => url.pathname === path);
    // The router keeps the previous page on screen while the new page's code loads: wait for the new one.
    // (A menu page with a frame of its own, the field app, leaves the frame: no breadcrumb there.)
    if (framed) await page.getByTestId('app-breadcrumb').filter({ hasText: label }).or(page.locator('body:not(:has(.app-sider))')).first().waitFor();
    await settled(page, w);
    const scrolled = await page.evaluate(() => window.scrollY + (document.querySelector('.app-content')?.scrollTop ?? 0));
    if (scrolled > 0) w.problems.push(`${w.where} opens scrolled (${scrolled}px)`);
    for (const p of await languageProblems(page)) w.problems.push(`${w.where} ${p}`);
    if ((await looksEmpty(page)) && !EMPTY_BY_DESIGN[path]) empty.push(`${username} ${path}`);
    for (const p of await conventionProblems(page, path, role)) w.problems.push(`${w.where} ${p}`);
  }
  await page.close();
  return { problems: w.problems, empty, pages };
}

describe('every menu page as every demo role', () => {
  it('opens each page without errors, failed requests, untranslated text, scrolling or emptiness where data exists', async () => {
    const all: string[] = [];
    const report: string[] = [];
    for (const user of DEMO_USERS) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      const { problems, empty, pages } = await walkAs(context, user.username, user.password, user.role as Role);
      report.push(`${user.username} (${user.role}): ${pages.length} pages`);
      all.push(...problems, ...empty.map((e) => `${e} empty`));
      await context.close();
    }
    console.log(report.join('\n'));
    expect(all).toEqual([]);
  }, 900_000);
});

describe('the login page', () => {
  it('says how many tries remain before the lock-out, and that the account may be locked when none remain', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(base + '/login');
    const tries = page.getByTestId('login-tries');
    // The demo's policy: 5 wrong passwords lock for 15 minutes. A fresh name, so the walk's users are not locked.
    for (const left of [4, 3, 2, 1]) {
      expect(await submitLogin(page, 'nobody.here', 'wrong-password')).toBe(401);
      await tries.filter({ hasText: `还可再试 ${left} 次` }).waitFor();
    }
    expect(await submitLogin(page, 'nobody.here', 'wrong-password')).toBe(401);
    await tries.filter({ hasText: '账户可能已被锁定 15 分钟' }).waitFor();
    expect(await page.getByTestId('login-error').innerText()).toContain('用户名或密码错误');
    await context.close();
  }, 60_000);
});

describe('导出Excel of a list the server has no workbook of', () => {
  it('writes the table as shown to an .xlsx named after the page', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, base, 'county', 'Fupin@2024', '/procedures/quality');
    await page.locator('tr.ant-table-row').first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByTestId('table-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^三率一度·夏邑县\d{4}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile((await file.path())!);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(1).value).toBe('所在地');
    const shown = await page.locator('tr.ant-table-row').count();
    expect(sheet.rowCount).toBe(shown + 1);
    expect(sheet.getRow(2).getCell(1).value).toBe((await page.locator('tr.ant-table-row td').first().innerText()).trim());
    await context.close();
  }, 60_000);
});
