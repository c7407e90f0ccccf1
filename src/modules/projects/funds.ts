/**
 * Use cases of the funds ledger (资金定到项目, 专款专用, 公示公告): sources of a county and year,
 * allocations to projects or straight to households, disbursements with vouchers, balances per
 * source, allocation and project that never go negative, the fund rules of the county and year
 * (policy data), seed 003's per-person fund shared 6:3:1, and the public disclosure of a place.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { scopeContains } from '../../db/placeScope';
import { checkFundRules } from '../../domain/funds/fundRules';
import { splitByShares, yuanOf, yuanText } from '../../domain/funds/money';
import { FUND_KINDS, type FundKind } from '../../domain/funds/projectTypes';
import { badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import { loadActivePolicies, resolveOrFail } from '../policy/service';
import { placeNames } from '../places/service';
import * as fq from './fundQueries';
import * as q from './queries';
import type { AllocationInput, DisbursementInput, PvRevenueInput, SourceInput } from './schemas';
import type { ActContext } from './service';

const kindLabel = (k: string) => FUND_KINDS[k as FundKind] ?? k;

export function sourceView(r: fq.SourceRow) {
  return {
    id: r.id, countyCode: r.countyCode, placeCode: r.placeCode, year: r.year, kind: r.kind, kindLabel: kindLabel(r.kind), name: r.name,
    docNo: r.docNo, receivedOn: r.receivedOn, amount: yuanOf(r.amountFen), allocated: yuanOf(r.allocatedFen), disbursed: yuanOf(r.disbursedFen),
    unallocated: yuanOf(r.amountFen - r.allocatedFen),
  };
}

export function allocationView(r: fq.AllocationRow) {
  return {
    id: r.id, countyCode: r.countyCode, sourceId: r.sourceId, sourceName: r.sourceName, sourceKindLabel: kindLabel(r.sourceKind), year: r.year,
    projectId: r.projectId, projectName: r.projectName, householdNo: r.householdNo, headName: r.headName, placeCode: r.placeCode,
    amount: yuanOf(r.amountFen), disbursed: yuanOf(r.disbursedFen), balance: yuanOf(r.amountFen - r.disbursedFen), allocatedOn: r.allocatedOn, note: r.note,
  };
}

export function disbursementView(r: fq.DisbursementRow) {
  return {
    id: r.id, allocationId: r.allocationId, sourceName: r.sourceName, projectId: r.projectId, projectName: r.projectName, householdNo: r.householdNo,
    headName: r.headName, placeCode: r.placeCode, paidOn: r.paidOn, voucherNo: r.voucherNo, amount: yuanOf(r.amountFen), payee: r.payee, note: r.note, createdBy: r.createdBy,
  };
}

export async function listFundSources(db: Db, scope: PlaceScope, place: string, year?: number) {
  return (await fq.listSources(db, scope, place, year)).map(sourceView);
}

export async function listFundAllocations(db: Db, scope: PlaceScope, filter: fq.FundFilter) {
  return (await fq.listAllocations(db, scope, filter)).map(allocationView);
}

export async function listFundDisbursements(db: Db, scope: PlaceScope, filter: fq.FundFilter) {
  return (await fq.listDisbursements(db, scope, filter)).map(disbursementView);
}

export async function locateSource(db: Db, id: number) {
  return fq.findSource(db, id);
}

export async function locateAllocation(db: Db, id: number) {
  return fq.findAllocation(db, id);
}

/** Register money received (资金来源). */
export async function createFundSource(db: Db, input: SourceInput, ctx: ActContext) {
  if (!(await placeNames(db, [input.placeCode])).has(input.placeCode)) throw badRequest(`资金所属地区（placeCode）${input.placeCode} 不存在`, [{ field: 'placeCode', value: input.placeCode }]);
  const id = await db.transaction().execute(async (tx) => {
    const newId = await fq.insertSource(tx, {
      county_code: input.placeCode.slice(0, 6), place_code: input.placeCode, year: input.year, kind: input.kind, name: input.name,
      doc_no: input.docNo ?? null, received_on: input.receivedOn ?? null, amount_fen: input.amount, created_by: ctx.actor.username,
    });
    await recordAudit(tx, { ...ctx.actor, action: 'fund.source.create', objectType: 'fund_source', objectId: String(newId), placeCode: input.placeCode, after: { ...input, amount: yuanOf(input.amount) } });
    return newId;
  });
  return sourceView((await fq.findSource(db, id))!);
}

