/**
 * `fupin user reset-totp` at the server console: clears a user's lost authenticator (any
 * account, the three administrative ones included), ends his sessions, is audited as the
 * console; an unknown user is named in the error and nothing changes. `fupin user list` shows
 * who has TOTP on.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database';
import { CONSOLE_ACTOR } from '../../src/modules/audit/service';
import { consoleAdmin, createUser } from '../../src/modules/users/service';

describe('fupin user reset-totp', () => {
  it('clears the TOTP of the named user, ends his sessions and audits it; refuses an unknown name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fupin-user-cli-'));
    try {
      const database = await openDatabase({ dataDir: dir });
      const admin = consoleAdmin(CONSOLE_ACTOR, new Date());
      const { user } = await createUser(database.db, { username: 'anquan2', displayName: '安全管理员', role: 'security_admin', placeCode: '0', departmentLine: null }, admin);
      const { user: other } = await createUser(database.db, { username: 'shenji2', displayName: '审计员', role: 'auditor', placeCode: '0', departmentLine: null }, admin);
      for (const id of [user.id, other.id]) {
        await sql`UPDATE app_user SET totp_secret = 'sealed', totp_enabled_at = now(), totp_last_step = 1 WHERE id = ${id}`.execute(database.db);
      }
      await sql`INSERT INTO session (token_hash, user_id, csrf_hash, created_at, last_seen_at, expires_at)
        VALUES ('cli-test-session', ${user.id}, 'csrf', now(), now(), now() + interval '1 hour')`.execute(database.db);
      await database.close();

      const run = (...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/fupin.ts', 'user', ...args], { env: { ...process.env, FUPIN_DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8' });
      const listed = run('list');
      expect(listed.status, listed.stderr).toBe(0);
      expect(listed.stdout).toMatch(/anquan2\t.*动态口令/);

      const ok = run('reset-totp', 'anquan2');
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('已清除 anquan2 的动态口令，其会话已结束');

      const unknown = run('reset-totp', 'nobody');
      expect(unknown.status).not.toBe(0);
      expect(unknown.stderr).toContain('用户“nobody”');

      const after = await openDatabase({ dataDir: dir });
      try {
        const rows = (await sql<{ username: string; totp_secret: string | null; totp_enabled_at: Date | null }>`
          SELECT username, totp_secret, totp_enabled_at FROM app_user WHERE id IN (${user.id}, ${other.id}) ORDER BY username`.execute(after.db)).rows;
        expect(rows).toEqual([
          { username: 'anquan2', totp_secret: null, totp_enabled_at: null },
          { username: 'shenji2', totp_secret: 'sealed', totp_enabled_at: expect.any(Date) },
        ]);
        const sessions = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM session WHERE user_id = ${user.id}`.execute(after.db)).rows[0].n;
        expect(sessions).toBe(0);
        const events = (await sql<{ action: string; username: string; object_id: string; after: unknown }>`
          SELECT action, username, object_id, after FROM audit_event WHERE action = 'user.totp_reset'`.execute(after.db)).rows;
        expect(events).toEqual([{ action: 'user.totp_reset', username: '(命令行)', object_id: String(user.id), after: { username: 'anquan2', totpEnabled: false } }]);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 360_000);
});
