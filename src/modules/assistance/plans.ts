/** Household plans (一户一策: main and auxiliary measures per year), coverage per place, the left-behind register. */
import type { Db } from '../../db/database';
import { checkMeasureDetails } from '../../domain/assistance/measures';
import { maskIdNumber } from '../../domain/idNumber';
import type { HouseholdAccess } from '../../db/householdReach';
import { badRequest, conflict } from '../../server/errors';
import { recordAudit } from '../audit/service';
import * as mq from './measureQueries';
import type { Actor } from './pairing';
import * as q from './queries';
import type { MeasureInput } from './schemas';
import { reachHousehold } from './visits';

export async function addMeasure(db: Db, access: HouseholdAccess, input: MeasureInput, actor: Actor): Promise<number> {
  const checked = checkMeasureDetails(input.type, input.details);
  if (!checked.ok) throw badRequest(checked.message);
  if (input.startedOn && input.endedOn && input.endedOn < input.startedOn) throw badRequest(`结束日期 ${input.endedOn} 早于开始日期 ${input.startedOn}`);
  return db.transaction().execute(async (tx) => {
    const h = await reachHousehold(tx, access, input.householdNo);
    if (input.role === 'main') {
      const main = await mq.mainMeasureOf(tx, h.countyCode, h.householdNo, input.year);
      if (main) throw conflict(`户 ${h.householdNo} ${input.year} 年已有主导措施（${main.measure_type}），每户每年只有一项主导措施，其余登记为辅助措施`);
    }
    const persons = input.persons ?? h.size;
    if (persons > h.size) throw badRequest(`措施覆盖人数 ${persons} 超过户人数 ${h.size}`);
    const id = await mq.insertMeasure(tx, {
      county_code: h.countyCode,
      household_no: h.householdNo,
      year: input.year,
      measure_type: input.type,
      role: input.role,
      persons,
      amount: input.amount,
      started_on: input.startedOn,
      ended_on: input.endedOn,
      provider_department: input.providerDepartment,
      details: JSON.stringify(checked.details),
      recorded_by: actor.username ?? null,
    });
    await recordAudit(tx, { ...actor, action: 'measure.add', objectType: 'household', objectId: h.householdNo, placeCode: h.villageCode, after: { ...input, persons, details: checked.details } });
    return id;
  });
}

export async function householdPlan(db: Db, access: HouseholdAccess, householdNo: string) {
  const h = await reachHousehold(db, access, householdNo);
  const [measures, cadres] = await Promise.all([mq.measuresOfHousehold(db, h.countyCode, h.householdNo), q.pairingsOfHousehold(db, h.countyCode, h.householdNo)]);
  return { household: h, measures, cadres };
}

export async function coverage(db: Db, access: HouseholdAccess, place: string, year: number | null) {
  const rows = await mq.measureCoverage(db, access, place, year);
  return { place, year, rows };
}

/** One category, all (null), or all but one (a category withheld from the user, see the routes). */
export type LeftBehindCategory = string | null | { except: string };

export async function leftBehindRegister(db: Db, access: HouseholdAccess, place: string, asOf: string, category: LeftBehindCategory, limit = 5000) {
  const asked = typeof category === 'object' && category !== null ? null : category;
  const rows = (await mq.leftBehindPersons(db, access, place, asOf, asked, limit)).filter((r) => typeof category !== 'object' || category === null || r.category !== category.except);
  return rows.map((r) => ({ ...r, idNumber: maskIdNumber(r.idNumber) ?? '' }));
}
