/** Household plans (一户一策: main and auxiliary measures per year), coverage per place, the left-behind register. */
import type { Db } from '../../db/database';
import { checkMeasureDetails } from '../../domain/assistance/measures';
import { maskIdNumber } from '../../domain/idNumber';
import type { HouseholdAccess } from '../../db/householdReach';
import { badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import * as mq from './measureQueries';
import type { Actor } from './pairing';
import * as q from './queries';
import type { MeasureInput } from './schemas';
import { reachHousehold } from './visits';

/** The checks every measure passes (type-specific fields, dates), as a 400 naming the field and value. */
function checkMeasure(input: MeasureInput): Record<string, unknown> {
  const checked = checkMeasureDetails(input.type, input.details);
  if (!checked.ok) {
    const field = checked.field ? `details.${checked.field}` : 'details';
    throw badRequest(checked.message, [{ field, value: checked.field ? input.details[checked.field] : input.details, message: checked.message }]);
  }
  if (input.startedOn && input.endedOn && input.endedOn < input.startedOn) {
    const message = `结束日期 ${input.endedOn} 早于开始日期 ${input.startedOn}`;
    throw badRequest(message, [{ field: 'endedOn', value: input.endedOn, message }]);
  }
  return checked.details;
}

/** The persons a measure covers (default the whole household), refused above the household's size. */
function personsOf(input: MeasureInput, size: number): number {
  const persons = input.persons ?? size;
  if (persons > size) {
    const message = `措施覆盖人数 ${persons} 超过户人数 ${size}`;
    throw badRequest(message, [{ field: 'persons', value: persons, message }]);
  }
  return persons;
}

async function refuseSecondMain(tx: Db, h: { countyCode: string; householdNo: string }, input: MeasureInput, except?: number): Promise<void> {
  if (input.role !== 'main') return;
  const main = await mq.mainMeasureOf(tx, h.countyCode, h.householdNo, input.year);
  if (main && Number(main.id) !== except) {
    const message = `户 ${h.householdNo} ${input.year} 年已有主导措施（${main.measure_type}），每户每年只有一项主导措施，其余登记为辅助措施`;
    throw conflict(message, [{ field: 'role', value: input.role, message }]);
  }
}

const measureRow = (input: MeasureInput, persons: number, details: Record<string, unknown>, actor: Actor) => ({
  year: input.year,
  measure_type: input.type,
  role: input.role,
  persons,
  amount: input.amount,
  started_on: input.startedOn,
  ended_on: input.endedOn,
  provider_department: input.providerDepartment,
  details: JSON.stringify(details),
  recorded_by: actor.username ?? null,
});

export async function addMeasure(db: Db, access: HouseholdAccess, input: MeasureInput, actor: Actor): Promise<number> {
  const details = checkMeasure(input);
  return db.transaction().execute(async (tx) => {
    const h = await reachHousehold(tx, access, input.householdNo);
    await refuseSecondMain(tx, h, input);
    const persons = personsOf(input, h.size);
    const id = await mq.insertMeasure(tx, { county_code: h.countyCode, household_no: h.householdNo, ...measureRow(input, persons, details, actor) });
    await recordAudit(tx, { ...actor, action: 'measure.add', objectType: 'household', objectId: h.householdNo, placeCode: h.villageCode, after: { ...input, persons, details } });
    return id;
  });
}

/** Change a measure of the household (its household cannot change); audited with the values before and after. */
export async function updateMeasure(db: Db, access: HouseholdAccess, countyCode: string, id: number, input: MeasureInput, actor: Actor): Promise<void> {
  const details = checkMeasure(input);
  await db.transaction().execute(async (tx) => {
    const before = await mq.findMeasure(tx, countyCode, id);
    if (!before) throw notFound(`帮扶措施 ${id} `);
    const h = await reachHousehold(tx, access, before.household_no);
    if (input.householdNo !== before.household_no) throw badRequest(`帮扶措施 ${id} 属于户 ${before.household_no}，不能改到户 ${input.householdNo}`, [{ field: 'householdNo', value: input.householdNo, message: '户编号不能修改' }]);
    await refuseSecondMain(tx, h, input, id);
    const persons = personsOf(input, h.size);
    await mq.updateMeasure(tx, countyCode, id, measureRow(input, persons, details, actor));
    await recordAudit(tx, {
      ...actor, action: 'measure.update', objectType: 'household', objectId: h.householdNo, placeCode: h.villageCode,
      before: { id, year: before.year, type: before.measure_type, role: before.role, persons: before.persons, amount: before.amount, details: before.details },
      after: { id, ...input, persons, details },
    });
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
