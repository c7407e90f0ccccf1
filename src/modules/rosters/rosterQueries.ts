/** SQL of rosters: saved column mappings, the registry facts a roster is matched to, rosters and their rows. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { codeInScope, type PlaceScope } from '../../db/placeScope';
import type { RosterMapping } from '../../domain/rosters/fields';
import { FACTS_SEPARATOR, PackedRegistry, type Conflict } from '../../domain/rosters/match';
import type { MatchedRow } from '../../domain/rosters/matcher';

export async function mappingOf(db: Db, countyCode: string, source: string): Promise<RosterMapping | undefined> {
  const r = await sql<{ columns: RosterMapping }>`SELECT columns FROM roster_mapping WHERE county_code = ${countyCode} AND source = ${source}`.execute(db);
  return r.rows[0]?.columns;
}

export async function mappingsOf(db: Db, countyCode: string): Promise<{ source: string; columns: RosterMapping; updatedBy: string | null; updatedAt: Date }[]> {
  const r = await sql<{ source: string; columns: RosterMapping; updatedBy: string | null; updatedAt: Date }>`SELECT source, columns, updated_by AS "updatedBy", updated_at AS "updatedAt"
    FROM roster_mapping WHERE county_code = ${countyCode} ORDER BY source`.execute(db);
  return r.rows;
}

export async function saveMapping(db: Db, countyCode: string, source: string, columns: RosterMapping, by: string | null, at: Date): Promise<void> {
  await sql`INSERT INTO roster_mapping (county_code, source, columns, updated_by, updated_at) VALUES (${countyCode}, ${source}, ${JSON.stringify(columns)}::jsonb, ${by}, ${at})
    ON CONFLICT (county_code, source) DO UPDATE SET columns = EXCLUDED.columns, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`.execute(db);
}

/**
 * Every person registered under a place (a county or below), with the household facts a roster is
 * compared to, by ID number: one packed text per person (see PackedRegistry).
 */
export async function registryFacts(db: Db, place: string): Promise<PackedRegistry> {
  const county = place.slice(0, 6);
  const r = await sql<{ f: string }>`SELECT concat_ws(chr(31), p.id_number, h.household_no, h.village_code, p.name, h.status, coalesce(h.monitor_category, ''), h.attribute,
      coalesce(p.disability_grade::text, '')) AS f
    FROM person p JOIN household h ON h.county_code = p.county_code AND h.household_no = p.household_no
    WHERE p.county_code = ${county} ${place.length > 6 ? sql`AND h.village_code LIKE ${place + '%'}` : sql``}`.execute(db);
  const out = new Map<string, string>();
  for (const { f } of r.rows) {
    const cut = f.indexOf(FACTS_SEPARATOR);
    out.set(f.slice(0, cut), f.slice(cut + 1));
  }
  return new PackedRegistry(out);
}

export async function insertRoster(db: Db, r: { countyCode: string; place: string; source: string; fileName: string; rows: number; matched: number; conflicts: number; by: string | null; at: Date; purgeAfter: Date }): Promise<number> {
  const x = await sql<{ id: number }>`INSERT INTO roster (county_code, place_code, source, file_name, row_count, matched_count, conflict_count, uploaded_by, uploaded_at, purge_after)
    VALUES (${r.countyCode}, ${r.place}, ${r.source}, ${r.fileName}, ${r.rows}, ${r.matched}, ${r.conflicts}, ${r.by}, ${r.at}, ${r.purgeAfter}) RETURNING id::int AS id`.execute(db);
  return x.rows[0].id;
}

/** A roster's rows, in chunks of 1,000 (one statement each). */
export async function insertRosterRows(db: Db, countyCode: string, rosterId: number, rows: readonly MatchedRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await sql`INSERT INTO roster_row (county_code, roster_id, row_no, id_number, name, fields, category, household_no, village_code, person_name, conflicts) VALUES ${sql.join(
      chunk.map((m) => sql`(${countyCode}, ${rosterId}, ${m.rowNo}, ${m.idNumber}, ${m.name}, ${JSON.stringify(m.fields)}::jsonb, ${m.category},
        ${m.facts?.householdNo ?? null}, ${m.facts?.villageCode ?? null}, ${m.facts?.personName ?? null}, ${JSON.stringify(m.conflicts)}::jsonb)`),
    )}`.execute(db);
  }
}

