/**
 * Database failures a request can meet under load, told apart so that the server answers each
 * with a clear 503 (see src/server/load.ts): no connection free within the bound (busy), a
 * statement cancelled by its timeout, the database down or restarting.
 */
import { PoolWaitTimeout } from './pgliteDriver';

export type DbFault = 'busy' | 'statement_timeout' | 'unavailable';

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03']);
const UNAVAILABLE_MESSAGES = /Connection terminated|connection error|Client was closed|Cannot use a pool after calling end|PGlite is closed/i;

/** Which of the load faults an error is, or null for any other error. */
export function classifyDbError(error: unknown): DbFault | null {
  if (!error || typeof error !== 'object') return null;
  if (error instanceof PoolWaitTimeout) return 'busy';
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof message === 'string' && message.startsWith('timeout exceeded when trying to connect')) return 'busy';
  if (code === '57014') return 'statement_timeout';
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return 'unavailable';
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return 'unavailable';
  return null;
}

const statements = new WeakMap<object, string>();

/** Remember the SQL of a failed statement with its error (the Kysely log hook calls this). */
export function tagStatement(error: unknown, statement: string): void {
  if (error && typeof error === 'object') statements.set(error, statement);
}

/** The SQL of the statement an error came from, when known: the log names it. */
export function statementOf(error: unknown): string | undefined {
  return error && typeof error === 'object' ? statements.get(error) : undefined;
}
