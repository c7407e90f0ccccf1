/** SQL of authentication: users by name, failure counting, sessions, the pairing cadre's households. */
import { sql, type Insertable, type Selectable, type SqlBool } from 'kysely';
import type { Db } from '../../db/database';
import type { AppUserTable, SessionTable } from '../../db/schema';

import { forgetSession, forgetUserSessions } from './sessionCache';

export type UserRow = Selectable<AppUserTable>;
export type SessionRow = Selectable<SessionTable>;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Count one failed login atomically. A lock that has run out starts the count afresh; the
 * count reaching `maxFailures` locks the account until `lockUntil`.
 */
export async function countLoginFailure(tx: Db, userId: number, now: Date, maxFailures: number, lockUntil: Date) {
  const expired = sql<SqlBool>`locked_until IS NOT NULL AND locked_until <= ${now}`;
  const next = sql<number>`CASE WHEN ${expired} THEN 1 ELSE failed_count + 1 END`;
  return tx
    .updateTable('app_user')
    .set({
      failed_count: next,
      locked_until: sql<Date | null>`CASE WHEN ${next} >= ${maxFailures} THEN ${lockUntil}::timestamptz WHEN ${expired} THEN NULL ELSE locked_until END`,
    })
    .where('id', '=', userId)
    .returning(['failed_count', 'locked_until'])
    .executeTakeFirstOrThrow();
}

export async function clearLoginFailures(tx: Db, userId: number): Promise<void> {
  await tx.updateTable('app_user').set({ failed_count: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function setPasswordHash(tx: Db, userId: number, passwordHash: string, mustChange: boolean, now: Date): Promise<void> {
  forgetUserSessions(userId);
  await tx
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: mustChange, password_changed_at: now, failed_count: 0, locked_until: null, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(tx: Db, row: Insertable<SessionTable>): Promise<void> {
  await tx.insertInto('session').values(row).execute();
}

export async function findSession(db: Db, tokenHash: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const row = await db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .selectAll('u')
    .select(['s.token_hash', 's.csrf_hash', 's.created_at as s_created_at', 's.last_seen_at', 's.expires_at', 's.address as s_address', 's.user_agent', 's.second_factor_pending'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { token_hash, csrf_hash, s_created_at, last_seen_at, expires_at, s_address, user_agent, second_factor_pending, ...user } = row;
  return {
    session: { token_hash, user_id: user.id, csrf_hash, created_at: s_created_at, last_seen_at, expires_at, address: s_address, user_agent, second_factor_pending },
    user,
  };
}

export async function touchSession(db: Db, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<number> {
  forgetSession(tokenHash);
  const r = await db.deleteFrom('session').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** End the user's sessions, except the one given (the session that changed the password). */
export async function deleteUserSessions(db: Db, userId: number, except: string | null = null): Promise<void> {
  forgetUserSessions(userId);
  let q = db.deleteFrom('session').where('user_id', '=', userId);
  if (except) q = q.where('token_hash', '<>', except);
  await q.execute();
}

/** Keep a new TOTP secret (sealed) awaiting its first code; replaces an unconfirmed one. */
export async function setPendingTotp(tx: Db, userId: number, sealedSecret: string, now: Date): Promise<void> {
  forgetUserSessions(userId);
  await tx.updateTable('app_user').set({ totp_secret: sealedSecret, totp_enabled_at: null, totp_last_step: null, updated_at: now }).where('id', '=', userId).execute();
}

/** Turn TOTP on (the pending secret confirmed by the code of `step`); false when nothing was pending. */
export async function enableTotp(tx: Db, userId: number, step: number, now: Date): Promise<boolean> {
  forgetUserSessions(userId);
  const r = await tx
    .updateTable('app_user')
    .set({ totp_enabled_at: now, totp_last_step: step, updated_at: now })
    .where('id', '=', userId)
    .where('totp_secret', 'is not', null)
    .where('totp_enabled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Use the code of time step `step` once: atomically moves the last used step forward; false
 * when this step (or a later one) was used already, i.e. the code is a replay.
 */
export async function useTotpStep(tx: Db, userId: number, step: number): Promise<boolean> {
  const r = await tx
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function clearTotp(tx: Db, userId: number, now: Date): Promise<void> {
  forgetUserSessions(userId);
  await tx.updateTable('app_user').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: now }).where('id', '=', userId).execute();
}

export async function countUsers(db: Db): Promise<number> {
  const r = await db.selectFrom('app_user').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

export async function pairedHouseholds(db: Db, userId: number): Promise<{ countyCode: string; householdNo: string }[]> {
  return db
    .selectFrom('cadre_household')
    .select(['county_code as countyCode', 'household_no as householdNo'])
    .where('user_id', '=', userId)
    .orderBy('county_code')
    .orderBy('household_no')
    .execute();
}

export async function isPairedHousehold(db: Db, userId: number, countyCode: string, householdNo: string): Promise<boolean> {
  const r = await db
    .selectFrom('cadre_household')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('county_code', '=', countyCode)
    .where('household_no', '=', householdNo)
    .executeTakeFirst();
  return !!r;
}

export async function addPairedHouseholds(tx: Db, userId: number, households: { countyCode: string; householdNo: string }[]): Promise<void> {
  if (households.length === 0) return;
  await tx
    .insertInto('cadre_household')
    .values(households.map((h) => ({ user_id: userId, county_code: h.countyCode, household_no: h.householdNo })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

