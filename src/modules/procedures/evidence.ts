/**
 * Evidence files (佐证材料): a scanned minutes, a signed agreement, a photo of the posted
 * notice. Only PDF, JPEG and PNG are taken, recognised by their first bytes (the declared
 * type must agree), at most 20 MB and not empty; each is kept with its SHA-256 so a copy
 * shown later can be checked against what was filed.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database';
import { badRequest, notFound } from '../../server/errors';
import { evidenceByIds, evidenceContent, insertEvidence, type EvidenceRow } from './evidenceQueries';

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

const SIGNATURES: { mediaType: string; label: string; magic: number[] }[] = [
  { mediaType: 'application/pdf', label: 'PDF', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mediaType: 'image/jpeg', label: 'JPEG', magic: [0xff, 0xd8, 0xff] },
  { mediaType: 'image/png', label: 'PNG', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** The media type of a file by its content, or a problem in Chinese naming the file. */
export function checkEvidenceFile(name: string, declaredType: string, bytes: Uint8Array): { mediaType: string } | { problem: string } {
  if (bytes.length === 0) return { problem: `文件「${name}」是空文件` };
  if (bytes.length > MAX_EVIDENCE_BYTES) return { problem: `文件「${name}」大小 ${(bytes.length / 1048576).toFixed(1)} MB，超过 20 MB 上限` };
  const found = SIGNATURES.find((s) => s.magic.every((b, i) => bytes[i] === b));
  if (!found) return { problem: `文件「${name}」不是 PDF、JPEG 或 PNG 文件（按文件内容判断），请上传扫描件或照片` };
  const declared = declaredType.toLowerCase().split(';')[0].trim();
  const aliases = found.mediaType === 'image/jpeg' ? ['image/jpeg', 'image/jpg', 'image/pjpeg'] : [found.mediaType];
  if (!GENERIC_TYPES.has(declared) && !aliases.includes(declared)) return { problem: `文件「${name}」声明为 ${declared}，但内容是 ${found.label} 文件` };
  return { mediaType: found.mediaType };
}

/** The digest of a file as stored (column `sha256`, algorithm in `digest_alg`): SM3 since migration 016, SHA-256 before. */
export const EVIDENCE_DIGEST = 'sm3';
export const evidenceDigest = (bytes: Uint8Array, algorithm: string = EVIDENCE_DIGEST) => createHash(algorithm).update(bytes).digest('hex');

function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || '未命名文件').slice(0, 200);
}

export interface EvidenceUpload {
  placeCode: string;
  kind: string;
  name: string;
  declaredType: string;
  bytes: Uint8Array;
  uploadedBy: string | null;
  at: Date;
}

export interface EvidenceView {
  id: number;
  placeCode: string;
  kind: string;
  name: string;
  mediaType: string;
  size: number;
  /** Hex digest of the content in `digestAlg` ('sm3', or 'sha256' for files stored before SM3). */
  digest: string;
  digestAlg: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

export const evidenceView = (e: EvidenceRow): EvidenceView => ({
  id: e.id, placeCode: e.place_code, kind: e.kind, name: e.name, mediaType: e.media_type, size: e.size, digest: e.sha256, digestAlg: e.digest_alg, uploadedBy: e.uploaded_by, uploadedAt: new Date(e.uploaded_at).toISOString(),
});

/** Keep an uploaded file after its checks (400 naming the file when it fails one). */
export async function storeEvidence(db: Db, upload: EvidenceUpload): Promise<EvidenceView> {
  if (!/^[a-z][a-z0-9_]*$/.test(upload.kind)) throw badRequest(`材料类别 ${JSON.stringify(upload.kind)} 无效`);
  const name = cleanName(upload.name);
  const checked = checkEvidenceFile(name, upload.declaredType, upload.bytes);
  if ('problem' in checked) throw badRequest(checked.problem);
  const row = await insertEvidence(db, {
    county_code: upload.placeCode.slice(0, 6),
    place_code: upload.placeCode,
    kind: upload.kind,
    name,
    media_type: checked.mediaType,
    size: upload.bytes.length,
    sha256: evidenceDigest(upload.bytes),
    digest_alg: EVIDENCE_DIGEST,
    content: upload.bytes,
    uploaded_by: upload.uploadedBy,
    uploaded_at: upload.at,
  });
  return evidenceView(row);
}

/** The files named by ids; 400 naming the ids that do not exist. */
export async function evidenceFor(db: Db, ids: readonly number[]): Promise<EvidenceRow[]> {
  const unique = [...new Set(ids)];
  const rows = await evidenceByIds(db, unique);
  const missing = unique.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length) throw badRequest(`佐证材料 ${missing.map((id) => `第 ${id} 号`).join('、')}不存在`);
  return rows;
}

export async function readEvidence(db: Db, id: number) {
  const row = await evidenceContent(db, id);
  if (!row) throw notFound(`佐证材料第 ${id} 号`);
  return row;
}
