/** SQL of evidence files (kept in the database as bytea with their digest (SM3; older files SHA-256), size and type). */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { ProcedureEvidenceTable } from '../../db/schema';

export type EvidenceRow = Omit<Selectable<ProcedureEvidenceTable>, 'content'>;

const META = ['county_code', 'id', 'place_code', 'kind', 'name', 'media_type', 'size', 'sha256', 'digest_alg', 'uploaded_by', 'uploaded_at'] as const;

export async function insertEvidence(db: Db, values: Insertable<ProcedureEvidenceTable>): Promise<EvidenceRow> {
  return db.insertInto('procedure_evidence').values(values).returning(META).executeTakeFirstOrThrow();
}

export async function evidenceByIds(db: Db, ids: readonly number[]): Promise<EvidenceRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('procedure_evidence').select(META).where('id', 'in', [...ids]).orderBy('id').execute();
}

export async function evidenceContent(db: Db, id: number): Promise<(EvidenceRow & { content: Uint8Array }) | undefined> {
  return db.selectFrom('procedure_evidence').select([...META, 'content']).where('id', '=', id).executeTakeFirst();
}
