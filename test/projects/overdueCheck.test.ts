/**
 * The scheduled and command-line 逾期检查: a loan stored as active that has gone overdue is
 * settled by `checkAllOverdueLoans` (what `fupin loans check-overdue` and `fupin serve` run),
 * which opens the household's risk type; the serve timer logs failures instead of throwing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { scheduleOverdueCheck } from '../../src/cli/commands/serve';
import { insertLoan } from '../../src/modules/projects/loanQueries';
import { checkAllOverdueLoans, OVERDUE_LOAN_RISK_TYPE } from '../../src/modules/projects/loans';
import { testDatabases } from '../helpers/databases';
import { createHousehold, createPlaceTree } from '../helpers/factory';

describe.each(testDatabases)('loan overdue check for all loans ($name)', (t) => {
  let database: Database;
  beforeAll(async () => {
    database = await t.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('turns an overdue loan overdue, opens the risk type and audits it as the console', async () => {
    const places = await createPlaceTree(database, 1, 1);
    const h = await createHousehold(database, places);
    const id = await insertLoan(database.db, {
      county_code: h.countyCode, household_no: h.householdNo, village_code: h.villageCode, lender: '农村信用社', contract_no: null, amount_fen: 3_000_000,
      term_months: 12, installments: 1, annual_rate: 0.0435, subsidy_rate: 0.0435, purpose: '发展养殖', issued_on: '2023-03-01', created_by: null,
    });
    const before = await checkAllOverdueLoans(database.db, '2024-02-29');
    expect(before.changes.find((c) => c.id === id)).toBeUndefined();
    const result = await checkAllOverdueLoans(database.db, '2024-03-02');
    expect(result.changes).toContainEqual({ id, householdNo: h.householdNo, from: 'active', to: 'overdue' });
    const loan = await database.db.selectFrom('loan').select(['status', 'overdue_since']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(loan).toMatchObject({ status: 'overdue' });
    const household = await database.db.selectFrom('household').select('open_risk_types').where('county_code', '=', h.countyCode).where('household_no', '=', h.householdNo).executeTakeFirstOrThrow();
    expect(household.open_risk_types).toContain(OVERDUE_LOAN_RISK_TYPE);
    const audit = await database.db.selectFrom('audit_event').select(['action', 'username']).where('object_type', '=', 'loan').where('object_id', '=', String(id)).where('action', '=', 'loan.status').executeTakeFirstOrThrow();
    expect(audit.username).toBe('(命令行)');
    const again = await checkAllOverdueLoans(database.db, '2024-03-02');
    expect(again.changes.find((c) => c.id === id)).toBeUndefined();
  });

  it('serve runs the check at once, logs a failure instead of throwing, and does not hold the process', async () => {
    const lines: string[] = [];
    let logged!: () => void;
    const done = new Promise<void>((resolve) => (logged = resolve));
    const timer = scheduleOverdueCheck(() => Promise.reject(new Error('数据库不可用')), (m) => { lines.push(m); logged(); });
    await done;
    clearInterval(timer);
    expect(lines).toEqual(['小额信贷逾期检查失败：数据库不可用']);
    expect(timer.hasRef()).toBe(false);
  });
});
