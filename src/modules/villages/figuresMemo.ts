/**
 * The registry figures of villages at a year-end (`registryFigures`: households and persons
 * from every household of the place), remembered per county and year against the county's
 * change counter in rollup_state, which the statement triggers on household, person and status
 * history bump in the writing transaction (migration 005). A county whose counter has not moved
 * since is answered from memory; only counties written since are read again (issue 26: the
 * 10% rule of the dashboard's listing read every household of a city on every request).
 *
 * Sound across server processes: the counter is read from the database, and an answer is
 * remembered under the counter read before it was computed (a write committed in between
 * gives a newer answer under an older counter, which the next reader sees has moved). Inside a
 * transaction nothing is remembered or answered from memory (its own uncommitted writes).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { countyUnder } from '../../db/placeScope';
import { registryFigures, type RegistryFigures } from './queries';

interface Entry {
  seq: number;
  rows: RegistryFigures[];
}

/** county:year → its figures at a change counter. Bounded: cleared when it grows past this many entries. */
const memo = new Map<string, Entry>();
const MAX_ENTRIES = 5000;

/** The counties under a place with their change counters (one row per county). */
async function countersUnder(db: Db, place: string): Promise<{ county: string; seq: number }[]> {
  const result = await sql<{ county: string; seq: number }>`
    SELECT county_code AS county, change_seq AS seq FROM rollup_state WHERE ${countyUnder(place, 'county_code')} ORDER BY county_code`.execute(db);
  return result.rows;
}

/** `registryFigures(db, place, year)` for a county or any place above it, from memory where the county has not changed. */
export async function registryFiguresRemembered(db: Db, place: string, year: number): Promise<RegistryFigures[]> {
  if (db.isTransaction || place.length > 6) return registryFigures(db, place, year);
  const counties = await countersUnder(db, place);
  const out: RegistryFigures[] = [];
  for (const { county, seq } of counties) {
    const key = `${county}:${year}`;
    const hit = memo.get(key);
    if (hit && hit.seq === seq) {
      out.push(...hit.rows);
      continue;
    }
    const rows = await registryFigures(db, county, year);
    if (memo.size >= MAX_ENTRIES) memo.clear();
    memo.set(key, { seq, rows });
    out.push(...rows);
  }
  return out;
}