/**
 * Allocate from a source to a project or a household of the same county. `scope` is the
 * acting user's: the target must lie in it too. Refused (409) when the source's unallocated
 * balance is smaller than the amount, whatever other allocations run at the same time.
 */
export async function allocateFunds(db: Db, scope: PlaceScope, input: AllocationInput, ctx: ActContext) {
  const source = await fq.findSource(db, input.sourceId);
  if (!source || !scopeContains(scope, source.placeCode)) throw notFound(`资金来源 ${input.sourceId} `);
  let landing: string;
  if (input.projectId != null) {
    const project = await q.findProject(db, input.projectId);
    if (!project || !scopeContains(scope, project.placeCode)) throw notFound(`项目 ${input.projectId} `);
    if (project.countyCode !== source.countyCode) throw badRequest(`项目 ${project.id}（${project.name}）与资金来源 ${source.id} 不在同一个县`, [{ field: 'projectId', value: input.projectId }]);
    landing = project.placeCode;
  } else {
    const found = await q.householdsUnder(db, source.countyCode, source.placeCode, [input.householdNo!]);
    if (!found.has(input.householdNo!)) throw notFound(`户 ${input.householdNo} `);
    landing = source.placeCode;
  }
  const id = await db.transaction().execute(async (tx) => {
    if (!(await fq.takeFromSource(tx, source.countyCode, source.id, input.amount))) {
      const now = await fq.findSource(tx, source.id);
      const left = now ? now.amountFen - now.allocatedFen : 0;
      throw conflict(`资金来源 ${source.id}（${source.name}）可分配余额 ${yuanText(left)}，不足分配 ${yuanText(input.amount)}`, [{ field: 'amount', value: yuanOf(input.amount) }]);
    }
    const newId = await fq.insertAllocation(tx, {
      county_code: source.countyCode, source_id: source.id, project_id: input.projectId ?? null, household_no: input.householdNo ?? null,
      amount_fen: input.amount, allocated_on: input.allocatedOn, note: input.note ?? null, created_by: ctx.actor.username,
    });
    await recordAudit(tx, { ...ctx.actor, action: 'fund.allocate', objectType: 'fund_allocation', objectId: String(newId), placeCode: landing, after: { ...input, amount: yuanOf(input.amount) } });
    return newId;
  });
  return allocationView((await fq.findAllocation(db, id))!);
}

/** Pay out against an allocation; refused (409) when it would exceed the allocation's balance. */
export async function disburseFunds(db: Db, scope: PlaceScope, input: DisbursementInput, ctx: ActContext) {
  if (input.paidOn > ctx.today) throw badRequest(`拨付日期（paidOn）${input.paidOn} 晚于今天 ${ctx.today}`, [{ field: 'paidOn', value: input.paidOn }]);
  const allocation = await fq.findAllocation(db, input.allocationId);
  if (!allocation || !scopeContains(scope, allocation.placeCode)) throw notFound(`资金分配 ${input.allocationId} `);
  if (input.paidOn < allocation.allocatedOn) throw badRequest(`拨付日期（paidOn）${input.paidOn} 早于分配日期 ${allocation.allocatedOn}`, [{ field: 'paidOn', value: input.paidOn }]);
  const id = await db.transaction().execute(async (tx) => {
    if (!(await fq.takeFromAllocation(tx, allocation.countyCode, allocation.id, input.amount))) {
      const now = await fq.findAllocation(tx, allocation.id);
      const left = now ? now.amountFen - now.disbursedFen : 0;
      const target = allocation.projectName ? `项目“${allocation.projectName}”` : `户 ${allocation.householdNo}`;
      throw conflict(`资金分配 ${allocation.id}（${target}）未拨付余额 ${yuanText(left)}，不足拨付 ${yuanText(input.amount)}`, [{ field: 'amount', value: yuanOf(input.amount) }]);
    }
    const newId = await fq.insertDisbursement(tx, {
      county_code: allocation.countyCode, allocation_id: allocation.id, paid_on: input.paidOn, voucher_no: input.voucherNo, amount_fen: input.amount,
      payee: input.payee ?? null, note: input.note ?? null, created_by: ctx.actor.username,
    });
    await recordAudit(tx, { ...ctx.actor, action: 'fund.disburse', objectType: 'fund_disbursement', objectId: String(newId), placeCode: allocation.placeCode, after: { ...input, amount: yuanOf(input.amount) } });
    return newId;
  });
  return { id, allocation: allocationView((await fq.findAllocation(db, allocation.id))!) };
}

