/**
 * Registry intake in the browser, as a county operator: download the template from 农户名单 → 导入,
 * fill three households in it, check a bad file first (errors on the page and in the error
 * report, nothing written), then the good one, import it, and find the households in the list and
 * on their cards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { buildApp } from '../../src/server/app';
import { createPlaceTree, idNumberFor, type TestPlaces } from '../helpers/factory';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { createActiveUser, signIn } from './session';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
let places: TestPlaces;
const dir = mkdtempSync(join(tmpdir(), 'fupin-import-e2e-'));
const tag = String(Date.now()).slice(-6);
const HOUSEHOLDS = [
  { no: `DR${tag}01`, members: [['导入甲', 'head'], ['导入甲妻', 'spouse']] },
  { no: `DR${tag}02`, members: [['导入乙', 'head']] },
  { no: `DR${tag}03`, members: [['导入丙', 'head']] },
];

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 1, 1);
  const user = await createActiveUser(database, 'importer', '县级业务员', 'county_operator', places.countyCode);
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
  await signIn(page, base, user.username);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The downloaded template with the three households written over its example row. */
async function fillTemplate(template: string, out: string, badId: boolean): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(template);
  const sheet = workbook.worksheets[0];
  const headers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => headers.set(String(cell.value), col));
  if (sheet.rowCount >= 2) sheet.spliceRows(2, sheet.rowCount - 1);
  let row = 2;
  let i = 0;
  for (const h of HOUSEHOLDS) {
    for (const [name, relation] of h.members) {
      const values: Record<string, string> = {
        户编号: h.no,
        村代码: places.villageCodes[0],
        户属性: '一般贫困户',
        户状态: '未脱贫',
        姓名: name,
        // the second person of the bad file: a wrong check character
        证件号码: badId && i === 1 ? '41142619800501001X' : idNumberFor(places.countyCode, '19800501', 700 + i),
        与户主关系: relation === 'head' ? '户主' : '配偶',
      };
      for (const [header, value] of Object.entries(values)) sheet.getRow(row).getCell(headers.get(header)!).value = value;
      row++;
      i++;
    }
  }
  await workbook.xlsx.writeFile(out);
}

it('a county operator imports three households from the template, after a bad file is refused with its errors', async () => {
  await page.getByRole('button', { name: '导入' }).click();
  await page.waitForURL((url) => url.pathname === '/households/import');
  const download = page.waitForEvent('download');
  await page.locator('.import-template').click();
  const template = join(dir, 'template.xlsx');
  await (await download).saveAs(template);

  // A bad file: one ID number with a wrong check character. Checked, refused, nothing written.
  const bad = join(dir, 'bad.xlsx');
  await fillTemplate(template, bad, true);
  await page.locator('.import-file input[type=file]').setInputFiles(bad);
  await page.locator('.import-check').click();
  await page.locator('.import-result .ant-alert', { hasText: '没有写入任何数据' }).waitFor();
  const errorRows = page.locator('.import-errors tbody tr.ant-table-row');
  expect(await errorRows.count()).toBe(1);
  expect(await errorRows.first().innerText()).toContain('校验位错误');
  expect(await page.locator('.import-commit').isDisabled()).toBe(true);
  const reportDownload = page.waitForEvent('download');
  await page.locator('.import-error-report').click();
  const reportPath = join(dir, 'errors.xlsx');
  await (await reportDownload).saveAs(reportPath);
  const report = new ExcelJS.Workbook();
  await report.xlsx.readFile(reportPath);
  expect(JSON.stringify(report.worksheets[0].getRow(2).values)).toContain('校验位错误');
  expect(await database.db.selectFrom('household').select('household_no').where('household_no', 'like', `DR${tag}%`).execute()).toEqual([]);

  // The corrected file: checked, then imported.
  const good = join(dir, 'good.xlsx');
  await fillTemplate(template, good, false);
  await page.locator('.import-file .ant-upload-list-item').hover();
  await page.locator('.import-file input[type=file]').setInputFiles(good);
  await page.locator('.import-check').click();
  await page.locator('.import-result .ant-alert', { hasText: '检查通过（未写入任何数据）' }).waitFor();
  expect(await page.locator('.import-result').innerText()).toContain('新增 3，更新 0，未变 0');
  await page.locator('.import-commit').click();
  await page.locator('.import-result .ant-alert', { hasText: '导入完成' }).waitFor();
  expect(await page.locator('.import-result').innerText()).toContain('新增 4，更新 0，未变 0');
  await page.screenshot({ path: join(SCREENSHOTS, 'household-import.png'), fullPage: true });
  const written = await database.db.selectFrom('household').select('household_no').where('household_no', 'like', `DR${tag}%`).orderBy('household_no').execute();
  expect(written.map((h) => h.household_no)).toEqual(HOUSEHOLDS.map((h) => h.no));

  // In the list and on the card.
  await page.locator('.import-to-list').click();
  await page.waitForURL((url) => url.pathname === '/households');
  await page.getByPlaceholder('户主/成员姓名或身份证号').fill('导入甲');
  await page.getByPlaceholder('户主/成员姓名或身份证号').press('Enter');
  const listRow = page.locator('tbody tr.ant-table-row', { hasText: HOUSEHOLDS[0].no });
  await listRow.waitFor();
  await page.goto(`${base}/households/${HOUSEHOLDS[0].no}`);
  await page.getByText('导入甲妻').first().waitFor();
}, 120_000);

