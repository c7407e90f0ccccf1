/**
 * User administration: create, list, disable/enable, reset password, unlock. 三员分立: through
 * the web API the system administrator manages ordinary accounts and the security
 * administrator locks and unlocks any account; the three administrative accounts are created
 * and reset at the server console. Every change is audited with before/after values.
 */
import type { Db } from '../../db/database';
import { scopeContains, type PlaceScope, ALL_PLACES } from '../../db/placeScope';
import { AppError, badRequest, conflict, notFound } from '../../server/errors';
import { recordAudit, type AuditActor } from '../audit/service';
import { placeExists } from '../places/service';
import {
  DEPARTMENT_LINES,
  hashPassword,
  isDepartmentLine,
  isRole,
  oneTimePassword,
  placeLevelName,
  PLACE_LEVEL_LABELS,
  ROLES,
  roleLabel,
  type Permission,
  forgetUserSessions,
} from '../auth/service';
import * as q from './queries';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  placeCode: string;
  placeName: string | null;
  departmentLine: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
  /** TOTP (动态口令) is on for this account. */
  totpEnabled: boolean;
  passwordChangedAt: string;
  createdAt: string;
}

/** Who administers, and what he may do. */
export interface AdminContext {
  actor: AuditActor;
  now: Date;
  scope: PlaceScope;
  /** Create, reset and disable ordinary accounts. */
  manage: boolean;
  /** Disable, enable and unlock any account. */
  lock: boolean;
  /** The server console: may also manage the three administrative accounts. */
  console: boolean;
}

export function consoleAdmin(actor: AuditActor, now: Date): AdminContext {
  return { actor, now, scope: ALL_PLACES, manage: true, lock: true, console: true };
}

export function webAdmin(actor: AuditActor, permissions: Permission[], scope: PlaceScope, now: Date): AdminContext {
  return { actor, now, scope, manage: permissions.includes('users.manage'), lock: permissions.includes('users.lock'), console: false };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function userViewOf(u: q.UserRecord, now: Date): UserView {
  const locked = u.locked_until && new Date(u.locked_until) > now ? iso(u.locked_until) : null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    roleLabel: roleLabel(u.role),
    placeCode: u.place_code,
    placeName: u.place_code === '0' ? '全国' : (u.place_name ?? null),
    departmentLine: u.department_line,
    disabled: u.disabled,
    lockedUntil: locked,
    mustChangePassword: u.must_change_password,
    totpEnabled: u.totp_enabled_at !== null,
    passwordChangedAt: iso(u.password_changed_at)!,
    createdAt: iso(u.created_at)!,
  };
}

/** The audited part of a user (never the password hash). */
const audited = (v: UserView) => ({ username: v.username, displayName: v.displayName, role: v.role, placeCode: v.placeCode, departmentLine: v.departmentLine, disabled: v.disabled, lockedUntil: v.lockedUntil, mustChangePassword: v.mustChangePassword });

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  placeCode: string;
  departmentLine?: string | null;
}

async function checkNewUser(db: Db, input: NewUser, admin: AdminContext): Promise<void> {
  const problems: { field: string; message: string }[] = [];
  if (!/^[a-z0-9_.-]{3,32}$/.test(input.username)) {
    problems.push({ field: 'username', message: `用户名“${input.username}”无效：应为 3–32 位小写字母、数字或 _ . -` });
  }
  if (!input.displayName.trim() || input.displayName.length > 50) problems.push({ field: 'displayName', message: `姓名“${input.displayName}”无效：应为 1–50 个字符` });
  if (!isRole(input.role)) {
    problems.push({ field: 'role', message: `角色“${input.role}”不存在，可选：${Object.keys(ROLES).join('、')}` });
  } else {
    const level = placeLevelName(input.placeCode);
    const allowed = ROLES[input.role].scopeLevels;
    if (!level) problems.push({ field: 'placeCode', message: `地区代码“${input.placeCode}”无效：应为 0（全国）或 2/4/6/9/12 位代码` });
    else if (!allowed.includes(level)) {
      const levels = ROLES[input.role].scopeLevels.map((l) => PLACE_LEVEL_LABELS[l]).join('、');
      problems.push({ field: 'placeCode', message: `角色“${ROLES[input.role].label}”的管辖范围须为${levels}级，“${input.placeCode}”是${PLACE_LEVEL_LABELS[level]}级` });
    }
    else if (input.placeCode !== '0' && !(await placeExists(db, input.placeCode))) problems.push({ field: 'placeCode', message: `地区代码“${input.placeCode}”不存在` });
    const line = input.departmentLine ?? null;
    if (input.role === 'department_operator' && (!line || !isDepartmentLine(line))) {
      problems.push({ field: 'departmentLine', message: `行业部门“${line ?? ''}”无效，可选：${Object.entries(DEPARTMENT_LINES).map(([c, l]) => `${c}（${l}）`).join('、')}` });
    }
    if (input.role !== 'department_operator' && line) problems.push({ field: 'departmentLine', message: '只有行业部门业务员需要填写行业部门' });
    if (ROLES[input.role].privileged && !admin.console) {
      throw new AppError(403, 'forbidden', `“${ROLES[input.role].label}”账户只能在服务器上用 fupin user 命令创建（三员分立）`);
    }
  }
  if (problems.length) throw badRequest('用户信息有误：' + problems.map((p) => p.message).join('；'), problems);
  if (!admin.manage) throw new AppError(403, 'forbidden', '您没有创建用户的权限');
  if (!scopeContains(admin.scope, input.placeCode)) throw new AppError(403, 'forbidden', `地区 ${input.placeCode} 不在您的管辖范围内`);
}

