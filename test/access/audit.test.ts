import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql, type RawBuilder } from 'kysely';
import { createHash } from 'node:crypto';
import { openDatabase, type Database } from '../../src/db/database';
import { chainedEventOf, CONSOLE_ACTOR, pruneAuditEvents, recordAudit, verifyAuditChain } from '../../src/modules/audit/service';
import { canonicalJson, eventHash } from '../../src/modules/audit/chain';
import { testDatabases } from '../helpers/databases';
import { buildTestApp, loginAs, makeUser, openIsolated, START } from './helpers';

const at = (days: number) => new Date(new Date(START).getTime() + days * 86_400_000);

async function writeEvents(database: Database, n: number, day = 0): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      await recordAudit(database.db, {
        ...CONSOLE_ACTOR,
        at: at(day),
        action: 'household.update',
        objectType: 'household',
        objectId: `H${i}`,
        placeCode: '990001101201',
        before: { size: i, name: '张三', nested: { b: 1, a: [1, 2.5, null] } },
        after: { size: i + 1, name: '张三\u0000', lone: '\ud800' },
      }),
    );
  }
  return ids;
}

/**
 * Tampering as the database owner would: the append-only trigger switched off around the
 * statement (an ordinary connection is refused, see below). `fupin audit verify` must still see it.
 */
