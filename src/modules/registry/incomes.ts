/**
 * A household's income by year (收入, 元/年, whole household) edited on its card: one year's
 * record set (added or replaced) or removed. The per-capita net income is computed here, as the
 * import computes it: (wages + net production + property + transfers − production costs) ÷ size.
 * Each change runs in one transaction with its audit event (the year and the changed values).
 */
import { z } from 'zod';
import type { Db } from '../../db/database';
import type { HouseholdAccess } from '../../db/householdReach';
import { badRequest, notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import { cardOf } from './card';
import type { ChangeAuthor } from './changes';
import { inTransaction } from './memberRules';
import * as q from './queries';
import type { HouseholdDetail } from './schemas';
import { parseInput } from './validation';

const amount = z.number().min(0).max(1e9);

/** One year's income as the card sends it; householdSize defaults to the household's members. */
export const incomeInputSchema = z.strictObject({
  wages: amount.default(0),
  productionNet: z.number().min(-1e9).max(1e9).default(0),
  property: amount.default(0),
  transfer: amount.default(0),
  productionCost: amount.default(0),
  householdSize: z.number().int().min(1).max(99).optional(),
});
export type IncomeInput = z.output<typeof incomeInputSchema>;

const yearSchema = z.coerce.number().int().min(1980).max(2100);

/** The year in a URL: a 400 naming it when it is not a year. */
export function incomeYearOf(text: string): number {
  const year = yearSchema.safeParse(text);
  if (!year.success) throw badRequest(`年度（year）的值“${text}”应为 1980 到 2100 之间的年份`, [{ field: 'year', value: text, message: '应为年份' }]);
  return year.data;
}

/** Per-capita net income, yuan to the cent. */
export function perCapitaNet(i: Pick<q.IncomeValues, 'wages' | 'production_net' | 'property' | 'transfer' | 'production_cost'>, size: number): number {
  return Math.round(((i.wages + i.production_net + i.property + i.transfer - i.production_cost) / size) * 100) / 100;
}

const INCOME_FIELDS: [keyof q.IncomeValues, string][] = [
  ['wages', 'wages'],
  ['production_net', 'productionNet'],
  ['property', 'property'],
  ['transfer', 'transfer'],
  ['production_cost', 'productionCost'],
  ['household_size', 'householdSize'],
  ['per_capita_net', 'perCapitaNet'],
];

function changedValues(before: q.IncomeValues | undefined, after: q.IncomeValues | undefined) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const [column, field] of INCOME_FIELDS) {
    const then = before ? Number(before[column]) : null;
    const now = after ? Number(after[column]) : null;
    if (then === now) continue;
    b[field] = then;
    a[field] = now;
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}

async function lockedHousehold(trx: Db, access: HouseholdAccess, householdNo: string) {
  const h = await q.householdByNo(trx, access, householdNo, true);
  if (!h) throw notFound(`户 ${householdNo} `);
  return h;
}

/** Set a household's income for a year (added or replaced); returns the card. */
export async function setHouseholdIncome(db: Db, access: HouseholdAccess, householdNo: string, year: number, input: unknown, author: ChangeAuthor): Promise<HouseholdDetail> {
  const i = parseInput(incomeInputSchema, input, '收入信息');
  return inTransaction(db, async (trx) => {
    const h = await lockedHousehold(trx, access, householdNo);
    const size = i.householdSize ?? Math.max(h.size, 1);
    const values: q.IncomeValues = {
      wages: i.wages,
      production_net: i.productionNet,
      property: i.property,
      transfer: i.transfer,
      production_cost: i.productionCost,
      household_size: size,
      per_capita_net: 0,
    };
    values.per_capita_net = perCapitaNet(values, size);
    const before = await q.incomeForUpdate(trx, h.county_code, h.household_no, year);
    const change = changedValues(before, values);
    if (!change.changed) return cardOf(trx, h);
    await q.upsertIncome(trx, h.county_code, h.household_no, year, values);
    await recordAudit(trx, {
      ...author,
      action: before ? 'household.income.update' : 'household.income.add',
      objectType: 'household',
      objectId: h.household_no,
      placeCode: h.village_code,
      before: before ? { year, ...change.before } : null,
      after: { year, ...change.after },
      note: `户 ${h.household_no} ${year} 年收入`,
    });
    return cardOf(trx, h);
  });
}

/** Remove a household's income record of a year; 404 when it has none. */
export async function deleteHouseholdIncome(db: Db, access: HouseholdAccess, householdNo: string, year: number, author: ChangeAuthor): Promise<HouseholdDetail> {
  return inTransaction(db, async (trx) => {
    const h = await lockedHousehold(trx, access, householdNo);
    const before = await q.incomeForUpdate(trx, h.county_code, h.household_no, year);
    if (!before) throw notFound(`户 ${householdNo} 的 ${year} 年收入记录`);
    await q.deleteIncome(trx, h.county_code, h.household_no, year);
    await recordAudit(trx, {
      ...author,
      action: 'household.income.delete',
      objectType: 'household',
      objectId: h.household_no,
      placeCode: h.village_code,
      before: { year, ...changedValues(before, undefined).before },
      after: null,
      note: `户 ${h.household_no} ${year} 年收入`,
    });
    return cardOf(trx, h);
  });
}
