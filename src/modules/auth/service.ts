/**
 * Authentication use cases: log in (with lockout, and a TOTP second step for users who have
 * it on), resolve a session (idle and absolute limits), log out, change a password. Every outcome that matters is audited in the same
 * transaction as the change it describes.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/database';
import { ALL_PLACES, scopeOf, type PlaceScope } from '../../db/placeScope';
import { AppError } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import type { Clock } from './clock';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { passwordExpiresAt, passwordProblems, totpRequired, type SecurityPolicy } from './policy';
import * as q from './queries';
import { matchTotp, openTotpSecret } from './totp';
import { permissionsOf, type Permission } from '../../domain/roles';
import { cachedSession, keepSession, readStarted } from './sessionCache';

export { hashPassword, oneTimePassword } from './password';
export { passwordProblems, securityPolicy, loadSecurityPolicy, totpRequired, TOTP_REQUIRED_ROLES_DEFAULT, type SecurityPolicy } from './policy';
export { systemClock, manualClock, type Clock, type ManualClock } from './clock';
export { ROLES, ROLE_CODES, PERMISSIONS, DEPARTMENT_LINES, isRole, isDepartmentLine, roleHas, roleLabel, permissionsOf, placeLevelName, PLACE_LEVEL_LABELS } from '../../domain/roles';
export type { Role, Permission, DepartmentLine } from '../../domain/roles';
export { addPairedHouseholds, type UserRow } from './queries';
export { pairedHouseholdCondition } from '../../db/householdReach';
export { forgetUserSessions } from './sessionCache';

export interface AuthDeps {
  clock: Clock;
  policy: SecurityPolicy;
  /** How long a verified session is reused without reading it again (0 or absent: read every time). */
  sessionCacheMs?: number;
}

/** The signed-in user as requests see him. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: string;
  placeCode: string;
  departmentLine: string | null;
  permissions: Permission[];
  /** A one-time or expired password: only /auth/me, /auth/password and /auth/logout answer. */
  mustChangePassword: boolean;
  passwordExpiresAt: Date | null;
  /** TOTP is on: every login needs a code after the password. */
  totpEnabled: boolean;
  /** The role must use TOTP (policy) and the user has not enrolled: only enrolment, /auth/me, /auth/password and logout answer. */
  mustEnrolTotp: boolean;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function actorOf(user: q.UserRow, policy: SecurityPolicy, now: Date): Actor {
  const expiresAt = passwordExpiresAt(new Date(user.password_changed_at), policy.password);
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    placeCode: user.place_code,
    departmentLine: user.department_line,
    permissions: permissionsOf(user.role),
    mustChangePassword: user.must_change_password || (expiresAt !== null && expiresAt <= now),
    passwordExpiresAt: expiresAt,
    totpEnabled: user.totp_enabled_at !== null,
    mustEnrolTotp: user.totp_enabled_at === null && totpRequired(user.role, policy),
  };
}

/** The place scope of a user: the nation ('0') is every place. */
export function scopeOfUser(user: { placeCode: string }): PlaceScope {
  return user.placeCode === '0' ? ALL_PLACES : scopeOf([user.placeCode]);
}

export interface LoginInput {
  username: string;
  password: string;
  address: string | null;
  userAgent: string | null;
}

export interface LoginSuccess {
  token: string;
  csrfToken: string;
  actor: Actor;
}

