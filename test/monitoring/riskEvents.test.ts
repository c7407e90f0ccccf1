/** Taking back a risk event entered by mistake: reason required, scoped, audited, gone from grading at the next recompute. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { buildTestApp } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree } from '../helpers/factory';
import { api, goodColumns, incomeOf, insuredAdult, recompute, signedIn, storedResults } from './helpers';

describe.each(testDatabases)('removing a risk event on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    database = await open();
    ({ app } = await buildTestApp(database));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  const members = [insuredAdult('张大山', '1970-03-01'), insuredAdult('李小红', '1972-05-02')];

  it('needs a reason, refuses unknown events and other places, audits what was removed, and regrades at the next recompute', async () => {
    const places = await createPlaceTree(database);
    const other = await createPlaceTree(database);
    const op = await signedIn(app, database, 'county_operator', places.countyCode);
    const stranger = await signedIn(app, database, 'county_operator', other.countyCode);
    const leader = await signedIn(app, database, 'leader', places.countyCode);
    const h = await createHousehold(database, places, { members, columns: goodColumns(), incomes: [incomeOf(2020, 9000, 2), incomeOf(2021, 9000, 2)] });
    const url = `/api/v1/households/${h.householdNo}/risk-events`;
    const added = await api(op, 'POST', url, { type: 'illness', occurredOn: '2021-05-01', cost: 9000.01, note: '住院' });
    expect(added.status).toBe(201);
    const id = added.body.id as number;
    await recompute(op, places.countyCode, 2021);
    expect((await storedResults(database, places.countyCode, 2021)).get(h.householdNo)).toMatchObject({ risk_grade: 'red' });

    const noReason = await op.inject('DELETE', `${url}/${id}`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('撤销原因（reason）');
    const badId = await op.inject('DELETE', `${url}/abc`, { reason: '录入错误' });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.message).toContain('风险事件编号应为数字');
    expect((await op.inject('DELETE', `${url}/${id + 100000}`, { reason: '录入错误' })).statusCode).toBe(404);
    expect((await stranger.inject('DELETE', `${url}/${id}`, { reason: '录入错误' })).statusCode).toBe(404);
    expect((await leader.inject('DELETE', `${url}/${id}`, { reason: '录入错误' })).statusCode).toBe(403);
    expect((await api(op, 'GET', url)).body.items).toHaveLength(1);

    const removed = await op.inject('DELETE', `${url}/${id}`, { reason: '录入到了错误的户' });
    expect(removed.statusCode).toBe(204);
    expect((await api(op, 'GET', url)).body.items).toEqual([]);
    expect((await op.inject('DELETE', `${url}/${id}`, { reason: '录入到了错误的户' })).statusCode).toBe(404);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'before', 'note']).where('object_id', '=', h.householdNo).where('action', '=', 'household.risk_event.remove').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].note).toBe('录入到了错误的户');
    expect(audit[0].before).toMatchObject({ id, type: 'illness', occurredOn: '2021-05-01', cost: 9000.01, note: '住院' });

    await recompute(op, places.countyCode, 2021);
    expect((await storedResults(database, places.countyCode, 2021)).get(h.householdNo)?.risk_grade).not.toBe('red');
  });
});
