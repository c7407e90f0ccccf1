/**
 * The TOTP second factor of one's own account: start an enrolment (a new secret, shown once
 * as otpauth:// URI, QR code and manual key), confirm it with a first code, disable it with a
 * current code; and the security administrator's reset of another user's TOTP. Every change
 * is audited in the transaction that makes it.
 */
import type { Db } from '../../db/database';
import { scopeContains, type PlaceScope } from '../../db/placeScope';
import { AppError, notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { totpRequired } from './policy';
import * as q from './queries';
import { roleLabel } from '../../domain/roles';
import { countFailure, lockedMessage, type Actor, type AuthDeps } from './service';
import { enrolmentOf, matchTotp, newTotpSecret, openTotpSecret, sealTotpSecret, type TotpEnrolment } from './totp';

export interface TotpStatus {
  enabled: boolean;
  enabledAt: string | null;
  /** The user's role must use TOTP (policy): it cannot be disabled. */
  required: boolean;
  /** An enrolment was started and awaits its first code. */
  pending: boolean;
}

export async function totpStatus(db: Db, actor: Actor, deps: AuthDeps): Promise<TotpStatus> {
  const user = await q.findUserById(db, actor.id);
  if (!user) throw new AppError(401, 'unauthenticated', '请先登录');
  return {
    enabled: user.totp_enabled_at !== null,
    enabledAt: user.totp_enabled_at ? new Date(user.totp_enabled_at).toISOString() : null,
    required: totpRequired(user.role, deps.policy),
    pending: user.totp_enabled_at === null && user.totp_secret !== null,
  };
}

const auditOf = (user: q.UserRow, address: string | null, now: Date) => ({
  at: now,
  userId: user.id,
  username: user.username,
  role: user.role,
  address,
  objectType: 'user',
  objectId: String(user.id),
  placeCode: user.place_code,
});

async function ownUser(db: Db, actor: Actor): Promise<q.UserRow> {
  const user = await q.findUserById(db, actor.id);
  if (!user) throw new AppError(401, 'unauthenticated', '请先登录');
  return user;
}

/** A new secret for the signed-in user; the only time it leaves the server. */
export async function startTotpEnrolment(db: Db, actor: Actor, address: string | null, deps: AuthDeps): Promise<TotpEnrolment> {
  const now = deps.clock.now();
  const user = await ownUser(db, actor);
  if (user.totp_enabled_at !== null) throw new AppError(409, 'totp_already_enabled', '动态口令已启用；如需更换验证器，请先停用再重新绑定');
  const secret = newTotpSecret();
  await db.transaction().execute(async (tx) => {
    await q.setPendingTotp(tx, user.id, sealTotpSecret(secret), now);
    await recordAudit(tx, { ...auditOf(user, address, now), action: 'auth.totp_enrol_start' });
  });
  return enrolmentOf(secret, user.username);
}

/**
 * Confirm the enrolment with a code from the authenticator: TOTP is on from now, and the
 * user's other sessions (opened with the password alone) end.
 */
export async function confirmTotpEnrolment(db: Db, actor: Actor, tokenHash: string, code: string, address: string | null, deps: AuthDeps): Promise<TotpStatus> {
  const now = deps.clock.now();
  const user = await ownUser(db, actor);
  if (user.totp_enabled_at !== null) throw new AppError(409, 'totp_already_enabled', '动态口令已启用');
  if (user.totp_secret === null) throw new AppError(409, 'totp_no_enrolment', '请先开始绑定验证器');
  const step = matchTotp(openTotpSecret(user.totp_secret), code, now);
  if (step === null) {
    throw new AppError(400, 'invalid_totp', '动态口令错误：请确认验证器已添加本账户，并输入当前显示的 6 位数字', [{ field: 'code', message: '动态口令错误' }]);
  }
  await db.transaction().execute(async (tx) => {
    if (!(await q.enableTotp(tx, user.id, step, now))) throw new AppError(409, 'totp_no_enrolment', '请先开始绑定验证器');
    await q.deleteUserSessions(tx, user.id, tokenHash);
    await recordAudit(tx, { ...auditOf(user, address, now), action: 'auth.totp_enable', before: { totpEnabled: false }, after: { totpEnabled: true } });
  });
  return totpStatus(db, actor, deps);
}

/**
 * Turn one's own TOTP off with a current code (not one used before). A wrong code counts
 * toward the lockout, as a wrong current password does when changing the password: a stolen
 * session must not be able to strip the second factor by guessing.
 */
export async function disableOwnTotp(db: Db, actor: Actor, code: string, address: string | null, deps: AuthDeps): Promise<TotpStatus> {
  const now = deps.clock.now();
  const user = await ownUser(db, actor);
  if (totpRequired(user.role, deps.policy)) {
    throw new AppError(403, 'totp_required', `安全策略要求“${roleLabel(user.role)}”使用动态口令，不能停用；更换验证器请联系安全管理员重置`);
  }
  if (user.totp_enabled_at === null || user.totp_secret === null) throw new AppError(409, 'totp_not_enabled', '动态口令未启用');
  const step = matchTotp(openTotpSecret(user.totp_secret), code, now);
  const replayed = step !== null && user.totp_last_step !== null && step <= user.totp_last_step;
  if (step === null || replayed) {
    const locked = await countFailure(db, user, now, deps, address, 'auth.totp_disable', replayed ? '动态口令重复使用' : '动态口令错误');
    if (locked) {
      await q.deleteUserSessions(db, user.id);
      throw new AppError(401, 'account_locked', '动态口令错误。' + lockedMessage(locked));
    }
    const message = replayed ? '该动态口令已使用过，请等待验证器显示下一个口令' : '动态口令错误';
    throw new AppError(400, replayed ? 'totp_replayed' : 'invalid_totp', message, [{ field: 'code', message }]);
  }
  await db.transaction().execute(async (tx) => {
    if (!(await q.useTotpStep(tx, user.id, step))) throw new AppError(400, 'totp_replayed', '该动态口令已使用过，请等待验证器显示下一个口令');
    await q.clearTotp(tx, user.id, now);
    await recordAudit(tx, { ...auditOf(user, address, now), action: 'auth.totp_disable', before: { totpEnabled: true }, after: { totpEnabled: false } });
  });
  return totpStatus(db, actor, deps);
}

/**
 * The security administrator clears another user's TOTP (a lost phone): the user's sessions
 * end, and at the next login he enrols again (at once if his role requires TOTP).
 */
export async function resetUserTotp(db: Db, targetId: number, admin: { actor: AuditActor; scope: PlaceScope; now: Date }): Promise<{ id: number; username: string; totpEnabled: boolean }> {
  const target = await q.findUserById(db, targetId);
  if (!target || !scopeContains(admin.scope, target.place_code)) throw notFound(`用户 #${targetId} `);
  if (target.id === admin.actor.userId) throw new AppError(403, 'forbidden', '不能重置自己的动态口令；请由另一位安全管理员操作');
  const wasEnabled = target.totp_enabled_at !== null;
  await db.transaction().execute(async (tx) => {
    await q.clearTotp(tx, target.id, admin.now);
    await q.deleteUserSessions(tx, target.id);
    await recordAudit(tx, {
      ...admin.actor,
      at: admin.now,
      action: 'user.totp_reset',
      objectType: 'user',
      objectId: String(target.id),
      placeCode: target.place_code,
      before: { username: target.username, totpEnabled: wasEnabled },
      after: { username: target.username, totpEnabled: false },
    });
  });
  return { id: target.id, username: target.username, totpEnabled: false };
}
