/**
 * SQL of the month snapshots: take one (header and lines in the caller's transaction), find the
 * month-end one, and sum the lines under a place by month, by snapshot and by child place.
 * Lines are villages (registry rollup) and any place with rectifications.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { codeInScope, codeUnder, type PlaceScope } from '../../db/placeScope';
import { FIGURES, type FigureColumn, type Figures } from '../../domain/rhythm/labels';

export { FIGURES, type FigureColumn, type Figures };

export interface SnapshotHeader {
  countyCode: string;
  id: number;
  month: string;
  kind: string;
  underCode: string;
  statusYear: number | null;
  takenAt: Date;
  takenBy: string | null;
}

const HEADER = ['county_code as countyCode', 'id', 'month', 'kind', 'under_code as underCode', 'status_year as statusYear', 'taken_at as takenAt', 'taken_by as takenBy'] as const;

/** Counties with registry data (the month-end sweep's list). */
export async function countiesWithData(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('rollup_state').select('county_code').orderBy('county_code').execute();
  return rows.map((r) => r.county_code);
}

export async function monthEndSnapshot(db: Db, county: string, month: string): Promise<SnapshotHeader | undefined> {
  return db.selectFrom('month_snapshot').select(HEADER).where('county_code', '=', county).where('month', '=', month).where('kind', '=', 'month_end').executeTakeFirst();
}

export async function findSnapshot(db: Db, county: string, id: number): Promise<SnapshotHeader | undefined> {
  return db.selectFrom('month_snapshot').select(HEADER).where('county_code', '=', county).where('id', '=', id).executeTakeFirst();
}

/** The header of a new snapshot; null when a month-end one of that county and month exists already. */
export async function insertSnapshot(
  db: Db,
  row: { county: string; month: string; kind: string; under: string; statusYear: number | null; takenAt: Date; takenBy: string | null },
): Promise<number | null> {
  const result = await sql<{ id: number }>`
    INSERT INTO month_snapshot (county_code, month, kind, under_code, status_year, taken_at, taken_by)
    VALUES (${row.county}, ${row.month}, ${row.kind}, ${row.under}, ${row.statusYear}, ${row.takenAt}, ${row.takenBy})
    ON CONFLICT (county_code, month) WHERE kind = 'month_end' DO NOTHING
    RETURNING id`.execute(db);
  return result.rows[0] ? Number(result.rows[0].id) : null;
}

const remaining = sql`status IN ('poor', 'returned')`;

