/**
 * The access matrix. Every registered route: anonymous → 401 unless it is public, and every
 * route declares a permission (preHandler) unless it serves any signed-in user. The policy and
 * monitoring endpoints, one by one: wrong role → 403, a record or place of another county →
 * 404 (audited), the right user → 2xx; a pairing cadre sees only his paired households.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Database } from '../../src/db/database';
import { addPairedHouseholds } from '../../src/modules/auth/service';
import { waitForJob } from '../../src/modules/monitoring/service';
import { buildApp } from '../../src/server/app';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree, type CreatedHousehold, type TestPlaces } from '../helpers/factory';
import { goodColumns, incomeOf, insuredAdult } from '../monitoring/helpers';
import { loginAs, makeUser, START, type Client } from './helpers';
import { manualClock, securityPolicy } from '../../src/modules/auth/service';

/** Routes any signed-in user reaches (they call requireUser themselves): no permission to declare. */
const ANY_SIGNED_IN = new Set([
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/password',
  // Swagger UI's own script and style files (the API description, /api/docs/json, is behind requireSignedIn).
  'GET /api/docs/static/*',
]);

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  url: () => string;
  body?: () => unknown;
  right: () => Client;
  status: number;
  wrong: () => Client;
  /** A user of another county, or the same user asking for another county's record. */
  outside: () => { client: Client; url?: string; body?: unknown };
}

