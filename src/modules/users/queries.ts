/** SQL of user administration. */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { PlaceScope } from '../../db/placeScope';
import type { AppUserTable } from '../../db/schema';

const userColumns = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.role',
  'u.place_code',
  'u.department_line',
  'u.disabled',
  'u.locked_until',
  'u.must_change_password',
  'u.totp_enabled_at',
  'u.password_changed_at',
  'u.created_at',
] as const;

export interface UserListFilter {
  q?: string;
  role?: string;
  place?: string;
  scope: PlaceScope;
}

function listed(db: Db, f: UserListFilter) {
  let q = db.selectFrom('app_user as u');
  // A user's place_code may be of any level: the scope test is a prefix on it.
  if (!f.scope.all) {
    const codes = f.scope.codes;
    q = q.where((eb) => eb.or(codes.map((c) => eb('u.place_code', 'like', c + '%'))));
  }
  if (f.place) q = q.where('u.place_code', 'like', f.place + '%');
  if (f.role) q = q.where('u.role', '=', f.role);
  if (f.q) {
    const like = f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    q = q.where((eb) => eb.or([eb('u.username', 'like', like), eb('u.display_name', 'like', like)]));
  }
  return q;
}

export async function countUsers(db: Db, f: UserListFilter): Promise<number> {
  return (await listed(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
}

export async function listUsers(db: Db, f: UserListFilter, offset: number, limit: number) {
  return listed(db, f)
    .leftJoin('place as p', 'p.code', 'u.place_code')
    .select([...userColumns, 'p.name as place_name'])
    .orderBy('u.username')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function findUser(db: Db, where: { id: number } | { username: string }) {
  let q = db.selectFrom('app_user as u').leftJoin('place as p', 'p.code', 'u.place_code').select([...userColumns, 'p.name as place_name']);
  q = 'id' in where ? q.where('u.id', '=', where.id) : q.where('u.username', '=', where.username);
  return q.executeTakeFirst();
}

export type UserRecord = NonNullable<Awaited<ReturnType<typeof findUser>>>;

export async function insertUser(tx: Db, row: Insertable<AppUserTable>): Promise<number> {
  return (await tx.insertInto('app_user').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateUser(tx: Db, id: number, changes: Updateable<AppUserTable>): Promise<void> {
  await tx.updateTable('app_user').set(changes).where('id', '=', id).execute();
}

export async function endSessionsOf(tx: Db, userId: number): Promise<void> {
  await tx.deleteFrom('session').where('user_id', '=', userId).execute();
}

/** Serialise first-start bootstrapping across processes (released at commit). */
export async function lockUserBootstrap(tx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(7270003)`.execute(tx);
}
