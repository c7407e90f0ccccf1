/** Rules every change to members keeps: valid ID numbers, one person one household, one head. */
import type { Db } from '../../db/database';
import { maskIdNumber, parseIdNumber } from '../../domain/idNumber';
import { badRequest, conflict } from '../../server/errors';
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

/**
 * Refuse an ID number already registered in a household: 409 naming both households.
 * `refused` says what was asked ("不能加入户 X").
 */
export async function refuseRegistered(db: Db, idNumber: string, target: string, refused: string): Promise<void> {
  const owner = await q.householdOfIdNumber(db, idNumber);
  if (!owner) return;
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