/** The lines of a snapshot: the registry year-end figures by village and the rectifications by place, under `under`. */
export async function insertSnapshotLines(db: Db, county: string, id: number, under: string, statusYear: number | null, today: string): Promise<number> {
  const sums = (filter: RawBuilder<unknown>, what: 'households' | 'persons') => sql`coalesce(sum(${sql.ref(what)}) FILTER (WHERE ${filter}), 0)::int`;
  const registry = statusYear === null
    ? sql``
    : sql`
      SELECT village_code AS place_code,
        ${sums(remaining, 'households')} AS rh, ${sums(remaining, 'persons')} AS rp,
        ${sums(sql`status = 'exited'`, 'households')} AS eh, ${sums(sql`status = 'exited'`, 'persons')} AS ep,
        ${sums(sql`change = 'exited'`, 'households')} AS xh, ${sums(sql`change = 'exited'`, 'persons')} AS xp,
        ${sums(sql`change = 'returned'`, 'households')} AS th, ${sums(sql`change = 'returned'`, 'persons')} AS tp,
        ${sums(sql`status = 'monitored'`, 'households')} AS mh, ${sums(sql`status = 'monitored'`, 'persons')} AS mp,
        0 AS o, 0 AS d
      FROM registry_rollup
      WHERE county_code = ${county} AND year = ${statusYear} AND ${codeUnder(under, 'village_code')}
      GROUP BY village_code
      UNION ALL`;
  const result = await sql`
    INSERT INTO month_snapshot_line (county_code, snapshot_id, place_code, ${sql.join(FIGURES.map((f) => sql.ref(f)))})
    SELECT ${county}, ${id}, place_code, sum(rh), sum(rp), sum(eh), sum(ep), sum(xh), sum(xp), sum(th), sum(tp), sum(mh), sum(mp), sum(o), sum(d)
    FROM (
      ${registry}
      SELECT place_code, 0 AS rh, 0 AS rp, 0 AS eh, 0 AS ep, 0 AS xh, 0 AS xp, 0 AS th, 0 AS tp, 0 AS mh, 0 AS mp,
        (count(*) FILTER (WHERE status <> 'closed'))::int AS o, (count(*) FILTER (WHERE status <> 'closed' AND deadline < ${today}))::int AS d
      FROM rectification
      WHERE ${codeUnder(under, 'place_code')}
      GROUP BY place_code
    ) x
    GROUP BY place_code`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Counties a place covers: one county at or below a county, a range of county codes above it. */
function countiesOf(place: string, column: string): RawBuilder<SqlBool> {
  return place.length >= 6 ? sql<SqlBool>`${sql.ref(column)} = ${place.slice(0, 6)}` : codeUnder(place, column);
}

const summed = sql.join(FIGURES.map((f) => sql`coalesce(sum(l.${sql.ref(f)}), 0)::int AS ${sql.ref(f)}`));

/** Figures under a place from the month-end snapshots of these months, by month. */
export async function figuresByMonth(db: Db, scope: PlaceScope, place: string, months: readonly string[]): Promise<(Figures & { month: string; counties: number })[]> {
  if (months.length === 0) return [];
  const result = await sql<Figures & { month: string; counties: number }>`
    SELECT s.month, count(DISTINCT s.county_code)::int AS counties, ${summed}
    FROM month_snapshot s
    JOIN month_snapshot_line l ON l.county_code = s.county_code AND l.snapshot_id = s.id
    WHERE s.kind = 'month_end' AND s.month IN (${sql.join(months)}) AND ${countiesOf(place, 's.county_code')}
      AND ${codeUnder(place, 'l.place_code')} AND ${codeInScope(scope, 'l.place_code')}
    GROUP BY s.month ORDER BY s.month`.execute(db);
  return result.rows;
}

const CHILD_LENGTH: Record<number, number> = { 1: 2, 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 };
export const childLength = (place: string): number => CHILD_LENGTH[place === '0' ? 1 : place.length];

/** Figures under a place from one month's month-end snapshots, by child place (lines of the place itself left out). */
export async function monthFiguresByChild(db: Db, scope: PlaceScope, place: string, month: string): Promise<(Figures & { code: string })[]> {
  const n = childLength(place);
  const result = await sql<Figures & { code: string }>`
    SELECT substr(l.place_code, 1, ${n}) AS code, ${summed}
    FROM month_snapshot s
    JOIN month_snapshot_line l ON l.county_code = s.county_code AND l.snapshot_id = s.id
    WHERE s.kind = 'month_end' AND s.month = ${month} AND ${countiesOf(place, 's.county_code')}
      AND ${codeUnder(place, 'l.place_code')} AND ${codeInScope(scope, 'l.place_code')} AND length(l.place_code) >= ${n}
    GROUP BY 1 ORDER BY 1`.execute(db);
  return result.rows;
}

/** Figures under a place of one snapshot: the total and by child place. */
export async function snapshotFigures(db: Db, county: string, id: number, place: string): Promise<{ total: Figures; children: (Figures & { code: string })[] }> {
  const n = childLength(place);
  const where = sql`l.county_code = ${county} AND l.snapshot_id = ${id} AND ${codeUnder(place, 'l.place_code')}`;
  const total = await sql<Figures>`SELECT ${summed} FROM month_snapshot_line l WHERE ${where}`.execute(db);
  const children = await sql<Figures & { code: string }>`
    SELECT substr(l.place_code, 1, ${n}) AS code, ${summed} FROM month_snapshot_line l
    WHERE ${where} AND length(l.place_code) >= ${n} GROUP BY 1 ORDER BY 1`.execute(db);
  return { total: total.rows[0], children: children.rows };
}

/** Snapshot headers of the counties under a place, newest first. */
export async function listSnapshots(db: Db, place: string, limit = 200): Promise<SnapshotHeader[]> {
  return db
    .selectFrom('month_snapshot')
    .select(HEADER)
    .where(countiesOf(place, 'county_code'))
    // Below a county: the county-wide snapshots and those of the place itself.
    .where(place.length > 6 ? sql<SqlBool>`(under_code = ${place.slice(0, 6)} OR ${codeUnder(place, 'under_code')})` : sql<SqlBool>`true`)
    .orderBy('taken_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
