/**
 * The audit chain's pure part: each event's hash is SM3(prev_hash + canonical JSON of the
 * event) (events written before migration 016: SHA-256, the algorithm stored per event), so
 * changing, removing or reordering a stored event breaks every later link.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditOutcome = 'success' | 'failure' | 'refused';

/** The hashed content of one event, exactly as stored and read back. */
export interface ChainedEvent {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  role: string | null;
  address: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  placeCode: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
  note: string | null;
}

/** JSON with object keys sorted at every depth: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const entries = Object.keys(value as Record<string, unknown>)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => JSON.stringify(k) + ':' + canonicalJson((value as Record<string, unknown>)[k]));
  return '{' + entries.join(',') + '}';
}

/** The hash algorithms of the chain: SM3 (GB/T 32905, 密评) for new events; SHA-256 for older ones. */
export type HashAlgorithm = 'sm3' | 'sha256';
export const CHAIN_HASH_ALGORITHM: HashAlgorithm = 'sm3';

export function eventHash(prevHash: string, event: ChainedEvent, algorithm: HashAlgorithm = CHAIN_HASH_ALGORITHM): string {
  return createHash(algorithm).update(prevHash + canonicalJson(event)).digest('hex');
}

// PostgreSQL text and jsonb refuse NUL and unpaired surrogates: replace them before storing.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(text: string): string {
  return text.replace(UNSTORABLE, '\uFFFD');
}

/** A before/after value as it will come back from jsonb: plain JSON, storable strings, null for nothing. */
export function storableJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'string' ? storableText(v) : v)) ?? 'null');
}
