/** Rules every change to members keeps: valid ID numbers, one person one household, one head. */
import type { Db } from '../../db/database';
import { maskIdNumber, parseIdNumber } from '../../domain/idNumber';
import { scopeContains } from '../../db/placeScope';
import type { HouseholdAccess } from '../../server/access';
import { AppError, badRequest, conflict } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import * as q from './queries';
import type { MemberInput } from './schemas';

/** Run in the caller's transaction, or in a new one. */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

export function validIdNumber(raw: string, field: string): { idNumber: string; sex: 'M' | 'F'; birthDate: string } {
  const id = parseIdNumber(raw);
  if (!id.ok) throw badRequest(`证件号码（${field}）的值“${raw}”无效：${id.reason}`, [{ field, value: raw, message: id.reason }]);
  return id;
}

export const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/** What an out-of-scope duplicate refusal withholds from the user: kept for the audit trail. */
export interface HiddenDuplicate {
  idNumber: string;
  existingHouseholdNo: string;
  existingCountyCode: string;
  existingVillageCode: string;
  existingHeadName: string;
  existingMemberName: string;
  targetHouseholdNo: string;
}

/** The 409 of an ID number registered outside the user's scope: says where to ask, names nothing. */
export class RegisteredOutsideScope extends AppError {
  constructor(idNumber: string, target: string, refused: string, readonly hidden: HiddenDuplicate) {
    super(409, 'conflict', registeredOutsideMessage(maskIdNumber(idNumber) ?? '', refused), { field: 'idNumber', targetHouseholdNo: target });
  }
}

/** The one message for an ID number registered outside the user's area (members and import alike). */
export const registeredOutsideMessage = (shownId: string, refused: string) =>
  `证件号码 ${shownId} 已登记在您管辖范围以外的一户中，${refused}：一人只能属于一户。如需核实，请联系县级扶贫办（乡村振兴部门）`;

/** Put a withheld duplicate in the audit trail (outside the refused change's transaction). */
export async function auditHiddenDuplicate(db: Db, author: AuditActor & { at?: Date }, placeCode: string | null, hidden: HiddenDuplicate & { row?: number }): Promise<void> {
  const { idNumber, ...detail } = hidden;
  await recordAudit(db, {
    ...author,
    action: 'registry.duplicate_refused',
    objectType: 'person',
    objectId: null,
    placeCode,
    outcome: 'refused',
    after: { ...detail, idNumber: maskIdNumber(idNumber) },
    note: `证件号码已登记在用户管辖范围以外的户 ${hidden.existingHouseholdNo}（已向用户隐去）`,
  });
}

/**
 * Refuse an ID number already registered in a household: 409. Inside the user's scope
 * (`access`) it names both households; outside it names none (RegisteredOutsideScope, the
 * detail for the audit trail). `refused` says what was asked ("不能加入户 X").
 */
export async function refuseRegistered(db: Db, idNumber: string, target: string, refused: string, access: HouseholdAccess): Promise<void> {
  const owner = await q.householdOfIdNumber(db, idNumber);
  if (!owner) return;
  if (!scopeContains(access.scope, owner.village_code) || access.pairedCadreId !== null) {
    throw new RegisteredOutsideScope(idNumber, target, refused, {
      idNumber, existingHouseholdNo: owner.household_no, existingCountyCode: owner.county_code, existingVillageCode: owner.village_code,
      existingHeadName: owner.head_name, existingMemberName: owner.name, targetHouseholdNo: target,
    });
  }
  throw conflict(
    `证件号码 ${maskIdNumber(idNumber)} 已登记在户 ${owner.household_no}（户主 ${owner.head_name}）的成员 ${owner.name} 名下，${refused}：一人只能属于一户`,
    { field: 'idNumber', existingHouseholdNo: owner.household_no, targetHouseholdNo: target },
  );
}

export async function refuseSecondHead(db: Db, h: { county_code: string; household_no: string }, exceptId: string): Promise<void> {
  const head = await q.otherHead(db, h.county_code, h.household_no, exceptId);
  if (head) {
    throw conflict(`户 ${h.household_no} 已有户主 ${head.name}；请先修改原户主的与户主关系`, { field: 'relation', householdNo: h.household_no });
  }
}

export type MemberFields = Omit<MemberInput, 'idNumber'>;

export function personColumns(m: Partial<MemberFields>): Partial<q.PersonValues> {
  const map: Record<keyof MemberFields, keyof q.PersonValues> = {
    name: 'name',
    relation: 'relation',
    ethnicity: 'ethnicity',
    education: 'education',
    schooling: 'schooling',
    health: 'health',
    disabilityGrade: 'disability_grade',
    labour: 'labour',
    workStatus: 'work_status',
    insuredBasic: 'insured_basic',
    insuredSerious: 'insured_serious',
    insuredCommercial: 'insured_commercial',
    insuredPension: 'insured_pension',
    familyDoctor: 'family_doctor',
    chronicCard: 'chronic_card',
    homeSchooling: 'home_schooling',
    phone: 'phone',
  };
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(map)) {
    const value = m[key as keyof MemberFields];
    if (value !== undefined) out[column] = value;
  }
  return out as Partial<q.PersonValues>;
}

/** Keep the household's head fields in step with its head member. */
export function headChanges(person: q.PersonRow, wasHead: boolean): q.HouseholdChanges {
  if (person.relation === 'head') return { head_name: person.name, head_id_number: person.id_number };
  return wasHead ? { head_id_number: null } : {};
}

export const nullPerson: Partial<q.PersonValues> = {
  ethnicity: null,
  education: null,
  schooling: null,
  health: null,
  disability_grade: null,
  labour: null,
  work_status: null,
  insured_basic: null,
  insured_serious: null,
  insured_commercial: null,
  insured_pension: null,
  family_doctor: null,
  chronic_card: null,
  home_schooling: null,
  phone: null,
};
