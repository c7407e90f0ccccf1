/**
 * The education ledger journey in headless Chromium, signed in as a county education-department
 * user: he imports the student register (试导入, then 导入), sees the child without aid on the
 * 应助尽助 list, records the aid from the row, and the household's card shows the aid among its
 * ledger records and the checklist names the student register as the source of the school fact.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { hashPassword } from '../../src/modules/auth/service';
import { consoleAdmin, createUser } from '../../src/modules/users/service';
import { buildApp } from '../../src/server/app';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { goodColumns, incomeOf, insuredAdult } from '../monitoring/helpers';
import { launchChromium, listen, SCREENSHOTS } from './browser';
import { PASSWORD, signIn } from './session';

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
let places: TestPlaces;
let household: CreatedHousehold;
const file = join(tmpdir(), `student-register-${process.pid}.csv`);

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 1, 2);
  household = await createHousehold(database, places, {
    members: [insuredAdult('杨大海', '1978-02-01'), { ...insuredAdult('杨小兰', '2009-03-04'), sex: 'F', columns: { ...insuredAdult('', '').columns, schooling: 'primary' } }],
    columns: goodColumns(),
    incomes: [incomeOf(2018, 9000, 2), incomeOf(2019, 9000, 2)],
  });
  const { user } = await createUser(database.db, { username: 'jiaoyuju', displayName: '县教育局资助中心', role: 'department_operator', placeCode: places.countyCode, departmentLine: 'education' }, consoleAdmin(CONSOLE_ACTOR, new Date()));
  await database.db.updateTable('app_user').set({ password_hash: await hashPassword(PASSWORD), must_change_password: false, password_changed_at: new Date().toISOString() }).where('id', '=', user.id).execute();
  await writeFile(
    file,
    '\ufeff学年,身份证号,姓名,学段,学校,年级,就读状态,寄宿生\n' + `2019,${household.members[1].idNumber},杨小兰,小学,龙山镇中心小学,五年级,在校,否\n`,
    'utf8',
  );
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await signIn(page, base, 'jiaoyuju', undefined, '/ledgers/edu_student');
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

const modal = () => page.locator('.ant-modal').last();

describe('education ledger in the browser', () => {
  it('imports the student register, sees 应助尽助, records the aid, and the card and checklist show it', async () => {
    await page.getByRole('button', { name: '导入' }).first().click();
    await modal().locator('input[type=file]').setInputFiles(file);
    const dry = page.waitForResponse((r) => r.url().includes('/import?dryRun=true'));
    await modal().getByRole('button', { name: '试导入' }).click();
    expect((await dry).status()).toBe(200);
    await expect.poll(() => modal().innerText(), { timeout: 20_000 }).toContain('试导入通过');
    const done = page.waitForResponse((r) => r.url().includes('/import?dryRun=false'));
    await modal().getByRole('button', { name: '导入', exact: true }).click();
    expect((await done).status()).toBe(200);
    await expect.poll(() => modal().innerText(), { timeout: 20_000 }).toContain('已导入 1 行');
    await modal().locator('.ant-modal-close').click();
    await expect.poll(() => page.locator('.ant-table tbody').first().innerText(), { timeout: 20_000 }).toContain('杨小兰');

    await page.goto(`${base}/ledgers-education/aid-gaps`);
    await expect.poll(() => page.locator('.ant-table tbody').innerText(), { timeout: 20_000 }).toContain('杨小兰');
    await page.getByRole('button', { name: '登记资助' }).click();
    await modal().getByLabel('资助项目').click();
    await page.locator('.ant-select-item-option', { hasText: '寄宿生生活补助' }).click();
    await modal().getByLabel('金额（元）').fill('1000');
    await modal().getByLabel('发放日期').click();
    await modal().getByLabel('发放日期').fill('2019-11-01');
    await modal().getByLabel('发放日期').press('Enter');
    const saved = page.waitForResponse((r) => r.url().includes('/aid') && r.request().method() === 'POST');
    await modal().getByRole('button', { name: '保存' }).click();
    expect((await saved).status()).toBe(201);
    await expect.poll(() => page.locator('.ant-alert').first().innerText(), { timeout: 20_000 }).toContain('共 0 名学生');
    await page.screenshot({ path: join(SCREENSHOTS, 'ledgers-aid-gaps.png'), fullPage: true });

    const panel = page.waitForResponse((r) => r.url().includes('/api/v1/ledgers/households/'));
    await page.goto(`${base}/households/${encodeURIComponent(household.householdNo)}`);
    const answered = await panel;
    expect(answered.status(), await answered.text()).toBe(200);
    const ledgers = page.locator('.household-ledgers');
    await expect.poll(() => ledgers.innerText(), { timeout: 20_000 }).toContain('学生资助');
    expect(await ledgers.innerText()).toContain('寄宿生生活补助');
    expect(await ledgers.innerText()).toContain('学生名册');
    await expect.poll(() => page.getByTestId('checklist-sources').innerText(), { timeout: 20_000 }).toContain('来自行业部门台账：学生名册');
    expect(await page.getByTestId('checklist-sources').innerText()).toContain('小学，龙山镇中心小学');
    await page.screenshot({ path: join(SCREENSHOTS, 'ledgers-household-card.png'), fullPage: true });
  });
});
