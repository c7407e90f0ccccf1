/**
 * HTTP routes of projects, funds and micro-loans. Reading needs 'funds.read', changing
 * 'funds.write'; a record outside the user's scope answers 404 as if absent (audited).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { requirePermission, requireUser } from '../../server/access';
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

type Query = { Querystring: Record<string, unknown> };
type Id = { Params: { id: string } };

export async function registerProjectRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const read = { preHandler: requirePermission('funds.read') };
  const write = { preHandler: requirePermission('funds.write') };
  const scopeOf = (request: FastifyRequest) => requireUser(request).scope;
  const yearOf = (request: FastifyRequest, year: number | undefined) => year ?? Number(todayOf(request).slice(0, 4));
  const nameOf = (place: string) => placeNameOf(db, place);

  const reachProject = async (request: FastifyRequest, rawId: unknown) => {
    const id = input.idSchema('项目编号').parse(rawId);
    const found = await projects.locateProject(db, id);
    if (!found) throw notFound(`项目 ${id} `);
    await reachRecord(request, { type: 'project', id: String(id), placeCode: found.placeCode });
    return id;
  };
  const reachLoan = async (request: FastifyRequest<Id>) => {
    const id = input.idSchema('贷款编号').parse(request.params.id);
    const found = await loans.locateLoan(db, id);
    if (!found) throw notFound(`贷款 ${id} `);
    await reachRecord(request, { type: 'loan', id: String(id), placeCode: found.placeCode });
    return id;
  };

  // 项目库
  const projectList = async (request: FastifyRequest<Query>, paged: boolean) => {
    const { place, ...query } = input.projectListQuery.parse(request.query);
    const at = await reachPlace(request, place);
    return { place: at, result: await projects.listProjects(db, scopeOf(request), at, query, paged) };
  };
  api.get<Query>('/projects', read, async (request) => out.projectPageSchema.parse((await projectList(request, true)).result));
  api.get<Query>('/projects/export.xlsx', read, async (request, reply) => {
    const { place, result } = await projectList(request, false);
    const name = await nameOf(place);
    return sendWorkbook(reply, projectSheets(name, todayOf(request), result.items), `projects-${place}.xlsx`, `${name}扶贫项目库.xlsx`);
  });
  const coverage = async (request: FastifyRequest<Query>) => {
    const q = input.placeYearQuery.parse(request.query);
    const place = await reachPlace(request, q.place);
    return projects.projectCoverage(db, scopeOf(request), place, yearOf(request, q.year));
  };
  api.get<Query>('/projects/coverage', read, async (request) => out.coverageSchema.parse(await coverage(request)));
  api.get<Query>('/projects/coverage/export.xlsx', read, async (request, reply) => {
    const c = await coverage(request);
    return sendWorkbook(reply, coverageSheets(c.placeName, c.year, todayOf(request), c.lines), `coverage-${c.place}-${c.year}.xlsx`, `${c.placeName}${c.year}年产业覆盖.xlsx`);
  });
  api.get<Id>('/projects/:id', read, async (request) => out.projectDetailSchema.parse(await projects.getProject(db, await reachProject(request, request.params.id))));
  api.post('/projects', write, async (request, reply) => {
    const body = input.projectInput.parse(request.body);
    await reachPlace(request, body.placeCode);
    return reply.status(201).send(out.projectDetailSchema.parse(await projects.createProject(db, body, ledgerContextOf(request))));
  });
  api.patch<Id>('/projects/:id', write, async (request) => {
    const id = await reachProject(request, request.params.id);
    return out.projectDetailSchema.parse(await projects.updateProjectDetails(db, id, input.projectChange.parse(request.body), ledgerContextOf(request)));
  });
  api.post<Id>('/projects/:id/status', write, async (request) => {
    const id = await reachProject(request, request.params.id);
    const body = input.statusInput.parse(request.body);
    return out.projectDetailSchema.parse(await projects.changeProjectStatus(db, id, body.status, body.onDate, ledgerContextOf(request)));
  });
  api.put<Id>('/projects/:id/beneficiaries', write, async (request) => {
    const id = await reachProject(request, request.params.id);
    return out.projectDetailSchema.parse(await projects.setBeneficiaries(db, id, input.beneficiariesInput.parse(request.body).households, ledgerContextOf(request)));
  });

  // 资金
  const fundFilter = async (request: FastifyRequest<Query>) => {
    const q = input.fundListQuery.parse(request.query);
    return { ...q, place: await reachPlace(request, q.place) };
  };
  api.get<Query>('/funds/sources', read, async (request) => {
    const f = await fundFilter(request);
    return z.array(out.sourceSchema).parse(await funds.listFundSources(db, scopeOf(request), f.place, f.year));
  });
  api.get<Query>('/funds/allocations', read, async (request) => z.array(out.allocationSchema).parse(await funds.listFundAllocations(db, scopeOf(request), await fundFilter(request))));
  api.get<Query>('/funds/disbursements', read, async (request) => z.array(out.disbursementSchema).parse(await funds.listFundDisbursements(db, scopeOf(request), await fundFilter(request))));
  api.get<Query>('/funds/export.xlsx', read, async (request, reply) => {
    const f = await fundFilter(request);
    const scope = scopeOf(request);
    const [sources, allocations, disbursements] = await Promise.all([funds.listFundSources(db, scope, f.place, f.year), funds.listFundAllocations(db, scope, f), funds.listFundDisbursements(db, scope, f)]);
    const name = await nameOf(f.place);
    return sendWorkbook(reply, fundSheets(name, f.year, todayOf(request), sources, allocations, disbursements), `funds-${f.place}.xlsx`, `${name}扶贫资金台账.xlsx`);
  });
  api.post('/funds/sources', write, async (request, reply) => {
    const body = input.sourceInput.parse(request.body);
    await reachPlace(request, body.placeCode);
    return reply.status(201).send(out.sourceSchema.parse(await funds.createFundSource(db, body, ledgerContextOf(request))));
  });
  api.post('/funds/allocations', write, async (request, reply) => {
    const body = input.allocationInput.parse(request.body);
    const source = await funds.locateSource(db, body.sourceId);
    if (!source) throw notFound(`资金来源 ${body.sourceId} `);
    await reachRecord(request, { type: 'fund_source', id: String(source.id), placeCode: source.placeCode });
    if (body.projectId != null) await reachProject(request, body.projectId);
    return reply.status(201).send(out.allocationSchema.parse(await funds.allocateFunds(db, scopeOf(request), body, ledgerContextOf(request))));
  });
  api.post('/funds/disbursements', write, async (request, reply) => {
    const body = input.disbursementInput.parse(request.body);
    const allocation = await funds.locateAllocation(db, body.allocationId);
    if (!allocation) throw notFound(`资金分配 ${body.allocationId} `);
    await reachRecord(request, { type: 'fund_allocation', id: String(allocation.id), placeCode: allocation.placeCode });
    const result = await funds.disburseFunds(db, scopeOf(request), body, ledgerContextOf(request));
    return reply.status(201).send({ id: result.id, allocation: out.allocationSchema.parse(result.allocation) });
  });
  api.put('/funds/pv-revenue', write, async (request) => {
    const body = input.pvRevenueInput.parse(request.body);
    await reachPlace(request, body.villageCode);
    await funds.recordPvRevenue(db, body, ledgerContextOf(request));
    return { ok: true };
  });
  api.get<Query>('/funds/rules', read, async (request) => {
    const q = input.placeYearQuery.parse(request.query);
    const place = await reachPlace(request, q.place);
    return out.rulePanelSchema.parse(await funds.fundRulePanel(db, place, yearOf(request, q.year)));
  });
  api.get<Query>('/funds/split', read, async (request) => {
    const q = input.splitQuery.parse(request.query);
    const place = await reachPlace(request, q.place);
    return out.splitSchema.parse(await funds.perPersonSplit(db, place, q.year, q.persons));
  });
  api.get<Query>('/funds/disclosure', read, async (request) => {
    const f = await fundFilter(request);
    return out.disclosureSchema.parse(await funds.fundDisclosure(db, scopeOf(request), f.place, yearOf(request, f.year), f.projectId));
  });

  // 小额信贷
  const loanList = async (request: FastifyRequest<Query>, paged: boolean) => {
    const { place, ...query } = input.loanListQuery.parse(request.query);
    const at = await reachPlace(request, place);
    return { place: at, result: await loans.listLoans(db, scopeOf(request), at, query, todayOf(request), paged) };
  };
  api.get<Query>('/loans', read, async (request) => out.loanPageSchema.parse((await loanList(request, true)).result));
  api.get<Query>('/loans/export.xlsx', read, async (request, reply) => {
    const { place, result } = await loanList(request, false);
    const name = await nameOf(place);
    return sendWorkbook(reply, loanSheets(name, todayOf(request), result.items), `loans-${place}.xlsx`, `${name}扶贫小额信贷.xlsx`);
  });
  api.get<Id>('/loans/:id', read, async (request) => out.loanDetailSchema.parse(await loans.getLoan(db, await reachLoan(request), todayOf(request))));
  api.post('/loans', write, async (request, reply) => {
    const body = input.loanInput.parse(request.body);
    return reply.status(201).send(out.loanDetailSchema.parse(await loans.createLoan(db, scopeOf(request), body, ledgerContextOf(request))));
  });
  api.post<Id>('/loans/:id/repayments', write, async (request) => {
    const id = await reachLoan(request);
    return out.loanDetailSchema.parse(await loans.recordRepayment(db, id, input.repaymentInput.parse(request.body), ledgerContextOf(request)));
  });
  api.post<Id>('/loans/:id/extensions', write, async (request) => {
    const id = await reachLoan(request);
    return out.loanDetailSchema.parse(await loans.extendLoan(db, id, input.extensionInput.parse(request.body), ledgerContextOf(request)));
  });
  api.post<Query>('/loans/overdue-check', write, async (request) => {
    const q = input.placeYearQuery.parse(request.query);
    const place = await reachPlace(request, q.place);
    return out.overdueCheckSchema.parse(await loans.checkOverdueLoans(db, scopeOf(request), place, ledgerContextOf(request)));
  });
}
