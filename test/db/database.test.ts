import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { sql } from 'kysely';
import { openDatabase, copyLine } from '../../src/db/database';
import { migrate, listMigrations } from '../../src/db/migrate';
import { testDatabases } from '../helpers/databases';

describe.each(testDatabases)('database layer on $name', ({ open }) => {
  it('applies every migration once and again applies nothing', async () => {
    const database = await open();
    try {
      const versions = (await database.db.selectFrom('schema_migration').select('version').execute()).map((r) => r.version);
      // A shared server may also hold migrations of a newer checkout: every one of ours must be applied.
      expect(versions).toEqual(expect.arrayContaining(listMigrations().map((m) => m.version)));
      expect(await migrate(database)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('copies text rows with tabs, newlines, backslashes, NULLs and arrays through COPY', async () => {
    const database = await open();
    try {
      const rows = await database.session(async (s) => {
        await s.exec('CREATE TEMP TABLE copy_probe (a text, b text, c text[])');
        await s.copyIn('COPY copy_probe (a, b, c) FROM STDIN', [
          copyLine(['tab\there', null, ['x', 'y z', 'q"uote']]),
          copyLine(['new\nline', 'back\\slash', []]),
        ]);
        return (await sql<{ a: string; b: string | null; c: string[] }>`SELECT a, b, c FROM copy_probe ORDER BY a DESC`.execute(s.db)).rows;
      });
      expect(rows).toEqual([
        { a: 'tab\there', b: null, c: ['x', 'y z', 'q"uote'] },
        { a: 'new\nline', b: 'back\\slash', c: [] },
      ]);
    } finally {
      await database.close();
    }
  });
});

describe('embedded data directory', () => {
  it('refuses a second process on the same data directory and frees it on close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fupin-lock-'));
    try {
      const database = await openDatabase({ dataDir: dir });
      const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
      try {
        writeFileSync(join(dir, 'fupin.lock'), String(sleeper.pid));
        await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/正被进程 \d+ 使用/);
      } finally {
        sleeper.kill();
      }
      writeFileSync(join(dir, 'fupin.lock'), String(process.pid));
      const bytes = await database.snapshot!();
      expect(bytes.length).toBeGreaterThan(1000);
      await database.close();
      const again = await openDatabase({ dataDir: dir });
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
