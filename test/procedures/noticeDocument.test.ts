/**
 * The 公示 as a public document, on both databases: whatever a cadre typed into a case's reason or
 * the notice's contact, the generated 公示 shows no 身份证号, 手机号, 银行账号 or health fact, never
 * carries the objection register, keeps the office landline, and every generation is audited.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { publicLeaks } from '../../src/domain/documents/redact';
import type { ManualClock } from '../../src/modules/auth/service';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree } from '../helpers/factory';
import { act, eligibleHousehold, makeTeam, procedureApp, setDay, upload } from './helpers';

describe.each(testDatabases)('公示 documents on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let clock: ManualClock;
  beforeAll(async () => {
    database = await open();
    ({ app, clock } = await procedureApp(database));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('redacts every free text of the generated 公示 and audits each generation', async () => {
    setDay(clock, '2024-05-06');
    const places = await createPlaceTree(database, 1, 1);
    const [village] = places.villageCodes;
    const team = await makeTeam(app, database, places);
    const a = await eligibleHousehold(database, places);
    const b = await eligibleHousehold(database, places);
    const v = await team.as('village');
    const reasons = {
      [a.householdNo]: `户主 ${a.members[0].idNumber} 因病（尿毒症）透析已稳定，联系 138 1234 5678`,
      [b.householdNo]: '务工收入稳定，补贴打入账户 6222 0212 3456 7890 123',
    };
    const ids: number[] = [];
    for (const h of [a, b]) {
      const res = await v.inject('POST', '/api/v1/procedures/cases', { procedure: 'exit', householdNo: h.householdNo, reason: reasons[h.householdNo] });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    await act(v, ids, 'approve', { evidenceIds: [await upload(v, village, 'review_minutes')] });
    await act(v, ids, 'approve', { evidenceIds: [await upload(v, village, 'household_agreement')] });
    const published = await v.inject('POST', '/api/v1/procedures/notices', { caseIds: ids, startsOn: '2024-05-06', contact: '村委会（电话 0894-5550101）或村支书 13912345678' });
    expect(published.statusCode, published.body).toBe(201);
    const noticeId = published.json().id as number;
    const objection = await v.inject('POST', `/api/v1/procedures/notices/${noticeId}/objections`, { caseId: ids[0], objector: '村民李某', contact: '13900000000', receivedOn: '2024-05-06', content: '有异议' });
    expect(objection.statusCode, objection.body).toBe(201);

    const res = await v.inject('GET', `/api/v1/procedures/notices/${noticeId}/document`);
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(publicLeaks(res.body)).toEqual([]);
    for (const h of [a, b]) for (const m of h.members) expect(res.body).not.toContain(m.idNumber);
    expect(res.body).not.toContain('13900000000');
    expect(res.body).not.toContain('objections');
    expect(doc.contact).toBe('村委会（电话 0894-5550101）或村支书 ［已隐去］');
    expect(doc.households.map((h: { reason: string }) => h.reason)).toEqual([
      '户主 ［已隐去］ ［已隐去］（［已隐去］）［已隐去］已稳定，联系 ［已隐去］',
      '务工收入稳定，补贴打入账户 ［已隐去］',
    ]);
    expect(doc.hidden).toBe(7);
    await v.inject('GET', `/api/v1/procedures/notices/${noticeId}/document`);
    const audited = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE action = 'documents.notice' AND object_id = ${String(noticeId)}`.execute(database.db);
    expect(audited.rows[0].n).toBe(2);
  });
});
