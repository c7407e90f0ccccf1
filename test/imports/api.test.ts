import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { templateHeaders } from '../../src/modules/imports/columns';
import { getImportJob, importJobSettled, startImportJob, type ImportJobView } from '../../src/modules/imports/service';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { csvText, registryRows, tempDir, writeCsv } from './files';

function multipart(fileName: string, content: Buffer | string) {
  const boundary = '----fupinTestBoundary7MA4YWxk';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function sheetRows(bytes: Buffer, sheet = 0): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[sheet].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const uploads = () => readdirSync(tmpdir()).filter((f) => f.startsWith('fupin-import-'));

describe.each(testDatabases)('import API on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let places: TestPlaces;
  let operator: Client;
  const dir = tempDir();

  async function upload(client: Client, fileName: string, content: Buffer | string, query = '') {
    const { payload, headers } = multipart(fileName, content);
    const res = await client.inject('POST', `/api/v1/imports${query}`, payload, headers);
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json() as { jobId: number };
    await importJobSettled(jobId);
    const job = await client.inject('GET', `/api/v1/imports/${jobId}`);
    expect(job.statusCode).toBe(200);
    return job.json();
  }

  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database));
    places = await createPlaceTree(database);
    const user = await makeUser(database, 'county_operator', places.countyCode);
    operator = await loginAs(app, user.username);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports an upload in the background and reports the job, its progress and result; the upload is deleted', async () => {
    const before = uploads();
    const job = await upload(operator, 'registry.csv', csvText(registryRows(places, 2, 3)));
    expect(job).toMatchObject({
      status: 'done', phase: 'done', progress: 1, fileName: 'registry.csv', dryRun: false, errorReport: null,
      result: { ok: true, rows: 6, households: { added: 2, updated: 0, unchanged: 0 }, persons: { added: 6 } },
    });
    expect(job.message).toContain('导入完成');
    expect(uploads()).toEqual(before);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'object_id', 'place_code']).where('object_type', '=', 'import').where('object_id', '=', String(job.jobId)).execute();
    expect(audit).toEqual([{ action: 'registry.import', object_id: String(job.jobId), place_code: places.countyCode }]);
  });

  it('shows a running job with its phase and share done', async () => {
    const path = writeCsv(dir, 'running.csv', registryRows(places, 3, 2, 20));
    let jobId = 0;
    const seen: Promise<ImportJobView>[] = [];
    jobId = await startImportJob(database, { path, fileName: 'running.csv' }, {
      onProgress: (p) => {
        if (p.phase === 'writing' && seen.length === 0) seen.push(getImportJob(database, jobId));
      },
    });
    await importJobSettled(jobId);
    const running = await seen[0];
    expect(running).toMatchObject({ id: jobId, status: 'running', phase: 'writing', fileName: 'running.csv' });
    expect(running.progress).toBeGreaterThan(0.8);
    expect(running.progress).toBeLessThan(1);
    expect(await getImportJob(database, jobId)).toMatchObject({ status: 'done', progress: 1 });
  });

  it('a dry run over the API writes nothing', async () => {
    const job = await upload(operator, 'dry.csv', csvText(registryRows(places, 1, 2, 40)), '?dryRun=true');
    expect(job).toMatchObject({ status: 'done', dryRun: true, result: { ok: true, dryRun: true, households: { added: 1 } } });
    const written = await database.db.selectFrom('household').select('household_no').where('household_no', '=', places.countyCode + '000040').execute();
    expect(written).toEqual([]);
  });

  it('a refused file: the job fails and its error report downloads as .xlsx with formula-like values neutralised', async () => {
    const rows = registryRows(places, 1, 2, 60);
    rows[1]['姓名'] = '=HYPERLINK("http://x")';
    rows[1]['证件号码'] = '+8613800000000';
    const job = await upload(operator, 'bad.csv', csvText(rows));
    expect(job).toMatchObject({ status: 'failed', result: { ok: false, errorCount: 1 }, errorReport: `/api/v1/imports/${job.jobId}/errors.xlsx` });
    const report = await operator.inject('GET', job.errorReport);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('spreadsheetml');
    expect(await sheetRows(report.rawPayload)).toEqual([
      ['行号', '列', '值', '错误说明'],
      [3, '证件号码', "'+8613800000000", expect.stringContaining('身份证号应为18位')],
    ]);
  });

  it('serves the template: Chinese headers, the example row on a sheet of its own, and the allowed values', async () => {
    const res = await operator.inject('GET', '/api/v1/imports/template');
    expect(res.statusCode).toBe(200);
    const rows = await sheetRows(res.rawPayload);
    expect(rows[0]).toEqual(templateHeaders());
    expect(rows).toHaveLength(1);
    const example = await sheetRows(res.rawPayload, 1);
    expect(example[0]).toEqual(templateHeaders());
    expect(example).toHaveLength(2);
    const allowed = await sheetRows(res.rawPayload, 2);
    const attribute = allowed[0].indexOf('户属性');
    expect(allowed.slice(1, 4).map((r) => r[attribute])).toEqual(['一般贫困户', '低保贫困户', '特困供养贫困户']);
  });

  it('refuses anonymous users, roles without the import permission, places outside the scope and other users’ jobs', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/imports/template' });
    expect(anonymous.statusCode).toBe(401);
    const leader = await loginAs(app, (await makeUser(database, 'leader', places.countyCode)).username);
    const { payload, headers } = multipart('x.csv', csvText(registryRows(places, 1, 1, 80)));
    expect((await leader.inject('POST', '/api/v1/imports', payload, headers)).statusCode).toBe(403);
    const township = await loginAs(app, (await makeUser(database, 'township_operator', places.townshipCodes[1])).username);
    const outside = await upload(township, 'outside.csv', csvText(registryRows(places, 1, 1, 81)));
    expect(outside).toMatchObject({ status: 'failed', result: { errors: [{ column: '村代码', message: expect.stringContaining('不在您的管辖范围内') }] } });
    expect((await operator.inject('GET', `/api/v1/imports/${outside.jobId}`)).statusCode).toBe(404);
    expect((await operator.inject('GET', `/api/v1/imports/${outside.jobId}/errors.xlsx`)).statusCode).toBe(404);
    expect((await operator.inject('GET', '/api/v1/imports/999999999')).statusCode).toBe(404);
  });
});
