/**
 * Registry use cases: list and read households, add and correct members, update a household.
 * Every function takes a `Db` (possibly a transaction) and the caller's place scope.
 */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import { maskIdNumber, parseIdNumber } from '../../domain/idNumber';
import { badRequest, notFound } from '../../server/errors';
import * as q from './queries';
import {
  householdFilterSchema,
  householdListQuerySchema,
  householdPatchSchema,
  memberInputSchema,
  memberPatchSchema,
  type HouseholdDetail,
  type HouseholdFilters,
  type HouseholdListQuery,
  type HouseholdPage,
  type MemberChange,
  type PageRequest,
} from './schemas';
import { parseInput } from './validation';
import { householdCardOf, memberOf, placePathOf } from './views';
import { headChanges, inTransaction, isUniqueViolation, nullPerson, personColumns, refuseRegistered, refuseSecondHead, validIdNumber } from './memberRules';

export type { HouseholdFilters, HouseholdListQuery, HouseholdPage, HouseholdDetail, Member, MemberChange } from './schemas';
export type { RegistryRow } from './queries';

/** Validate list filters given as query-string values (codes or Chinese labels). */
export function parseHouseholdFilters(query: unknown): HouseholdFilters {
  return parseInput(householdFilterSchema, query, '查询条件');
}

/** Validate list filters plus paging and sorting given as query-string values. */
export function parseHouseholdListQuery(query: unknown): HouseholdListQuery {
  return parseInput(householdListQuerySchema, query, '查询条件');
}

/** Turn validated filters into query criteria; an unknown place is a 404, a malformed ID a 400. */
async function criteriaOf(db: Db, filters: HouseholdFilters): Promise<q.HouseholdCriteria> {
  const { q: text, ...rest } = filters;
  if (rest.place && rest.place !== '0' && !(await q.placeExists(db, rest.place))) throw notFound(`地区 ${rest.place} `);
  if (!text) return rest;
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(text)) {
    const id = parseIdNumber(text);
    if (!id.ok) throw badRequest(`查询内容（q）的值“${text}”不是有效的证件号码：${id.reason}`, [{ field: 'q', value: text, message: id.reason }]);
    return { ...rest, search: { idNumber: id.idNumber } };
  }
  return { ...rest, search: { namePrefix: text } };
}

/** One page of households under the scope that meet the filters, with the total count. */
export async function listHouseholds(db: Db, scope: PlaceScope, filters: HouseholdFilters, page: PageRequest): Promise<HouseholdPage> {
  const criteria = await criteriaOf(db, filters);
  const [total, rows] = await Promise.all([
    q.countHouseholds(db, scope, criteria),
    q.householdPage(db, scope, criteria, { offset: (page.page - 1) * page.pageSize, limit: page.pageSize, sort: page.sort, order: page.order }),
  ]);
  return {
    total,
    page: page.page,
    pageSize: page.pageSize,
    items: rows.map((r) => ({
      householdNo: r.household_no,
      countyCode: r.county_code,
      villageCode: r.village_code,
      placePath: placePathOf(r),
      headName: r.head_name,
      headIdNumber: maskIdNumber(r.head_id_number),
      attribute: r.attribute,
      status: r.status,
      monitorCategory: r.monitor_category,
      mainCause: r.main_cause,
      size: r.size,
      identifiedYear: r.identified_year,
      exitYear: r.exit_year,
      perCapitaNet: r.per_capita_net,
    })),
  };
}

