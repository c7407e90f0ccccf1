/**
 * Use cases of 扶贫小额信贷: grant a loan within the policy limits (amount, term), record
 * repayments and extensions (total extension within the policy's months), list loans by state
 * (normal, overdue, due soon, repaid) and bring their stored state up to a day: a loan that goes
 * overdue opens the risk type 收入来源不稳定或不可持续 on its household, which risk grading reads
 * as an open risk (yellow). Every change is audited in its transaction.
 */
import type { Db } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import { extensionProblem, LOAN_STATES, loanProblems, loanSchedule, loanStanding, type LoanStanding, type LoanTerms } from '../../domain/funds/loanSchedule';
import { yuanOf, yuanText } from '../../domain/funds/money';
import { badRequest, conflict, notFound } from '../../server/errors';
import { CONSOLE_ACTOR, recordAudit, type AuditActor } from '../audit/service';
import { chinaDate } from '../../domain/dates';
import { loadActivePolicies, resolveOrFail } from '../policy/service';
import { placeNames } from '../places/service';
import { openRiskType } from '../registry/service';
import * as lq from './loanQueries';
import type { ExtensionInput, LoanInput, LoanListQuery, RepaymentInput } from './schemas';
import type { ActContext } from './service';

/** The risk type an overdue loan opens (RISK_TYPES: 收入来源不稳定或不可持续). */
export const OVERDUE_LOAN_RISK_TYPE = 'unstable_income';
export const DUE_SOON_DAYS = 30;

const termsOf = (r: lq.LoanRow): LoanTerms => ({
  amountFen: r.amountFen, termMonths: r.termMonths, installments: r.installments, annualRate: r.annualRate, subsidyRate: r.subsidyRate,
  issuedOn: r.issuedOn, extendedMonths: r.extendedMonths, repaidFen: r.repaidFen,
});

function loanView(r: lq.LoanRow, s: LoanStanding, names: Map<string, { name: string }>) {
  return {
    id: r.id, countyCode: r.countyCode, householdNo: r.householdNo, headName: r.headName, villageCode: r.villageCode,
    villageName: names.get(r.villageCode)?.name ?? r.villageCode, lender: r.lender, contractNo: r.contractNo, amount: yuanOf(r.amountFen),
    termMonths: r.termMonths, installments: r.installments, annualRate: r.annualRate, subsidyRate: r.subsidyRate, purpose: r.purpose,
    issuedOn: r.issuedOn, extendedMonths: r.extendedMonths, repaid: yuanOf(r.repaidFen), outstanding: yuanOf(r.amountFen - r.repaidFen),
    storedStatus: r.status, state: s.state, stateLabel: LOAN_STATES[s.state], overdueSince: s.overdueSince, overdueAmount: yuanOf(s.overdueFen),
    nextDueOn: s.next?.dueOn ?? null, nextDueAmount: s.next ? yuanOf(s.next.outstandingFen) : null, maturity: s.maturity, dueSoon: s.dueSoon,
  };
}
export type LoanView = ReturnType<typeof loanView>;

async function limitsFor(db: Db, place: string, year: number) {
  return resolveOrFail(await loadActivePolicies(db), place, year);
}

export async function listLoans(db: Db, scope: PlaceScope, place: string, query: Omit<LoanListQuery, 'place'>, today: string, paged: boolean) {
  const rows = await lq.loansUnder(db, scope, place, query.state === 'repaid' || query.state === undefined);
  const names = await placeNames(db, [...new Set(rows.map((r) => r.villageCode))]);
  const all = rows.map((r) => loanView(r, loanStanding(termsOf(r), today, query.dueSoonDays), names));
  const items = all.filter((l) => !query.state || (query.state === 'due_soon' ? l.dueSoon : l.state === query.state));
  const counts = { active: 0, overdue: 0, repaid: 0, due_soon: 0 };
  for (const l of all) {
    counts[l.state]++;
    if (l.dueSoon) counts.due_soon++;
  }
  const start = (query.page - 1) * query.pageSize;
  return { total: items.length, page: query.page, pageSize: query.pageSize, counts, today, items: paged ? items.slice(start, start + query.pageSize) : items };
}

export async function locateLoan(db: Db, id: number) {
  const r = await lq.findLoan(db, id);
  return r && { id: r.id, placeCode: r.villageCode };
}

