/**
 * The forms for what was API-only (issue 16 item 5), in headless Chromium: a county operator adds
 * a 一户一策 measure on a household's card (a negative amount refused in the form, naming the
 * field and the value), registers a cadre, pairs him with a household from the card and with
 * another by uploading a pairing sheet (a bad row shown with its row, column and value first),
 * and names a left-behind child's contact; a policy administrator edits a draft rule in the form
 * and sees a Chinese error for an impossible value. Screenshots go to docs/screenshots/.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { createPolicyDraft } from '../../src/modules/policy/service';
import { buildApp } from '../../src/server/app';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { createActiveUser, signIn } from './session';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
let places: TestPlaces;
let first: CreatedHousehold;
let second: CreatedHousehold;
let draftId: string;
const CADRE = '王帮扶';

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });
const csv = (rows: (string | number)[][]) => Buffer.from(['户编号,干部编号,结对日期', ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n');

/** Choose an option of an antd select (by its input id) by typing part of its label. */
/** Pick an option of a searchable select by its text: typed, then taken with Enter once listed (no click racing the dropdown's animation), and seen chosen. */
async function choose(id: string, text: string) {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(text);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: text }).first().waitFor();
  await page.locator(`#${id}`).press('Enter');
  await page.locator('.ant-select', { has: page.locator(`#${id}`), hasText: text }).waitFor();
}

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 1, 1);
  first = await createHousehold(database, places);
  second = await createHousehold(database, places, {
    members: [
      { name: '外出父亲', relation: 'head', sex: 'M', birth: '1985-01-01' },
      { name: '留守小明', relation: 'son', sex: 'M', birth: '2016-06-01' },
    ],
  });
  await database.db.updateTable('person').set({ work_status: 'out_of_province' }).where('household_no', '=', second.householdNo).where('relation', '=', 'head').execute();
  const actor = { userId: null, username: 'seed', role: null, address: null };
  draftId = (await createPolicyDraft(database.db, { regionCode: places.countyCode, effectiveYear: 2021, title: '监测线调整（表单）', rules: { monitoring: { lineByYear: { 2021: { amount: 6500 } } } } }, actor)).id;
  await createActiveUser(database, 'xianji', '县级业务员', 'county_operator', places.countyCode);
  await createActiveUser(database, 'zhengce', '政策管理员', 'policy_admin', places.countyCode);
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await signIn(page, base, 'xianji', undefined, `/households/${first.householdNo}`);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

