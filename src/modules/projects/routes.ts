/**
 * HTTP routes of projects, funds and micro-loans. Reading needs 'funds.read', changing
 * 'funds.write'; a record outside the user's scope answers 404 as if absent (audited).
 * Declared with routesOf.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { requireUser } from '../../server/access';
import { okAnswer, routesOf } from '../../server/defineRoute';
import { notFound } from '../../server/errors';
import { ledgerContextOf, reachPlace, reachRecord, todayOf } from '../../server/reach';
import { placeNameOf } from '../places/service';
import { sendWorkbook } from '../reports/service';
import { coverageSheets, fundSheets, loanSheets, projectSheets } from './exports';
import * as funds from './funds';
import * as loans from './loans';
import * as out from './outputs';
import * as input from './schemas';
import * as projects from './service';

const projectParams = z.object({ id: input.idSchema('项目编号') });
const loanParams = z.object({ id: input.idSchema('贷款编号') });

export async function registerProjectRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '项目资金', description: 'Projects, funds and micro-loans: project ledger, fund sources, allocations, disbursements, loans (src/modules/projects)' });
  const scopeOf = (request: FastifyRequest) => requireUser(request).scope;
  const yearOf = (request: FastifyRequest, year: number | undefined) => year ?? Number(todayOf(request).slice(0, 4));
  const nameOf = (place: string) => placeNameOf(db, place);

  const reachProject = async (request: FastifyRequest, id: number) => {
    const found = await projects.locateProject(db, id);
    if (!found) throw notFound(`项目 ${id} `);
    await reachRecord(request, { type: 'project', id: String(id), placeCode: found.placeCode });
    return id;
  };
  const reachLoan = async (request: FastifyRequest, id: number) => {
    const found = await loans.locateLoan(db, id);
    if (!found) throw notFound(`贷款 ${id} `);
    await reachRecord(request, { type: 'loan', id: String(id), placeCode: found.placeCode });
    return id;
  };

  // 项目库
  const projectList = async (request: FastifyRequest, { place, ...query }: z.output<typeof input.projectListQuery>, paged: boolean) => {
    const at = await reachPlace(request, place);
    return { place: at, result: await projects.listProjects(db, scopeOf(request), at, query, paged) };
  };
  route({
    method: 'GET', url: '/projects', summary: '扶贫项目列表', access: 'funds.read', query: input.projectListQuery, response: out.projectPageSchema,
    handler: async ({ request, query }) => (await projectList(request, query, true)).result,
  });
  route({
    method: 'GET', url: '/projects/export.xlsx', summary: '导出项目台账', access: 'funds.read', query: input.projectListQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const { place, result } = await projectList(request, query, false);
      const name = await nameOf(place);
      return sendWorkbook(reply, projectSheets(name, todayOf(request), result.items), `projects-${place}.xlsx`, `${name}扶贫项目库.xlsx`);
    },
  });
  const coverage = async (request: FastifyRequest, q: z.output<typeof input.placeYearQuery>) => {
    const place = await reachPlace(request, q.place);
    return projects.projectCoverage(db, scopeOf(request), place, yearOf(request, q.year));
  };
  route({
    method: 'GET', url: '/projects/coverage', summary: '项目受益覆盖', access: 'funds.read', query: input.placeYearQuery, response: out.coverageSchema,
    handler: ({ request, query }) => coverage(request, query),
  });
  route({
    method: 'GET', url: '/projects/coverage/export.xlsx', summary: '导出项目受益覆盖', access: 'funds.read', query: input.placeYearQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const c = await coverage(request, query);
      return sendWorkbook(reply, coverageSheets(c.placeName, c.year, todayOf(request), c.lines), `coverage-${c.place}-${c.year}.xlsx`, `${c.placeName}${c.year}年产业覆盖.xlsx`);
    },
  });
  route({
    method: 'GET', url: '/projects/:id', summary: '项目详情', access: 'funds.read', params: projectParams, response: out.projectDetailSchema,
    handler: async ({ request, params }) => projects.getProject(db, await reachProject(request, params.id)),
  });
  route({
    method: 'POST', url: '/projects', summary: '新建项目', access: 'funds.write', body: input.projectInput, response: out.projectDetailSchema, status: 201,
    handler: async ({ request, body }) => {
      await reachPlace(request, body.placeCode);
      return projects.createProject(db, body, ledgerContextOf(request));
    },
  });
  route({
    method: 'PATCH', url: '/projects/:id', summary: '修改项目', access: 'funds.write', params: projectParams, body: input.projectChange, response: out.projectDetailSchema,
    handler: async ({ request, params, body }) => projects.updateProjectDetails(db, await reachProject(request, params.id), body, ledgerContextOf(request)),
  });
  route({
    method: 'POST', url: '/projects/:id/status', summary: '变更项目状态', access: 'funds.write', params: projectParams, body: input.statusInput, response: out.projectDetailSchema,
    handler: async ({ request, params, body }) => projects.changeProjectStatus(db, await reachProject(request, params.id), body.status, body.onDate, ledgerContextOf(request)),
  });
  route({
    method: 'PUT', url: '/projects/:id/beneficiaries', summary: '设定项目受益户', access: 'funds.write', params: projectParams, body: input.beneficiariesInput, response: out.projectDetailSchema,
    handler: async ({ request, params, body }) => projects.setBeneficiaries(db, await reachProject(request, params.id), body.households, ledgerContextOf(request)),
  });

  // 资金
  type FundQuery = z.output<typeof input.fundListQuery>;
  const fundFilter = async (request: FastifyRequest, q: FundQuery) => ({ ...q, place: await reachPlace(request, q.place) });
  route({
    method: 'GET', url: '/funds/sources', summary: '资金来源', access: 'funds.read', query: input.fundListQuery, response: z.array(out.sourceSchema),
    handler: async ({ request, query }) => {
      const f = await fundFilter(request, query);
      return funds.listFundSources(db, scopeOf(request), f.place, f.year);
    },
  });
  route({
    method: 'GET', url: '/funds/allocations', summary: '资金分配', access: 'funds.read', query: input.fundListQuery, response: z.array(out.allocationSchema),
    handler: async ({ request, query }) => funds.listFundAllocations(db, scopeOf(request), await fundFilter(request, query)),
  });
  route({
    method: 'GET', url: '/funds/disbursements', summary: '资金拨付', access: 'funds.read', query: input.fundListQuery, response: z.array(out.disbursementSchema),
    handler: async ({ request, query }) => funds.listFundDisbursements(db, scopeOf(request), await fundFilter(request, query)),
  });
  route({
    method: 'GET', url: '/funds/export.xlsx', summary: '导出资金台账', access: 'funds.read', query: input.fundListQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const f = await fundFilter(request, query);
      const scope = scopeOf(request);
      const [sources, allocations, disbursements] = await Promise.all([funds.listFundSources(db, scope, f.place, f.year), funds.listFundAllocations(db, scope, f), funds.listFundDisbursements(db, scope, f)]);
      const name = await nameOf(f.place);
      return sendWorkbook(reply, fundSheets(name, f.year, todayOf(request), sources, allocations, disbursements), `funds-${f.place}.xlsx`, `${name}扶贫资金台账.xlsx`);
    },
  });
  route({
    method: 'POST', url: '/funds/sources', summary: '登记资金来源', access: 'funds.write', body: input.sourceInput, response: out.sourceSchema, status: 201,
    handler: async ({ request, body }) => {
      await reachPlace(request, body.placeCode);
      return funds.createFundSource(db, body, ledgerContextOf(request));
    },
  });
  route({
    method: 'POST', url: '/funds/allocations', summary: '分配资金', access: 'funds.write', body: input.allocationInput, response: out.allocationSchema, status: 201,
    handler: async ({ request, body }) => {
      const source = await funds.locateSource(db, body.sourceId);
      if (!source) throw notFound(`资金来源 ${body.sourceId} `);
      await reachRecord(request, { type: 'fund_source', id: String(source.id), placeCode: source.placeCode });
      if (body.projectId != null) await reachProject(request, body.projectId);
      return funds.allocateFunds(db, scopeOf(request), body, ledgerContextOf(request));
    },
  });
  route({
    method: 'POST', url: '/funds/disbursements', summary: '拨付资金', access: 'funds.write', body: input.disbursementInput, response: out.disbursementResultSchema, status: 201,
    handler: async ({ request, body }) => {
      const allocation = await funds.locateAllocation(db, body.allocationId);
      if (!allocation) throw notFound(`资金分配 ${body.allocationId} `);
      await reachRecord(request, { type: 'fund_allocation', id: String(allocation.id), placeCode: allocation.placeCode });
      const result = await funds.disburseFunds(db, scopeOf(request), body, ledgerContextOf(request));
      return { id: result.id, allocation: result.allocation };
    },
  });
  route({
    method: 'PUT', url: '/funds/pv-revenue', summary: '录入光伏收益', access: 'funds.write', body: input.pvRevenueInput, response: okAnswer,
    handler: async ({ request, body }) => {
      await reachPlace(request, body.villageCode);
      await funds.recordPvRevenue(db, body, ledgerContextOf(request));
      return { ok: true } as const;
    },
  });
  route({
    method: 'GET', url: '/funds/rules', summary: '资金使用规则检查', access: 'funds.read', query: input.placeYearQuery, response: out.rulePanelSchema,
    handler: async ({ request, query: q }) => (await funds.fundRulePanel(db, await reachPlace(request, q.place), yearOf(request, q.year))) as z.input<typeof out.rulePanelSchema>,
  });
  route({
    method: 'GET', url: '/funds/split', summary: '按人均测算分配', access: 'funds.read', query: input.splitQuery, response: out.splitSchema,
    handler: async ({ request, query: q }) => (await funds.perPersonSplit(db, await reachPlace(request, q.place), q.year, q.persons)) as z.input<typeof out.splitSchema>,
  });
  route({
    method: 'GET', url: '/funds/disclosure', summary: '资金公告公示', access: 'funds.read', query: input.fundListQuery, response: out.disclosureSchema,
    handler: async ({ request, query }) => {
      const f = await fundFilter(request, query);
      return funds.fundDisclosure(db, scopeOf(request), f.place, yearOf(request, f.year), f.projectId);
    },
  });

  // 小额信贷
  const loanList = async (request: FastifyRequest, { place, ...query }: z.output<typeof input.loanListQuery>, paged: boolean) => {
    const at = await reachPlace(request, place);
    return { place: at, result: await loans.listLoans(db, scopeOf(request), at, query, todayOf(request), paged) };
  };
  route({
    method: 'GET', url: '/loans', summary: '小额信贷列表', access: 'funds.read', query: input.loanListQuery, response: out.loanPageSchema,
    handler: async ({ request, query }) => (await loanList(request, query, true)).result,
  });
  route({
    method: 'GET', url: '/loans/export.xlsx', summary: '导出小额信贷台账', access: 'funds.read', query: input.loanListQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const { place, result } = await loanList(request, query, false);
      const name = await nameOf(place);
      return sendWorkbook(reply, loanSheets(name, todayOf(request), result.items), `loans-${place}.xlsx`, `${name}扶贫小额信贷.xlsx`);
    },
  });
  route({
    method: 'GET', url: '/loans/:id', summary: '小额信贷详情', access: 'funds.read', params: loanParams, response: out.loanDetailSchema,
    handler: async ({ request, params }) => loans.getLoan(db, await reachLoan(request, params.id), todayOf(request)),
  });
  route({
    method: 'POST', url: '/loans', summary: '登记小额信贷', access: 'funds.write', body: input.loanInput, response: out.loanDetailSchema, status: 201,
    handler: async ({ request, body }) => loans.createLoan(db, scopeOf(request), body, ledgerContextOf(request)),
  });
  route({
    method: 'POST', url: '/loans/:id/repayments', summary: '登记还款', access: 'funds.write', params: loanParams, body: input.repaymentInput, response: out.loanDetailSchema,
    handler: async ({ request, params, body }) => loans.recordRepayment(db, await reachLoan(request, params.id), body, ledgerContextOf(request)),
  });
  route({
    method: 'POST', url: '/loans/:id/extensions', summary: '办理展期', access: 'funds.write', params: loanParams, body: input.extensionInput, response: out.loanDetailSchema,
    handler: async ({ request, params, body }) => loans.extendLoan(db, await reachLoan(request, params.id), body, ledgerContextOf(request)),
  });
  route({
    method: 'POST', url: '/loans/overdue-check', summary: '检查逾期贷款', access: 'funds.write', query: input.placeYearQuery, response: out.overdueCheckSchema,
    handler: async ({ request, query: q }) => loans.checkOverdueLoans(db, scopeOf(request), await reachPlace(request, q.place), ledgerContextOf(request)),
  });
}