export async function getLoan(db: Db, id: number, today: string) {
  const r = await lq.findLoan(db, id);
  if (!r) throw notFound(`贷款 ${id} `);
  const names = await placeNames(db, [r.villageCode]);
  const policy = await limitsFor(db, r.villageCode, Number(r.issuedOn.slice(0, 4)));
  const [repayments, extensions] = await Promise.all([lq.repaymentsOf(db, r.countyCode, id), lq.extensionsOf(db, r.countyCode, id)]);
  return {
    ...loanView(r, loanStanding(termsOf(r), today, DUE_SOON_DAYS), names),
    schedule: loanSchedule(termsOf(r)).map((i) => ({ seq: i.seq, dueOn: i.dueOn, principal: yuanOf(i.principalFen), interest: yuanOf(i.interestFen), subsidy: yuanOf(i.subsidyFen), outstanding: yuanOf(i.outstandingFen), paid: i.paid })),
    repayments: repayments.map((p) => ({ seq: p.seq, paidOn: p.paidOn, principal: yuanOf(p.principalFen), interest: yuanOf(p.interestFen), note: p.note, createdBy: p.createdBy })),
    extensions,
    limits: { maxAmount: policy.rules.funds.microLoanMax, maxYears: policy.rules.funds.microLoanYears, maxExtensionMonths: policy.rules.funds.microLoanExtensionMonths },
  };
}

/** Grant a loan (放贷登记), refused beyond the policy limits of the household's place and year. */
export async function createLoan(db: Db, scope: PlaceScope, input: LoanInput, ctx: ActContext) {
  const household = await lq.findHousehold(db, input.householdNo, scope);
  if (!household) throw notFound(`户 ${input.householdNo} `);
  if (input.issuedOn > ctx.today) throw badRequest(`放款日期（issuedOn）${input.issuedOn} 晚于今天 ${ctx.today}`, [{ field: 'issuedOn', value: input.issuedOn }]);
  const policy = await limitsFor(db, household.villageCode, Number(input.issuedOn.slice(0, 4)));
  const problems = loanProblems(input.amount, input.termMonths, input.installments, policy.rules.funds);
  if (problems.length) throw badRequest(problems.map((p) => p.message).join('；'), problems.map((p) => ({ field: p.field })));
  const id = await db.transaction().execute(async (tx) => {
    const newId = await lq.insertLoan(tx, {
      county_code: household.countyCode, household_no: input.householdNo, village_code: household.villageCode, lender: input.lender,
      contract_no: input.contractNo ?? null, amount_fen: input.amount, term_months: input.termMonths, installments: input.installments,
      annual_rate: input.annualRate, subsidy_rate: input.subsidyRate, purpose: input.purpose, issued_on: input.issuedOn, created_by: ctx.actor.username,
    });
    await recordAudit(tx, { ...ctx.actor, action: 'loan.create', objectType: 'loan', objectId: String(newId), placeCode: household.villageCode, after: { ...input, amount: yuanOf(input.amount) } });
    await settleLoan(tx, newId, ctx);
    return newId;
  });
  return getLoan(db, id, ctx.today);
}

/**
 * Bring the stored status of a loan up to `ctx.today`; when it turns overdue, open the
 * household's risk type. Call inside a transaction holding the loan's row lock.
 */
async function settleLoan(tx: Db, id: number, ctx: ActContext): Promise<{ from: string; to: string } | null> {
  const r = await lq.findLoan(tx, id);
  if (!r) return null;
  const s = loanStanding(termsOf(r), ctx.today, DUE_SOON_DAYS);
  if (s.state === r.status && s.overdueSince === r.overdueSince) return null;
  await lq.updateLoanState(tx, r.countyCode, id, { status: s.state, overdue_since: s.overdueSince });
  await recordAudit(tx, { ...ctx.actor, action: 'loan.status', objectType: 'loan', objectId: String(id), placeCode: r.villageCode, before: { status: r.status, overdueSince: r.overdueSince }, after: { status: s.state, overdueSince: s.overdueSince, overdue: yuanOf(s.overdueFen) } });
  if (s.state === 'overdue' && r.status !== 'overdue' && (await openRiskType(tx, r.countyCode, r.householdNo, OVERDUE_LOAN_RISK_TYPE))) {
    await recordAudit(tx, {
      ...ctx.actor, action: 'household.risk_type.open', objectType: 'household', objectId: r.householdNo, placeCode: r.villageCode,
      after: { riskType: OVERDUE_LOAN_RISK_TYPE }, note: `小额信贷 ${id} 自 ${s.overdueSince} 起逾期 ${yuanText(s.overdueFen)}`,
    });
  }
  return { from: r.status, to: s.state };
}

