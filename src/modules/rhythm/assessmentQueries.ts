/** SQL of 考核: schemes, entered scores, and the submissions counted by a computed indicator. */
import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { codeUnder } from '../../db/placeScope';
import type { Indicator } from '../../domain/rhythm/assessment';

export interface SchemeRow {
  countyCode: string;
  id: number;
  year: number;
  title: string;
  assessOn: string;
  source: string | null;
  indicators: Indicator[];
}

const SCHEME = ['county_code as countyCode', 'id', 'year', 'title', 'assess_on as assessOn', 'source', 'indicators'] as const;

export async function insertScheme(db: Db, row: Omit<SchemeRow, 'id'>, by: string | null): Promise<number> {
  const { id } = await db
    .insertInto('assessment_scheme')
    .values({ county_code: row.countyCode, year: row.year, title: row.title, assess_on: row.assessOn, source: row.source, indicators: JSON.stringify(row.indicators), created_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function findScheme(db: Db, county: string, id: number): Promise<SchemeRow | undefined> {
  const row = await db.selectFrom('assessment_scheme').select(SCHEME).where('county_code', '=', county).where('id', '=', id).executeTakeFirst();
  return row && { ...row, indicators: row.indicators as Indicator[] };
}

export async function schemesUnder(db: Db, place: string, year: number): Promise<SchemeRow[]> {
  const rows = await db
    .selectFrom('assessment_scheme')
    .select(SCHEME)
    .where(place.length >= 6 ? sql<SqlBool>`county_code = ${place.slice(0, 6)}` : codeUnder(place, 'county_code'))
    .where('year', '=', year)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, indicators: r.indicators as Indicator[] }));
}

export async function upsertEntry(db: Db, e: { county: string; schemeId: number; placeCode: string; indicatorCode: string; score: number; evidence: string; by: string | null; at: Date }): Promise<void> {
  await db
    .insertInto('assessment_entry')
    .values({ county_code: e.county, scheme_id: e.schemeId, place_code: e.placeCode, indicator_code: e.indicatorCode, score: e.score, evidence: e.evidence, entered_by: e.by, entered_at: e.at })
    .onConflict((oc) => oc.columns(['county_code', 'scheme_id', 'place_code', 'indicator_code']).doUpdateSet({ score: e.score, evidence: e.evidence, entered_by: e.by, entered_at: e.at }))
    .execute();
}

export async function entriesOf(db: Db, county: string, schemeId: number) {
  return db
    .selectFrom('assessment_entry')
    .select(['place_code as placeCode', 'indicator_code as indicatorCode', 'score', 'evidence'])
    .where('county_code', '=', county)
    .where('scheme_id', '=', schemeId)
    .execute();
}

/** Months of the year each township reported on time, first submission on or before the 考核 date. */
export async function onTimeMonths(db: Db, county: string, year: number, until: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('month_report')
    .select(['place_code as placeCode', sql<number>`count(*)::int`.as('n')])
    .where('county_code', '=', county)
    .where('month', '>=', `${year}-01-01`)
    .where('month', '<=', `${year}-12-01`)
    .where('late', '=', false)
    .where('first_submitted_on', '<=', until)
    .groupBy('place_code')
    .execute();
  return new Map(rows.map((r) => [r.placeCode, r.n]));
}

/** The last month-end snapshot month of a county before the 考核 date's month (null: none). */
export async function lastMonthEnd(db: Db, county: string, assessOn: string): Promise<string | null> {
  const row = await db
    .selectFrom('month_snapshot')
    .select(sql<string>`max(month)`.as('month'))
    .where('county_code', '=', county)
    .where('kind', '=', 'month_end')
    .where('month', '<', `${assessOn.slice(0, 7)}-01`)
    .executeTakeFirst();
  return row?.month ?? null;
}
