/** Assistance (帮扶): cadres and pairings, visits, plans (一户一策), the left-behind register, the field app's sync. */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import type { HouseholdAccess } from '../../db/householdReach';
import { conflict, notFound } from '../../server/errors';
import { maskIdNumber } from '../../domain/idNumber';
import { recordAudit } from '../audit/service';
import * as mq from './measureQueries';
import type { Actor } from './pairing';
import * as q from './queries';
import * as vq from './visitQueries';

export { createCadre, updateCadre, pairHouseholds, endPairing, addTeamMember, endTeamMember, pairingModelOf, type Actor } from './pairing';
export { recordVisit, visitOverdue, checkPhoto, reachHousehold, type Visitor, type OverdueReport } from './visits';
export { addMeasure, updateMeasure, householdPlan, coverage, leftBehindRegister, type LeftBehindCategory } from './plans';
export { syncChanges, type SyncResult } from './sync';
export { pairFromSheet } from './bulk';

export async function listUnpaired(db: Db, access: HouseholdAccess, place: string, limit = 2000) {
  const [items, total] = await Promise.all([q.unpairedHouseholds(db, access, place, limit), q.countUnpaired(db, access, place)]);
  return { total, items };
}

export const listCadres = (db: Db, scope: PlaceScope, place: string) => q.listCadres(db, scope, place);
export const listTeams = (db: Db, scope: PlaceScope, place: string) => q.listTeams(db, scope, place);
export const measureCatalogue = (db: Db) => mq.measureCatalogue(db);
export const fieldHouseholds = (db: Db, access: HouseholdAccess, limit = 500) => q.fieldHouseholds(db, access, limit);
export const listVisits = (db: Db, access: HouseholdAccess, filter: vq.VisitFilter, limit = 1000) => vq.listVisits(db, access, filter, limit);
export const locateVisit = (db: Db, id: string) => vq.locateVisit(db, id);
export const findPhoto = (db: Db, countyCode: string, visitId: string, sha256: string) => vq.findPhoto(db, countyCode, visitId, sha256);
export const findCadreOfUser = (db: Db, userId: number) => q.findCadreOfUser(db, userId);
export const findCadre = (db: Db, id: number) => q.findCadre(db, id);
export const findTeamMember = (db: Db, id: number) => q.findTeamMember(db, id);

/** Name a left-behind person's contact and rhythm (seed 004: 月探访、周通话). */
export async function setLeftBehindContact(
  db: Db,
  input: { idNumber: string; category: string; contactName: string; contactPhone: string | null; cadreId: number | null; rhythm: string },
  reach: (villageCode: string) => Promise<void>,
  actor: Actor,
): Promise<void> {
  const p = await mq.locatePerson(db, input.idNumber);
  if (!p) throw notFound('该人员');
  await reach(p.villageCode);
  await db.transaction().execute(async (tx) => {
    await mq.upsertLeftBehindContact(tx, {
      county_code: p.countyCode,
      id_number: input.idNumber,
      category: input.category,
      contact_name: input.contactName,
      contact_phone: input.contactPhone,
      cadre_id: input.cadreId,
      rhythm: input.rhythm,
    });
    await recordAudit(tx, { ...actor, action: 'left_behind.contact', objectType: 'household', objectId: p.householdNo, placeCode: p.villageCode, after: { category: input.category, contactName: input.contactName, cadreId: input.cadreId, rhythm: input.rhythm } });
  });
}

/** The member of `householdNo` whose ID number is `idNumber`, in full or as masked on the register; 404 otherwise, 409 when the masked number fits two members. */
export async function leftBehindPersonOf(db: Db, countyCode: string, householdNo: string, idNumber: string): Promise<{ idNumber: string }> {
  const members = await mq.idNumbersOfHousehold(db, countyCode, householdNo);
  const found = members.filter((m) => m === idNumber || maskIdNumber(m) === idNumber);
  if (found.length === 0) throw notFound(`户 ${householdNo} 中证件号 ${idNumber} 的人员`);
  if (found.length > 1) throw conflict(`户 ${householdNo} 中有 ${found.length} 人的证件号脱敏后都是 ${idNumber}，请填写完整身份证号`, [{ field: 'idNumber', value: idNumber, message: '请填写完整身份证号' }]);
  return { idNumber: found[0] };
}

export const locatePairing = (db: Db, countyCode: string, id: number) => q.findPairing(db, countyCode, id);
export { loadAssistanceDemo, linkDemoCadre, loadChayuMeasures, CHAYU_MEASURES } from './demo';