/** The password was right, a TOTP code is still owed: the cookies carry a half-session for the second step only. */
export interface LoginSecondFactor {
  secondFactor: 'totp';
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** How long a half-session waits for its TOTP code. */
export const SECOND_FACTOR_MINUTES = 5;

const beijingTime = (at: Date) => at.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
export const lockedMessage = (until: Date) => `账户因连续登录失败已被锁定，请在北京时间 ${beijingTime(until)} 之后重试，或请管理员解锁`;

/** The password step's one refusal (see login). */
export const invalidCredentialsMessage = (policy: SecurityPolicy) =>
  `用户名或密码错误。连续输错 ${policy.lockout.maxFailures} 次将锁定账户 ${policy.lockout.lockMinutes} 分钟；如已锁定，请稍后重试或请管理员解锁`;

export async function login(db: Db, input: LoginInput, deps: AuthDeps): Promise<LoginSuccess | LoginSecondFactor> {
  const now = deps.clock.now();
  const user = await q.findUserByUsername(db, input.username);
  const base = { at: now, address: input.address, action: 'auth.login', objectType: 'user' };
  const refuse = async (code: string, status: number, message: string, note: string, actor?: Partial<AuditActor>) => {
    await recordAudit(db, { ...base, username: input.username, ...actor, outcome: 'failure', note, objectId: user ? String(user.id) : null, placeCode: user?.place_code ?? null });
    return new AppError(status, code, message);
  };
  // One answer for an unknown name, a wrong password and a locked account (locking or
  // locked): the password step tells nobody which user names exist. The audit trail says which.
  // The lock-out rule (the same for every name, so it tells nothing of the account) lets the login page count the tries left.
  const invalid = () => new AppError(401, 'invalid_credentials', invalidCredentialsMessage(deps.policy), { maxFailures: deps.policy.lockout.maxFailures, lockMinutes: deps.policy.lockout.lockMinutes });
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await refuse('invalid_credentials', 401, '', '用户不存在');
    throw invalid();
  }
  const who = { userId: user.id, username: user.username, role: user.role };
  if (user.locked_until && new Date(user.locked_until) > now) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await refuse('account_locked', 401, '', '账户锁定中', who);
    throw invalid();
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    if (user.disabled) {
      await refuse('account_disabled', 401, '', '账户已停用（密码错误）', who);
      throw invalid();
    }
    await countFailure(db, user, now, deps, input.address, 'auth.login');
    throw invalid();
  }
  // Only the holder of the right password learns that the account is disabled.
  if (user.disabled) throw await refuse('account_disabled', 401, '账户已停用，请联系管理员', '账户已停用', who);
  if (user.totp_enabled_at !== null) return startSecondFactor(db, user, input, deps, now);
  return openSession(db, user, input, deps, now, null);
}

/**
 * The second step is a half-session rather than no session (a token handed back in the
 * body): the cookie is HttpOnly, SameSite=Strict and stored only as a hash like any session,
 * CSRF-protected like any session, expires after SECOND_FACTOR_MINUTES, and the request hook
 * never turns it into `request.user`: it reaches nothing but POST /auth/login/totp and logout
 * (every other route answers 401 as to an anonymous request). On success it is deleted and a
 * new session with new tokens is issued, so the half-session token is never promoted.
 * Login failures are not cleared here, only after the code: otherwise a thief of the password
 * could reset the failure count between code guesses and never be locked out.
 */
async function startSecondFactor(db: Db, user: q.UserRow, input: LoginInput, deps: AuthDeps, now: Date): Promise<LoginSecondFactor> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SECOND_FACTOR_MINUTES * 60_000);
  await db.transaction().execute(async (tx) => {
    await q.insertSession(tx, {
      token_hash: sha256(token),
      user_id: user.id,
      csrf_hash: sha256(csrfToken),
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      address: input.address,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
      second_factor_pending: true,
    });
    await recordAudit(tx, {
      at: now, userId: user.id, username: user.username, role: user.role, address: input.address,
      action: 'auth.totp_challenge', objectType: 'user', objectId: String(user.id), placeCode: user.place_code, note: '密码正确，等待动态口令',
    });
  });
  return { secondFactor: 'totp', token, csrfToken, expiresAt };
}

/** A full session for a user whose factors are all checked; `replacing` is the half-session it ends. */
async function openSession(db: Db, user: q.UserRow, input: LoginInput, deps: AuthDeps, now: Date, replacing: { tokenHash: string; step: number } | null): Promise<LoginSuccess> {
  const base = { at: now, address: input.address, action: 'auth.login', objectType: 'user' };
  const who = { userId: user.id, username: user.username, role: user.role };
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (tx) => {
    if (replacing) {
      // The code's step is used up in the same transaction that opens the session: of two
      // requests racing with one code, one wins and the other rolls back as a replay.
      if (!(await q.useTotpStep(tx, user.id, replacing.step))) throw new AppError(401, 'totp_replayed', TOTP_REPLAYED);
      await q.deleteSession(tx, replacing.tokenHash);
    }
    await q.clearLoginFailures(tx, user.id);
    await q.insertSession(tx, {
      token_hash: sha256(token),
      user_id: user.id,
      csrf_hash: sha256(csrfToken),
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + deps.policy.session.absoluteHours * 3_600_000),
      address: input.address,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(tx, { ...base, ...who, objectId: String(user.id), placeCode: user.place_code, ...(replacing ? { note: '密码 + 动态口令' } : {}) });
  });
  return { token, csrfToken, actor: actorOf({ ...user, failed_count: 0, locked_until: null }, deps.policy, now) };
}

