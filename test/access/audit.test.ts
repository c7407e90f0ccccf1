import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/db/database';
import { chainedEventOf, CONSOLE_ACTOR, pruneAuditEvents, recordAudit, verifyAuditChain } from '../../src/modules/audit/service';
import { eventHash } from '../../src/modules/audit/chain';
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

describe.each(testDatabases)('audit trail on $name', (t) => {
  it('verifies an intact chain and names an altered, a relinked and a deleted event', async () => {
    const { database, drop } = await openIsolated(t);
    try {
      const ids = await writeEvents(database, 6);
      expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
      const stored = await database.db.selectFrom('audit_event').select(['after', 'prev_hash', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
      expect(stored.after).toEqual({ size: 1, name: '张三\uFFFD', lone: '\uFFFD' });
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true, checked: 6, firstId: 1, lastId: 6 });

      await sql`UPDATE audit_event SET after = '{"size": 99, "name": "李四", "lone": "x"}' WHERE id = 3`.execute(database.db);
      expect(await verifyAuditChain(database.db)).toMatchObject({ ok: false, checked: 2, broken: { id: 3, reason: '事件 #3 的内容被改动（哈希不符）' } });

      // Recomputing the altered event's own hash moves the break to the next link.
      const row3 = await database.db.selectFrom('audit_event').selectAll().where('id', '=', 3).executeTakeFirstOrThrow();
      await database.db.updateTable('audit_event').set({ hash: eventHash(row3.prev_hash, chainedEventOf(row3)) }).where('id', '=', 3).execute();
      expect((await verifyAuditChain(database.db)).broken).toEqual({ id: 4, reason: '事件 #4 与前一事件 #3 的链接断开（前一事件被改动或替换）' });
      await sql`DELETE FROM audit_event WHERE id = 3`.execute(database.db);
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
      await sql`DELETE FROM audit_event WHERE id = 4`.execute(database.db);
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
      expect(page.items.map((e: { action: string }) => e.action)).toEqual(['audit.export', 'auth.login']);
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
      await sql`UPDATE audit_event SET username = 'mallory' WHERE id = 2`.execute(again.db);
      await again.close();
      const bad = run();
      expect(bad.stderr).toMatch(/审计日志被篡改：事件 #2 的内容被改动（哈希不符）/);
      expect(bad.status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 360_000);
});
