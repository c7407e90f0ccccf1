/**
 * The API description at /api/docs: a valid OpenAPI 3.1 document listing every registered
 * /api/v1 route with its module tag, a Chinese summary, the permission its preHandler demands
 * and the session/CSRF security; schemas that are the zod schemas the handlers validate with;
 * Swagger UI served from the package under the app's CSP; and only for signed-in users.
 * The routes themselves keep no Fastify schema (the description must not change how they answer).
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { manualClock, securityPolicy } from '../../src/modules/auth/service';
import { upsertTargets } from '../../src/modules/targets/queries';
import { jobSchema as importJobSchema } from '../../src/modules/imports/schemas';
import { overviewQuery } from '../../src/modules/monitoring/schemas';
import { householdListQuerySchema, householdPageSchema } from '../../src/modules/registry/schemas';
import { accessRequirementOf } from '../../src/server/access';
import { jsonSchemaOf } from '../../src/server/apiDocs';
import { routeDocOf, routesOf } from '../../src/server/defineRoute';
import { buildApp } from '../../src/server/app';
import { loginAs, makeUser, START, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';

interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  'x-access': string;
  'x-permissions': string[];
}
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; tags: { name: string }[]; components: Record<string, Record<string, unknown>> };

/** Every /api/v1 route must carry its declaration (config.doc): routes declared with routesOf. */
const undeclared = (routes: { method: string; url: string; declared: boolean }[]) => routes.filter((r) => !r.declared).map((r) => `${r.method} ${r.url}`);