export async function recordRepayment(db: Db, id: number, input: RepaymentInput, ctx: ActContext) {
  if (input.paidOn > ctx.today) throw badRequest(`还款日期（paidOn）${input.paidOn} 晚于今天 ${ctx.today}`, [{ field: 'paidOn', value: input.paidOn }]);
  await db.transaction().execute(async (tx) => {
    const r = await lq.findLoan(tx, id, true);
    if (!r) throw notFound(`贷款 ${id} `);
    if (input.paidOn < r.issuedOn) throw badRequest(`还款日期（paidOn）${input.paidOn} 早于放款日期 ${r.issuedOn}`, [{ field: 'paidOn', value: input.paidOn }]);
    const owed = r.amountFen - r.repaidFen;
    if (input.principal > owed) throw conflict(`贷款 ${id} 未还本金 ${yuanText(owed)}，少于本次归还本金 ${yuanText(input.principal)}`, [{ field: 'principal', value: yuanOf(input.principal) }]);
    const seq = await lq.insertRepayment(tx, { county_code: r.countyCode, loan_id: id, paid_on: input.paidOn, principal_fen: input.principal, interest_fen: input.interest, note: input.note ?? null, created_by: ctx.actor.username });
    await lq.updateLoanState(tx, r.countyCode, id, { repaid_fen: r.repaidFen + input.principal });
    await recordAudit(tx, { ...ctx.actor, action: 'loan.repayment', objectType: 'loan', objectId: String(id), placeCode: r.villageCode, after: { seq, ...input, principal: yuanOf(input.principal), interest: yuanOf(input.interest) } });
    await settleLoan(tx, id, ctx);
  });
  return getLoan(db, id, ctx.today);
}

/** 展期: postpone the unpaid installments, within the policy's total months. */
export async function extendLoan(db: Db, id: number, input: ExtensionInput, ctx: ActContext) {
  if (input.grantedOn > ctx.today) throw badRequest(`展期日期（grantedOn）${input.grantedOn} 晚于今天 ${ctx.today}`, [{ field: 'grantedOn', value: input.grantedOn }]);
  await db.transaction().execute(async (tx) => {
    const r = await lq.findLoan(tx, id, true);
    if (!r) throw notFound(`贷款 ${id} `);
    const policy = await limitsFor(tx, r.villageCode, Number(r.issuedOn.slice(0, 4)));
    const problem = extensionProblem(r.extendedMonths, input.months, r.repaidFen >= r.amountFen, policy.rules.funds);
    if (problem) throw conflict(`贷款 ${id}：${problem}`, [{ field: 'months', value: input.months }]);
    const seq = await lq.insertExtension(tx, { county_code: r.countyCode, loan_id: id, granted_on: input.grantedOn, months: input.months, reason: input.reason, created_by: ctx.actor.username });
    await lq.updateLoanState(tx, r.countyCode, id, { extended_months: r.extendedMonths + input.months });
    await recordAudit(tx, { ...ctx.actor, action: 'loan.extension', objectType: 'loan', objectId: String(id), placeCode: r.villageCode, after: { seq, ...input } });
    await settleLoan(tx, id, ctx);
  });
  return getLoan(db, id, ctx.today);
}

/** 逾期检查: store the state on `ctx.today` of every unpaid loan under a place; returns the changes. */
export async function checkOverdueLoans(db: Db, scope: PlaceScope, place: string, ctx: ActContext) {
  const rows = await lq.loansUnder(db, scope, place, false);
  const changes: { id: number; householdNo: string; from: string; to: string }[] = [];
  for (const r of rows) {
    const s = loanStanding(termsOf(r), ctx.today, DUE_SOON_DAYS);
    if (s.state === r.status && s.overdueSince === r.overdueSince) continue;
    const change = await db.transaction().execute(async (tx) => {
      await lq.findLoan(tx, r.id, true);
      return settleLoan(tx, r.id, ctx);
    });
    if (change) changes.push({ id: r.id, householdNo: r.householdNo, ...change });
  }
  return { today: ctx.today, checked: rows.length, changes };
}

/**
 * 逾期检查 for every loan in the system on `today` (China date of now by default), acting as the
 * console: run by `fupin loans check-overdue` and by `fupin serve` at start and daily.
 */
export async function checkAllOverdueLoans(db: Db, today: string = chinaDate(new Date()), actor: AuditActor = CONSOLE_ACTOR) {
  return checkOverdueLoans(db, ALL_PLACES, '0', { actor, today });
}
