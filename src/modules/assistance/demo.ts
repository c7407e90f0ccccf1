/**
 * Assistance demo data, written set-based in the demo load's transaction:
 * - 察隅县 measures in the shape of seed 002's list (households / persons per measure type);
 * - cadres and pairings: every 察隅 household paired under seed 002's 3/2/1 model, the poor and
 *   monitored households of the demo township paired under seed 004's 15+10+15;
 * - the demo pairing cadre's user linked to a cadre record with his households.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';

/**
 * Seed 002 (察隅县 2016–2018): households and persons per measure. Seed 002 gives only persons
 * for education (1506) and social-security support (3392); the demo's household counts for
 * those two (753, 848) are its own choice. Relocation goes to the households marked relocated.
 */
export const CHAYU_MEASURES: { type: string; households: number; persons: number; relocatedOnly?: boolean }[] = [
  { type: 'industry', households: 664, persons: 3025 },
  { type: 'employment', households: 294, persons: 371 },
  { type: 'relocation', households: 180, persons: 980, relocatedOnly: true },
  { type: 'education', households: 753, persons: 1506 },
  { type: 'health', households: 476, persons: 571 },
  { type: 'social_security', households: 848, persons: 3392 },
  { type: 'ecological_ranger', households: 381, persons: 472 },
  { type: 'micro_loan', households: 99, persons: 474 },
  { type: 'micro_infrastructure', households: 682, persons: 3093 },
];

const DEMO = '(演示数据)';

/** Write 察隅's measures: `households` households of the county (a fixed pseudo-random pick per type), persons spread to sum exactly. */
export async function loadChayuMeasures(tx: Db, countyCode: string, year = 2016): Promise<void> {
  for (const m of CHAYU_MEASURES) {
    const base = Math.floor(m.persons / m.households);
    const extra = m.persons - base * m.households;
    const role = m.type === 'industry' ? 'main' : 'auxiliary';
    const relocated = m.relocatedOnly ? sql`AND h.relocated IS TRUE` : sql``;
    await sql`
      INSERT INTO household_measure (county_code, household_no, year, measure_type, role, persons, details, recorded_by)
      SELECT s.county_code, s.household_no, ${year}, ${m.type}, ${role}, ${base} + CASE WHEN s.rn <= ${extra} THEN 1 ELSE 0 END, '{}'::jsonb, ${DEMO}
      FROM (SELECT h.county_code, h.household_no, row_number() OVER (ORDER BY md5(h.household_no || ${m.type})) AS rn
            FROM household h WHERE h.county_code = ${countyCode} ${relocated}) s
      WHERE s.rn <= ${m.households}`.execute(tx);
  }
}

interface RankShare {
  rank: string;
  label: string;
  /** Households per cadre of this rank (the quota). */
  each: number;
  /** Cadres of this rank (the rest of the households go to the last rank). */
  cadres: number | null;
}

/**
 * Pair households under `place` (filtered by status when given) with new demo cadres, rank by
 * rank: `cadres` cadres of each rank take `each` households apiece; the last rank takes the rest.
 */
async function pairDemoHouseholds(tx: Db, place: string, statuses: readonly string[] | null, ranks: RankShare[], unit: string, startedOn: string): Promise<void> {
  const byStatus = statuses ? sql`AND h.status IN (${sql.join(statuses)})` : sql``;
  const where = place.length === 6 ? sql`h.county_code = ${place}` : sql`h.county_code = ${place.slice(0, 6)} AND h.township_code = ${place}`;
  let offset = 0;
  for (const [i, r] of ranks.entries()) {
    const last = i === ranks.length - 1;
    const count = last ? null : r.cadres;
    const limit = count === null ? sql`` : sql`AND s.rn <= ${offset + count * r.each}`;
    await sql`
      WITH s AS (
        SELECT h.county_code, h.household_no, h.village_code, row_number() OVER (ORDER BY h.village_code, h.household_no) AS rn
        FROM household h WHERE ${where} ${byStatus}
      ), pick AS (
        SELECT s.*, (s.rn - ${offset} - 1) / ${r.each} AS k FROM s WHERE s.rn > ${offset} ${limit}
      ), made AS (
        INSERT INTO cadre (name, unit, rank, place_code)
        SELECT ${r.label} || '（演示）' || lpad((k + 1)::text, 4, '0'), ${unit}, ${r.rank}, min(village_code) FROM pick GROUP BY k ORDER BY k
        RETURNING id, name
      )
      INSERT INTO pairing (county_code, household_no, cadre_id, started_on)
      SELECT p.county_code, p.household_no, m.id, ${startedOn}::date
      FROM pick p JOIN made m ON m.name = ${r.label} || '（演示）' || lpad((p.k + 1)::text, 4, '0')`.execute(tx);
    if (count !== null) offset += count * r.each;
  }
}

/** The assistance part of the demo load (inside its transaction). */
export async function loadAssistanceDemo(tx: Db, options: { chayu: string; township: string }): Promise<void> {
  await loadChayuMeasures(tx, options.chayu);
  await pairDemoHouseholds(
    tx,
    options.chayu,
    null,
    [
      { rank: 'county_leader', label: '察隅县级领导', each: 3, cadres: 20 },
      { rank: 'section_chief', label: '察隅科级干部', each: 2, cadres: 200 },
      { rank: 'other_cadre', label: '察隅干部', each: 1, cadres: null },
    ],
    '察隅县直单位',
    '2016-03-01',
  );
  await pairDemoHouseholds(
    tx,
    options.township,
    ['poor', 'returned', 'monitored'],
    [
      { rank: 'township_leader', label: '镇班子成员', each: 15, cadres: 5 },
      { rank: 'township_cadre', label: '镇干部', each: 10, cadres: 10 },
      { rank: 'village_cadre', label: '村干部', each: 15, cadres: null },
    ],
    '乡镇机关',
    '2020-03-01',
  );
}

/**
 * The demo pairing cadre (user `cadre`): his own cadre record, paired with his households (ending
 * the demo pairings they had, so each keeps one responsible cadre).
 */
export async function linkDemoCadre(db: Db, userId: number, villageCode: string, households: readonly { countyCode: string; householdNo: string }[]): Promise<void> {
  if (households.length === 0) return;
  await db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('cadre').select('id').where('user_id', '=', userId).executeTakeFirst();
    if (existing) return;
    const { id } = await tx.insertInto('cadre').values({ user_id: userId, name: '演示帮扶干部', unit: '乡镇机关', rank: 'village_cadre', place_code: villageCode, phone: null }).returning('id').executeTakeFirstOrThrow();
    const nos = households.map((h) => h.householdNo);
    await tx.updateTable('pairing').set({ ended_on: '2024-01-01', end_reason: '调整帮扶干部（演示）' }).where('household_no', 'in', nos).where('ended_on', 'is', null).where('started_on', '<=', '2024-01-01').execute();
    await tx.insertInto('pairing').values(households.map((h) => ({ county_code: h.countyCode, household_no: h.householdNo, cadre_id: id, started_on: '2024-01-01' }))).execute();
  });
}