/** Fastify's /a/:b as OpenAPI's /a/{b}. */
const openapiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe.each(testDatabases)('API description on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  let user: Client;
  let operator: Client;
  let places: TestPlaces;
  let household: CreatedHousehold;
  let doc: Document;
  const routes: { method: string; url: string; permissions: string[] | null; public: boolean; schema: unknown; declared: boolean }[] = [];

  beforeAll(async () => {
    database = await open();
    app = await buildApp({
      database,
      webDir: '/nonexistent',
      access: { clock: manualClock(START), policy: securityPolicy('dengbao') },
      onRoute: (r: RouteOptions) => {
        if (!r.url.startsWith('/api/v1/')) return;
        const requirement = accessRequirementOf(r.preHandler);
        for (const method of [r.method].flat()) {
          if (method === 'HEAD') continue;
          routes.push({ method, url: r.url, permissions: requirement?.kind === 'permission' ? requirement.permissions : null, public: r.config?.public === true, schema: r.schema, declared: routeDocOf(r) !== undefined });
        }
      },
    });
    // A village operator: signed in, with few permissions; the description is not a privilege.
    places = await createPlaceTree(database);
    household = await createHousehold(database, places);
    operator = await loginAs(app, (await makeUser(database, 'county_operator', places.countyCode)).username);
    const villager = await makeUser(database, 'village_operator', places.villageCodes[0]);
    user = await loginAs(app, villager.username);
    const res = await user.inject('GET', '/api/docs/json');
    expect(res.statusCode, res.body).toBe(200);
    doc = res.json();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
    // The validator does refuse a broken document.
    const broken = structuredClone(doc) as Record<string, unknown>;
    delete broken.info;
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow();
    expect(doc.components.securitySchemes).toEqual({
      session: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'fupin_session' }),
      csrf: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-csrf-token' }),
    });
  });

  it('lists every registered /api/v1 route, each with its module tag, a Chinese summary, its permission and security', () => {
    expect(routes.length).toBeGreaterThan(140);
    const tags = new Set(doc.tags.map((t) => t.name));
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(routes.map((r) => `${r.method} ${openapiPath(r.url)}`).sort());
    for (const route of routes) {
      const name = `${route.method} ${route.url}`;
      const op = doc.paths[openapiPath(route.url)][route.method.toLowerCase()];
      expect(op.tags, name).toHaveLength(1);
      expect(tags.has(op.tags![0]), name).toBe(true);
      expect(op.summary, name).toMatch(/[\u4e00-\u9fff]/);
      expect(op.summary, name).not.toContain('未编写说明');
      if (route.public) {
        expect(op['x-access'], name).toBe('public');
        expect(op.security, name).toEqual([]);
        continue;
      }
      expect(op.security, name).toEqual(route.method === 'GET' ? [{ session: [] }] : [{ session: [], csrf: [] }]);
      expect(op.responses['401'], name).toBeDefined();
      if (route.permissions) {
        expect(op['x-access'], name).toBe('permission');
        expect(op['x-permissions'], name).toEqual(route.permissions);
        for (const p of route.permissions) expect(op.description, name).toContain(`（${p}）`);
      } else {
        expect(['signedIn', 'pendingLogin'], name).toContain(op['x-access']);
      }
      // Path parameters are described.
      for (const [, param] of route.url.matchAll(/:(\w+)/g)) {
        expect(op.parameters?.some((p) => p.in === 'path' && p.name === param && p.required), `${name} :${param}`).toBe(true);
      }
    }
  });

  it('names the right permission on a few well-known routes', () => {
    expect(doc.paths['/api/v1/households'].get['x-permissions']).toEqual(['registry.read']);
    expect(doc.paths['/api/v1/households/{householdNo}'].patch['x-permissions']).toEqual(['registry.write']);
    expect(doc.paths['/api/v1/imports'].post['x-permissions']).toEqual(['registry.import']);
    expect(doc.paths['/api/v1/monitoring/jobs/{id}'].get['x-permissions']).toEqual(['monitoring.recompute', 'dashboard.read']);
    expect(doc.paths['/api/v1/monitoring/jobs/{id}'].get.description).toContain('「');
    expect(doc.paths['/api/v1/auth/me'].get['x-access']).toBe('signedIn');
    expect(doc.paths['/api/v1/auth/login/totp'].post['x-access']).toBe('pendingLogin');
    expect(doc.paths['/api/v1/auth/login'].post['x-access']).toBe('public');
    expect(doc.paths['/api/v1/households'].get.tags).toEqual(['建档立卡']);
    expect(doc.paths['/api/v1/households/{householdNo}/assessment'].get.tags).toEqual(['防返贫监测']);
  });

  it('has every /api/v1 route declared with routesOf', async () => {
    expect(undeclared(routes)).toEqual([]);
    expect(routes.filter((r) => r.declared).length).toBeGreaterThan(100);
    // The guard does catch a route registered without a declaration.
    const seen: { method: string; url: string; declared: boolean }[] = [];
    const probe = Fastify();
    probe.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) seen.push({ method, url: r.url, declared: routeDocOf(r) !== undefined });
    });
    await probe.register(
      async (api) => {
        api.get('/plain', async () => ({ ok: true }));
        routesOf(api, { tag: '测试', description: 'guard test' })({ method: 'GET', url: '/declared', summary: '已声明', access: 'public', response: z.object({ ok: z.boolean() }), handler: async () => ({ ok: true }) });
      },
      { prefix: '/api/v1' },
    );
    await probe.ready();
    expect(undeclared(seen.filter((r) => r.method !== 'HEAD'))).toEqual(['GET /api/v1/plain']);
    await probe.close();
  });

  it('takes its schemas from the zod schemas the handlers validate with', () => {
    const list = doc.paths['/api/v1/households'].get;
    const query = jsonSchemaOf(householdListQuerySchema, 'input') as { properties: Record<string, Record<string, unknown>> };
    const params = Object.fromEntries(list.parameters!.filter((p) => p.in === 'query').map((p) => [p.name, p.schema]));
    expect(Object.keys(params).sort()).toEqual([...Object.keys(query.properties), 'reveal'].sort());
    for (const [name, schema] of Object.entries(query.properties)) expect(params[name], name).toEqual(schema);
    expect(params.pageSize).toMatchObject({ type: 'integer', minimum: 1, maximum: 200, default: 20 });
    expect(params.sort.enum).toContain('perCapitaNet');
    expect(list.responses['200'].content!['application/json'].schema).toEqual(jsonSchemaOf(householdPageSchema, 'output'));
    expect(Object.keys(list.responses['200'].content!['application/json'].schema.properties as object).sort()).toEqual(Object.keys(householdPageSchema.shape).sort());

    const overview = doc.paths['/api/v1/monitoring/overview'].get.parameters!;
    expect(overview.map((p) => p.name).sort()).toEqual(Object.keys(overviewQuery.shape).sort());

    const job = doc.paths['/api/v1/imports/{id}'].get.responses['200'].content!['application/json'].schema as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(job.properties.status.enum).toEqual(importJobSchema.shape.status.options);
    expect(job.properties.createdAt).toEqual({ type: 'string', format: 'date-time' });
    expect(job.required.sort()).toEqual(Object.keys(importJobSchema.shape).sort());

    const upload = doc.paths['/api/v1/imports'].post;
    expect(Object.keys(upload.requestBody!.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(upload.responses)).toContain('202');
    const patch = doc.paths['/api/v1/households/{householdNo}'].patch.requestBody!.content['application/json'].schema as { properties: object };
    expect(Object.keys(patch.properties)).toContain('phone');
    const exportFile = doc.paths['/api/v1/households/export.xlsx'].get.responses['200'].content!;
    expect(Object.keys(exportFile)).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });

  it('describes the answers real requests get', async () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    // A target for a village, so the overview lists a row.
    await upsertTargets(database.db, [{ place_code: places.villageCodes[0], year: 2024, persons: 10, households: 3, source: null, updated_by: 'test' }], new Date(START));
    const cases: [string, string][] = [
      ['/api/v1/auth/password-policy', '/api/v1/auth/password-policy'],
      ['/api/v1/auth/me', '/api/v1/auth/me'],
      ['/api/v1/households', '/api/v1/households?pageSize=5'],
      ['/api/v1/households/{householdNo}', `/api/v1/households/${household.householdNo}`],
      ['/api/v1/households/{householdNo}/timeline', `/api/v1/households/${household.householdNo}/timeline`],
      ['/api/v1/places/{code}/children', `/api/v1/places/${places.countyCode}/children`],
      ['/api/v1/monitoring/overview', `/api/v1/monitoring/overview?place=${places.countyCode}`],
      ['/api/v1/reports/causes', `/api/v1/reports/causes?place=${places.countyCode}`],
      ['/api/v1/reports/progress', `/api/v1/reports/progress?place=${places.countyCode}`],
      ['/api/v1/policies', '/api/v1/policies'],
      ['/api/v1/assistance/measure-types', '/api/v1/assistance/measure-types'],
      ['/api/v1/quality/rates', `/api/v1/quality/rates?place=${places.countyCode}&year=2024`],
      ['/api/v1/targets/overview', `/api/v1/targets/overview?place=${places.townshipCodes[0]}&from=2023&to=2025`],
      ['/api/v1/targets/progress', `/api/v1/targets/progress?place=${places.townshipCodes[0]}&year=2024`],
      ['/api/v1/procedures/definitions', `/api/v1/procedures/definitions?place=${places.countyCode}`],
    ];
    for (const [path, url] of cases) {
      const res = await operator.inject('GET', url);
      expect(res.statusCode, `${url} ${res.body}`).toBe(200);
      const schema = doc.paths[path].get.responses['200'].content!['application/json'].schema;
      const validate = ajv.compile(schema);
      expect(validate(res.json()), `${url}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    const measureTypes = await operator.inject('GET', '/api/v1/assistance/measure-types');
    expect(measureTypes.json().items.length).toBeGreaterThan(0);
    const definitions = await operator.inject('GET', `/api/v1/procedures/definitions?place=${places.countyCode}`);
    expect(definitions.json().procedures[0].steps.length).toBeGreaterThan(0);
    const overview = await operator.inject('GET', `/api/v1/targets/overview?place=${places.townshipCodes[0]}&from=2023&to=2025`);
    expect(overview.json().rows.length).toBeGreaterThan(0);
    const rates = await operator.inject('GET', `/api/v1/quality/rates?place=${places.countyCode}&year=2024`);
    expect(rates.json().rows.length).toBeGreaterThan(0);
    // And a wrong answer does not pass: the schemas do constrain.
    const page = ajv.compile(doc.paths['/api/v1/households'].get.responses['200'].content!['application/json'].schema);
    expect(page({ total: 1, page: 1, pageSize: 5, items: [{ householdNo: 1 }] })).toBe(false);
  });

  it('leaves the routes without a Fastify schema: validation and serialization stay in the handlers', () => {
    expect(routes.filter((r) => r.schema !== undefined).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('serves Swagger UI from the package under the app CSP', async () => {
    const page = await user.inject('GET', '/api/docs');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('swagger-ui-bundle.js');
    expect(page.body).toContain('fupin 接口文档');
    // Every script has a src: nothing inline for script-src 'self' to refuse.
    expect([...page.body.matchAll(/<script\b[^>]*>/g)].every(([tag]) => /\bsrc=/.test(tag))).toBe(true);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    for (const [asset, type] of [
      ['/api/docs/static/swagger-ui-bundle.js', 'javascript'],
      ['/api/docs/static/swagger-ui-standalone-preset.js', 'javascript'],
      ['/api/docs/static/swagger-ui.css', 'text/css'],
      ['/api/docs/static/index.css', 'text/css'],
      ['/api/docs/static/swagger-initializer.js', 'javascript'],
    ] as const) {
      const res = await user.inject('GET', asset);
      expect(res.statusCode, asset).toBe(200);
      expect(res.headers['content-type'], asset).toContain(type);
      expect(res.headers['content-security-policy'], asset).toBe(csp);
    }
    const init = await user.inject('GET', '/api/docs/static/swagger-initializer.js');
    expect(init.body).toContain("resolveUrl('./json')");
    // The "try it out" requests carry the CSRF token from the fupin_csrf cookie.
    expect(init.body).toContain("request.headers['x-csrf-token']");
    const yaml = await user.inject('GET', '/api/docs/yaml');
    expect(yaml.statusCode).toBe(200);
    expect(yaml.body).toContain('openapi: 3.1.0');
  });

  it('answers 401 to anonymous requests for the description, the page and its files', async () => {
    for (const url of ['/api/docs', '/api/docs/json', '/api/docs/yaml', '/api/docs/static/swagger-initializer.js', '/api/docs/static/swagger-ui-bundle.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code, url).toBe('unauthenticated');
    }
  });

  it('keeps the description for signed-in users also when requireLogin is off', async () => {
    const open = await buildApp({ database, webDir: '/nonexistent', access: { clock: manualClock(START), policy: securityPolicy('dengbao'), requireLogin: false } });
    try {
      expect((await open.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(401);
      expect((await open.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBe(401);
    } finally {
      await open.close();
    }
  });
});
