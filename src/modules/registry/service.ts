/**
 * Registry use cases: list and read households, add and correct members, update a household,
 * the timeline, and the rows of the export. Every function takes a `Db` (possibly a
 * transaction) and the caller's reach (`HouseholdAccess`: place scope, and a pairing cadre's
 * pairings), which every query applies. Reaching one record outside it is refused by the
 * routes before these run (routeAccess.ts).
 */
import type { Db } from '../../db/database';
import { parseIdNumber } from '../../domain/idNumber';
import type { HouseholdAccess } from '../../db/householdReach';
import { badRequest, notFound } from '../../server/errors';
import { placeExists } from '../places/service';
import * as q from './queries';
import * as exportRows from './exportRowQueries';
import {
  householdFilterSchema,
  NO_REVEAL,
  type HouseholdFilters,
  type HouseholdPage,
  type PageRequest,
  type RevealOptions,
} from './schemas';
import { parseInput } from './validation';
import { idNumberShown, placePathOf } from './views';
export { auditHiddenDuplicate, registeredOutsideMessage, type HiddenDuplicate } from './memberRules';

export type { HouseholdFilters, HouseholdListQuery, HouseholdPage, HouseholdDetail, Member, MemberChange, RevealOptions, Timeline } from './schemas';
export { householdFilterSchema, householdNoParams, REGISTRY_MODULE, REVEAL_NOTE } from './schemas';
export { registryInputErrors } from './validation';
export type { RegistryRow } from './exportRowQueries';
export { cardOf, getHousehold } from './card';
export { addMember, updateMember, updateHousehold, type ChangeAuthor } from './changes';
export { householdTimeline } from './timeline';
export { openRiskType, setHouseholdStatus, type HouseholdKey, type HouseholdStatusChange } from './statusQueries';
export { setHouseholdIncome, deleteHouseholdIncome, perCapitaNet } from './incomes';
export { askedReveal, authorOf, authorizeReveal, reachHousehold, reachPlaceFilter, REVEALABLE_FIELDS, type RevealableField } from './routeAccess';

/** Validate list filters given as query-string values (codes or Chinese labels). */
export function parseHouseholdFilters(query: unknown): HouseholdFilters {
  return parseInput(householdFilterSchema, query, '查询条件');
}

/** Turn validated filters into query criteria; an unknown place is a 404, a malformed ID a 400. */
async function criteriaOf(db: Db, filters: HouseholdFilters): Promise<q.HouseholdCriteria> {
  const { q: text, ...rest } = filters;
  if (rest.place && rest.place !== '0' && !(await placeExists(db, rest.place))) throw notFound(`地区 ${rest.place} `);
  if (!text) return rest;
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(text)) {
    const id = parseIdNumber(text);
    if (!id.ok) throw badRequest(`查询内容（q）的值“${text}”不是有效的证件号码：${id.reason}`, [{ field: 'q', value: text, message: id.reason }]);
    return { ...rest, search: { idNumber: id.idNumber } };
  }
  return { ...rest, search: { namePrefix: text } };
}

/** One page of households within reach that meet the filters, with the total count. */
export async function listHouseholds(db: Db, access: HouseholdAccess, filters: HouseholdFilters, page: PageRequest, reveal: RevealOptions = NO_REVEAL): Promise<HouseholdPage> {
  if (page.after !== undefined && page.sort !== 'householdNo') {
    throw badRequest(`键集分页（after）只能按户编号排序使用，当前排序为“${page.sort}”`, [{ field: 'after', value: page.after }]);
  }
  const criteria = await criteriaOf(db, filters);
  const keyset = page.after !== undefined;
  const [total, rows] = await Promise.all([
    q.countHouseholds(db, access, criteria),
    q.householdPage(db, access, criteria, { offset: keyset ? 0 : (page.page - 1) * page.pageSize, limit: page.pageSize, sort: page.sort, order: page.order, after: page.after }),
  ]);
  const byNumber = page.sort === 'householdNo' && rows.length === page.pageSize;
  return {
    total,
    page: page.page,
    pageSize: page.pageSize,
    nextAfter: byNumber ? rows[rows.length - 1].household_no : null,
    items: rows.map((r) => ({
      householdNo: r.household_no,
      countyCode: r.county_code,
      villageCode: r.village_code,
      placePath: placePathOf(r),
      headName: r.head_name,
      headIdNumber: idNumberShown(r.head_id_number, reveal),
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

/** Batches of registry rows (one per member) for the export, read by keyset, never all at once. */
export async function* readRegistryRows(db: Db, access: HouseholdAccess, filters: HouseholdFilters, householdsPerBatch = 500): AsyncGenerator<exportRows.RegistryRow[]> {
  const criteria = await criteriaOf(db, filters);
  let after: string | null = null;
  for (;;) {
    const rows = await exportRows.registryRowsAfter(db, access, criteria, after, householdsPerBatch);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].household_no;
  }
}

/** How many households and export rows (one per member, or one for a household without members) match. */
export async function countRegistryRows(db: Db, access: HouseholdAccess, filters: HouseholdFilters): Promise<{ households: number; rows: number }> {
  return exportRows.countRegistryRows(db, access, await criteriaOf(db, filters));
}