const TOTP_REPLAYED = '该动态口令已使用过，请等待验证器显示下一个口令';

export interface SecondFactorInput {
  /** The half-session (request.pendingLogin). */
  tokenHash: string;
  userId: number;
  code: string;
  address: string | null;
  userAgent: string | null;
}

/**
 * The second login step: the TOTP code of the half-session's user. A wrong or replayed code
 * counts toward the lockout like a wrong password; the lock ends the half-session.
 */
export async function loginSecondFactor(db: Db, input: SecondFactorInput, deps: AuthDeps): Promise<LoginSuccess> {
  const now = deps.clock.now();
  const user = await q.findUserById(db, input.userId);
  if (!user || user.disabled || user.totp_enabled_at === null || user.totp_secret === null) {
    await q.deleteSession(db, input.tokenHash);
    throw new AppError(401, 'unauthenticated', '请重新登录');
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    await q.deleteSession(db, input.tokenHash);
    throw new AppError(401, 'account_locked', lockedMessage(new Date(user.locked_until)));
  }
  const step = matchTotp(openTotpSecret(user.totp_secret), input.code, now);
  const replayed = step !== null && user.totp_last_step !== null && step <= user.totp_last_step;
  if (step === null || replayed) {
    const locked = await countFailure(db, user, now, deps, input.address, 'auth.totp_verify', replayed ? '动态口令重复使用' : '动态口令错误');
    if (locked) {
      await q.deleteSession(db, input.tokenHash);
      throw new AppError(401, 'account_locked', `动态口令错误。连续失败 ${deps.policy.lockout.maxFailures} 次，` + lockedMessage(locked));
    }
    if (replayed) throw new AppError(401, 'totp_replayed', TOTP_REPLAYED, [{ field: 'code', message: TOTP_REPLAYED }]);
    throw new AppError(401, 'invalid_totp', '动态口令错误，请核对验证器上当前显示的 6 位数字', [{ field: 'code', message: '动态口令错误' }]);
  }
  return openSession(db, user, { username: user.username, password: '', address: input.address, userAgent: input.userAgent }, deps, now, { tokenHash: input.tokenHash, step });
}

/** Count a wrong password (or TOTP code); returns the lock time when this failure locked the account. */
export async function countFailure(db: Db, user: q.UserRow, now: Date, deps: AuthDeps, address: string | null, action: string, what = '密码错误'): Promise<Date | null> {
  const { maxFailures, lockMinutes } = deps.policy.lockout;
  return db.transaction().execute(async (tx) => {
    const r = await q.countLoginFailure(tx, user.id, now, maxFailures, new Date(now.getTime() + lockMinutes * 60_000));
    const event = { at: now, userId: user.id, username: user.username, role: user.role, address, objectType: 'user', objectId: String(user.id), placeCode: user.place_code };
    await recordAudit(tx, { ...event, action, outcome: 'failure', note: `${what}（连续第 ${r.failed_count} 次）` });
    if (r.failed_count !== maxFailures || !r.locked_until) return null;
    await recordAudit(tx, { ...event, action: 'auth.lockout', after: { lockedUntil: new Date(r.locked_until).toISOString() }, note: `连续 ${maxFailures} 次${what}，锁定 ${lockMinutes} 分钟` });
    return new Date(r.locked_until);
  });
}

export type SessionState =
  | { kind: 'active'; actor: Actor; tokenHash: string; csrfHash: string }
  /** A half-session: password right, TOTP code owed. Never an Actor. */
  | { kind: 'second_factor'; userId: number; tokenHash: string; csrfHash: string }
  | { kind: 'expired'; reason: 'idle' | 'absolute' }
  | { kind: 'none' };

