/** The household's 自付 costs of a year (the 口径 decides which are deducted), replaced whole and audited. */
import type { Db } from '../../db/database';
import { ITEM_LABELS } from '../../domain/prevention/schema';
import { badRequest } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { costsOf, replaceCosts, type CostLine } from './queries';

export interface CostsView {
  householdNo: string;
  year: number;
  lines: (CostLine & { label: string })[];
}

const viewOf = (householdNo: string, year: number, lines: CostLine[]): CostsView => ({ householdNo, year, lines: lines.map((l) => ({ ...l, label: ITEM_LABELS[l.item] ?? l.item })) });

export async function getHouseholdCosts(db: Db, key: { countyCode: string; householdNo: string }, year: number): Promise<CostsView> {
  return viewOf(key.householdNo, year, await costsOf(db, key.countyCode, key.householdNo, year));
}

export async function setHouseholdCosts(db: Db, key: { countyCode: string; householdNo: string; villageCode: string }, year: number, lines: { item: string; amount: number; note?: string | null }[], author: { actor: AuditActor; username: string; at: Date }): Promise<CostsView> {
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (seen.has(l.item)) throw badRequest(`第 ${i + 1} 行：支出项目（item）${ITEM_LABELS[l.item] ?? l.item} 重复`);
    seen.add(l.item);
  });
  const clean = lines.filter((l) => l.amount > 0).map((l) => ({ item: l.item, amount: l.amount, note: l.note?.trim() || null }));
  return db.transaction().execute(async (tx) => {
    const before = await costsOf(tx, key.countyCode, key.householdNo, year);
    await replaceCosts(tx, key.countyCode, key.householdNo, year, clean, author.username, author.at);
    await recordAudit(tx, { ...author.actor, at: author.at, action: 'prevention.costs', objectType: 'household', objectId: key.householdNo, placeCode: key.villageCode, before: { year, lines: before }, after: { year, lines: clean }, note: `户 ${key.householdNo} ${year} 年自付支出` });
    return viewOf(key.householdNo, year, clean);
  });
}
