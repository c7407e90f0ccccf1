/**
 * Accounts that exist without anyone creating them: the first administrator of an empty
 * database (a one-time password printed once), and the demo users that come with the demo data.
 */
import type { Db } from '../../db/database';
import { recordAudit, CONSOLE_ACTOR } from '../audit/service';
import { addPairedHouseholds, hashPassword, hasAnyUser, oneTimePassword } from '../auth/service';
import * as q from './queries';

/**
 * If no user exists, create `admin` (system administrator, national scope) with a one-time
 * password that must be changed at first login; returns the password, or null when users exist.
 */
export async function createFirstAdministrator(db: Db, now = new Date()): Promise<string | null> {
  if (await hasAnyUser(db)) return null;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (tx) => {
    // Two processes starting at once: the advisory lock lets one create the administrator.
    await q.lockUserBootstrap(tx);
    if (await hasAnyUser(tx)) return null;
    const id = await q.insertUser(tx, {
      username: 'admin',
      display_name: '系统管理员',
      role: 'sys_admin',
      place_code: '0',
      password_hash: passwordHash,
      must_change_password: true,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, { ...CONSOLE_ACTOR, at: now, action: 'user.create', objectType: 'user', objectId: String(id), placeCode: '0', after: { username: 'admin', role: 'sys_admin', placeCode: '0', note: '首次启动创建' } });
    return password;
  });
}

/** First start: create the administrator if nobody exists, and print his one-time password (the only time it is shown). */
export async function ensureFirstAdministrator(db: Db, log: (message: string) => void): Promise<void> {
  const password = await createFirstAdministrator(db);
  if (!password) return;
  log(`已创建系统管理员 admin，一次性密码：${password}`);
  log('此密码只显示这一次，首次登录后必须修改；忘记时用 fupin user reset admin 重置。');
}

export type DemoScope = 'nation' | 'county' | 'township' | 'village';

export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  role: string;
  scope: DemoScope;
  departmentLine?: string;
}

/** Demo accounts, one per role; the README's login table is generated from this list. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'sysadmin', password: 'Fupin@2024', displayName: '演示系统管理员', role: 'sys_admin', scope: 'nation' },
  { username: 'secadmin', password: 'Fupin@2024', displayName: '演示安全管理员', role: 'security_admin', scope: 'nation' },
  { username: 'auditor', password: 'Fupin@2024', displayName: '演示审计员', role: 'auditor', scope: 'nation' },
  { username: 'county', password: 'Fupin@2024', displayName: '演示县级业务员', role: 'county_operator', scope: 'county' },
  { username: 'township', password: 'Fupin@2024', displayName: '演示乡镇业务员', role: 'township_operator', scope: 'township' },
  { username: 'village', password: 'Fupin@2024', displayName: '演示村级信息员', role: 'village_operator', scope: 'village' },
  { username: 'education', password: 'Fupin@2024', displayName: '演示教育局业务员', role: 'department_operator', scope: 'county', departmentLine: 'education' },
  { username: 'leader', password: 'Fupin@2024', displayName: '演示县领导', role: 'leader', scope: 'county' },
  { username: 'cadre', password: 'Fupin@2024', displayName: '演示帮扶干部', role: 'pairing_cadre', scope: 'village' },
  { username: 'policy', password: 'Fupin@2024', displayName: '演示政策管理员', role: 'policy_admin', scope: 'nation' },
];

export interface DemoPlaces {
  countyCode: string;
  townshipCode: string;
  villageCode: string;
}

/**
 * Create the demo users scoped to the demo places (existing user names are left alone).
 * Demo passwords need no change at first login. Returns each demo user's id.
 */
export async function createDemoUsers(db: Db, places: DemoPlaces, now = new Date()): Promise<Record<string, number>> {
  const codes: Record<DemoScope, string> = { nation: '0', county: places.countyCode, township: places.townshipCode, village: places.villageCode };
  const hashes = await Promise.all(DEMO_USERS.map((u) => hashPassword(u.password)));
  return db.transaction().execute(async (tx) => {
    const ids: Record<string, number> = {};
    for (const [i, u] of DEMO_USERS.entries()) {
      const existing = await q.findUser(tx, { username: u.username });
      if (existing) {
        ids[u.username] = existing.id;
        continue;
      }
      ids[u.username] = await q.insertUser(tx, {
        username: u.username,
        display_name: u.displayName,
        role: u.role,
        place_code: codes[u.scope],
        department_line: u.departmentLine ?? null,
        password_hash: hashes[i],
        must_change_password: false,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      });
    }
    await recordAudit(tx, { ...CONSOLE_ACTOR, at: now, action: 'user.create', objectType: 'user', note: '载入演示用户', after: { usernames: Object.keys(ids), places } });
    return ids;
  });
}

/** Give a pairing cadre his households (until the assistance module's pairings take over). */
export async function pairCadreHouseholds(db: Db, userId: number, households: { countyCode: string; householdNo: string }[]): Promise<void> {
  await addPairedHouseholds(db, userId, households);
}
