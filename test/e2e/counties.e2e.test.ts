/**
 * County exit pages with the demo data: a city leader of 商丘 opens the county exit dashboard
 * for 2019 and sees every condition of every county (达标 / 未达标 coloured, 夏邑县's approval
 * short of 90%); a county exit of 柘城县 goes through 县申请 → 市初审 → 省核查 → 公示 → 批准 in
 * the browser, each step by its own user. Screenshot docs/screenshots/county-exit.png.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { ALL_PLACES } from '../../src/db/placeScope';
import { addDays, chinaDate } from '../../src/domain/dates';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { CHAYU, DEMO_PLACE_PREFIXES } from '../../src/modules/demo/plan';
import { loadDemo } from '../../src/modules/demo/service';
import { loadPlaces } from '../../src/modules/places/load';
import { recordSurvey } from '../../src/modules/quality/service';
import { buildApp } from '../../src/server/app';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { createActiveUser, signIn } from './session';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  await loadPlaces(database, { prefixes: [...DEMO_PLACE_PREFIXES] });
  await loadDemo(database, { counties: [CHAYU.countyCode] });
  await recordSurvey(database.db, ALL_PLACES, {
    placeCode: '411424', year: 2019, surveyedOn: '2019-03-18', ruralPopulation: 820000, personsSampled: 2500, missedPersons: 10,
    exitedPersonsSampled: 1600, wronglyExitedPersons: 12, respondents: 1200, satisfied: 1150, note: '演示数据',
  }, { ...CONSOLE_ACTOR, at: new Date() });
  await createActiveUser(database, 'sq_leader', '商丘市领导', 'leader', '4114');
  await createActiveUser(database, 'zc_county', '柘城县业务员', 'county_operator', '411424');
  for (const [username, name, place] of [['sq_city', '商丘市扶贫办', '4114'], ['ha_province', '河南省扶贫办', '41']]) {
    const user = await createActiveUser(database, username, name, 'leader', place);
    await database.db.updateTable('app_user').set({ role: 'department_operator', department_line: 'agriculture' }).where('id', '=', user.id).execute();
  }
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function open(username: string, path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  page.setDefaultTimeout(15_000);
  await signIn(page, base, username, undefined, path);
  return page;
}

describe('county exit pages', () => {
  it('shows a city leader every condition of every county of 商丘, coloured, with reasons', async () => {
    const page = await open('sq_leader', '/counties/exit?year=2019');
    const dashboard = page.getByTestId('county-verdicts');
    const row = (name: string) => dashboard.locator('tr', { hasText: name });
    await row('夏邑县').waitFor();
    const rows = await dashboard.locator('tbody tr.ant-table-row').count();
    expect(rows).toBeGreaterThanOrEqual(9);
    expect(await dashboard.locator('[data-testid^=condition-]').count()).toBe(rows * 4);
    expect(await row('夏邑县').getByTestId('county-verdict').innerText()).toBe('未达标');
    expect(await row('夏邑县').innerText()).toContain('群众认可度 88.47% < 90%，未达标');
    expect(await row('民权县').getByTestId('county-verdict').innerText()).toBe('达标');
    expect(await row('民权县').innerText()).toContain('2019 已摘帽');
    expect(await row('睢县').innerText()).toContain('复查未通过');
    expect(await row('柘城县').getByTestId('condition-approval').innerText()).toContain('95.83%');
    await page.screenshot({ path: join(SCREENSHOTS, 'county-exit.png'), fullPage: true });
    await page.close();
  });

  it('takes 柘城县 through 县申请, 市初审, 省核查, 公示 and 批准', async () => {
    const county = await open('zc_county', '/counties/exit?year=2019');
    await county.getByTestId('start-exit').click();
    await county.getByTestId('county-case-page').waitFor();
    const caseUrl = new URL(county.url()).pathname;
    await county.getByTestId('action-approve').click();
    await county.getByText('市初审', { exact: true }).last().waitFor();
    await expect.poll(() => county.getByTestId('case-step').innerText()).toBe('市初审');
    await county.close();

    const city = await open('sq_city', caseUrl);
    await city.getByTestId('action-approve').click();
    await expect.poll(() => city.getByTestId('case-step').innerText()).toBe('省核查');
    await city.close();

    const province = await open('ha_province', caseUrl);
    await province.getByTestId('action-approve').click();
    await expect.poll(() => province.getByTestId('case-step').innerText()).toBe('公示');
    const startsOn = addDays(chinaDate(new Date()), -8);
    const picker = province.getByTestId('case-actions').locator('.ant-picker input');
    await picker.click();
    await picker.fill(startsOn);
    await picker.press('Enter');
    await province.getByTestId('action-publish').click();
    await expect.poll(() => province.getByTestId('county-case-page').innerText()).toContain(`${startsOn} — ${addDays(startsOn, 6)}`);
    await province.getByTestId('action-approve').click();
    await expect.poll(() => province.getByTestId('case-step').innerText()).toBe('批准');
    await province.getByTestId('action-approve').click();
    await expect.poll(() => province.getByTestId('case-status').innerText()).toBe('已批准摘帽');
    expect(await province.getByTestId('case-history').locator('tbody tr').count()).toBe(7);
    await province.goto(base + '/counties/exit?year=2019');
    await expect.poll(() => province.getByTestId('county-verdicts').locator('tr', { hasText: '柘城县' }).innerText()).toContain('2019 已摘帽');
    await province.close();
  });
});
