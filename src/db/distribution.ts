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
  county_recheck_draw: "the centre's yearly draw of exited counties, which each county's re-check references",
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

/** The county tables of `schema`, each after the county tables it references (foreign keys). */
export async function countyTablesInOrder(db: Db, schema = 'public'): Promise<string[]> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relkind IN ('r', 'p')
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'county_code' AND NOT a.attisdropped)
    ORDER BY 1`.execute(db);
  const { rows: edges } = await sql<{ child: string; parent: string }>`
    SELECT c.relname AS child, r.relname AS parent FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = ${schema} AND c.oid <> r.oid`.execute(db);
  const names = new Set(tables.map((t) => t.name));
  const parents = new Map<string, string[]>();
  for (const e of edges) if (names.has(e.child) && names.has(e.parent)) parents.set(e.child, [...(parents.get(e.child) ?? []), e.parent]);
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (placed.has(name)) return;
    if (path.has(name)) throw new Error(`县级表的外键成环：${[...path, name].join(' → ')}`);
    path.add(name);
    for (const p of parents.get(name) ?? []) visit(p, path);
    path.delete(name);
    placed.add(name);
    ordered.push(name);
  };
  // household first: every other county table is co-located with it.
  for (const name of ['household', ...tables.map((t) => t.name)]) if (names.has(name)) visit(name, new Set());
  return ordered;
}

/**
 * The statements that distribute a migrated fupin database on a Citus coordinator: the reference
 * tables first, then every county table by county_code, co-located with household, each after
 * the tables it references. `fupin distribute --print` shows them (the documented SQL path).
 */
export async function distributionStatements(db: Db, schema = 'public'): Promise<string[]> {
  const q = (name: string) => `'${schema}.${name}'`;
  const reference = Object.keys(REFERENCE_TABLES).map((t) => `SELECT create_reference_table(${q(t)});`);
  const county = (await countyTablesInOrder(db, schema)).map((t) =>
    t === 'household'
      ? `SELECT create_distributed_table(${q(t)}, 'county_code');`
      : `SELECT create_distributed_table(${q(t)}, 'county_code', colocate_with => ${q('household')});`,
  );
  return [...reference, ...county];
}

/** Why this database cannot be distributed now (null when it can): not Citus, or what Citus would refuse. */
export async function distributionRefusal(db: Db, schema = 'public'): Promise<string | null> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'citus'`.execute(db);
  if (rows[0]!.n === 0) {
    return '此数据库不是 Citus 协调节点（没有安装 citus 扩展）：普通 PostgreSQL 无需分布，也无法分布。要分布部署，请在 Citus 协调节点上运行（见 docs/deployment.md）。';
  }
  const violations = await distributionViolations(db, schema);
  if (violations.length > 0) {
    return `数据库结构中还有 ${violations.length} 处 Citus 不接受的定义，分布前须先修正：\n` + violations.map((v) => '  ' + violationText(v)).join('\n');
  }
  return null;
}