/** Create a user with a one-time password (shown once, to be changed at first login). */
export async function createUser(db: Db, input: NewUser, admin: AdminContext): Promise<{ user: UserView; oneTimePassword: string }> {
  await checkNewUser(db, input, admin);
  if (await q.findUser(db, { username: input.username })) throw conflict(`用户名“${input.username}”已被使用`, [{ field: 'username', message: '已被使用' }]);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const user = await db.transaction().execute(async (tx) => {
    const id = await q.insertUser(tx, {
      username: input.username,
      display_name: input.displayName.trim(),
      role: input.role,
      place_code: input.placeCode,
      department_line: input.departmentLine ?? null,
      password_hash: passwordHash,
      must_change_password: true,
      password_changed_at: admin.now,
      created_at: admin.now,
      updated_at: admin.now,
    });
    const view = userViewOf((await q.findUser(tx, { id }))!, admin.now);
    await recordAudit(tx, { ...admin.actor, at: admin.now, action: 'user.create', objectType: 'user', objectId: String(id), placeCode: view.placeCode, after: audited(view) });
    return view;
  });
  return { user, oneTimePassword: password };
}

export async function listUsers(db: Db, scope: PlaceScope, filter: { q?: string; role?: string; place?: string; page: number; pageSize: number }, now: Date) {
  const f = { ...filter, scope };
  const [total, rows] = await Promise.all([q.countUsers(db, f), q.listUsers(db, f, (filter.page - 1) * filter.pageSize, filter.pageSize)]);
  return { total, page: filter.page, pageSize: filter.pageSize, items: rows.map((r) => userViewOf(r, now)) };
}

export async function getUser(db: Db, scope: PlaceScope, where: { id: number } | { username: string }, now: Date): Promise<UserView> {
  const u = await q.findUser(db, where);
  if (!u || !scopeContains(scope, u.place_code)) throw notFound('id' in where ? `用户 #${where.id} ` : `用户“${where.username}”`);
  return userViewOf(u, now);
}

type Change = 'disable' | 'enable' | 'unlock' | 'reset';
const CHANGE_ACTIONS: Record<Change, string> = { disable: 'user.disable', enable: 'user.enable', unlock: 'user.unlock', reset: 'user.password_reset' };

/** May `admin` make this change to `target`? Throws 403 with the reason when not. */
function checkChange(admin: AdminContext, target: UserView, change: Change): void {
  if (admin.console) return;
  const privileged = isRole(target.role) && !!ROLES[target.role].privileged;
  if (target.id === admin.actor.userId && change !== 'unlock') throw new AppError(403, 'forbidden', '不能停用、启用或重置自己的账户');
  if (change === 'reset') {
    if (!admin.manage) throw new AppError(403, 'forbidden', '您没有重置密码的权限');
    if (privileged) throw new AppError(403, 'forbidden', `“${target.roleLabel}”账户的密码只能在服务器上用 fupin user reset 重置（三员分立）`);
    return;
  }
  if (admin.lock) return;
  if (!admin.manage) throw new AppError(403, 'forbidden', '您没有管理用户的权限');
  if (privileged) throw new AppError(403, 'forbidden', `“${target.roleLabel}”账户只能由安全管理员停用、启用或解锁（三员分立）`);
}

async function changeUser(db: Db, id: number | string, change: Change, admin: AdminContext): Promise<{ user: UserView; oneTimePassword?: string }> {
  const where = typeof id === 'number' ? { id } : { username: id };
  const before = await getUser(db, admin.scope, where, admin.now);
  checkChange(admin, before, change);
  const password = change === 'reset' ? oneTimePassword() : undefined;
  const passwordHash = password ? await hashPassword(password) : undefined;
  const user = await db.transaction().execute(async (tx) => {
    const now = admin.now;
    forgetUserSessions(before.id);
    if (change === 'disable') await q.updateUser(tx, before.id, { disabled: true, updated_at: now });
    if (change === 'enable') await q.updateUser(tx, before.id, { disabled: false, updated_at: now });
    if (change === 'unlock') await q.updateUser(tx, before.id, { failed_count: 0, locked_until: null, updated_at: now });
    if (change === 'reset') {
      await q.updateUser(tx, before.id, { password_hash: passwordHash!, must_change_password: true, password_changed_at: now, failed_count: 0, locked_until: null, updated_at: now });
    }
    if (change === 'disable' || change === 'reset') await q.endSessionsOf(tx, before.id);
    const after = userViewOf((await q.findUser(tx, { id: before.id }))!, now);
    await recordAudit(tx, { ...admin.actor, at: now, action: CHANGE_ACTIONS[change], objectType: 'user', objectId: String(before.id), placeCode: before.placeCode, before: audited(before), after: audited(after) });
    return after;
  });
  return password ? { user, oneTimePassword: password } : { user };
}

export const disableUser = (db: Db, id: number | string, admin: AdminContext) => changeUser(db, id, 'disable', admin);
export const enableUser = (db: Db, id: number | string, admin: AdminContext) => changeUser(db, id, 'enable', admin);
export const unlockUser = (db: Db, id: number | string, admin: AdminContext) => changeUser(db, id, 'unlock', admin);
export const resetUserPassword = (db: Db, id: number | string, admin: AdminContext) =>
  changeUser(db, id, 'reset', admin) as Promise<{ user: UserView; oneTimePassword: string }>;

export { createDemoUsers, ensureFirstAdministrator, pairCadreHouseholds } from './bootstrap';