async function tamper(database: Database, statement: RawBuilder<unknown>): Promise<void> {
  await database.db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`.execute(tx);
    await statement.execute(tx);
    await sql`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`.execute(tx);
  });
}

describe.each(testDatabases)('audit trail on $name', (t) => {
  it('refuses UPDATE, DELETE and TRUNCATE of audit events in the database, lets only the prune delete, and chains new events with SM3', async () => {
    const { database, drop } = await openIsolated(t);
    try {
      await writeEvents(database, 3);
      for (const statement of [sql`UPDATE audit_event SET username = 'mallory' WHERE id = 2`, sql`DELETE FROM audit_event WHERE id = 3`, sql`TRUNCATE audit_event`]) {
        await expect(statement.execute(database.db)).rejects.toThrow(/审计日志只能追加，不能修改或删除/);
      }
      // Not even with the prune's setting may a row be changed; only deleted.
      await expect(database.db.transaction().execute(async (tx) => {
        await sql`SELECT set_config('fupin.audit_prune', 'on', true)`.execute(tx);
        await sql`UPDATE audit_event SET note = 'x' WHERE id = 1`.execute(tx);
      })).rejects.toThrow(/只能追加/);
      const rows = await database.db.selectFrom('audit_event').selectAll().orderBy('id').execute();
      expect(rows.map((r) => [r.id, r.username, r.hash_alg])).toEqual([[1, '(命令行)', 'sm3'], [2, '(命令行)', 'sm3'], [3, '(命令行)', 'sm3']]);
      // SM3 (GB/T 32905) of the previous hash and the canonical event, not SHA-256.
      expect(rows[1].hash).toBe(createHash('sm3').update(rows[1].prev_hash + canonicalJson(chainedEventOf(rows[1]))).digest('hex'));
      expect(rows[1].hash).not.toBe(eventHash(rows[1].prev_hash, chainedEventOf(rows[1]), 'sha256'));
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: 3 });
      // Switching an event's algorithm is tampering too.
      await tamper(database, sql`UPDATE audit_event SET hash_alg = 'sha256' WHERE id = 2`);
      expect((await verifyAuditChain(database.db)).broken).toEqual({ id: 2, reason: '事件 #2 的内容被改动（哈希不符）' });
    } finally {
      await drop();
    }
  });

  it('keeps verifying events chained with SHA-256 before SM3, and chains on from them with SM3', async () => {
    const { database, drop } = await openIsolated(t);
    try {
      // Two events as written before migration 016: SHA-256, hash_alg 'sha256'.
      for (let i = 1; i <= 2; i++) {
        await database.db.transaction().execute(async (tx) => {
          const head = await tx.selectFrom('audit_chain_head').selectAll().forUpdate().executeTakeFirstOrThrow();
          const event = { id: head.last_id + 1, at: at(i).toISOString(), userId: null, username: '(命令行)', role: null, address: 'console', action: 'household.update', objectType: 'household', objectId: `H${i}`, placeCode: null, before: null, after: { size: i }, outcome: 'success', note: null };
          const hash = eventHash(head.last_hash, event, 'sha256');
          await tx.insertInto('audit_event').values({ id: event.id, at: at(i), user_id: null, username: event.username, role: null, address: 'console', action: event.action, object_type: 'household', object_id: event.objectId, place_code: null, before: null, after: JSON.stringify(event.after), outcome: 'success', note: null, prev_hash: head.last_hash, hash, hash_alg: 'sha256' }).execute();
          await tx.updateTable('audit_chain_head').set({ last_id: event.id, last_hash: hash }).execute();
        });
      }
      await writeEvents(database, 2);
      const algorithms = (await database.db.selectFrom('audit_event').select(['id', 'hash_alg']).orderBy('id').execute()).map((r) => r.hash_alg);
      expect(algorithms).toEqual(['sha256', 'sha256', 'sm3', 'sm3']);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: 4, firstId: 1, lastId: 4 });
      await tamper(database, sql`UPDATE audit_event SET note = 'x' WHERE id = 1`);
      expect((await verifyAuditChain(database.db)).broken).toEqual({ id: 1, reason: '事件 #1 的内容被改动（哈希不符）' });
    } finally {
      await drop();
    }
  });

  it('verifies an intact chain and names an altered, a relinked and a deleted event', async () => {
    const { database, drop } = await openIsolated(t);
    try {
      const ids = await writeEvents(database, 6);
      expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
      const stored = await database.db.selectFrom('audit_event').select(['after', 'prev_hash', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
      expect(stored.after).toEqual({ size: 1, name: '张三\uFFFD', lone: '\uFFFD' });
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: 6, firstId: 1, lastId: 6 });

      await tamper(database, sql`UPDATE audit_event SET after = '{"size": 99, "name": "李四", "lone": "x"}' WHERE id = 3`);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, checked: 2, broken: { id: 3, reason: '事件 #3 的内容被改动（哈希不符）' } });

      // Recomputing the altered event's own hash moves the break to the next link.
      const row3 = await database.db.selectFrom('audit_event').selectAll().where('id', '=', 3).executeTakeFirstOrThrow();
      await tamper(database, sql`UPDATE audit_event SET hash = ${eventHash(row3.prev_hash, chainedEventOf(row3))} WHERE id = 3`);
      expect((await verifyAuditChain(database.db)).broken).toEqual({ id: 4, reason: '事件 #4 与前一事件 #3 的链接断开（前一事件被改动或替换）' });
      await tamper(database, sql`DELETE FROM audit_event WHERE id = 3`);
      expect((await verifyAuditChain(database.db)).broken).toEqual({ id: 3, reason: '事件 #3 缺失（被删除）' });

      // The auditor sees the same report through the API; the system administrator does not.
      const { app } = await buildTestApp(database);
      const auditor = await loginAs(app, (await makeUser(database, 'auditor', '0')).username);
      const sys = await loginAs(app, (await makeUser(database, 'sys_admin', '0')).username);
      expect((await auditor.inject('GET', '/api/v1/audit/chain')).json()).toMatchObject({ ok: false, broken: { id: 3 } });
      expect((await sys.inject('GET', '/api/v1/audit/chain')).statusCode).toBe(403);
      await app.close();
    } finally {
      await drop();
    }
  });

  it('notices a truncated tail and an altered chain head', async () => {
    const { database, drop } = await openIsolated(t);
    try {
      await writeEvents(database, 4);
      await tamper(database, sql`DELETE FROM audit_event WHERE id = 4`);
      expect((await verifyAuditChain(database.db)).broken).toEqual({ id: 4, reason: '事件 #4 缺失（被删除）' });
      await sql`UPDATE audit_chain_head SET last_id = 3`.execute(database.db);
      expect((await verifyAuditChain(database.db)).broken?.reason).toBe('链头记录的哈希与事件 #3 不符（链头被改动）');
    } finally {
      await drop();
    }
  });

  it('writes the event in the caller’s transaction: a failing write leaves no event and an intact chain', async () => {
    const { database, drop } = await openIsolated(t);
    try {
      await writeEvents(database, 2);
      await expect(
        database.db.transaction().execute(async (tx) => {
          await recordAudit(tx, { ...CONSOLE_ACTOR, action: 'place.create', objectType: 'place', objectId: '99' });
          await tx.insertInto('place').values({ code: '99', name: 'x', level: 9, parent_code: null }).execute();
        }),
      ).rejects.toThrow();
      expect(await database.db.selectFrom('audit_event').select('id').where('action', '=', 'place.create').execute()).toEqual([]);
      await writeEvents(database, 1);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: 3, lastId: 3 });
    } finally {
      await drop();
    }
  });

  it('keeps one chain when many transactions write at once', async () => {
    const { database, drop } = await openIsolated(t);
    try {
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          database.db.transaction().execute(async (tx) => {
            await tx.selectFrom('place').select('code').limit(1).execute();
            await recordAudit(tx, { ...CONSOLE_ACTOR, action: 'test.concurrent', objectId: String(i) });
          }),
        ),
      );
      const report = await verifyAuditChain(database.db);
      expect(report).toMatchObject({ ok: true, checked: 30, lastId: 30 });
      const objects = await database.db.selectFrom('audit_event').select('object_id').execute();
      expect(new Set(objects.map((o) => o.object_id)).size).toBe(30);
    } finally {
      await drop();
    }
  });

  it('prunes events past retention and stays verifiable from the checkpoint', async () => {
    const { database, drop } = await openIsolated(t);
    try {
      await writeEvents(database, 3, 0);
      await writeEvents(database, 2, 100);
      await expect(pruneAuditEvents(database.db, { now: at(200), retentionDays: 30, actor: CONSOLE_ACTOR })).rejects.toThrow(/至少保留 180 天/);
      expect((await pruneAuditEvents(database.db, { now: at(150), retentionDays: 184, actor: CONSOLE_ACTOR })).deleted).toBe(0);
      const result = await pruneAuditEvents(database.db, { now: at(200), retentionDays: 184, actor: CONSOLE_ACTOR });
      expect(result).toMatchObject({ deleted: 3, throughId: 3 });
      const left = await database.db.selectFrom('audit_event').select(['id', 'action']).orderBy('id').execute();
      expect(left).toEqual([
        { id: 4, action: 'household.update' },
        { id: 5, action: 'household.update' },
        { id: 6, action: 'audit.prune' },
      ]);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: 3, firstId: 4, lastId: 6 });
      await sql`UPDATE audit_chain_head SET pruned_through_hash = repeat('b', 64)`.execute(database.db);
      expect((await verifyAuditChain(database.db)).broken?.id).toBe(4);
    } finally {
      await drop();
    }
  });

  it('exports the events as .xlsx for the auditor, neutralising formulas, and audits the export', async () => {
    const { database, drop } = await openIsolated(t);
    try {
      const { app } = await buildTestApp(database);
      const auditorUser = await makeUser(database, 'auditor', '0');
      await recordAudit(database.db, { ...CONSOLE_ACTOR, action: 'household.update', objectId: 'H1', placeCode: '990001', note: '=HYPERLINK("http://x")', after: { head: '@SUM(A1)' } });
      const auditor = await loginAs(app, auditorUser.username);
      const res = await auditor.inject('GET', '/api/v1/audit/events/export.xlsx?action=household');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('审计日志')!;
      expect(sheet.getRow(1).values).toContain('时间（北京时间）');
      expect(sheet.rowCount).toBe(2);
      const row = sheet.getRow(2);
      expect(row.getCell(6).value).toBe('修改户信息');
      expect(row.getCell(12).value).toBe(`'=HYPERLINK("http://x")`);
      expect(row.getCell(14).value).toBe('{"head":"@SUM(A1)"}');
      const exported = await database.db.selectFrom('audit_event').select(['username', 'after']).where('action', '=', 'audit.export').execute();
      expect(exported).toEqual([{ username: auditorUser.username, after: { from: null, to: null, user: null, action: 'household', place: null } }]);

      const page = (await auditor.inject('GET', `/api/v1/audit/events?user=${auditorUser.username}&from=2024-03-01&to=2024-03-02`)).json();
      expect(page.items.map((e: { action: string }) => e.action)).toEqual(['audit.export', 'auth.totp_enable', 'auth.totp_enrol_start', 'auth.login']); // his first login enrolled TOTP
      expect((await auditor.inject('GET', '/api/v1/audit/events?from=yesterday')).json().error.message).toMatch(/from 应为日期/);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
      await app.close();
    } finally {
      await drop();
    }
  });
});

describe('fupin audit verify', () => {
  it('exits 0 on an intact chain and 2 naming the altered event', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fupin-audit-'));
    try {
      const database = await openDatabase({ dataDir: dir });
      await writeEvents(database, 3);
      await database.close();
      const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/fupin.ts', 'audit', 'verify'], { env: { ...process.env, FUPIN_DATA_DIR: dir, DATABASE_URL: '' }, encoding: 'utf8' });
      const ok = run();
      expect(ok.stdout).toMatch(/审计日志完整：已校验 3 个事件（#1 至 #3）/);
      expect(ok.status).toBe(0);
      const again = await openDatabase({ dataDir: dir });
      await tamper(again, sql`UPDATE audit_event SET username = 'mallory' WHERE id = 2`);
      await again.close();
      const bad = run();
      expect(bad.stderr).toMatch(/审计日志被篡改：事件 #2 的内容被改动（哈希不符）/);
      expect(bad.status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 360_000);
});
