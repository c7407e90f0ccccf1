/**
 * The registry journey in headless Chromium, signed in as a county operator: the place tree
 * from his county down, filters kept in the URL, the list, the household card with masked ID
 * numbers, and the 404 page for an unknown household.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { buildApp } from '../../src/server/app';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { launchChromium, listen } from './browser';
import { nameTestPlaces, seedHouseholds, type PlaceNames, type SeedHousehold } from './seedRegistry';
import { createActiveUser, signIn } from './session';

const POOR = new Set(['poor', 'returned']);
const masked = (id: string) => id.slice(0, 6) + '********' + id.slice(-4);
const numbers = (households: SeedHousehold[]) => households.map((h) => h.householdNo).sort();

let database: Database;
let app: FastifyInstance;
let browser: Browser;
let page: Page;
let base: string;
let places: TestPlaces;
let names: PlaceNames;
let households: SeedHousehold[];
/** The household the filters narrow down to, opened as a card. */
let target: SeedHousehold;

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://' });
  places = await createPlaceTree(database, 2, 3);
  names = await nameTestPlaces(database, places);
  households = await seedHouseholds(database, places, 40);
  const operator = await createActiveUser(database, 'shifanxian', '示范县业务员', 'county_operator', places.countyCode);
  app = await buildApp({ database, access: { requireLogin: true } });
  base = await listen(app);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await signIn(page, base, operator.username);
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

const treeNode = (name: string) => page.locator('.ant-tree-treenode', { has: page.locator('.place-title', { hasText: new RegExp('^' + name) }) });

/** Run an action that changes the list, wait for the list request and its rendering, return the row numbers. */
async function listAfter(action: () => Promise<unknown>): Promise<string[]> {
  const response = page.waitForResponse((r) => r.url().includes('/api/v1/households?'));
  await action();
  await response;
  await page.locator('.household-table .ant-spin-spinning').waitFor({ state: 'detached' });
  return tableRows();
}

async function tableRows(): Promise<string[]> {
  return page.locator('.household-table tbody tr.ant-table-row td:first-child').allInnerTexts();
}

async function chooseFilter(placeholder: string, label: string) {
  await page.locator('.household-filters .ant-select', { hasText: placeholder }).click();
  await page.locator(`.ant-select-item-option[title="${label}"]`).click();
}

function poorCounts(list: SeedHousehold[]): string {
  const poor = list.filter((h) => POOR.has(h.status));
  return `(${poor.length}户/${poor.reduce((n, h) => n + h.members.length, 0)}人)`;
}