describe('forms for what was API-only, in the browser', () => {
  it('adds a measure on the card: a negative amount is refused in the form, a good one is saved', async () => {
    await page.locator('.card-add-measure').click();
    const form = page.locator('.measure-form');
    await form.waitFor();
    await page.locator('#year').fill('2024');
    await choose('type', '公益岗位');
    await form.getByText('主导措施').click();
    await page.locator('#amount').fill('-500');
    await page.locator('#details_post').fill('护路员');
    await page.locator('#details_monthlyPay').fill('-800');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('金额（元）不能为负数，填写的是「-500」').waitFor();
    await form.getByText('月工资不能为负数，填写的是「-800」').waitFor();
    await shot('forms-measure-negative.png');
    await page.locator('#amount').fill('9600');
    await page.locator('#details_monthlyPay').fill('800');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'detached' });
    await page.locator('[data-measure="welfare_job"]').waitFor();
    const stored = await database.db.selectFrom('household_measure').select(['amount', 'details', 'role']).where('household_no', '=', first.householdNo).execute();
    expect(stored.map((m) => [Number(m.amount), m.details, m.role])).toEqual([[9600, { post: '护路员', monthlyPay: 800 }, 'main']]);
  });

  it('refuses negative wages in the card\'s income form, naming the field and the value (not turned into 0)', async () => {
    await page.getByRole('button', { name: '登记收入' }).click();
    const dialog = page.locator('.ant-modal', { hasText: '工资性收入' });
    await dialog.waitFor();
    await page.locator('#year').fill('2023');
    await page.locator('#wages').fill('-500');
    await page.locator('#property').click();
    await dialog.getByText('工资性收入不能为负数，填写的是「-500」').waitFor();
    expect(await page.locator('#wages').inputValue()).toBe('-500.00');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('工资性收入不能为负数，填写的是「-500」').waitFor();
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    const stored = await database.db.selectFrom('household_income').select('year').where('household_no', '=', first.householdNo).where('year', '=', 2023).execute();
    expect(stored).toEqual([]);
  });

  it('registers a cadre on the cadres page', async () => {
    await page.goto(`${base}/assistance/cadres`);
    await page.locator('.cadre-add').click();
    const form = page.locator('.cadre-form');
    await form.waitFor();
    await page.locator('#name').fill(CADRE);
    await page.locator('#unit').fill('县农业农村局');
    await page.locator('#rank').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'detached' });
    await page.locator('.assistance-cadres tbody tr', { hasText: CADRE }).waitFor();
    await shot('forms-cadres.png');
  });

  it('pairs the cadre with a household from its card', async () => {
    await page.goto(`${base}/households/${first.householdNo}`);
    await page.locator('.card-pair').click();
    const form = page.locator('.pair-form');
    await form.waitFor();
    await choose('cadreId', CADRE);
    await page.locator('#startedOn').click();
    await page.locator('#startedOn').fill('2024-05-01');
    await page.keyboard.press('Enter');
    await form.getByRole('button', { name: /结\s*对/ }).click();
    await form.waitFor({ state: 'detached' });
    await page.locator('[data-section="assistance"] .ant-tag', { hasText: CADRE }).waitFor();
  });

  it('pairs by upload: the dry run names the bad row, a good file is checked and imported', async () => {
    const cadre = await database.db.selectFrom('cadre').select('id').where('name', '=', CADRE).executeTakeFirstOrThrow();
    await page.goto(`${base}/assistance/pairing/import`);
    const upload = async (rows: (string | number)[][]) => {
      await page.locator('.pairing-file input[type=file]').setInputFiles({ name: '结对表.csv', mimeType: 'text/csv', buffer: csv(rows) });
      await page.locator('.pairing-check').click();
    };
    await upload([[second.householdNo, cadre.id, '2024-05-01'], ['NOSUCH-1', cadre.id, '2024-05-01']]);
    const problems = page.locator('.pairing-problems tbody tr.ant-table-row');
    await problems.first().waitFor();
    expect(await problems.count()).toBe(1);
    expect(await problems.first().locator('td').allInnerTexts()).toEqual(['3', '户编号', 'NOSUCH-1', '户 NOSUCH-1 不存在或不在您的权限范围内']);
    await shot('forms-pairing-upload-error.png');
    expect(await page.locator('.pairing-commit').isDisabled()).toBe(true);
    await upload([[second.householdNo, cadre.id, '2024-05-01']]);
    await page.locator('.pairing-checked').waitFor();
    await page.locator('.pairing-commit').click();
    await page.locator('.pairing-imported').waitFor();
    const paired = await database.db.selectFrom('pairing').select('household_no').where('cadre_id', '=', cadre.id).orderBy('household_no').execute();
    expect(paired.map((p) => p.household_no)).toEqual([first.householdNo, second.householdNo].sort());
  });

  it('names the contact of a left-behind child', async () => {
    await page.goto(`${base}/assistance/left-behind?place=${places.countyCode}`);
    const row = page.locator('.assistance-left-behind tbody tr.ant-table-row', { hasText: '留守小明' });
    await row.locator('.contact-edit').click();
    const form = page.locator('.contact-form');
    await form.waitFor();
    await page.locator('#contactName').fill('村妇联主任李芳');
    await page.locator('#contactPhone').fill('电话号码');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('联系电话只能含数字、空格、+ 和 -').waitFor();
    await page.locator('#contactPhone').fill('13800000000');
    await choose('cadreId', CADRE);
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.waitFor({ state: 'detached' });
    await row.getByText('村妇联主任李芳').waitFor();
    await shot('forms-left-behind-contact.png');
  });

  it('a policy administrator edits a draft rule in the form and sees a Chinese error for an impossible value', async () => {
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await signIn(page, base, 'zhengce', undefined, `/policy/${draftId}/edit`);
    const share = page.locator('input[data-path="monitoring.capByYear.2020.share"]');
    await share.waitFor();
    expect(await page.locator('[data-path="housing.passingGrades"] .ant-checkbox-wrapper', { hasText: 'A 级' }).count()).toBe(1);
    await share.fill('1.5');
    await page.locator('.policy-save').click();
    const error = page.locator('.policy-field-error');
    await error.first().waitFor();
    expect(await error.first().innerText()).toMatch(/监测对象占建档立卡人口比例上限不能大于 1，填写的是「1\.5」$/);
    await shot('forms-policy-draft-error.png');
    await share.fill('0.06');
    await page.locator('.policy-save').click();
    await page.locator('.ant-message', { hasText: '草稿已保存' }).waitFor();
  });
});
