/**
 * The monitoring journey in headless Chromium, signed in as a county operator: the overview of
 * his county by grade and by township, a drill into a township, the red list, a household's
 * checklist, and an edit of its water data that turns its water criterion to pass once the
 * village is recomputed from the card.
 */
import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { ALL_PLACES } from '../../src/db/placeScope';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { addRiskEvent, recomputeAssessments } from '../../src/modules/monitoring/service';
import { buildApp } from '../../src/server/app';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { goodColumns, incomeOf, insuredAdult } from '../monitoring/helpers';
import { launchChromium, listen } from './browser';
import { nameTestPlaces, type PlaceNames } from './seedRegistry';
import { createActiveUser, signIn } from './session';

const YEAR = 2021;
const SCREENSHOTS = 'docs/screenshots';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
let places: TestPlaces;
let names: PlaceNames;
/** Red only for its water: 10 litres a day. */
let thirsty: CreatedHousehold;

/** A household of two insured adults with `perCapita` yuan a head in the year before and this year. */
function household(village: string, perCapita: number, columns: Record<string, unknown> = {}, head = '户主') {
  return createHousehold(database, places, {
    villageCode: village,
    status: 'exited',
    exitYear: 2019,
    members: [insuredAdult(head, '1970-03-05'), insuredAdult(head + '之妻', '1972-06-07')].map((m, i) => ({ ...m, relation: i === 0 ? 'head' : 'spouse' })),
    incomes: [incomeOf(YEAR - 1, perCapita, 2), incomeOf(YEAR, perCapita, 2)],
    columns: { ...goodColumns(), ...columns },
  });
}

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 3, 2);
  names = await nameTestPlaces(database, places);
  const [v11, v12, v21, v22, v31] = places.villageCodes;
  thirsty = await household(v11, 9000, { water_lpd: 10 }, '李缺水');
  await household(v11, 9000, {}, '王富');
  await household(v12, 9000, {}, '张安');
  await household(v12, 3000, {}, '赵贫');
  await household(v21, 6200, {}, '钱边');
  await household(v21, 9000, { house_grade: 'D' }, '孙危');
  await household(v22, 12000, {}, '周好');
  await household(v31, 9000, {}, '吴稳');
  await recomputeAssessments(database, { place: places.countyCode, year: YEAR });
  const operator = await createActiveUser(database, 'jiance', '示范县业务员', 'county_operator', places.countyCode);
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await signIn(page, base, operator.username, undefined, '/monitoring/overview');
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

const tileCount = async (grade: string) => Number(await page.getByTestId(`tile-${grade}`).locator('.ant-statistic-content-value').innerText());