/** Look a session cookie up; an idle or too-old session is deleted and reported expired. */
export async function resolveSession(db: Db, token: string, deps: AuthDeps): Promise<SessionState> {
  const now = deps.clock.now();
  const tokenHash = sha256(token);
  const started = readStarted();
  const cached = deps.sessionCacheMs ? cachedSession(tokenHash) : undefined;
  const found = cached ?? (await q.findSession(db, tokenHash));
  if (!found) return { kind: 'none' };
  const { session, user } = found;
  const idleLimit = new Date(session.last_seen_at).getTime() + deps.policy.session.idleMinutes * 60_000;
  const reason = now >= new Date(session.expires_at) ? 'absolute' : now.getTime() >= idleLimit ? 'idle' : null;
  if (reason || user.disabled) {
    await q.deleteSession(db, tokenHash);
    return reason ? { kind: 'expired', reason } : { kind: 'none' };
  }
  if (session.second_factor_pending) return { kind: 'second_factor', userId: user.id, tokenHash, csrfHash: session.csrf_hash };
  // Touch at most every 30 s, so idle time is exact to half a minute without a write per request.
  if (now.getTime() - new Date(session.last_seen_at).getTime() >= 30_000) {
    await q.touchSession(db, tokenHash, now);
    found.session = { ...session, last_seen_at: now };
  }
  if (deps.sessionCacheMs && (!cached || found.session !== session)) keepSession(tokenHash, found, started, deps.sessionCacheMs);
  return { kind: 'active', actor: actorOf(user, deps.policy, now), tokenHash, csrfHash: session.csrf_hash };
}

/** Double-submit check: the header equals the cookie and both belong to this session. */
export function csrfTokenMatches(csrfHash: string, cookieToken: string | undefined, headerToken: string | undefined): boolean {
  if (!cookieToken || !headerToken || cookieToken !== headerToken) return false;
  const a = Buffer.from(sha256(headerToken));
  const b = Buffer.from(csrfHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function logout(db: Db, tokenHash: string, actor: AuditActor & { placeCode: string | null }, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const deleted = await q.deleteSession(tx, tokenHash);
    if (deleted) {
      const { placeCode, ...who } = actor;
      await recordAudit(tx, { ...who, at: now, action: 'auth.logout', objectType: 'user', objectId: String(actor.userId), placeCode });
    }
  });
}

export interface PasswordChange {
  actor: Actor;
  tokenHash: string;
  address: string | null;
  currentPassword: string;
  newPassword: string;
}

/** Change one's own password: the current one checked (a wrong one counts toward the lock), the new one against the policy. */
export async function changePassword(db: Db, change: PasswordChange, deps: AuthDeps): Promise<void> {
  const now = deps.clock.now();
  const user = await q.findUserById(db, change.actor.id);
  if (!user) throw new AppError(401, 'unauthenticated', '请先登录');
  if (!(await verifyPassword(user.password_hash, change.currentPassword))) {
    const locked = await countFailure(db, user, now, deps, change.address, 'auth.password_change');
    if (locked) {
      await q.deleteUserSessions(db, user.id);
      throw new AppError(401, 'account_locked', lockedMessage(locked));
    }
    throw new AppError(400, 'wrong_password', '当前密码不正确', [{ field: 'currentPassword', message: '当前密码不正确' }]);
  }
  const problems = passwordProblems(change.newPassword, user.username, deps.policy.password);
  if (change.newPassword === change.currentPassword) problems.push('新密码不能与当前密码相同');
  if (problems.length) {
    throw new AppError(400, 'weak_password', '新密码不符合密码策略：' + problems.join('；'), problems.map((message) => ({ field: 'newPassword', message })));
  }
  const passwordHash = await hashPassword(change.newPassword);
  await db.transaction().execute(async (tx) => {
    await q.setPasswordHash(tx, user.id, passwordHash, false, now);
    await q.deleteUserSessions(tx, user.id, change.tokenHash);
    await recordAudit(tx, {
      at: now,
      userId: user.id,
      username: user.username,
      role: user.role,
      address: change.address,
      action: 'auth.password_change',
      objectType: 'user',
      objectId: String(user.id),
      placeCode: user.place_code,
    });
  });
}

/**
 * The households a pairing cadre may see. For now the explicit list in cadre_household; the
 * assistance module's pairing records take over here.
 */
export async function cadreHouseholds(db: Db, userId: number): Promise<{ countyCode: string; householdNo: string }[]> {
  return q.pairedHouseholds(db, userId);
}

export async function isCadreHousehold(db: Db, userId: number, countyCode: string, householdNo: string): Promise<boolean> {
  return q.isPairedHousehold(db, userId, countyCode, householdNo);
}

export async function hasAnyUser(db: Db): Promise<boolean> {
  return (await q.countUsers(db)) > 0;
}
