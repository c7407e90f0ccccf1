/** SQL of 督查 rounds, their findings, 通报 and 问责 records (all county tables). */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { codeInScope, codeUnder, type PlaceScope } from '../../db/placeScope';

const countyOf = (place: string) => (place.length >= 6 ? sql<SqlBool>`county_code = ${place.slice(0, 6)}` : codeUnder(place, 'county_code'));

export interface RoundRow {
  countyCode: string;
  id: number;
  title: string;
  mode: string;
  places: string[];
  team: string[];
  leader: string | null;
  startsOn: string;
  endsOn: string;
  createdBy: string | null;
}

const ROUND = ['county_code as countyCode', 'id', 'title', 'mode', 'places', 'team', 'leader', 'starts_on as startsOn', 'ends_on as endsOn', 'created_by as createdBy'] as const;

export async function insertRound(db: Db, r: Omit<RoundRow, 'id'>): Promise<number> {
  const { id } = await db
    .insertInto('inspection_round')
    .values({ county_code: r.countyCode, title: r.title, mode: r.mode, places: r.places, team: r.team, leader: r.leader, starts_on: r.startsOn, ends_on: r.endsOn, created_by: r.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function findRound(db: Db, county: string, id: number, lock = false): Promise<RoundRow | undefined> {
  let query = db.selectFrom('inspection_round').select(ROUND).where('county_code', '=', county).where('id', '=', id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** Rounds of the counties under a place that overlap a year, newest first. */
export async function roundsUnder(db: Db, place: string, year: number): Promise<RoundRow[]> {
  return db
    .selectFrom('inspection_round')
    .select(ROUND)
    .where(countyOf(place))
    .where('starts_on', '<=', `${year}-12-31`)
    .where('ends_on', '>=', `${year}-01-01`)
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export interface FindingRow {
  seq: number;
  placeCode: string;
  foundOn: string;
  finding: string;
  responsibleUnit: string;
  rectificationId: number;
  createdBy: string | null;
}

export async function findingsOf(db: Db, county: string, roundId: number): Promise<FindingRow[]> {
  return db
    .selectFrom('inspection_finding')
    .select(['seq', 'place_code as placeCode', 'found_on as foundOn', 'finding', 'responsible_unit as responsibleUnit', 'rectification_id as rectificationId', 'created_by as createdBy'])
    .where('county_code', '=', county)
    .where('round_id', '=', roundId)
    .orderBy('seq')
    .execute();
}

export async function insertFinding(db: Db, county: string, roundId: number, f: Omit<FindingRow, 'seq'>): Promise<number> {
  const next = await db
    .selectFrom('inspection_finding')
    .select(sql<number>`coalesce(max(seq), 0) + 1`.as('seq'))
    .where('county_code', '=', county)
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('inspection_finding')
    .values({ county_code: county, round_id: roundId, seq: next.seq, place_code: f.placeCode, found_on: f.foundOn, finding: f.finding, responsible_unit: f.responsibleUnit, rectification_id: f.rectificationId, created_by: f.createdBy })
    .execute();
  return next.seq;
}

export interface BulletinItem {
  kind: 'praise' | 'criticism';
  placeCode: string | null;
  text: string;
  findingSeq?: number;
  rectificationId?: number;
}

export interface BulletinRow {
  countyCode: string;
  id: number;
  roundId: number | null;
  title: string;
  docNo: string | null;
  issuedOn: string;
  body: string | null;
  items: BulletinItem[];
  issuedBy: string | null;
}

const BULLETIN = ['county_code as countyCode', 'id', 'round_id as roundId', 'title', 'doc_no as docNo', 'issued_on as issuedOn', 'body', 'items', 'issued_by as issuedBy'] as const;

export async function insertBulletin(db: Db, b: Omit<BulletinRow, 'id'>): Promise<number> {
  const { id } = await db
    .insertInto('bulletin')
    .values({ county_code: b.countyCode, round_id: b.roundId, title: b.title, doc_no: b.docNo, issued_on: b.issuedOn, body: b.body, items: JSON.stringify(b.items), issued_by: b.issuedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function findBulletin(db: Db, county: string, id: number): Promise<BulletinRow | undefined> {
  const row = await db.selectFrom('bulletin').select(BULLETIN).where('county_code', '=', county).where('id', '=', id).executeTakeFirst();
  return row && { ...row, items: row.items as BulletinItem[] };
}

export async function bulletinsUnder(db: Db, place: string, year: number): Promise<BulletinRow[]> {
  const rows = await db
    .selectFrom('bulletin')
    .select(BULLETIN)
    .where(countyOf(place))
    .where('issued_on', '>=', `${year}-01-01`)
    .where('issued_on', '<=', `${year}-12-31`)
    .orderBy('issued_on', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, items: r.items as BulletinItem[] }));
}

export interface AccountabilityRow {
  countyCode: string;
  id: number;
  placeCode: string;
  person: string;
  position: string | null;
  unit: string | null;
  causeKind: string;
  causeRef: string | null;
  causeText: string;
  basis: string | null;
  measure: string;
  decidedOn: string;
  note: string | null;
}

const ACCOUNTABILITY = [
  'county_code as countyCode', 'id', 'place_code as placeCode', 'person', 'position', 'unit', 'cause_kind as causeKind', 'cause_ref as causeRef',
  'cause_text as causeText', 'basis', 'measure', 'decided_on as decidedOn', 'note',
] as const;

export async function insertAccountability(db: Db, a: Omit<AccountabilityRow, 'id'>, createdBy: string | null): Promise<number> {
  const { id } = await db
    .insertInto('accountability')
    .values({
      county_code: a.countyCode, place_code: a.placeCode, person: a.person, position: a.position, unit: a.unit, cause_kind: a.causeKind, cause_ref: a.causeRef,
      cause_text: a.causeText, basis: a.basis, measure: a.measure, decided_on: a.decidedOn, note: a.note, created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function accountabilityUnder(db: Db, scope: PlaceScope, place: string, year: number): Promise<AccountabilityRow[]> {
  return db
    .selectFrom('accountability')
    .select(ACCOUNTABILITY)
    .where(countyOf(place))
    .where(codeUnder(place, 'place_code'))
    .where(codeInScope(scope, 'place_code'))
    .where('decided_on', '>=', `${year}-01-01`)
    .where('decided_on', '<=', `${year}-12-31`)
    .orderBy('decided_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** A finding of a round by '<round>-<seq>' in a county (the cause of a 问责 record). */
export async function findingExists(db: Db, county: string, roundId: number, seq: number): Promise<{ placeCode: string; finding: string } | undefined> {
  return db
    .selectFrom('inspection_finding')
    .select(['place_code as placeCode', 'finding'])
    .where('county_code', '=', county)
    .where('round_id', '=', roundId)
    .where('seq', '=', seq)
    .executeTakeFirst();
}