/** A household's card: its record, members, incomes by year and status history. */
export async function getHousehold(db: Db, scope: PlaceScope, householdNo: string): Promise<HouseholdDetail> {
  const h = await q.householdByNo(db, scope, householdNo);
  if (!h) throw notFound(`户 ${householdNo} `);
  const [members, incomes, history] = await Promise.all([
    q.membersOf(db, h.county_code, h.household_no),
    q.incomesOf(db, h.county_code, h.household_no),
    q.statusHistoryOf(db, h.county_code, h.household_no),
  ]);
  return {
    household: householdCardOf(h),
    members: members.map(memberOf),
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

/** Batches of registry rows (one per member) for the export, read by keyset, never all at once. */
export async function* readRegistryRows(db: Db, scope: PlaceScope, filters: HouseholdFilters, householdsPerBatch = 500): AsyncGenerator<q.RegistryRow[]> {
  const criteria = await criteriaOf(db, filters);
  let after: string | null = null;
  for (;;) {
    const rows = await q.registryRowsAfter(db, scope, criteria, after, householdsPerBatch);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].household_no;
  }
}

/** Add a member to a household (ID validated, sex and birth date derived, size kept). */
export async function addMember(db: Db, scope: PlaceScope, householdNo: string, input: unknown): Promise<MemberChange> {
  const m = parseInput(memberInputSchema, input, '成员信息');
  const id = validIdNumber(m.idNumber, 'idNumber');
  const { idNumber: _given, ...fields } = m;
  try {
    return await inTransaction(db, async (trx) => {
      const h = await q.householdByNo(trx, scope, householdNo, true);
      if (!h) throw notFound(`户 ${householdNo} `);
      await refuseRegistered(trx, id.idNumber, householdNo, `不能再加入户 ${householdNo}`);
      if (fields.relation === 'head') await refuseSecondHead(trx, h, id.idNumber);
      const person = await q.insertPerson(trx, {
        ...nullPerson,
        ...personColumns(fields),
        county_code: h.county_code,
        household_no: h.household_no,
        id_number: id.idNumber,
        sex: id.sex,
        birth_date: id.birthDate,
      } as q.PersonValues);
      await q.updateHouseholdRecord(trx, h.county_code, h.household_no, headChanges(person, false));
      return { householdNo: h.household_no, member: memberOf(person) };
    });
  } catch (e) {
    if (isUniqueViolation(e) && !db.isTransaction) await refuseRegistered(db, id.idNumber, householdNo, `不能再加入户 ${householdNo}`);
    throw e;
  }
}


/** Correct a member's details, including a wrong ID number (`currentIdNumber` is the one on record). */
export async function updateMember(db: Db, scope: PlaceScope, currentIdNumber: string, patch: unknown): Promise<MemberChange> {
  const current = validIdNumber(currentIdNumber, 'idNumber');
  const p = parseInput(memberPatchSchema, patch, '成员信息');
  const next = p.idNumber === undefined ? undefined : validIdNumber(p.idNumber, 'idNumber');
  let refused = '';
  try {
    return await inTransaction(db, async (trx) => {
      const before = await q.personForUpdate(trx, scope, current.idNumber);
      if (!before) throw notFound(`证件号码为 ${maskIdNumber(current.idNumber)} 的成员`);
      refused = `不能改作户 ${before.household_no} 成员 ${before.name} 的证件号码`;
      const changes = personColumns(p);
      if (next && next.idNumber !== before.id_number) {
        await refuseRegistered(trx, next.idNumber, before.household_no, `不能改作户 ${before.household_no} 成员 ${before.name} 的证件号码`);
        Object.assign(changes, { id_number: next.idNumber, sex: next.sex, birth_date: next.birthDate });
      }
      if (p.relation === 'head' && before.relation !== 'head') await refuseSecondHead(trx, before, before.id_number);
      const after = await q.updatePerson(trx, before.county_code, before.id_number, changes);
      await q.updateHouseholdRecord(trx, before.county_code, before.household_no, headChanges(after, before.relation === 'head'));
      return { householdNo: before.household_no, member: memberOf(after) };
    });
  } catch (e) {
    if (isUniqueViolation(e) && next && !db.isTransaction) await refuseRegistered(db, next.idNumber, '', refused);
    throw e;
  }
}

/** Update a household's own record (not its status, which changes through its procedures). */
export async function updateHousehold(db: Db, scope: PlaceScope, householdNo: string, patch: unknown): Promise<HouseholdDetail> {
  const p = parseInput(householdPatchSchema, patch, '户信息');
  return inTransaction(db, async (trx) => {
    const h = await q.householdByNo(trx, scope, householdNo, true);
    if (!h) throw notFound(`户 ${householdNo} `);
    const changes: q.HouseholdChanges = {
      phone: p.phone,
      attribute: p.attribute,
      identified_year: p.identifiedYear,
      planned_exit_year: p.plannedExitYear,
      main_cause: p.mainCause,
      other_causes: p.otherCauses,
      food_secure: p.foodSecure,
      clothing_secure: p.clothingSecure,
      house_grade: p.houseGrade,
      house_renovated: p.houseRenovated,
      relocated: p.relocated,
      water_lpd: p.waterLpd,
      water_quality_ok: p.waterQualityOk,
      water_trip_minutes: p.waterTripMinutes,
      water_piped: p.waterPiped,
      water_outage_days: p.waterOutageDays,
      water_scarce_area: p.waterScarceArea,
    };
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as q.HouseholdChanges;
    await q.updateHouseholdRecord(trx, h.county_code, h.household_no, defined);
    return getHousehold(trx, scope, householdNo);
  });
}
