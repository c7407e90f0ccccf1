/** Assistance (帮扶): cadres and pairings, visits, plans (一户一策), the left-behind register, the field app's sync. */
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import type { HouseholdAccess } from '../../db/householdReach';
import { notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import * as mq from './measureQueries';
import type { Actor } from './pairing';
import * as q from './queries';
import * as vq from './visitQueries';

export { createCadre, pairHouseholds, endPairing, addTeamMember, endTeamMember, pairingModelOf, type Actor } from './pairing';
export { recordVisit, visitOverdue, checkPhoto, reachHousehold, type Visitor, type OverdueReport } from './visits';
export { addMeasure, householdPlan, coverage, leftBehindRegister, type LeftBehindCategory } from './plans';
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

export const locatePairing = (db: Db, countyCode: string, id: number) => q.findPairing(db, countyCode, id);
export { loadAssistanceDemo, linkDemoCadre, loadChayuMeasures, CHAYU_MEASURES } from './demo';
