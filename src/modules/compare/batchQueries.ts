/** SQL of reference batches and their rows, and of the versioned rule sets. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { ReferenceRow } from '../../domain/compare/rowParse';

/** A text[] parameter (one bound value per item). */
export const textList = (items: readonly string[]) => sql`ARRAY[${sql.join(items.map((c) => sql`${c}::text`))}]::text[]`;

export interface BatchRow {
  countyCode: string;
  id: number;
  kind: string;
  source: string;
  fileName: string;
  asOf: string;
  status: string;
  rowCount: number;
  errorCount: number;
  importedBy: string | null;
  importedAt: Date;
  purgedAt: Date | null;
  current: boolean;
}

const BATCH_COLUMNS = sql`b.county_code AS "countyCode", b.id::int AS id, b.kind, b.source, b.file_name AS "fileName", to_char(b.as_of, 'YYYY-MM-DD') AS "asOf",
  b.status, b.row_count AS "rowCount", b.error_count AS "errorCount", b.imported_by AS "importedBy", b.imported_at AS "importedAt", b.purged_at AS "purgedAt"`;

/** Whether b is the current batch of its kind in its county: the newest complete batch not purged. */
const IS_CURRENT = sql`b.id = (SELECT x.id FROM compare_batch x WHERE x.county_code = b.county_code AND x.kind = b.kind AND x.status = 'complete' AND x.purged_at IS NULL
  ORDER BY x.as_of DESC, x.id DESC LIMIT 1)`;

export async function insertBatch(db: Db, b: { countyCode: string; kind: string; source: string; fileName: string; asOf: string; status: string; rowCount: number; errorCount: number; importedBy: string | null; at: Date }): Promise<number> {
  const r = await sql<{ id: number }>`INSERT INTO compare_batch (county_code, kind, source, file_name, as_of, status, row_count, error_count, imported_by, imported_at)
    VALUES (${b.countyCode}, ${b.kind}, ${b.source}, ${b.fileName}, ${b.asOf}, ${b.status}, ${b.rowCount}, ${b.errorCount}, ${b.importedBy}, ${b.at}) RETURNING id::int AS id`.execute(db);
  return r.rows[0].id;
}

/** Rows of a batch, in chunks of a few hundred (one statement each). */
export async function insertRows(db: Db, countyCode: string, batchId: number, rows: readonly ReferenceRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await sql`INSERT INTO compare_row (county_code, batch_id, row_no, id_number, name, place_code, category, role, status, amount, grade, on_date, detail) VALUES ${sql.join(
      chunk.map((r) => sql`(${countyCode}, ${batchId}, ${r.rowNo}, ${r.idNumber}, ${r.name}, ${r.placeCode}, ${r.category}, ${r.role}, ${r.status}, ${r.amount}, ${r.grade}, ${r.onDate}, ${JSON.stringify(r.detail)}::jsonb)`),
    )}`.execute(db);
  }
}

/** Batches of these counties, newest first, with whether each is its kind's current batch. */
export async function listBatches(db: Db, counties: readonly string[] | null, kinds: readonly string[], kind?: string): Promise<BatchRow[]> {
  if (kinds.length === 0 || counties?.length === 0) return [];
  const r = await sql<BatchRow>`SELECT ${BATCH_COLUMNS},
      coalesce(${IS_CURRENT}, false) AS current
    FROM compare_batch b
    WHERE b.kind IN (${sql.join(kinds)}) ${counties ? sql`AND b.county_code IN (${sql.join(counties)})` : sql``} ${kind ? sql`AND b.kind = ${kind}` : sql``}
    ORDER BY b.imported_at DESC, b.id DESC LIMIT 500`.execute(db);
  return r.rows;
}

export async function findBatch(db: Db, id: number): Promise<BatchRow | undefined> {
  const r = await sql<BatchRow>`SELECT ${BATCH_COLUMNS},
      coalesce(${IS_CURRENT}, false) AS current
    FROM compare_batch b WHERE b.id = ${id}`.execute(db);
  return r.rows[0];
}

/** A stored row reads back as it was written. */
export type StoredRow = ReferenceRow;

export async function rowsOfBatch(db: Db, countyCode: string, batchId: number, offset: number, limit: number): Promise<{ total: number; rows: StoredRow[] }> {
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM compare_row WHERE county_code = ${countyCode} AND batch_id = ${batchId}`.execute(db);
  const r = await sql<StoredRow>`SELECT row_no AS "rowNo", id_number AS "idNumber", name, place_code AS "placeCode", category, role, status, amount::float8 AS amount, grade, to_char(on_date, 'YYYY-MM-DD') AS "onDate", detail
    FROM compare_row WHERE county_code = ${countyCode} AND batch_id = ${batchId} ORDER BY row_no OFFSET ${offset} LIMIT ${limit}`.execute(db);
  return { total: total.rows[0].n, rows: r.rows };
}

/** Counties with a complete batch, under a place code prefix ('' for all). */
export async function countiesWithBatches(db: Db, prefix: string): Promise<string[]> {
  const r = await sql<{ c: string }>`SELECT DISTINCT county_code AS c FROM compare_batch WHERE status = 'complete' AND purged_at IS NULL AND county_code LIKE ${prefix + '%'} ORDER BY 1`.execute(db);
  return r.rows.map((x) => x.c);
}

/**
 * Purge the rows of batches of these counties that are not current and were imported before
 * `before` (a refused batch, or one a newer complete batch of its kind has replaced); the batch
 * record stays. Returns how many batches were purged per county.
 */
export async function purgeBatches(db: Db, counties: readonly string[], before: Date, at: Date): Promise<Map<string, number>> {
  const r = await sql<{ countyCode: string; n: number }>`WITH cur AS (SELECT DISTINCT ON (county_code, kind) county_code, id FROM compare_batch
      WHERE county_code = ANY(${textList(counties)}) AND status = 'complete' AND purged_at IS NULL ORDER BY county_code, kind, as_of DESC, id DESC),
    gone AS (UPDATE compare_batch b SET purged_at = ${at} WHERE b.county_code = ANY(${textList(counties)}) AND b.purged_at IS NULL AND b.imported_at < ${before}
      AND NOT EXISTS (SELECT 1 FROM cur WHERE cur.county_code = b.county_code AND cur.id = b.id) RETURNING b.county_code, b.id),
    rows AS (DELETE FROM compare_row r USING gone WHERE r.county_code = gone.county_code AND r.batch_id = gone.id RETURNING 1)
    SELECT county_code AS "countyCode", count(*)::int AS n FROM gone WHERE (SELECT count(*) FROM rows) >= 0 GROUP BY 1`.execute(db);
  return new Map(r.rows.map((x) => [x.countyCode, x.n]));
}

export async function latestRuleSet(db: Db): Promise<{ version: number; rules: unknown; note: string | null; publishedBy: string | null; publishedAt: Date } | undefined> {
  const r = await sql<{ version: number; rules: unknown; note: string | null; publishedBy: string | null; publishedAt: Date }>`SELECT version, rules, note, published_by AS "publishedBy", published_at AS "publishedAt"
    FROM compare_rule_set ORDER BY version DESC LIMIT 1`.execute(db);
  return r.rows[0];
}

export async function insertRuleSet(db: Db, version: number, rules: unknown, note: string | null, by: string | null, at: Date): Promise<void> {
  await sql`INSERT INTO compare_rule_set (version, rules, note, published_by, published_at) VALUES (${version}, ${JSON.stringify(rules)}::jsonb, ${note}, ${by}, ${at}) ON CONFLICT (version) DO NOTHING`.execute(db);
}
