/**
 * 扶贫小额信贷: the policy limits (amount, term, extensions), the repayment schedule in equal
 * principal installments with interest and interest subsidy per period, and the loan's state
 * on a day (repaid, overdue since, next installment, due soon). Extensions postpone every
 * installment not yet covered by the principal repaid.
 */
import { yuanText } from './money';

export interface LoanLimits {
  microLoanMax: number;
  microLoanYears: number;
  microLoanExtensionMonths: number;
}

export interface LoanTerms {
  amountFen: number;
  termMonths: number;
  installments: number;
  annualRate: number;
  subsidyRate: number;
  issuedOn: string;
  extendedMonths: number;
  repaidFen: number;
}

export interface Installment {
  seq: number;
  dueOn: string;
  principalFen: number;
  interestFen: number;
  subsidyFen: number;
  /** Principal still owed of this installment after the repayments so far. */
  outstandingFen: number;
  paid: boolean;
}

/** `date` plus `months` months, clamped to the month's end (2024-01-31 + 1 → 2024-02-29). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Problems of a new loan against the policy (empty: allowed). */
export function loanProblems(amountFen: number, termMonths: number, installments: number, limits: LoanLimits): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if (amountFen > limits.microLoanMax * 100) out.push({ field: 'amount', message: `贷款金额 ${yuanText(amountFen)} 超过政策上限 ${yuanText(limits.microLoanMax * 100)}` });
  if (termMonths > limits.microLoanYears * 12) out.push({ field: 'termMonths', message: `贷款期限 ${termMonths} 个月超过政策上限 ${limits.microLoanYears} 年（${limits.microLoanYears * 12} 个月）` });
  if (installments > termMonths) out.push({ field: 'installments', message: `还款期数 ${installments} 多于期限月数 ${termMonths}` });
  return out;
}

/** Why an extension of `months` is refused, or null. */
export function extensionProblem(alreadyMonths: number, months: number, repaid: boolean, limits: LoanLimits): string | null {
  if (repaid) return '贷款已还清，不能展期';
  if (alreadyMonths + months > limits.microLoanExtensionMonths) {
    return `展期合计 ${alreadyMonths + months} 个月（已展期 ${alreadyMonths} 个月，本次 ${months} 个月）超过政策上限 ${limits.microLoanExtensionMonths} 个月`;
  }
  return null;
}

export function loanSchedule(t: LoanTerms): Installment[] {
  const n = t.installments;
  const base = Math.floor(t.amountFen / n);
  const out: Installment[] = [];
  let owedBefore = t.amountFen;
  let cumulative = 0;
  let prevMonth = 0;
  for (let i = 1; i <= n; i++) {
    const month = Math.round((t.termMonths * i) / n);
    const principal = i === n ? t.amountFen - base * (n - 1) : base;
    const months = month - prevMonth;
    const interest = Math.round((owedBefore * t.annualRate * months) / 12);
    const subsidy = Math.round((owedBefore * t.subsidyRate * months) / 12);
    cumulative += principal;
    const paid = cumulative <= t.repaidFen;
    const outstanding = paid ? 0 : Math.min(principal, cumulative - t.repaidFen);
    out.push({ seq: i, dueOn: addMonths(t.issuedOn, month + (paid ? 0 : t.extendedMonths)), principalFen: principal, interestFen: interest, subsidyFen: subsidy, outstandingFen: outstanding, paid });
    owedBefore -= principal;
    prevMonth = month;
  }
  return out;
}

export type LoanState = 'active' | 'overdue' | 'repaid';

export interface LoanStanding {
  state: LoanState;
  /** Due date of the first installment past due (null unless overdue). */
  overdueSince: string | null;
  overdueFen: number;
  next: Installment | null;
  maturity: string;
  dueSoon: boolean;
}

/** The loan on `today`: overdue when an installment's due date has passed with principal owed. */
export function loanStanding(t: LoanTerms, today: string, dueSoonDays: number): LoanStanding {
  const schedule = loanSchedule(t);
  const unpaid = schedule.filter((i) => !i.paid);
  const late = unpaid.filter((i) => i.dueOn < today);
  const next = unpaid.find((i) => i.dueOn >= today) ?? null;
  const maturity = schedule[schedule.length - 1].dueOn;
  if (t.repaidFen >= t.amountFen) return { state: 'repaid', overdueSince: null, overdueFen: 0, next: null, maturity, dueSoon: false };
  const soonLimit = new Date(Date.parse(today + 'T00:00:00Z') + dueSoonDays * 86_400_000).toISOString().slice(0, 10);
  return {
    state: late.length ? 'overdue' : 'active',
    overdueSince: late[0]?.dueOn ?? null,
    overdueFen: late.reduce((s, i) => s + i.outstandingFen, 0),
    next,
    maturity,
    dueSoon: !late.length && next !== null && next.dueOn <= soonLimit,
  };
}

export const LOAN_STATES: Record<LoanState, string> = { active: '正常', overdue: '逾期', repaid: '已结清' };
