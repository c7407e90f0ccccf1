/**
 * A ZodError that reaches the app's error handler (a parse left inside a service; routesOf parses
 * each route's own input) is worded by the one formatter of src/server/errors.ts: a 400
 * `invalid_input` naming each field in Chinese and the value the request sent.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { manualClock, securityPolicy } from '../../src/modules/auth/service';
import { buildApp } from '../../src/server/app';
import { problemsOf } from '../../src/server/errors';
import { START } from '../access/helpers';
import { testDatabases } from '../helpers/databases';

const serviceInput = z.object({ year: z.number().int().min(2000), title: z.string().min(1, '计划名称（title）不能为空') });

describe.each(testDatabases)('input errors from a service on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await open();
    app = await buildApp({ database, webDir: '/nonexistent', access: { clock: manualClock(START), policy: securityPolicy('dengbao') } });
    // A route that leaves its body to a service's own parse (public: no session needed for the probe).
    app.post('/api/v1/test-probe/service-parse', { config: { public: true } }, async (request) => serviceInput.parse(request.body));
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers 400 invalid_input naming each field and the value sent, as problemsOf words it', async () => {
    const body = { year: 1999, title: '' };
    const res = await app.inject({ method: 'POST', url: '/api/v1/test-probe/service-parse', payload: body });
    expect(res.statusCode, res.body).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('请求参数有误：年度（year）的值“1999”应不小于 2000；计划名称（title）不能为空（填写的值：“”）');
    const expected = problemsOf(serviceInput.safeParse(body).error!, body);
    expect(error.details).toEqual(expected);
    expect(error.details.map((d: { field: string; value: unknown }) => [d.field, d.value])).toEqual([
      ['year', 1999],
      ['title', ''],
    ]);
  });
});
