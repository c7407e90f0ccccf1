/**
 * Verified sessions kept for a few seconds, so that a request is not preceded by a database
 * read of its session (docs/access.md, "Session cache"). Every change to a user or a session
 * made by this process forgets the affected entries and keeps them out of the cache for a
 * while (long enough for the changing transaction to commit), so logout, a password change,
 * disabling or resetting an account take effect at once; a change made by another process
 * (the `fupin user` command, a second server) takes effect within the cache's lifetime.
 */
import type { SessionRow, UserRow } from './queries';

export interface FoundSession {
  session: SessionRow;
  user: UserRow;
}

/** After a change, the user's (or token's) sessions are read from the database for this long. */
const QUARANTINE_MS = 10_000;
const MAX_ENTRIES = 50_000;

const entries = new Map<string, { found: FoundSession; until: number }>();
const changedUsers = new Map<number, number>();
const changedTokens = new Map<string, number>();

const nowMs = () => performance.now();

function quarantined(found: FoundSession, tokenHash: string, startedAt: number): boolean {
  const user = changedUsers.get(found.user.id);
  const token = changedTokens.get(tokenHash);
  // A change made after the read started, or too recently to be sure it has committed.
  return (user !== undefined && user + QUARANTINE_MS > startedAt) || (token !== undefined && token + QUARANTINE_MS > startedAt);
}

/** The cached session of a token, if read from the database less than the cache's lifetime ago. */
export function cachedSession(tokenHash: string): FoundSession | undefined {
  const entry = entries.get(tokenHash);
  if (!entry) return undefined;
  if (entry.until > nowMs()) return entry.found;
  entries.delete(tokenHash);
  return undefined;
}

/** Keep a session read from the database (at `startedAt`, from `readStarted()`) for `ttlMs`, unless it changed meanwhile. */
export function keepSession(tokenHash: string, found: FoundSession, startedAt: number, ttlMs: number): void {
  if (ttlMs <= 0 || quarantined(found, tokenHash, startedAt)) return;
  if (entries.size >= MAX_ENTRIES) prune();
  entries.set(tokenHash, { found, until: nowMs() + ttlMs });
}

/** The moment a database read of a session starts (pass it to keepSession). */
export const readStarted = nowMs;

/** A session was deleted or changed: read it from the database from now on. */
export function forgetSession(tokenHash: string): void {
  entries.delete(tokenHash);
  changedTokens.set(tokenHash, nowMs());
  if (changedTokens.size > 10_000) prune();
}

/** A user was changed (disabled, password, TOTP, role) or his sessions ended: read them from the database from now on. */
export function forgetUserSessions(userId: number): void {
  for (const [token, entry] of entries) if (entry.found.user.id === userId) entries.delete(token);
  changedUsers.set(userId, nowMs());
}

function prune(): void {
  const now = nowMs();
  for (const [token, entry] of entries) if (entry.until <= now) entries.delete(token);
  for (const [user, at] of changedUsers) if (at + QUARANTINE_MS <= now) changedUsers.delete(user);
  for (const [token, at] of changedTokens) if (at + QUARANTINE_MS <= now) changedTokens.delete(token);
  if (entries.size >= MAX_ENTRIES) entries.clear();
}
