/** A household's card (一户一档): its record, members, incomes by year and status history. */
import type { Db } from '../../db/database';
import type { HouseholdAccess } from '../../db/householdReach';
import { notFound } from '../../server/errors';
import * as q from './queries';
import type { HouseholdCardRow } from './cardQueries';
import { NO_REVEAL, type HouseholdDetail, type RevealOptions } from './schemas';
import { householdCardOf, memberOf } from './views';

/** The card of a household within reach; 404 when unknown or out of reach. */
export async function getHousehold(db: Db, access: HouseholdAccess, householdNo: string, reveal: RevealOptions = NO_REVEAL): Promise<HouseholdDetail> {
  const h = await q.householdByNo(db, access, householdNo);
  if (!h) throw notFound(`户 ${householdNo} `);
  return cardOf(db, h, reveal);
}

/** The card of a household already loaded (with its lists when read by `householdCardByNo`: no further statement). */
export async function cardOf(db: Db, h: q.HouseholdWithPlace | HouseholdCardRow, reveal: RevealOptions = NO_REVEAL): Promise<HouseholdDetail> {
  const { members, incomes, history } =
    'card' in h
      ? h.card
      : await Promise.all([
          q.membersOf(db, h.county_code, h.household_no),
          q.incomesOf(db, h.county_code, h.household_no),
          q.statusHistoryOf(db, h.county_code, h.household_no),
        ]).then(([members, incomes, history]) => ({ members, incomes, history }));
  return {
    household: householdCardOf(h, reveal),
    members: members.map((m) => memberOf(m, reveal)),
    incomes: incomes.map((i) => ({
      year: i.year,
      wages: i.wages,
      productionNet: i.production_net,
      property: i.property,
      transfer: i.transfer,
      productionCost: i.production_cost,
      householdSize: i.household_size,
      perCapitaNet: i.per_capita_net,
    })),
    statusHistory: history.map((s) => ({ year: s.year, status: s.status, monitorCategory: s.monitor_category, reason: s.reason })),
  };
}