it('a county operator adds a household in the 新增农户 form: a bad ID is named with its member, then it is saved and opens its card', async () => {
  await page.goto(`${base}/households`);
  await page.locator('.households-new').click();
  await page.waitForURL((url) => url.pathname === '/households/new');
  const no = `XZ${tag}1`;
  await page.locator('.nh-year input').fill('2019');
  await page.locator('.nh-no').fill(no);
  await page.locator('.nh-village .place-search').click();
  await page.keyboard.type('测试1镇1村');
  await page.locator('.ant-select-item-option', { hasText: '测试1镇1村村委会' }).click();
  await page.locator('.nh-attribute').click();
  await page.locator('.ant-select-item-option', { hasText: '一般贫困户' }).click();
  await page.locator('.nh-status').click();
  await page.locator('.ant-select-item-option', { hasText: '未脱贫' }).click();
  await page.locator('.nh-member').nth(0).locator('.nh-name').fill('表单户主');
  await page.locator('.nh-member').nth(0).locator('.nh-id').fill(idNumberFor(places.countyCode, '19700101', 901));
  await page.locator('.nh-add-member').click();
  await page.locator('.nh-member').nth(1).locator('.nh-name').fill('表单之子');
  await page.locator('.nh-member').nth(1).locator('.nh-id').fill('41142619800501001X');
  await page.locator('.nh-member').nth(1).locator('.nh-relation').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '配偶' }).click();

  // Unsaved entries: leaving asks first (a reload too), and staying keeps them.
  expect(await page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  })).toBe(true);
  page.once('dialog', (dialog) => void dialog.dismiss());
  await page.getByRole('button', { name: '返回农户名单' }).click();
  expect(new URL(page.url()).pathname).toBe('/households/new');

  await page.locator('.nh-check').click();
  const refused = page.locator('.nh-outcome.ant-alert-error');
  await refused.waitFor();
  expect(await refused.innerText()).toMatch(/第 2 位成员的【证件号码】“41142619800501001X”：.*校验位错误/);
  expect(await database.db.selectFrom('household').select('household_no').where('household_no', '=', no).execute()).toEqual([]);

  await page.locator('.nh-member').nth(1).locator('.nh-id').fill(idNumberFor(places.countyCode, '20100101', 902));
  await page.locator('.nh-member').nth(1).locator('.nh-relation').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '之子' }).click();
  const checked = page.waitForResponse((r) => r.url().endsWith('/api/v1/imports/household'));
  await page.locator('.nh-check').click();
  expect((await checked).status(), await (await checked).text()).toBe(200);
  await page.locator('.nh-outcome.ant-alert-success').waitFor();
  expect(await page.locator('.nh-outcome').innerText()).toContain('检查通过：可以保存（2 人）');
  await page.locator('.nh-save').dblclick();
  await page.waitForURL((url) => url.pathname === `/households/${no}`);
  await page.getByText('表单之子').first().waitFor();
  const rows = await database.db.selectFrom('person').select('name').where('household_no', '=', no).orderBy('name').execute();
  expect(rows.map((r) => r.name).sort()).toEqual(['表单之子', '表单户主'].sort());
}, 120_000);