describe('monitoring in the browser', () => {
  it('shows the county by grade and by township, with a chart, and drills into a township', async () => {
    await page.getByTestId('children-table').locator('tbody tr.ant-table-row', { hasText: names.townships[2] }).waitFor();
    await page.locator('.monitoring-chart canvas').waitFor();
    expect(await tileCount('red')).toBe(3);
    expect(await tileCount('green')).toBeGreaterThanOrEqual(3);
    const rows = await page.getByTestId('children-table').locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    expect(rows).toEqual(names.townships.slice(0, 3));
    await page.screenshot({ path: `${SCREENSHOTS}/monitoring-overview.png`, fullPage: true });

    const township = places.townshipCodes[0];
    const answer = page.waitForResponse((r) => r.url().includes(`/api/v1/monitoring/overview?place=${township}`));
    await page.getByTestId(`drill-${township}`).click();
    await answer;
    await page.waitForURL((url) => url.searchParams.get('place') === township);
    await page.getByTestId('children-table').locator('tbody tr.ant-table-row', { hasText: names.villages[1] }).waitFor();
    const villages = await page.getByTestId('children-table').locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    expect(villages).toEqual(names.villages.slice(0, 2));
    expect(await tileCount('red')).toBe(2);
  });

  it('opens the red list of the township and the household’s checklist, water failing with its reason', async () => {
    const answer = page.waitForResponse((r) => r.url().includes('/api/v1/monitoring/households?'));
    await page.getByTestId('tile-red').click();
    await answer;
    await page.waitForURL((url) => url.pathname === '/monitoring/households' && url.searchParams.get('grade') === 'red');
    // The answer is in; wait until the table has drawn it before reading the rows.
    await page.getByTestId('assessed-table').locator('tbody tr.ant-table-row', { hasText: thirsty.householdNo }).waitFor();
    const listed = await page.getByTestId('assessed-table').locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    expect(listed.sort()).toHaveLength(2);
    expect(listed).toContain(thirsty.householdNo);
    expect(await page.getByTestId('export').getAttribute('href')).toContain('/api/v1/monitoring/households/export.xlsx?');

    await page.getByTestId(`household-${thirsty.householdNo}`).click();
    const checklist = page.getByTestId('checklist');
    await checklist.getByTestId('checklist-criteria').waitFor();
    const water = checklist.getByTestId('checklist-criteria').locator('tr[data-row-key="water"]');
    expect(await water.locator('[data-status]').getAttribute('data-status')).toBe('fail');
    expect(await water.innerText()).toMatch(/10/);
    expect(await checklist.getByTestId('checklist-grade').innerText()).toBe('红色');
    expect(await checklist.getByTestId('checklist-outcome').innerText()).toContain('未达到');
    await page.screenshot({ path: `${SCREENSHOTS}/household-checklist.png`, fullPage: true });
  });

  it('edits the water data; the checklist passes water at once and the stored result follows after a recompute', async () => {
    await page.getByTestId('edit-facts').click();
    const litres = page.locator('.rule-facts-form').getByLabel('人均日用水量（升）');
    await litres.fill('40');
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith(`/api/v1/households/${thirsty.householdNo}`));
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    expect((await saved).status()).toBe(200);
    const checklist = page.getByTestId('checklist');
    const water = checklist.getByTestId('checklist-criteria').locator('tr[data-row-key="water"]');
    await water.locator('[data-status="pass"]').waitFor();
    expect(await checklist.getByTestId('checklist-stored').innerText()).toContain('不是最新');

    await checklist.getByTestId('recompute').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await checklist.locator('[data-testid="checklist-stored"].ant-alert-success').waitFor({ timeout: 20_000 });
    expect(await checklist.getByTestId('checklist-stored').innerText()).toContain('一致');
    expect(await checklist.getByTestId('checklist-grade').innerText()).toBe('绿色');
    const stored = await database.db.selectFrom('assessment_result').select(['criteria', 'risk_grade']).where('household_no', '=', thirsty.householdNo).where('year', '=', YEAR).executeTakeFirstOrThrow();
    expect(stored).toEqual({ criteria: 'PPPPPPP', risk_grade: 'green' });
  });

  it('withdraws a risk event entered by mistake, with a reason that goes to the audit trail', async () => {
    await addRiskEvent(database.db, ALL_PLACES, thirsty.householdNo, { type: 'accident', occurredOn: '2021-06-01', cost: 1500, note: '误登记' }, CONSOLE_ACTOR);
    await page.reload();
    const row = page.locator('tr.ant-table-row', { hasText: '误登记' });
    await row.waitFor();
    await row.locator('.risk-event-remove').click();
    const dialog = page.locator('.ant-modal', { hasText: '撤销风险事件' });
    await dialog.getByLabel('撤销原因').fill('登记到了错误的户');
    const removed = page.waitForResponse((r) => r.request().method() === 'DELETE' && r.url().includes(`/api/v1/households/${thirsty.householdNo}/risk-events/`));
    await dialog.locator('.ant-btn-dangerous').click();
    expect((await removed).status()).toBe(204);
    await row.waitFor({ state: 'detached' });
    const audit = await database.db.selectFrom('audit_event').select(['note', 'username']).where('action', '=', 'household.risk_event.remove').execute();
    expect(audit).toEqual([{ note: '登记到了错误的户', username: 'jiance' }]);
  });
});
