/**
 * How the server delivers to slow connections: compressible answers (JSON, scripts, styles) over
 * 1 KB go out as brotli or gzip when the browser accepts it, spreadsheets as they are; the built
 * scripts and styles (content-hashed names) are kept by the browser for a year, while
 * index.html, the service worker and the SPA fallback are revalidated on every use.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database';
import { manualClock, securityPolicy } from '../../src/modules/auth/service';
import { buildApp, cacheControlFor } from '../../src/server/app';
import { loginAs, makeUser, START, type Client } from '../access/helpers';
import { testDatabases } from '../helpers/databases';

const SCRIPT = 'console.log("扶贫信息系统");\n'.repeat(2000);
const INDEX = '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-AbCd1234.js"></script></head><body><div id="root"></div></body></html>';

describe('cacheControlFor', () => {
  it('keeps hashed assets for a year and revalidates everything else', () => {
    expect(cacheControlFor('/srv/web/dist/assets/index-giPlshAN.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/srv/web/dist/assets/i18n-KqfLvjfv.css')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/srv/web/dist/index.html')).toBe('no-cache');
    expect(cacheControlFor('/srv/web/dist/sw.js')).toBe('no-cache');
    expect(cacheControlFor('/srv/web/dist/assets/logo.svg')).toBe('no-cache');
  });
});

describe.each(testDatabases)('delivery ($name)', (t) => {
  let database: Database;
  let app: FastifyInstance;
  let webDir: string;
  let admin: Client;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'fupin-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), INDEX);
    writeFileSync(join(webDir, 'assets', 'index-AbCd1234.js'), SCRIPT);
    writeFileSync(join(webDir, 'sw.js'), '// service worker\n');
    database = await t.open();
    app = await buildApp({ database, webDir, access: { clock: manualClock(START), policy: securityPolicy('dengbao'), requireLogin: true } });
    const user = await makeUser(database, 'sys_admin', '0');
    admin = await loginAs(app, user.username);
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('sends a built script compressed as the browser asks, and lets it keep the script', async () => {
    const br = await app.inject({ method: 'GET', url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString('utf8')).toBe(SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 10);

    const gzip = await app.inject({ method: 'GET', url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(SCRIPT);

    const plain = await app.inject({ method: 'GET', url: '/assets/index-AbCd1234.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('has index.html, the service worker and the SPA fallback revalidated on every use', async () => {
    for (const url of ['/', '/sw.js', '/households/411423100001']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    expect((await app.inject({ method: 'GET', url: '/households/411423100001' })).body).toBe(INDEX);
  });

  it('compresses a JSON answer over 1 KB and leaves a small one as it is', async () => {
    const roles = await admin.inject('GET', '/api/v1/roles', undefined, { 'accept-encoding': 'gzip' });
    expect(roles.statusCode).toBe(200);
    expect(roles.headers['content-encoding']).toBe('gzip');
    const parsed = JSON.parse(gunzipSync(roles.rawPayload).toString('utf8'));
    expect(parsed.roles.map((r: { code: string }) => r.code)).toContain('village_operator');

    const me = await admin.inject('GET', '/api/v1/auth/me', undefined, { 'accept-encoding': 'gzip' });
    expect(me.statusCode).toBe(200);
    expect(me.rawPayload.length).toBeLessThan(1024);
    expect(me.headers['content-encoding']).toBeUndefined();
  });

  it('sends a spreadsheet export uncompressed (it is zipped already)', async () => {
    const auditor = await loginAs(app, (await makeUser(database, 'auditor', '0')).username);
    const workbook = await auditor.inject('GET', '/api/v1/audit/events/export.xlsx', undefined, { 'accept-encoding': 'gzip, br' });
    expect(workbook.statusCode, workbook.body.slice(0, 200)).toBe(200);
    expect(workbook.headers['content-type']).toContain('spreadsheetml');
    expect(workbook.headers['content-encoding']).toBeUndefined();
    expect(workbook.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