describe('household registry in the browser', () => {
  it('lists the households of his county, the place tree starting at the county with poor counts on the nodes', async () => {
    const county = names.county;
    const rows = await listAfter(() => page.goto(base + '/households'));
    await treeNode(county).waitFor();
    expect(await page.locator('.place-tree .place-title').first().innerText()).toContain(county);
    expect(await treeNode(county).locator('.place-count').innerText()).toBe(poorCounts(households));
    expect(new URL(page.url()).searchParams.get('place')).toBeNull();
    expect(rows).toEqual(numbers(households).slice(0, 20));
    expect(await page.locator('.ant-pagination-total-text').innerText()).toBe('共 40 户');
    await page.getByTestId('place-indicator').getByText(`${names.province} / ${names.city} / ${county}`).waitFor();

    await treeNode(names.townships[0]).waitFor();
    const township1 = households.filter((h) => h.townshipCode === places.townshipCodes[0]);
    expect(await treeNode(names.townships[0]).locator('.place-count').innerText()).toBe(poorCounts(township1));
  });

  it('filters by township, status and name, keeps the filters in the URL and exports with them', async () => {
    const township1 = households.filter((h) => h.townshipCode === places.townshipCodes[0]);
    const all = await listAfter(() => treeNode(names.townships[0]).locator('.place-title').click());
    expect(all).toEqual(numbers(township1).slice(0, 20));
    expect(await page.locator('.ant-pagination-total-text').innerText()).toBe(`共 ${township1.length} 户`);

    const poor = township1.filter((h) => h.status === 'poor');
    expect(await listAfter(() => chooseFilter('户状态', '未脱贫'))).toEqual(numbers(poor));

    target = poor.find((h) => h.members.length === 4)!;
    const byName = poor.filter((h) => h.members.some((m) => m.name.startsWith(target.headName)));
    const searchBox = page.getByPlaceholder('户主/成员姓名或身份证号');
    await searchBox.fill(target.headName);
    expect(await listAfter(() => searchBox.press('Enter'))).toEqual(numbers(byName));

    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ place: places.townshipCodes[0], status: 'poor', q: target.headName });
    const exportHref = new URL((await page.getByRole('link', { name: /导出Excel/ }).getAttribute('href'))!, base);
    expect(exportHref.pathname).toBe('/api/v1/households/export.xlsx');
    // The export carries the business year the status filter is read at (the header's year: the data's latest, 2019).
    expect(Object.fromEntries(exportHref.searchParams)).toEqual({ place: places.townshipCodes[0], status: 'poor', q: target.headName, year: '2019' });

    expect(await listAfter(() => page.reload())).toEqual(numbers(byName));
    expect(await page.locator('.household-filters .ant-select', { hasText: '未脱贫' }).count()).toBe(1);
    expect(await searchBox.inputValue()).toBe(target.headName);
  });

  it('opens the household card with its members, masked ID numbers, incomes and status history', async () => {
    const card = page.waitForResponse((r) => r.url().endsWith(`/api/v1/households/${target.householdNo}`));
    await page.getByRole('link', { name: target.householdNo }).click();
    await card;
    await page.locator('.household-summary').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/households/${target.householdNo}`);
    expect(new URL(page.url()).searchParams.get('place')).toBe(places.townshipCodes[0]);

    const summary = await page.locator('.household-summary').innerText();
    expect(summary).toContain(target.headName);
    const village = names.villages[places.villageCodes.indexOf(target.villageCode)];
    expect(summary).toContain(`${names.county} / ${names.townships[0]} / ${village}`);
    expect(summary).toContain(masked(target.members[0].idNumber));
    expect(summary).toContain('未脱贫');

    const memberRows = page.locator('.members-table tbody tr.ant-table-row');
    expect(await memberRows.locator('td:nth-child(1)').allInnerTexts()).toEqual(target.members.map((m) => m.name));
    expect(await memberRows.locator('td:nth-child(2)').allInnerTexts()).toEqual(target.members.map((m) => masked(m.idNumber)));
    expect(await memberRows.locator('td:nth-child(5)').allInnerTexts()).toEqual(['户主', '配偶', '之子', '之女']);
    const html = await page.content();
    for (const m of target.members) expect(html).not.toContain(m.idNumber);

    expect(await page.locator('.status-history-table tbody tr.ant-table-row td:first-child').allInnerTexts()).toEqual(['2019', '2018', '2017', '2016']);
    expect(await page.locator('.income-table tbody tr.ant-table-row td:first-child').allInnerTexts()).toEqual(['2019', '2018']);
    expect(await page.getByTestId('place-indicator').innerText()).toContain(`${names.county} / ${names.townships[0]}`);

    await listAfter(() => page.getByRole('button', { name: /返回名单/ }).click());
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ place: places.townshipCodes[0], status: 'poor', q: target.headName });
  });

  it('finds a place by name, opens the tree down to it and lists its households', async () => {
    await page.goto(base + '/households');
    await treeNode(names.county).waitFor();
    await page.locator('.place-search').click();
    await page.keyboard.type(names.townships[1]);
    const option = page.locator('.ant-select-item-option', { hasText: `${names.county} / ${names.townships[1]}` });
    await option.waitFor();
    const rows = await listAfter(() => option.click());
    expect(new URL(page.url()).searchParams.get('place')).toBe(places.townshipCodes[1]);
    expect(rows).toEqual(numbers(households.filter((h) => h.townshipCode === places.townshipCodes[1])).slice(0, 20));
    await page.locator('.ant-tree-treenode-selected', { hasText: names.townships[1] }).waitFor();
  });

  it('shows the 404 page with the server message for an unknown household and an unknown address', async () => {
    const unknown = places.villageCodes[0] + '9999';
    const answer = await page.request.get(`${base}/api/v1/households/${unknown}`);
    expect(answer.status()).toBe(404);
    const message: string = (await answer.json()).error.message;
    await page.goto(`${base}/households/${unknown}`);
    await page.locator('.ant-result-404').waitFor();
    expect(await page.locator('.ant-result-subtitle').innerText()).toBe(message);

    await page.goto(`${base}/no-such-page`);
    await page.locator('.ant-result-404').waitFor();
    expect(await page.locator('.ant-result-title').innerText()).toContain('404');
  });

  it('shows the server message when the list request is refused', async () => {
    const answer = await page.request.get(`${base}/api/v1/households?status=bogus`);
    expect(answer.status()).toBe(400);
    const message: string = (await answer.json()).error.message;
    await page.goto(`${base}/households?status=bogus`);
    await page.locator('.list-panel .ant-alert-error').waitFor();
    expect(await page.locator('.list-panel .ant-alert-description').innerText()).toBe(message);
  });
});
