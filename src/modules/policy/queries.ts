/** SQL of policy records: versions per region and effective year, never overwritten once active. */
import { sql, type Expression, type Selectable, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import type { PolicyRecordTable } from '../../db/schema';
import type { PlaceScope } from '../../db/placeScope';
import { NATIONAL_REGION } from '../../domain/policy/record';

export type PolicyRow = Selectable<PolicyRecordTable> & { region_name: string | null };

/** Serialises version numbering and activation (one transaction at a time). */
const POLICY_LOCK = 7_270_003;

export async function lockPolicies(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${POLICY_LOCK})`.execute(db);
}

function selectRows(db: Db) {
  return db
    .selectFrom('policy_record as r')
    .leftJoin('place as p', 'p.code', 'r.region_code')
    .selectAll('r')
    .select('p.name as region_name');
}

export interface PolicyRowFilter {
  regionCode?: string;
  status?: string;
  effectiveYear?: number;
  /** Only records that govern places of this scope: the national default, regions above the scope, regions inside it. */
  visibleTo?: PlaceScope;
}

/** SQL condition: record r governs some place of the scope. */
function governsScope(scope: PlaceScope): Expression<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  const parts = scope.codes.map((c) => sql<SqlBool>`(r.region_code LIKE ${c + '%'} OR ${c} LIKE r.region_code || '%')`);
  return sql<SqlBool>`(r.region_code = ${NATIONAL_REGION}${parts.length ? sql` OR ${sql.join(parts, sql` OR `)}` : sql``})`;
}

export async function findPolicyRows(db: Db, filter: PolicyRowFilter = {}): Promise<PolicyRow[]> {
  let q = selectRows(db);
  if (filter.visibleTo !== undefined) q = q.where(governsScope(filter.visibleTo));
  if (filter.regionCode !== undefined) q = q.where('r.region_code', '=', filter.regionCode);
  if (filter.status !== undefined) q = q.where('r.status', '=', filter.status);
  if (filter.effectiveYear !== undefined) q = q.where('r.effective_year', '=', filter.effectiveYear);
  return q.orderBy('r.region_code').orderBy('r.effective_year').orderBy('r.version').execute();
}

export async function findPolicyRow(db: Db, id: string): Promise<PolicyRow | undefined> {
  return selectRows(db).where('r.id', '=', id).executeTakeFirst();
}

export async function findActiveRows(db: Db): Promise<Selectable<PolicyRecordTable>[]> {
  return db.selectFrom('policy_record').selectAll().where('status', '=', 'active').execute();
}

/** Every active record and whether the record `marker` exists (any status), in one statement. */
export async function findActiveRowsSeeded(db: Db, marker: string): Promise<{ rows: Selectable<PolicyRecordTable>[]; seeded: boolean | null }> {
  const rows = await db
    .selectFrom('policy_record as p')
    .selectAll('p')
    .select(sql<boolean>`EXISTS (SELECT 1 FROM policy_record m WHERE m.id = ${marker})`.as('seeded'))
    .where('p.status', '=', 'active')
    .execute();
  // No active row: nothing tells whether the marker exists (null).
  return { rows: rows.map(({ seeded: _s, ...r }) => r as Selectable<PolicyRecordTable>), seeded: rows.length ? rows[0].seeded : null };
}

export async function hasPolicyRecord(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('policy_record').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function nextVersion(db: Db, regionCode: string, effectiveYear: number): Promise<number> {
  const row = await db
    .selectFrom('policy_record')
    .select(sql<number>`coalesce(max(version), 0) + 1`.as('next'))
    .where('region_code', '=', regionCode)
    .where('effective_year', '=', effectiveYear)
    .executeTakeFirstOrThrow();
  return Number(row.next);
}

export interface NewPolicyRow {
  id?: string;
  region_code: string;
  effective_year: number;
  version: number;
  status: 'draft' | 'active';
  title: string;
  note: string | null;
  rules: unknown;
  created_by: string | null;
  activated_at?: Date | null;
}

export async function insertPolicyRow(db: Db, row: NewPolicyRow): Promise<string> {
  const inserted = await db.insertInto('policy_record').values({ ...row, rules: JSON.stringify(row.rules) }).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** A shipped default record, unless it (or its region, year and version) is there already. */
export async function insertSeedRow(db: Db, row: NewPolicyRow & { id: string }): Promise<void> {
  await db.insertInto('policy_record').values({ ...row, rules: JSON.stringify(row.rules) }).onConflict((oc) => oc.doNothing()).execute();
}

export async function updateDraftRow(db: Db, id: string, change: { title: string; note: string | null; rules: unknown }): Promise<void> {
  await db
    .updateTable('policy_record')
    .set({ title: change.title, note: change.note, rules: JSON.stringify(change.rules), updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
}

/** Mark the active version of a region and year superseded; returns its id. */
export async function supersedeActive(db: Db, regionCode: string, effectiveYear: number): Promise<string | null> {
  const row = await db
    .updateTable('policy_record')
    .set({ status: 'superseded', superseded_at: sql`now()`, updated_at: sql`now()` })
    .where('region_code', '=', regionCode)
    .where('effective_year', '=', effectiveYear)
    .where('status', '=', 'active')
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function markActive(db: Db, id: string, by: string | null): Promise<void> {
  await db
    .updateTable('policy_record')
    .set({ status: 'active', activated_by: by, activated_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

