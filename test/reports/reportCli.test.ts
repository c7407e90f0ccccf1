/**
 * `fupin report causes|progress|listing`: the workbooks of the web app's report exports written
 * to a file, on both databases, against the hand-counted fixture; scoped like the API when a
 * user is named; bad options refused with the option and its value named.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReportOptions, reportToFile, type ReportOptions } from '../../src/cli/commands/report';
import type { Database } from '../../src/db/database';
import { makeUser } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree } from '../helpers/factory';
import { buildReportFixture, type ReportFixture } from './fixture';

const dir = mkdtempSync(join(tmpdir(), 'fupin-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function sheetsOf(file: string): Promise<Map<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return new Map(workbook.worksheets.map((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return [ws.name, rows];
  }));
}

describe.each(testDatabases)('fupin report on $name', (t) => {
  let database: Database;
  let fx: ReportFixture;
  let county: string;
  let otherCounty: string;
  let leader: string;

  beforeAll(async () => {
    database = await t.open();
    fx = await buildReportFixture(database);
    county = fx.places.countyCode;
    otherCounty = (await createPlaceTree(database, 1, 1)).countyCode;
    leader = (await makeUser(database, 'leader', county)).username;
  });
  afterAll(async () => database?.close());

  it('writes the cause report of a county at a year-end, the same figures as the page', async () => {
    const out = join(dir, `${t.name}-causes.xlsx`);
    const said = await reportToFile(database, { kind: 'causes', place: county, year: '2019', out });
    expect(said).toContain('2019 年底，5 户 12 人');
    const rows = (await sheetsOf(out)).get('致贫原因')!;
    expect(rows.find((r) => r[0] === '因病')).toEqual(['因病', 2, 40, 3, 25]);
    expect(rows.find((r) => r[0] === '合计')).toEqual(['合计', 5, 100, 12, 100]);
    const earlier = join(dir, `${t.name}-causes-2017.xlsx`);
    await reportToFile(database, { kind: 'causes', place: county, year: '2017', out: earlier });
    expect((await sheetsOf(earlier)).get('致贫原因')!.find((r) => r[0] === '因病')).toEqual(['因病', 3, 60, 5, 50]);
  });

  it('writes the progress report and the listing of the named user\'s own county when no place is given', async () => {
    const progress = join(dir, `${t.name}-progress.xlsx`);
    expect(await reportToFile(database, { kind: 'progress', user: leader, out: progress })).toContain('脱贫进展');
    const years = (await sheetsOf(progress)).get('逐年进展')!;
    expect(years.some((r) => r[0] === 2019)).toBe(true);
    const listing = join(dir, `${t.name}-listing.xlsx`);
    expect(await reportToFile(database, { kind: 'listing', user: leader, year: '2019', out: listing })).toContain('时点 2020-01-01');
    expect((await sheetsOf(listing)).size).toBeGreaterThan(0);
  });

  it('refuses a place outside the named user\'s area, a user who may not read reports, and an unknown user', async () => {
    const out = join(dir, `${t.name}-refused.xlsx`);
    await expect(reportToFile(database, { kind: 'causes', user: leader, place: otherCounty, out })).rejects.toThrow(`地区 ${otherCounty} 不在用户“${leader}”的管辖范围内`);
    await expect(reportToFile(database, { kind: 'causes', user: leader, place: '0', out })).rejects.toThrow('不在用户');
    const auditor = (await makeUser(database, 'auditor', '0')).username;
    await expect(reportToFile(database, { kind: 'causes', user: auditor, out })).rejects.toThrow('无权查看统计报表');
    await expect(reportToFile(database, { kind: 'causes', user: 'nobody-here', out })).rejects.toThrow('用户“nobody-here”');
  });
});

describe('fupin report: bad options', () => {
  it.each([
    [{ kind: 'totals', out: 'a.xlsx' }, '报表种类“totals”无效'],
    [{ kind: 'causes', place: '4114', year: '1999', out: 'a.xlsx' }, '--year“1999”无效：年度不早于 2000'],
    [{ kind: 'causes', place: '41x', out: 'a.xlsx' }, '--place“41x”无效'],
    [{ kind: 'causes', status: 'rich', out: 'a.xlsx' }, '--status“rich”无效'],
    [{ kind: 'causes', out: 'a.csv' }, '--out“a.csv”无效：输出文件应以 .xlsx 结尾'],
  ])('%j is refused with the option and its value named', (options, message) => {
    expect(() => parseReportOptions(options as ReportOptions)).toThrow(message);
  });

  it('the command refuses bad options with exit code 1 before the database is opened', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/fupin.ts', 'report', 'totals', '--out', 'a.xlsx'], {
      env: { ...process.env, FUPIN_DATA_DIR: join(dir, 'never-opened'), DATABASE_URL: '' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('错误：报表种类“totals”无效');
    expect(existsSync(join(dir, 'never-opened'))).toBe(false);
  });
});
