/** SQL of the micro-loan ledger: loans, repayments, extensions, status changes, the risk type they raise. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { inScope, underPlace } from '../../db/placeScope';

export interface LoanRow {
  countyCode: string;
  id: number;
  householdNo: string;
  headName: string;
  villageCode: string;
  lender: string;
  contractNo: string | null;
  amountFen: number;
  termMonths: number;
  installments: number;
  annualRate: number;
  subsidyRate: number;
  purpose: string;
  issuedOn: string;
  extendedMonths: number;
  repaidFen: number;
  status: string;
  overdueSince: string | null;
}

const LOAN = sql`l.county_code AS "countyCode", l.id, l.household_no AS "householdNo", h.head_name AS "headName", l.village_code AS "villageCode",
  l.lender, l.contract_no AS "contractNo", l.amount_fen AS "amountFen", l.term_months AS "termMonths", l.installments,
  l.annual_rate AS "annualRate", l.subsidy_rate AS "subsidyRate", l.purpose, l.issued_on AS "issuedOn", l.extended_months AS "extendedMonths",
  l.repaid_fen AS "repaidFen", l.status, l.overdue_since AS "overdueSince"`;
const FROM = sql`loan l JOIN household h ON h.county_code = l.county_code AND h.household_no = l.household_no`;
const cols = { county: 'l.county_code', village: 'l.village_code' };

/** Loans under a place in the scope (every state but repaid unless `withRepaid`). */
export async function loansUnder(db: Db, scope: PlaceScope, place: string, withRepaid: boolean): Promise<LoanRow[]> {
  const placeCond = place === '0' ? sql`true` : underPlace(place, cols);
  const repaid = withRepaid ? sql`` : sql`AND l.status <> 'repaid'`;
  const r = await sql<LoanRow>`SELECT ${LOAN} FROM ${FROM} WHERE ${inScope(scope, cols)} AND ${placeCond} ${repaid} ORDER BY l.issued_on DESC, l.id DESC`.execute(db);
  return r.rows;
}

export async function findLoan(db: Db, id: number, lock = false): Promise<LoanRow | undefined> {
  const row = (await sql<LoanRow>`SELECT ${LOAN} FROM ${FROM} WHERE l.id = ${id}`.execute(db)).rows[0];
  if (lock && row) await sql`SELECT 1 FROM loan WHERE county_code = ${row.countyCode} AND id = ${id} FOR UPDATE`.execute(db);
  return lock && row ? (await sql<LoanRow>`SELECT ${LOAN} FROM ${FROM} WHERE l.county_code = ${row.countyCode} AND l.id = ${id}`.execute(db)).rows[0] : row;
}

export async function findHousehold(db: Db, householdNo: string, scope: PlaceScope): Promise<{ countyCode: string; villageCode: string; headName: string } | undefined> {
  const r = await sql<{ countyCode: string; villageCode: string; headName: string }>`
    SELECT county_code AS "countyCode", village_code AS "villageCode", head_name AS "headName" FROM household h
    WHERE h.household_no = ${householdNo} AND ${inScope(scope, { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' })}`.execute(db);
  return r.rows[0];
}

export async function insertLoan(db: Db, row: { county_code: string; household_no: string; village_code: string; lender: string; contract_no: string | null; amount_fen: number; term_months: number; installments: number; annual_rate: number; subsidy_rate: number; purpose: string; issued_on: string; created_by: string | null }): Promise<number> {
  const { id } = await db.insertInto('loan').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}

export async function updateLoanState(db: Db, countyCode: string, id: number, set: { repaid_fen?: number; extended_months?: number; status?: string; overdue_since?: string | null }): Promise<void> {
  await db.updateTable('loan').set({ ...set, updated_at: sql`now()` }).where('county_code', '=', countyCode).where('id', '=', id).execute();
}

async function nextSeq(db: Db, table: 'loan_repayment' | 'loan_extension', countyCode: string, loanId: number): Promise<number> {
  const r = await sql<{ n: number }>`SELECT coalesce(max(seq), 0)::int + 1 AS n FROM ${sql.table(table)} WHERE county_code = ${countyCode} AND loan_id = ${loanId}`.execute(db);
  return r.rows[0].n;
}

export async function insertRepayment(db: Db, row: { county_code: string; loan_id: number; paid_on: string; principal_fen: number; interest_fen: number; note: string | null; created_by: string | null }): Promise<number> {
  const seq = await nextSeq(db, 'loan_repayment', row.county_code, row.loan_id);
  await db.insertInto('loan_repayment').values({ ...row, seq }).execute();
  return seq;
}

export async function insertExtension(db: Db, row: { county_code: string; loan_id: number; granted_on: string; months: number; reason: string; created_by: string | null }): Promise<number> {
  const seq = await nextSeq(db, 'loan_extension', row.county_code, row.loan_id);
  await db.insertInto('loan_extension').values({ ...row, seq }).execute();
  return seq;
}

export async function repaymentsOf(db: Db, countyCode: string, loanId: number) {
  return db.selectFrom('loan_repayment').select(['seq', 'paid_on as paidOn', 'principal_fen as principalFen', 'interest_fen as interestFen', 'note', 'created_by as createdBy'])
    .where('county_code', '=', countyCode).where('loan_id', '=', loanId).orderBy('seq').execute();
}

export async function extensionsOf(db: Db, countyCode: string, loanId: number) {
  return db.selectFrom('loan_extension').select(['seq', 'granted_on as grantedOn', 'months', 'reason', 'created_by as createdBy'])
    .where('county_code', '=', countyCode).where('loan_id', '=', loanId).orderBy('seq').execute();
}