describe.each(testDatabases)('access matrix on $name', ({ open }) => {
  let database: Database;
  let app: FastifyInstance;
  const routes: { method: string; url: string; public: boolean; permission: boolean }[] = [];
  let a: TestPlaces;
  let b: TestPlaces;
  let hA: CreatedHousehold;
  let paired: CreatedHousehold;
  let hB: CreatedHousehold;
  const u = {} as Record<'opA' | 'opB' | 'leaderA' | 'sysA' | 'auditorA' | 'policyA' | 'policyB' | 'villageA' | 'cadreA', Client>;
  const ids = { recomputeJob: 0, whatIfJob: 0, draftA: '', draftB: '', toActivate: '' };

  beforeAll(async () => {
    database = await open();
    app = await buildApp({
      database,
      webDir: '/nonexistent',
      access: { clock: manualClock(START), policy: securityPolicy('dengbao') },
      onRoute: (r: RouteOptions) => {
        for (const method of [r.method].flat()) {
          if (method === 'HEAD') continue;
          routes.push({ method, url: r.url, public: r.config?.public === true, permission: r.preHandler !== undefined });
        }
      },
    });
    a = await createPlaceTree(database);
    b = await createPlaceTree(database);
    const household = { members: [insuredAdult('赵甲', '1970-01-01'), insuredAdult('钱乙', '1972-01-01')], columns: goodColumns(), incomes: [incomeOf(2020, 6200, 2), incomeOf(2021, 6200, 2)] };
    hA = await createHousehold(database, a, household);
    paired = await createHousehold(database, a, { ...household, villageCode: a.villageCodes[1] });
    hB = await createHousehold(database, b, household);
    const sign = async (role: string, place: string) => {
      const user = await makeUser(database, role, place);
      return { user, client: await loginAs(app, user.username) };
    };
    u.opA = (await sign('county_operator', a.countyCode)).client;
    u.opB = (await sign('county_operator', b.countyCode)).client;
    u.leaderA = (await sign('leader', a.countyCode)).client;
    u.sysA = (await sign('sys_admin', a.countyCode)).client;
    u.auditorA = (await sign('auditor', a.countyCode)).client;
    u.policyA = (await sign('policy_admin', a.countyCode)).client;
    u.policyB = (await sign('policy_admin', b.countyCode)).client;
    u.villageA = (await sign('village_operator', a.villageCodes[0])).client;
    const cadre = await sign('pairing_cadre', a.countyCode);
    u.cadreA = cadre.client;
    await addPairedHouseholds(database.db, cadre.user.id, [{ countyCode: paired.countyCode, householdNo: paired.householdNo }]);

    const rules = { monitoring: { lineByYear: { 2021: { amount: 6500 } } } };
    const draft = async (client: Client, places: TestPlaces, title: string) => {
      const res = await client.inject('POST', '/api/v1/policies', { regionCode: places.countyCode, effectiveYear: 2021, title, rules });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    ids.draftA = await draft(u.policyA, a, '甲县监测线');
    ids.draftB = await draft(u.policyB, b, '乙县监测线');
    ids.toActivate = await draft(u.policyA, a, '甲县监测线（待生效）');
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers 401 to anonymous requests on every route but the public ones, and every other route declares a permission', async () => {
    const guarded = routes.filter((r) => !r.public);
    expect(guarded.length).toBeGreaterThan(50);
    for (const route of guarded) {
      const url = route.url.replace(/:(\w+)/g, '1');
      const res = await app.inject({ method: route.method as 'GET', url, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }) });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
    const undeclared = guarded.filter((r) => !r.permission).map((r) => `${r.method} ${r.url}`);
    expect(undeclared.filter((r) => !ANY_SIGNED_IN.has(r))).toEqual([]);
    expect(routes.filter((r) => r.public).map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/v1/auth/password-policy',
      'GET /api/v1/health',
      'GET /api/v1/health/live',
      'GET /api/v1/health/ready',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/logout',
    ]);
  });

  /**
   * 三员分立: the auditor reads the audit trail and what he needs to read it (who the users
   * are, the place names of the place filter, his own account) and nothing of the business data.
   */
  const AUDITOR_READS = new Set([
    'GET /api/v1/audit/events',
    'GET /api/v1/audit/events/export.xlsx',
    'GET /api/v1/audit/chain',
    'GET /api/v1/users',
    'GET /api/v1/roles',
  ]);

  it('lets the auditor read the audit trail and nothing of the business data (no funds, loans or households)', async () => {
    const reached: string[] = [];
    for (const route of routes.filter((r) => r.method === 'GET' && !r.public && !ANY_SIGNED_IN.has(`${r.method} ${r.url}`))) {
      const key = `${route.method} ${route.url}`;
      // Place names for his place filter, his own account, the API description.
      if (['/api/v1/places', '/api/v1/auth/', '/api/docs'].some((p) => route.url.startsWith(p))) continue;
      const url = route.url.replace(/:(\w+)/g, '1');
      const res = await u.auditorA.inject('GET', url);
      if (res.statusCode !== 403) reached.push(key);
    }
    expect(reached.filter((r) => !AUDITOR_READS.has(r))).toEqual([]);
    expect((await u.auditorA.inject('GET', '/api/v1/audit/events')).statusCode).toBe(200);
    expect((await u.auditorA.inject('GET', '/api/v1/funds/disbursements')).statusCode).toBe(403);
    expect((await u.auditorA.inject('GET', '/api/v1/loans')).statusCode).toBe(403);
  });

  const refusedCount = async () => Number((await database.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<string>().as('n')).where('action', '=', 'access.refused').executeTakeFirstOrThrow()).n);

  async function check(c: Case) {
    const send = (client: Client, url: string, body?: unknown) => client.inject(c.method, url, body);
    const wrong = await send(c.wrong(), c.url(), c.body?.());
    expect(wrong.statusCode, `${c.name}: wrong role ${wrong.body}`).toBe(403);
    const before = await refusedCount();
    const outside = c.outside();
    const refused = await send(outside.client, outside.url ?? c.url(), outside.body ?? c.body?.());
    expect(refused.statusCode, `${c.name}: outside ${refused.body}`).toBe(404);
    expect(await refusedCount(), `${c.name}: the refusal is audited`).toBe(before + 1);
    const right = await send(c.right(), c.url(), c.body?.());
    expect(right.statusCode, `${c.name}: right user ${right.body}`).toBe(c.status);
    return right;
  }

  it('gives every monitoring endpoint its permission and scope', async () => {
    const recompute = await check({
      name: 'start a recompute',
      method: 'POST',
      url: () => '/api/v1/monitoring/recompute',
      body: () => ({ place: a.countyCode, year: 2021 }),
      right: () => u.opA,
      status: 202,
      wrong: () => u.leaderA,
      outside: () => ({ client: u.opB }),
    });
    ids.recomputeJob = recompute.json().jobId;
    await waitForJob(ids.recomputeJob);
    const cases: Case[] = [
      { name: 'a job', method: 'GET', url: () => `/api/v1/monitoring/jobs/${ids.recomputeJob}`, right: () => u.opA, status: 200, wrong: () => u.auditorA, outside: () => ({ client: u.opB }) },
      { name: 'the overview', method: 'GET', url: () => `/api/v1/monitoring/overview?place=${a.countyCode}&year=2021`, right: () => u.leaderA, status: 200, wrong: () => u.sysA, outside: () => ({ client: u.opB }) },
      { name: 'the assessed households', method: 'GET', url: () => `/api/v1/monitoring/households?place=${a.countyCode}`, right: () => u.opA, status: 200, wrong: () => u.policyA, outside: () => ({ client: u.opB }) },
      { name: 'the assessed households as .xlsx', method: 'GET', url: () => `/api/v1/monitoring/households/export.xlsx?place=${a.countyCode}`, right: () => u.opA, status: 200, wrong: () => u.policyA, outside: () => ({ client: u.opB }) },
      { name: 'a checklist', method: 'GET', url: () => `/api/v1/households/${hA.householdNo}/assessment?year=2021`, right: () => u.villageA, status: 200, wrong: () => u.policyA, outside: () => ({ client: u.opB }) },
      { name: 'risk events', method: 'GET', url: () => `/api/v1/households/${hA.householdNo}/risk-events`, right: () => u.opA, status: 200, wrong: () => u.sysA, outside: () => ({ client: u.opA, url: `/api/v1/households/${hB.householdNo}/risk-events` }) },
      {
        name: 'record a risk event',
        method: 'POST',
        url: () => `/api/v1/households/${hA.householdNo}/risk-events`,
        body: () => ({ type: 'illness', occurredOn: '2021-05-01', cost: 100 }),
        right: () => u.villageA,
        status: 201,
        wrong: () => u.leaderA,
        outside: () => ({ client: u.opB }),
      },
    ];
    for (const c of cases) await check(c);
    const list = (await u.opA.inject('GET', `/api/v1/monitoring/households?place=${a.countyCode}&year=2021`)).json();
    expect(list.total).toBe(2);
  });

  it('shows a pairing cadre only his paired household', async () => {
    await waitForJob(ids.recomputeJob);
    const list = (await u.cadreA.inject('GET', `/api/v1/monitoring/households?place=${a.countyCode}&year=2021`)).json();
    expect(list.items.map((i: { householdNo: string }) => i.householdNo)).toEqual([paired.householdNo]);
    const overview = (await u.cadreA.inject('GET', `/api/v1/monitoring/overview?place=${a.countyCode}&year=2021`)).json();
    expect(overview.households).toBe(1);
    expect((await u.cadreA.inject('GET', `/api/v1/households/${paired.householdNo}/assessment?year=2021`)).statusCode).toBe(200);
    expect((await u.cadreA.inject('GET', `/api/v1/households/${hA.householdNo}/assessment?year=2021`)).statusCode).toBe(404);
    expect((await u.cadreA.inject('POST', `/api/v1/households/${hA.householdNo}/risk-events`, { type: 'illness', occurredOn: '2021-05-01', cost: 1 })).statusCode).toBe(404);
  });

  it('gives every policy endpoint its permission and scope', async () => {
    const whatIf = await check({
      name: 'start a what-if',
      method: 'POST',
      url: () => '/api/v1/policies/what-if',
      body: () => ({ policyId: ids.draftA, year: 2021 }),
      right: () => u.policyA,
      status: 202,
      wrong: () => u.opA,
      outside: () => ({ client: u.policyB }),
    });
    ids.whatIfJob = whatIf.json().jobId;
    await waitForJob(ids.whatIfJob);
    const rules = { monitoring: { lineByYear: { 2021: { amount: 6600 } } } };
    const cases: Case[] = [
      { name: 'a policy record', method: 'GET', url: () => `/api/v1/policies/${ids.draftA}`, right: () => u.leaderA, status: 200, wrong: () => u.auditorA, outside: () => ({ client: u.policyB }) },
      { name: 'a policy record’s named values', method: 'GET', url: () => `/api/v1/policies/${ids.draftA}/fields`, right: () => u.policyA, status: 200, wrong: () => u.auditorA, outside: () => ({ client: u.policyB }) },
      { name: 'the rules in effect', method: 'GET', url: () => `/api/v1/policies/effective?place=${a.countyCode}&year=2021`, right: () => u.opA, status: 200, wrong: () => u.auditorA, outside: () => ({ client: u.policyB }) },
      { name: 'a comparison', method: 'GET', url: () => `/api/v1/policies/compare?a=national&b=${ids.draftA}`, right: () => u.policyA, status: 200, wrong: () => u.auditorA, outside: () => ({ client: u.policyB }) },
      { name: 'a what-if job', method: 'GET', url: () => `/api/v1/policies/what-if/${ids.whatIfJob}`, right: () => u.policyA, status: 200, wrong: () => u.opA, outside: () => ({ client: u.policyB }) },
      { name: 'a what-if list', method: 'GET', url: () => `/api/v1/policies/what-if/${ids.whatIfJob}/changes.xlsx`, right: () => u.policyA, status: 200, wrong: () => u.leaderA, outside: () => ({ client: u.policyB }) },
      {
        name: 'create a draft',
        method: 'POST',
        url: () => '/api/v1/policies',
        body: () => ({ regionCode: a.countyCode, effectiveYear: 2021, title: '新草稿', rules }),
        right: () => u.policyA,
        status: 201,
        wrong: () => u.opA,
        outside: () => ({ client: u.policyB }),
      },
      { name: 'edit a draft', method: 'PUT', url: () => `/api/v1/policies/${ids.draftA}`, body: () => ({ rules }), right: () => u.policyA, status: 200, wrong: () => u.villageA, outside: () => ({ client: u.policyB }) },
      { name: 'activate a draft', method: 'POST', url: () => `/api/v1/policies/${ids.toActivate}/activate`, right: () => u.policyA, status: 200, wrong: () => u.opA, outside: () => ({ client: u.policyA, url: `/api/v1/policies/${ids.draftB}/activate` }) },
    ];
    for (const c of cases) await check(c);
    expect((await u.auditorA.inject('GET', '/api/v1/policies')).statusCode).toBe(403);
    const listed = (await u.policyA.inject('GET', '/api/v1/policies')).json().items.map((p: { regionCode: string }) => p.regionCode);
    expect(listed).toContain('0');
    expect(listed).toContain(a.countyCode);
    expect(listed).not.toContain(b.countyCode);
    expect((await u.policyA.inject('GET', `/api/v1/policies?place=${b.countyCode}`)).statusCode).toBe(404);
    const village = (await u.policyA.inject('GET', `/api/v1/policies?place=${a.villageCodes[0]}`)).json().items.map((p: { regionCode: string }) => p.regionCode);
    expect(village).toEqual(expect.arrayContaining(['0', a.countyCode]));
    const workbook = await u.policyA.inject('GET', `/api/v1/policies/export.xlsx?place=${a.countyCode}`);
    expect(workbook.statusCode).toBe(200);
    expect(workbook.headers['content-type']).toContain('spreadsheetml');
  });

  it('withholds health and disability facts on every route that returns them from the lines that may not see them, as the card does', async () => {
    const sick = await createHousehold(database, a, {
      villageCode: a.villageCodes[0],
      members: [
        { ...insuredAdult('孙病', '1960-01-01'), columns: { ...insuredAdult('孙病', '1960-01-01').columns, health: 'chronic', chronic_card: false } },
        { ...insuredAdult('孙残', '1990-01-01'), columns: { ...insuredAdult('孙残', '1990-01-01').columns, health: 'disabled', disability_grade: 2 } },
      ],
      columns: goodColumns(),
      incomes: [incomeOf(2021, 9000, 2)],
    });
    const sign = async (role: string, departmentLine?: string) => loginAs(app, (await makeUser(database, role, a.countyCode, departmentLine ? { departmentLine } : {})).username);
    const roles: [string, Client, boolean][] = [
      ['education operator', await sign('department_operator', 'education'), true],
      ['housing operator', await sign('department_operator', 'housing'), true],
      ['health operator', await sign('department_operator', 'health'), false],
      ['civil affairs operator', await sign('department_operator', 'civil_affairs'), false],
      ['county operator', u.opA, false],
      ['leader', u.leaderA, false],
    ];
    const HEALTH_WORDS = /慢病卡|慢性病|残疾|chronic|disab/;
    const categoriesOf = async (res: { rawPayload: Buffer }) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const values: string[] = [];
      book.worksheets[0].eachRow((row) => values.push(String(row.getCell(1).value ?? '')));
      return values;
    };
    for (const [name, client, withheld] of roles) {
      const card = (await client.inject('GET', `/api/v1/households/${sick.householdNo}`)).json();
      expect(card.members.every((m: { healthWithheld?: boolean }) => (m.healthWithheld === true) === withheld), `${name}: card`).toBe(true);

      const checklist = await client.inject('GET', `/api/v1/households/${sick.householdNo}/assessment?year=2021`);
      expect(checklist.statusCode, `${name}: assessment ${checklist.body}`).toBe(200);
      const medical = checklist.json().criteria.find((c: { criterion: string }) => c.criterion === 'medical');
      expect(medical.status, name).toBe('fail');
      if (withheld) {
        expect(checklist.body.match(new RegExp('.{0,60}(' + HEALTH_WORDS.source + ').{0,60}'))?.[0] ?? null, `${name}: assessment`).toBeNull();
        expect(medical.reason).toBe('（不可见）');
        expect(medical.values.chronicCard).toBeUndefined();
      } else {
        expect(medical.reason, name).toMatch(/孙病 长期慢性病，未办理慢病卡/);
        expect(medical.values.chronicCard, name).toBe(0);
      }

      const disabled = await client.inject('GET', `/api/v1/assistance/left-behind?place=${a.villageCodes[0]}&category=disabled`);
      const disabledExport = await client.inject('GET', `/api/v1/assistance/left-behind/export.xlsx?place=${a.villageCodes[0]}&category=disabled`);
      const all = await client.inject('GET', `/api/v1/assistance/left-behind?place=${a.villageCodes[0]}`);
      const allExport = await client.inject('GET', `/api/v1/assistance/left-behind/export.xlsx?place=${a.villageCodes[0]}`);
      expect(all.statusCode, `${name}: ${all.body}`).toBe(200);
      expect(allExport.statusCode, name).toBe(200);
      const allCategories = all.json().items.map((i: { category: string }) => i.category);
      if (withheld) {
        for (const res of [disabled, disabledExport]) {
          expect(res.statusCode, `${name}: disabled list`).toBe(403);
          expect(res.json().error).toMatchObject({ code: 'health_withheld', message: expect.stringContaining('不能查看残疾人名单') });
        }
        expect(allCategories, name).not.toContain('disabled');
        expect(await categoriesOf(allExport), name).not.toContain('残疾人');
      } else {
        expect(disabled.statusCode, name).toBe(200);
        expect(disabled.json().items.map((i: { name: string }) => i.name), name).toContain('孙残');
        expect(disabledExport.statusCode, name).toBe(200);
        expect(await categoriesOf(disabledExport), name).toContain('残疾人');
        expect(allCategories, name).toContain('disabled');
      }
    }
  });
});
