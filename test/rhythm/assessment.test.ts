/**
 * 考核 on both databases: a scheme whose weights do not add up is refused; computed indicators
 * are scored from the month-end snapshot before the 考核 date and the on-time submissions,
 * entered ones from the inspectors' scores; a typed score above its weight or over a computed
 * indicator is refused; the results follow their sources when read again, with ranks.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { createRectification } from '../../src/modules/rectification/service';
import { submitMonth, takeMonthEndSnapshots } from '../../src/modules/rhythm/service';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type TestPlaces } from '../helpers/factory';

const ctx = (today: string) => ({ actor: { ...CONSOLE_ACTOR, at: new Date(`${today}T02:00:00Z`) }, today });

describe.each(testDatabases)('考核 on $name', (t) => {
  let database: Database;
  let app: FastifyInstance;
  let places: TestPlaces;
  let operator: Client;
  let scheme: { countyCode: string; id: number };

  const indicators = [
    { code: 'rect', name: '问题整改', weight: 40, source: 'computed', metric: 'overdue_rectifications', rule: 'deduction', k: 5 },
    { code: 'report', name: '按时报送', weight: 30, source: 'computed', metric: 'on_time_submissions', rule: 'proportional', target: 3 },
    { code: 'work', name: '日常工作', weight: 30, source: 'entered' },
  ];

  beforeAll(async () => {
    database = await t.open();
    places = await createPlaceTree(database, 2, 1);
    await createHousehold(database, places, { villageCode: places.villageCodes[0] });
    await createRectification(database.db, { placeCode: places.villageCodes[0], source: 'supervision_check', foundOn: '2024-02-01', finding: '危房未改', responsibleUnit: '镇政府', deadline: '2024-02-20' }, ctx('2024-02-01'));
    await submitMonth(database.db, places.townshipCodes[0], '2024-03-01', { progress: '三月进展' }, ctx('2024-03-10'));
    await takeMonthEndSnapshots(database.db, new Date('2024-04-01T01:00:00Z'));
    const built = await buildTestApp(database, { requireLogin: true });
    app = built.app;
    built.clock.set('2024-04-16T00:00:00Z');
    operator = await loginAs(app, (await makeUser(database, 'county_operator', places.countyCode)).username);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('refuses a scheme whose weights do not add up to 100 points', async () => {
    const res = await operator.inject('POST', '/api/v1/assessments', { county: places.countyCode, year: 2024, title: '2024年度乡镇考核', assessOn: '2024-04-15', indicators: indicators.slice(0, 2) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('各项指标分值合计 70.00 分，应恰为 100 分');
    const created = await operator.inject('POST', '/api/v1/assessments', { county: places.countyCode, year: 2024, title: '2024年度乡镇考核', assessOn: '2024-04-15', source: '全面量化考核（演示）', indicators });
    expect(created.statusCode, created.body).toBe(201);
    scheme = created.json();
  });

  it('scores from the sources, refuses a typed score above its weight or over a computed one, and follows the sources when read again', async () => {
    const [t1, t2] = places.townshipCodes;
    const url = `/api/v1/assessments/${scheme.countyCode}/${scheme.id}`;
    const read = async () => (await operator.inject('GET', url)).json();
    const first = await read();
    type Line = { placeCode: string; total: number; rank: number; lines: { code: string; score: number | null; evidence: string }[] };
    const row = (r: { rows: Line[] }, code: string) => r.rows.find((x) => x.placeCode === code) as Line;
    expect(first.snapshotMonth).toBe('2024-03-01');
    expect(row(first, t1).lines.map((l) => l.score)).toEqual([35, 10, null]);
    expect(row(first, t1).lines[0].evidence).toContain('2024-03 月末快照：逾期未整改问题数（考核日前最后一个月末快照） 1');
    expect([row(first, t1).total, row(first, t2).total, row(first, t1).rank]).toEqual([45, 40, 1]);

    const over = await operator.inject('PUT', `${url}/entries`, { placeCode: t2, indicatorCode: 'work', score: 31, evidence: '实地查看' });
    expect([over.statusCode, over.json().error.message]).toEqual([400, '指标“日常工作”的得分 31.00 超出 0 至 30.00 分']);
    const computed = await operator.inject('PUT', `${url}/entries`, { placeCode: t2, indicatorCode: 'rect', score: 40, evidence: '手工' });
    expect(computed.statusCode).toBe(400);
    expect((await operator.inject('PUT', `${url}/entries`, { placeCode: t2, indicatorCode: 'work', score: 25.5, evidence: '实地查看台账' })).statusCode).toBe(204);
    await submitMonth(database.db, t2, '2024-04-01', { progress: '四月进展' }, ctx('2024-04-12'));
    const again = await read();
    expect([row(again, t2).total, row(again, t2).rank, row(again, t1).rank]).toEqual([75.5, 1, 2]);
    expect(row(again, t2).lines[2].evidence).toBe('实地查看台账');
    const xlsx = await operator.inject('GET', `${url}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
  });
});
