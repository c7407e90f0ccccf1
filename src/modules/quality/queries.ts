/** SQL of the 三率一度 sample surveys and the registry's remaining poor they are read with. */
import { sql, type Insertable, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import { childPlaceColumn, inScope, underPlace, type PlaceScope } from '../../db/placeScope';
import type { QualitySurveyTable } from '../../db/schema';

export async function insertSurvey(db: Db, values: Insertable<QualitySurveyTable>) {
  return db.insertInto('quality_survey').values(values).returningAll().executeTakeFirstOrThrow();
}

/** place_code lies in the scope (a prefix test: surveys carry only their place code). */
function surveyInScope(scope: PlaceScope) {
  if (scope.all) return sql<SqlBool>`true`;
  if (scope.codes.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(scope.codes.map((c) => sql`s.place_code LIKE ${c + '%'}`), sql` OR `)})`;
}

/** The latest survey of the year of each surveyed place at or under `place`. */
export async function latestSurveys(db: Db, scope: PlaceScope, place: string, year: number) {
  const rows = await sql<Omit<QualitySurveyTable, 'id' | 'recorded_at'> & { id: number }>`
    SELECT DISTINCT ON (s.place_code) s.*
    FROM quality_survey s
    WHERE s.year = ${year} AND ${surveyInScope(scope)} AND (${place === '0'} OR s.place_code LIKE ${place + '%'})
    ORDER BY s.place_code, s.surveyed_on DESC, s.id DESC`.execute(db);
  return rows.rows;
}

const HOUSEHOLD_PLACE = { county: 'h.county_code', township: 'h.township_code', village: 'h.village_code' };

/** Persons of households still poor (未脱贫, 返贫) per child place. */
export async function remainingPoorByChild(db: Db, scope: PlaceScope, place: string): Promise<{ code: string; persons: number }[]> {
  const child = childPlaceColumn(place, HOUSEHOLD_PLACE);
  return db
    .selectFrom('household as h')
    .where(() => inScope(scope, HOUSEHOLD_PLACE))
    .where(() => (place === '0' ? sql<SqlBool>`true` : underPlace(place, HOUSEHOLD_PLACE)))
    .where('h.status', 'in', ['poor', 'returned'])
    .select([child.as('code'), sql<number>`coalesce(sum(h.size), 0)::int`.as('persons')])
    .groupBy(child)
    .execute();
}
