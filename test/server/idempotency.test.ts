/**
 * 重复提交保护: a create sent twice with the same Idempotency-Key (a double tap, a retry after a
 * dropped connection) makes one record and the repeat gets the first answer; the same key with
 * other content is refused; keys are per user; bad keys are refused; two at once make one record.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createPlaceTree, type TestPlaces } from '../helpers/factory';

describe.each(testDatabases)('Idempotency-Key on $name', (t) => {
  let database: Database;
  let app: FastifyInstance;
  let places: TestPlaces;
  let county: Client;
  let other: Client;
  let serial = 0;

  const cadre = (name: string) => ({ name, unit: '县扶贫办', rank: '科员', placeCode: places.countyCode });
  const key = () => `test-key-${t.name}-${++serial}-${Date.now()}`;
  const cadresNamed = async (name: string) =>
    (await database.db.selectFrom('cadre').select('id').where('name', '=', name).where('place_code', '=', places.countyCode).execute()).length;

  beforeAll(async () => {
    database = await t.open();
    places = await createPlaceTree(database, 1, 1);
    ({ app } = await buildTestApp(database, { requireLogin: true }));
    county = await loginAs(app, (await makeUser(database, 'county_operator', places.countyCode)).username);
    other = await loginAs(app, (await makeUser(database, 'county_operator', places.countyCode)).username);
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('a create repeated with the same key makes one record; the repeat gets the first answer', async () => {
    const k = key();
    const first = await county.inject('POST', '/api/v1/assistance/cadres', cadre('重复提交甲'), { 'idempotency-key': k });
    expect(first.statusCode, first.body).toBe(201);
    const again = await county.inject('POST', '/api/v1/assistance/cadres', cadre('重复提交甲'), { 'idempotency-key': k });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await cadresNamed('重复提交甲')).toBe(1);
  });

  it('without a key, or with a new key, each request runs', async () => {
    await county.inject('POST', '/api/v1/assistance/cadres', cadre('重复提交乙'));
    await county.inject('POST', '/api/v1/assistance/cadres', cadre('重复提交乙'), { 'idempotency-key': key() });
    expect(await cadresNamed('重复提交乙')).toBe(2);
  });

  it('two requests with one key at the same moment make one record', async () => {
    const k = key();
    const answers = await Promise.all([1, 2].map(() => county.inject('POST', '/api/v1/assistance/cadres', cadre('重复提交丙'), { 'idempotency-key': k })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual(expect.arrayContaining([201]));
    for (const a of answers) expect([201, 409]).toContain(a.statusCode);
    const waiting = answers.find((a) => a.statusCode === 409);
    if (waiting) expect(waiting.json().error.message).toBe('同一操作正在处理中，请稍候查看结果，不要重复提交');
    expect(await cadresNamed('重复提交丙')).toBe(1);
  });

  it('the same key with other content is refused, and nothing is written', async () => {
    const k = key();
    expect((await county.inject('POST', '/api/v1/assistance/cadres', cadre('重复提交丁'), { 'idempotency-key': k })).statusCode).toBe(201);
    const reused = await county.inject('POST', '/api/v1/assistance/cadres', cadre('重复提交戊'), { 'idempotency-key': k });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error.message).toBe('同一请求标识已用于另一项操作：请刷新页面后重新提交');
    expect(await cadresNamed('重复提交戊')).toBe(0);
  });

  it('keys belong to a user: another user with the same key makes his own record', async () => {
    const k = key();
    await county.inject('POST', '/api/v1/assistance/cadres', cadre('重复提交己'), { 'idempotency-key': k });
    const his = await other.inject('POST', '/api/v1/assistance/cadres', cadre('重复提交己'), { 'idempotency-key': k });
    expect(his.statusCode).toBe(201);
    expect(his.headers['idempotent-replayed']).toBeUndefined();
    expect(await cadresNamed('重复提交己')).toBe(2);
  });

  it('keeps nothing of a password change, even with a key', async () => {
    const k = key();
    await county.inject('POST', '/api/v1/auth/password', { currentPassword: 'not-his-password', newPassword: 'Another#Pass2026' }, { 'idempotency-key': k });
    const kept = await database.db.selectFrom('idempotency_request').select('key').where('key', '=', k).execute();
    expect(kept).toEqual([]);
  });

  it('a refused request is answered the same on a repeat, and a malformed key is refused naming it', async () => {
    const k = key();
    const bad = { ...cadre(''), name: '' };
    const first = await county.inject('POST', '/api/v1/assistance/cadres', bad, { 'idempotency-key': k });
    expect(first.statusCode).toBe(400);
    const again = await county.inject('POST', '/api/v1/assistance/cadres', bad, { 'idempotency-key': k });
    expect([again.statusCode, again.body]).toEqual([400, first.body]);
    const malformed = await county.inject('POST', '/api/v1/assistance/cadres', cadre('重复提交庚'), { 'idempotency-key': 'x y' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toContain('请求标识（idempotency-key）“x y”无效');
    expect(await cadresNamed('重复提交庚')).toBe(0);
  });
});
