/**
 * The busy message in headless Chromium: while the database is held (every connection busy),
 * the server refuses the page's requests with a real 503 「系统繁忙，请稍后重试」 after the
 * pool's wait bound, and the web app shows that message; once the database is free the page
 * loads again.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { buildApp } from '../../src/server/app';
import { createPlaceTree } from '../helpers/factory';
import { launchChromium, listen } from './browser';
import { createActiveUser, signIn } from './session';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://', limits: { poolWaitMs: 300 } });
  const places = await createPlaceTree(database, 1, 1);
  await createActiveUser(database, 'busy.operator', '县扶贫办', 'county_operator', places.countyCode);
  // The session cache off: every request needs the database, as on a cold cache.
  app = await buildApp({ database, limits: { sessionCacheMs: 0 } });
  base = await listen(app);
  browser = await launchChromium();
  page = await browser.newPage();
  await signIn(page, base, 'busy.operator');
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

describe('the web app when the server is busy', () => {
  it('shows 系统繁忙，请稍后重试 on a 503 and loads again when the database is free', async () => {
    let open!: () => void;
    const held = database.session(() => new Promise<void>((resolve) => (open = resolve)));
    const refused = page.waitForResponse((r) => r.url().includes('/api/v1/') && r.status() === 503);
    try {
      await page.reload();
      const answer = await refused;
      expect(answer.headers()['retry-after']).toBe('2');
      await page.getByText('系统繁忙，请稍后重试').first().waitFor();
    } finally {
      open();
      await held;
    }
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/households');
    await page.getByText('导出Excel').first().waitFor();
  });
});
