import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import type { Database } from '../../src/db/database';
import { buildTestApp, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree } from '../helpers/factory';
import { api, finishedJob, signedIn, recompute, storedResults } from '../monitoring/helpers';
import { createVariedHouseholds } from '../monitoring/sample';

const DRAFT_RULES = {
  monitoring: { lineByYear: { 2021: { amount: 6500 } } },
  housing: { renovatedPasses: false },
  risk: { incomeFallShare: 0.2 },
};

describe.each(testDatabases)('what-if on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let admin: Client;
  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database));
    admin = await signedIn(app, database, 'policy_admin', '0');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('counts the households and persons a draft would change, equal to what activating it changes', async () => {
    const places = await createPlaceTree(database, 2, 3);
    await createVariedHouseholds(database, places, 80, 2021, 11);
    await recompute(admin, places.countyCode, 2021);
    const before = await storedResults(database, places.countyCode, 2021);

    const draft = await api(admin, 'POST', '/api/v1/policies', { regionCode: places.countyCode, effectiveYear: 2021, title: '监测线 6500 元测算', rules: DRAFT_RULES });
    expect(draft.status).toBe(201);
    const started = await api(admin, 'POST', '/api/v1/policies/what-if', { policyId: draft.body.id, year: 2021 });
    expect(started.status).toBe(202);
    const job = await finishedJob(admin, `/api/v1/policies/what-if/${started.body.jobId}`, started.body.jobId);
    expect(job).toMatchObject({ kind: 'what_if', status: 'done' });
    const w = job.result;
    expect(w).toMatchObject({ year: 2021, place: { code: places.countyCode }, policy: { id: draft.body.id } });
    expect(job.message).toContain(`有 ${w.changed.households} 户`);
    expect((await api(admin, 'GET', `/api/v1/policies/${draft.body.id}`)).body.status).toBe('draft');
    expect(await storedResults(database, places.countyCode, 2021)).toEqual(before);

    const activated = await api(admin, 'POST', `/api/v1/policies/${draft.body.id}/activate`);
    await finishedJob(admin, `/api/v1/monitoring/jobs/${activated.body.jobId}`, activated.body.jobId);
    const after = await storedResults(database, places.countyCode, 2021);

    const changed = [...after.values()].filter((a) => {
      const b = before.get(a.household_no)!;
      return b.outcome !== a.outcome || b.risk_grade !== a.risk_grade;
    });
    expect(changed.length).toBeGreaterThan(0);
    expect(w.changed).toEqual({ households: changed.length, persons: changed.reduce((n, r) => n + r.persons, 0) });
    expect(w.households).toBe(after.size);

    const overview = (await api(admin, 'GET', `/api/v1/monitoring/overview?place=${places.countyCode}&year=2021`)).body;
    expect(w.after.grades).toEqual(overview.grades);
    expect(w.after.outcomes).toEqual(overview.outcomes);
    const townshipOf = new Map(
      (await database.db.selectFrom('household').select(['household_no', 'township_code']).where('county_code', '=', places.countyCode).execute()).map((h) => [h.household_no, h.township_code]),
    );
    expect(w.byPlace.map((p: { code: string }) => p.code)).toEqual(places.townshipCodes);
    for (const place of w.byPlace) {
      const child = overview.children.find((c: { code: string }) => c.code === place.code);
      expect(place.after.grades).toEqual(child.grades);
      expect(place.changedHouseholds).toBe(changed.filter((r) => townshipOf.get(r.household_no) === place.code).length);
    }
    expect(w.byPlace.reduce((n: number, p: { changedHouseholds: number }) => n + p.changedHouseholds, 0)).toBe(changed.length);
    const transitions = w.transitions.reduce((n: number, t: { households: number }) => n + t.households, 0);
    expect(transitions).toBe(changed.length);

    const xlsx = await admin.inject('GET', `/api/v1/policies/what-if/${started.body.jobId}/changes.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, '户编号', '县', '乡镇', '村', '户主', '人数', '原评估结果', '新评估结果', '原风险等级', '新风险等级']);
    expect(sheet.rowCount - 1).toBe(changed.length);
    const listed = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 1) listed.add(String(row.getCell(1).value));
    });
    expect(listed).toEqual(new Set(changed.map((c) => c.household_no)));
  });

  it('evaluates an unsaved draft without saving it, and refuses a bad one', async () => {
    const places = await createPlaceTree(database);
    await createVariedHouseholds(database, places, 20, 2021, 5);
    const policy = { regionCode: places.countyCode, effectiveYear: 2021, title: '未保存的测算', rules: DRAFT_RULES };
    const started = await api(admin, 'POST', '/api/v1/policies/what-if', { policy, year: 2021, place: places.townshipCodes[0] });
    expect(started.status).toBe(202);
    const job = await finishedJob(admin, `/api/v1/policies/what-if/${started.body.jobId}`, started.body.jobId);
    expect(job.result).toMatchObject({ place: { code: places.townshipCodes[0] }, policy: { id: '(未保存)' } });
    expect(job.result.byPlace.every((p: { code: string }) => p.code.startsWith(places.townshipCodes[0]))).toBe(true);
    expect((await api(admin, 'GET', `/api/v1/policies?region=${places.countyCode}`)).body.items).toEqual([]);

    const bad = await api(admin, 'POST', '/api/v1/policies/what-if', { policy: { ...policy, rules: { monitoring: { lookbackMonths: 0 } } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('收入核算期（月）');
    const neither = await api(admin, 'POST', '/api/v1/policies/what-if', { year: 2021 });
    expect(neither.status).toBe(400);
    expect(neither.body.error.message).toContain('policyId');
    expect((await api(admin, 'GET', '/api/v1/policies/what-if/99999999')).status).toBe(404);
    expect((await api(admin, 'GET', '/api/v1/policies/what-if/99999999/changes.xlsx')).status).toBe(404);
  });
});