export interface RosterRecord {
  countyCode: string; id: number; placeCode: string; source: string; fileName: string; rowCount: number; matchedCount: number; conflictCount: number;
  uploadedBy: string | null; uploadedAt: Date; purgeAfter: Date; purgedAt: Date | null;
}

const ROSTER_COLUMNS = sql`county_code AS "countyCode", id::int AS id, place_code AS "placeCode", source, file_name AS "fileName", row_count AS "rowCount", matched_count AS "matchedCount",
  conflict_count AS "conflictCount", uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt", purge_after AS "purgeAfter", purged_at AS "purgedAt"`;

export async function findRoster(db: Db, id: number): Promise<RosterRecord | undefined> {
  return (await sql<RosterRecord>`SELECT ${ROSTER_COLUMNS} FROM roster WHERE id = ${id}`.execute(db)).rows[0];
}

/** Rosters uploaded for places inside the scope, newest first. */
export async function listRosters(db: Db, scope: PlaceScope): Promise<RosterRecord[]> {
  return (await sql<RosterRecord>`SELECT ${ROSTER_COLUMNS} FROM roster WHERE ${codeInScope(scope, 'place_code')} ORDER BY uploaded_at DESC, id DESC LIMIT 500`.execute(db)).rows;
}

export async function countsByCategory(db: Db, countyCode: string, rosterId: number): Promise<{ category: string; rows: number; conflicts: number }[]> {
  return (await sql<{ category: string; rows: number; conflicts: number }>`SELECT category, count(*)::int AS rows, count(*) FILTER (WHERE conflicts <> '[]'::jsonb)::int AS conflicts
    FROM roster_row WHERE county_code = ${countyCode} AND roster_id = ${rosterId} GROUP BY category ORDER BY category`.execute(db)).rows;
}

export interface StoredRosterRow {
  rowNo: number; idNumber: string; name: string | null; fields: Record<string, string>; category: string; householdNo: string | null; villageCode: string | null;
  personName: string | null; conflicts: Conflict[];
}

/** Rows of a roster: all, those with conflicts, those matching nobody, or of a category. */
export async function rosterRows(db: Db, countyCode: string, rosterId: number, filter: { view: 'all' | 'conflicts' | 'unmatched'; category?: string }, offset: number, limit: number): Promise<{ total: number; rows: StoredRosterRow[] }> {
  const where = sql`county_code = ${countyCode} AND roster_id = ${rosterId}
    ${filter.view === 'conflicts' ? sql`AND conflicts <> '[]'::jsonb` : filter.view === 'unmatched' ? sql`AND category = 'unmatched'` : sql``}
    ${filter.category ? sql`AND category = ${filter.category}` : sql``}`;
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM roster_row WHERE ${where}`.execute(db);
  const r = await sql<StoredRosterRow>`SELECT row_no AS "rowNo", id_number AS "idNumber", name, fields, category, household_no AS "householdNo", village_code AS "villageCode",
      person_name AS "personName", conflicts FROM roster_row WHERE ${where} ORDER BY row_no OFFSET ${offset} LIMIT ${limit}`.execute(db);
  return { total: total.rows[0].n, rows: r.rows };
}

/** Delete the rows of rosters whose retention has ended; the roster record stays, marked purged. */
export async function purgeRosters(db: Db, now: Date): Promise<number> {
  const r = await sql<{ id: number }>`WITH gone AS (UPDATE roster SET purged_at = ${now} WHERE purged_at IS NULL AND purge_after <= ${now} RETURNING county_code, id)
    DELETE FROM roster_row x USING gone WHERE x.county_code = gone.county_code AND x.roster_id = gone.id RETURNING x.roster_id::int AS id`.execute(db);
  return new Set(r.rows.map((x) => x.id)).size;
}
