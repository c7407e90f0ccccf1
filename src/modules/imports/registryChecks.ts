/**
 * What a file may not do to the registry as it stands, checked set-based against the staged
 * rows. A household or ID number registered outside the importing user's scope is refused
 * without naming that household (or its county): the message says to ask the county office,
 * and the detail is kept in `hidden` for the audit trail (see auditHidden).
 */
import { sql } from 'kysely';
import type { Database, Db } from '../../db/database';
import { maskIdNumber } from '../../domain/idNumber';
import { scopeContains, type PlaceScope } from '../../db/placeScope';
import type { AuditActor } from '../audit/service';
import { auditHiddenDuplicate, registeredOutsideMessage, type HiddenDuplicate } from '../registry/service';
import type { ProblemList } from './problems';
import * as q from './queries';

/** A duplicate withheld from the importing user, with its row. */
export type HiddenRow = HiddenDuplicate & { row: number; villageCode: string | null };

/** Household numbers already registered in another county (and that county's village). */
async function householdsInOtherCounty(db: Db) {
  const result = await sql<{ row: number; householdNo: string; countyCode: string; registeredIn: string; registeredVillage: string; headName: string }>`
    SELECT h.row_no AS row, h.household_no AS "householdNo", h.county_code AS "countyCode", d.county_code AS "registeredIn",
           d.village_code AS "registeredVillage", d.head_name AS "headName"
    FROM import_household h JOIN household d ON d.household_no = h.household_no
    WHERE d.county_code <> h.county_code ORDER BY h.row_no LIMIT ${q.PROBLEM_LIMIT}`.execute(db);
  return result.rows;
}

/** ID numbers of the file that belong to another household in the database, with that household's place and names. */
async function idNumbersOfOtherHouseholds(db: Db) {
  const result = await sql<{ row: number; idNumber: string; householdNo: string; villageCode: string | null; otherHousehold: string; otherCounty: string; otherVillage: string; otherHead: string; otherName: string }>`
    SELECT r.row_no AS row, r.id_number AS "idNumber", r.household_no AS "householdNo",
           (SELECT ih.village_code FROM import_household ih WHERE ih.household_no = r.household_no LIMIT 1) AS "villageCode",
           p.household_no AS "otherHousehold", p.county_code AS "otherCounty", d.village_code AS "otherVillage", d.head_name AS "otherHead", p.name AS "otherName"
    FROM import_row r JOIN person p ON p.id_number = r.id_number
    JOIN household d ON (d.county_code, d.household_no) = (p.county_code, p.household_no)
    WHERE p.household_no <> r.household_no ORDER BY r.row_no LIMIT ${q.PROBLEM_LIMIT}`.execute(db);
  return result.rows;
}

/** The checks against the registry; duplicates outside `scope` are refused without detail and pushed to `hidden`. */
export async function checkAgainstRegistry(db: Db, problems: ProblemList, scope: PlaceScope, hidden: HiddenRow[], staged = true): Promise<void> {
  for (const r of await q.householdsOutsideScope(db, scope)) {
    problems.add(r.row, '村代码', r.villageCode, `户 ${r.householdNo} 所在的村 ${r.villageCode} 不在您的管辖范围内`);
  }
  for (const r of await householdsInOtherCounty(db)) {
    if (scopeContains(scope, r.registeredVillage)) {
      problems.add(r.row, '户编号', r.householdNo, `户编号 ${r.householdNo} 已登记在县 ${r.registeredIn}，而本行的村属于县 ${r.countyCode}：不能通过导入把户迁到其他县`);
      continue;
    }
    problems.add(r.row, '户编号', r.householdNo, `户编号 ${r.householdNo} 已登记在您管辖范围以外的县，不能通过导入把户迁到本县。如需核实，请联系县级扶贫办（乡村振兴部门）`);
    hidden.push({ row: r.row, villageCode: null, idNumber: '', existingHouseholdNo: r.householdNo, existingCountyCode: r.registeredIn, existingVillageCode: r.registeredVillage, existingHeadName: r.headName, existingMemberName: '', targetHouseholdNo: r.householdNo });
  }
  // The direct path has no staged rows: its persons went straight into the registry (checked there).
  for (const r of staged ? await idNumbersOfOtherHouseholds(db) : []) {
    if (scopeContains(scope, r.otherVillage)) {
      problems.add(r.row, '证件号码', r.idNumber, `证件号码 ${r.idNumber} 已登记在户 ${r.otherHousehold}，本行属于户 ${r.householdNo}：一人只能属于一户`);
      continue;
    }
    problems.add(r.row, '证件号码', r.idNumber, registeredOutsideMessage(maskIdNumber(r.idNumber) ?? r.idNumber, `本行属于户 ${r.householdNo}`));
    hidden.push({
      row: r.row, villageCode: r.villageCode, idNumber: r.idNumber, existingHouseholdNo: r.otherHousehold, existingCountyCode: r.otherCounty,
      existingVillageCode: r.otherVillage, existingHeadName: r.otherHead, existingMemberName: r.otherName, targetHouseholdNo: r.householdNo,
    });
  }
  for (const r of await q.householdsWithoutHead(db)) {
    problems.add(r.row, '与户主关系', '', `户 ${r.householdNo} 没有户主：文件中没有关系为“户主”的成员，也没有填写户主姓名，系统中也没有这一户`);
  }
}

/** After the refused import rolled back: one audit event per withheld duplicate, for the administrator. */
export async function auditHidden(database: Database, actor: AuditActor, hidden: HiddenRow[]): Promise<void> {
  for (const h of hidden) await auditHiddenDuplicate(database.db, actor, h.villageCode, h);
}