export async function recordPvRevenue(db: Db, input: PvRevenueInput, ctx: ActContext) {
  if (input.welfareJobs > input.revenue) throw badRequest(`用于公益岗位和劳务的金额 ${yuanText(input.welfareJobs)} 超过光伏收益 ${yuanText(input.revenue)}`, [{ field: 'welfareJobs', value: yuanOf(input.welfareJobs) }]);
  if (!(await placeNames(db, [input.villageCode])).has(input.villageCode)) throw badRequest(`村代码（villageCode）${input.villageCode} 不存在`);
  await db.transaction().execute(async (tx) => {
    await fq.upsertPvRevenue(tx, { county_code: input.villageCode.slice(0, 6), village_code: input.villageCode, year: input.year, revenue_fen: input.revenue, welfare_jobs_fen: input.welfareJobs, updated_by: ctx.actor.username });
    await recordAudit(tx, { ...ctx.actor, action: 'fund.pv_revenue', objectType: 'pv_revenue', objectId: `${input.villageCode}/${input.year}`, placeCode: input.villageCode, after: { ...input, revenue: yuanOf(input.revenue), welfareJobs: yuanOf(input.welfareJobs) } });
  });
}

/** The county's fund rules for a year, each pass/fail with the values read and the policy used. */
export async function fundRulePanel(db: Db, countyCode: string, year: number) {
  if (countyCode.length !== 6) throw badRequest(`资金规则按县检查：地区（place）${countyCode} 应为 6 位县级代码`, [{ field: 'place', value: countyCode }]);
  const policy = resolveOrFail(await loadActivePolicies(db), countyCode, year);
  const figures = await fq.fundFigures(db, countyCode, year);
  const names = await placeNames(db, [countyCode]);
  return {
    place: countyCode,
    placeName: names.get(countyCode)?.name ?? countyCode,
    year,
    figures: Object.fromEntries(Object.entries(figures).map(([k, v]) => [k.replace(/Fen$/, ''), k.endsWith('Fen') ? yuanOf(v) : v])),
    rules: checkFundRules({ year, ...figures }, policy.rules.funds),
    policyVersions: policy.versions,
  };
}

/** Seed 003: the per-person fund (20,000 yuan) times the persons, shared by the policy's ratios (6:3:1). */
export async function perPersonSplit(db: Db, place: string, year: number, persons?: number) {
  if (place.length < 6) throw badRequest(`人均帮扶资金按县、乡镇或村计算：地区（place）${place} 太大`);
  const policy = resolveOrFail(await loadActivePolicies(db), place, year);
  const counted = persons ?? (await fq.personsUnder(db, place));
  const { perPersonFund, fundShares } = policy.rules.funds;
  const totalFen = perPersonFund * 100 * counted;
  const parts = splitByShares(totalFen, fundShares);
  const labels = ['省级财政', '对口帮扶市', '本市财政'];
  const names = await placeNames(db, [place]);
  return {
    place,
    placeName: names.get(place)?.name ?? place,
    year,
    persons: counted,
    personsFrom: persons === undefined ? 'registry' : 'input',
    perPerson: perPersonFund,
    ratio: fundShares.join(':'),
    total: yuanOf(totalFen),
    shares: parts.map((fen, i) => ({ label: labels[i] ?? `第 ${i + 1} 方`, share: fundShares[i], amount: yuanOf(fen) })),
    policyVersions: policy.versions,
  };
}

/** 公示: the projects and direct household funds under a village (or one project), with every payment. */
export async function fundDisclosure(db: Db, scope: PlaceScope, place: string, year: number, projectId?: number) {
  const filter = { place, year, projectId };
  const [allocations, disbursements, names] = await Promise.all([
    listFundAllocations(db, scope, filter),
    listFundDisbursements(db, scope, filter),
    placeNames(db, [place]),
  ]);
  if (projectId && allocations.length === 0) {
    const p = await q.findProject(db, projectId);
    if (!p || !scopeContains(scope, p.placeCode)) throw notFound(`项目 ${projectId} `);
  }
  const sum = (xs: { amount: number }[]) => Math.round(xs.reduce((s, x) => s + x.amount * 100, 0)) / 100;
  return {
    place, placeName: names.get(place)?.name ?? place, year, projectId: projectId ?? null,
    allocations, disbursements, totalAllocated: sum(allocations), totalDisbursed: sum(disbursements),
  };
}
