/**
 * Changes to the registry: add a member, correct a member, update a household's own record.
 * Each runs in one transaction that ends with its audit event (before/after of the changed
 * fields, masked as auditValues.ts explains), so a change and its event commit together.
 */
import type { Db } from '../../db/database';
import type { HouseholdAccess } from '../../db/householdReach';
import { notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { auditedChange, HOUSEHOLD_FIELDS, MEMBER_FIELDS } from './auditValues';
import { cardOf } from './card';
import { auditHiddenDuplicate, headChanges, inTransaction, isUniqueViolation, nullPerson, personColumns, RegisteredOutsideScope, refuseRegistered, refuseSecondHead, validIdNumber } from './memberRules';
import * as q from './queries';
import { householdPatchSchema, memberInputSchema, memberPatchSchema, type HouseholdDetail, type MemberChange } from './schemas';
import { parseInput } from './validation';
import { memberOf } from './views';

/** Who makes a change, and when (default now). */
export type ChangeAuthor = AuditActor & { at?: Date };

const memberNote = (householdNo: string, name: string) => `户 ${householdNo} 成员 ${name}`;

/** Add a member to a household within reach (ID validated, sex and birth date derived, size kept). */
export async function addMember(db: Db, access: HouseholdAccess, householdNo: string, input: unknown, author: ChangeAuthor): Promise<MemberChange> {
  const m = parseInput(memberInputSchema, input, '成员信息');
  const id = validIdNumber(m.idNumber, 'idNumber');
  const { idNumber: _given, ...fields } = m;
  let place: string | null = null;
  try {
    return await inTransaction(db, async (trx) => {
      const h = await q.householdByNo(trx, access, householdNo, true);
      if (!h) throw notFound(`户 ${householdNo} `);
      place = h.village_code;
      await refuseRegistered(trx, id.idNumber, householdNo, `不能再加入户 ${householdNo}`, access);
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
      const change = auditedChange(MEMBER_FIELDS, null, person);
      await recordAudit(trx, {
        ...author,
        action: 'member.add',
        objectType: 'person',
        objectId: person.member_key,
        placeCode: h.village_code,
        before: null,
        after: change.after,
        note: memberNote(h.household_no, person.name),
      });
      return { householdNo: h.household_no, member: memberOf(person) };
    });
  } catch (e) {
    throw await refusal(db, e, author, place, isUniqueViolation(e) ? () => refuseRegistered(db, id.idNumber, householdNo, `不能再加入户 ${householdNo}`, access) : null);
  }
}

/** Correct a member's details, including a wrong ID number; the member is named by its key. */
export async function updateMember(
  db: Db,
  access: HouseholdAccess,
  householdNo: string,
  memberKey: string,
  patch: unknown,
  author: ChangeAuthor,
): Promise<MemberChange> {
  const p = parseInput(memberPatchSchema, patch, '成员信息');
  const next = p.idNumber === undefined ? undefined : validIdNumber(p.idNumber, 'idNumber');
  let refused = '';
  let place: string | null = null;
  try {
    return await inTransaction(db, async (trx) => {
      const before = await q.memberForUpdate(trx, access, householdNo, memberKey);
      if (!before) throw notFound(`户 ${householdNo} 的成员 ${memberKey} `);
      const { village_code: villageCode, ...beforePerson } = before;
      place = villageCode;
      refused = `不能改作户 ${before.household_no} 成员 ${before.name} 的证件号码`;
      const changes = personColumns(p);
      if (next && next.idNumber !== before.id_number) {
        await refuseRegistered(trx, next.idNumber, before.household_no, refused, access);
        Object.assign(changes, { id_number: next.idNumber, sex: next.sex, birth_date: next.birthDate });
      }
      if (p.relation === 'head' && before.relation !== 'head') await refuseSecondHead(trx, before, before.id_number);
      const change = auditedChange(MEMBER_FIELDS, beforePerson, { ...beforePerson, ...changes });
      if (change.fields.length === 0) return { householdNo: before.household_no, member: memberOf(beforePerson) };
      const after = await q.updatePerson(trx, before.county_code, before.id_number, changes);
      await q.updateHouseholdRecord(trx, before.county_code, before.household_no, headChanges(after, before.relation === 'head'));
      await recordAudit(trx, {
        ...author,
        action: 'member.update',
        objectType: 'person',
        objectId: after.member_key,
        placeCode: villageCode,
        before: change.before,
        after: change.after,
        note: memberNote(after.household_no, after.name),
      });
      return { householdNo: after.household_no, member: memberOf(after) };
    });
  } catch (e) {
    throw await refusal(db, e, author, place, isUniqueViolation(e) && next ? () => refuseRegistered(db, next.idNumber, householdNo, refused, access) : null);
  }
}

/**
 * The error a failed member change answers: a unique violation (a race with another writer)
 * is named like the check before it; a duplicate outside the user's scope is written to the
 * audit trail (after the refused change rolled back; inside a caller's transaction that
 * transaction decides) and answered without its detail.
 */
async function refusal(db: Db, e: unknown, author: ChangeAuthor, place: string | null, recheck: (() => Promise<void>) | null): Promise<unknown> {
  let error = e;
  if (recheck && !db.isTransaction) {
    try {
      await recheck();
    } catch (named) {
      error = named;
    }
  }
  if (error instanceof RegisteredOutsideScope) await auditHiddenDuplicate(db, author, place, error.hidden);
  return error;
}

/** Update a household's own record (not its status, which changes through its procedures). */
export async function updateHousehold(db: Db, access: HouseholdAccess, householdNo: string, patch: unknown, author: ChangeAuthor): Promise<HouseholdDetail> {
  const p = parseInput(householdPatchSchema, patch, '户信息');
  return inTransaction(db, async (trx) => {
    const h = await q.householdByNo(trx, access, householdNo, true);
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
      water_horizontal_m: p.waterHorizontalM,
      water_vertical_m: p.waterVerticalM,
      open_risk_types: p.openRiskTypes,
    };
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as q.HouseholdChanges;
    const change = auditedChange(HOUSEHOLD_FIELDS, h, { ...h, ...defined });
    if (change.fields.length === 0) return cardOf(trx, h);
    await q.updateHouseholdRecord(trx, h.county_code, h.household_no, defined);
    const updated = await q.householdByNo(trx, access, householdNo);
    const card = await cardOf(trx, updated!);
    await recordAudit(trx, {
      ...author,
      action: 'household.update',
      objectType: 'household',
      objectId: h.household_no,
      placeCode: h.village_code,
      before: change.before,
      after: change.after,
      note: `户 ${h.household_no}`,
    });
    return card;
  });
}
