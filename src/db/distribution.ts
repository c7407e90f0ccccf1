/**
 * How fupin's tables are laid out on a Citus cluster (DESIGN.md "Distributed-safe SQL"):
 * - every table with a `county_code` column is a **county table**, distributed by `county_code`
 *   and co-located with `household`;
 * - the small shared tables that county tables reference or join on every request are
 *   **reference tables** (a copy on every node), listed below with the reason;
 * - every other table stays on the coordinator (sessions, audit, jobs' files, campaign ledgers
 *   keyed by place code).
 *
 * `distributionViolations` reads the catalog of a migrated database (plain PostgreSQL or PGlite:
 * no Citus needed) and lists what Citus would refuse. test/db/citusGuard.test.ts runs it on every
 * `npm test`, so a new module cannot add a table that would not distribute.
 */
import { sql } from 'kysely';
import type { Db } from './database';

/** Shared tables made reference tables on Citus, with the reason each is one. */
export const REFERENCE_TABLES: Readonly<Record<string, string>> = {
  place: 'every county table is joined with place names and levels',
  app_user: 'who acted (cadre_household.user_id) and sessions',
  cadre: 'pairing, visits and contacts name the cadre (帮扶干部) across counties',
  measure_type: 'the measure catalogue that 一户一策 measures reference',
  job: 'what-if changes belong to a job; jobs are few and shared',
  policy_record: 'every assessment reads the policy in force',
};

export type ViolationKind = 'unique-without-county' | 'transition-trigger' | 'identity-column' | 'foreign-key-to-local' | 'foreign-key-without-county';

export interface DistributionViolation {
  kind: ViolationKind;
  table: string;
  /** The index, trigger, column or constraint at fault. */
  object: string;
}

/** What Citus would refuse in the schema `schema` (default public), sorted. */
export async function distributionViolations(db: Db, schema = 'public'): Promise<DistributionViolation[]> {
  const reference = Object.keys(REFERENCE_TABLES);
  const { rows } = await sql<DistributionViolation>`
    WITH county AS (
      SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p')
        AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'county_code' AND NOT a.attisdropped)
    ), county_attnum AS (
      SELECT county.oid, a.attnum FROM county JOIN pg_attribute a ON a.attrelid = county.oid AND a.attname = 'county_code'
    )
    SELECT 'unique-without-county' AS kind, county.relname AS "table", i.relname AS object
      FROM pg_index x JOIN county ON county.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
      JOIN county_attnum ca ON ca.oid = county.oid
     WHERE x.indisunique AND NOT (ca.attnum = ANY (x.indkey::int2[]))
    UNION ALL
    SELECT 'transition-trigger', county.relname, t.tgname
      FROM pg_trigger t JOIN county ON county.oid = t.tgrelid
     WHERE NOT t.tgisinternal AND (t.tgoldtable IS NOT NULL OR t.tgnewtable IS NOT NULL)
    UNION ALL
    SELECT 'identity-column', county.relname, a.attname
      FROM pg_attribute a JOIN county ON county.oid = a.attrelid
     WHERE a.attidentity <> '' AND NOT a.attisdropped
    UNION ALL
    SELECT 'foreign-key-to-local', county.relname, k.conname || ' → ' || r.relname
      FROM pg_constraint k JOIN county ON county.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
     WHERE k.contype = 'f' AND r.oid NOT IN (SELECT oid FROM county) AND NOT (r.relname = ANY (${reference}::text[]))
    UNION ALL
    SELECT 'foreign-key-without-county', county.relname, k.conname
      FROM pg_constraint k JOIN county ON county.oid = k.conrelid JOIN county_attnum ca ON ca.oid = county.oid
     WHERE k.contype = 'f' AND k.confrelid IN (SELECT oid FROM county) AND NOT (ca.attnum = ANY (k.conkey))
    ORDER BY 1, 2, 3`.execute(db);
  return rows;
}

/** A violation as one line of text ("identity-column loan.id"). */
export const violationText = (v: DistributionViolation) => `${v.kind} ${v.table}.${v.object}`;
