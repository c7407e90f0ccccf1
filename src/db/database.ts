/**
 * The database: embedded PGlite in a data directory by default, a PostgreSQL server when a
 * URL is given. Both speak the same SQL; the differences (connection pooling, COPY) are
 * hidden behind `Database` and `Session`.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { appendFileSync, mkdirSync, existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PGlite } from '@electric-sql/pglite';
import type { DB } from './schema';
import { Mutex, pgliteDialect, PoolWaitTimeout } from './pgliteDriver';
import { migrate } from './migrate';
import { tagStatement } from './dbErrors';
import { loadLoadLimits, type LoadLimits } from '../config';

export type Db = Kysely<DB>;

/** One connection held for a unit of bulk work: temporary tables and COPY live here. */
export interface Session {
  db: Db;
  /** Run a `COPY … FROM STDIN` statement fed by chunks of whole lines: text, or its UTF-8 bytes (PostgreSQL text format). */
  copyIn(copySql: string, chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): Promise<void>;
  /** Run one or more SQL statements without parameters. */
  exec(text: string): Promise<void>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  /** Human description for logs: the data directory or the server address (no password). */
  where: string;
  db: Db;
  session<T>(fn: (s: Session) => Promise<T>): Promise<T>;
  /** Embedded mode: a consistent .tar.gz snapshot of the data directory; PostgreSQL: use pg_dump. */
  snapshot?(): Promise<Uint8Array>;
  close(): Promise<void>;
  /** The bounds it was opened with (pool size, wait for a connection, statement timeout). */
  limits: DatabaseLimits;
  /** Connections of the pool (PGlite: one), how many are in use and how many requests wait. */
  poolState(): PoolState;
  /** `SELECT 1` with at most `waitMs` of waiting for a connection: throws PoolWaitTimeout when none came, the driver's error when the database is down. */
  ping(waitMs: number): Promise<void>;
}

export type DatabaseLimits = Pick<LoadLimits, 'poolSize' | 'poolWaitMs' | 'statementTimeoutMs'>;

export interface PoolState {
  max: number;
  total: number;
  busy: number;
  waiting: number;
}

export interface OpenOptions {
  /** postgres://… ; when absent, PGlite in dataDir. */
  url?: string;
  /** PGlite data directory; 'memory://' for a throw-away in-memory database. */
  dataDir?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  /** Pool size, wait bound and statement timeout; unset ones come from the environment (src/config.ts). */
  limits?: Partial<DatabaseLimits>;
}

const NUMERIC = 1700;
const INT8 = 20;
const DATE = 1082;

pg.types.setTypeParser(NUMERIC, (v: string) => Number(v));
pg.types.setTypeParser(INT8, (v: string) => Number(v));
pg.types.setTypeParser(DATE, (v: string) => v);

const pgliteParsers = {
  [NUMERIC]: (v: string) => Number(v),
  [INT8]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
};

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const env = loadLoadLimits();
  const limits: DatabaseLimits = { poolSize: env.poolSize, poolWaitMs: env.poolWaitMs, statementTimeoutMs: env.statementTimeoutMs, ...options.limits };
  const database = options.url ? await openPostgres(options.url, limits) : await openPglite(options.dataDir ?? './data', limits);
  if (options.migrate !== false) {
    try {
      await migrate(database);
    } catch (e) {
      await database.close();
      throw e;
    }
  }
  return database;
}

/**
 * Statement trace for the load benchmark (bench/load.ts): with FUPIN_TRACE_SQL=<file>, signal
 * SIGUSR2 turns writing every statement (SQL and parameters, one JSON line each) on and off.
 */
const traceFile = process.env.FUPIN_TRACE_SQL;
let tracing = false;
if (traceFile) process.on('SIGUSR2', () => (tracing = !tracing));

/** Kysely's log hook: a failed statement's SQL stays with its error, so the log can name it. */
const logFailures = (event: { level: string; query: { sql: string; parameters: readonly unknown[] }; error?: unknown }) => {
  if (event.level === 'error') tagStatement(event.error, event.query.sql);
  if (tracing && traceFile) appendFileSync(traceFile, JSON.stringify({ sql: event.query.sql, parameters: event.query.parameters }) + '\n');
};

async function openPostgres(url: string, limits: DatabaseLimits): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: limits.poolSize,
    // A request waits at most this long for a connection, then is refused (503), never left to time out.
    connectionTimeoutMillis: limits.poolWaitMs || undefined,
    ...(limits.statementTimeoutMs ? { statement_timeout: limits.statementTimeoutMs } : {}),
  });
  // A server restart breaks idle connections: drop them (the pool opens new ones), never crash.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: logFailures });
  const where = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return {
    kind: 'postgres',
    where,
    db,
    limits,
    poolState: () => ({ max: limits.poolSize, total: pool.totalCount, busy: pool.totalCount - pool.idleCount, waiting: pool.waitingCount }),
    async ping(waitMs) {
      const pending = pool.connect();
      let timer: NodeJS.Timeout | undefined;
      let client: pg.PoolClient;
      try {
        client = await Promise.race([pending, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new PoolWaitTimeout(waitMs)), waitMs)))]);
      } catch (e) {
        // A connection that comes after the bound goes straight back.
        pending.then((late) => late.release(), () => {});
        throw e;
      } finally {
        clearTimeout(timer);
      }
      try {
        await client.query('SELECT 1');
        client.release();
      } catch (e) {
        client.release(true);
        throw e;
      }
    },
    async session(fn) {
      // Bulk work (imports, recomputation, exports) waits as long as it takes and is not cut by the statement timeout.
      const client = await connectUnbounded(pool);
      if (limits.statementTimeoutMs) await client.query('SET statement_timeout = 0');
      const single = new Kysely<DB>({
        dialect: new PostgresDialect({
          pool: { connect: async () => ({ query: client.query.bind(client), release: () => {} }), end: async () => {} } as never,
        }),
      });
      try {
        return await fn({
          db: single,
          async copyIn(copySql, chunks) {
            const stream = client.query(copyFrom(copySql));
            await pipeline(Readable.from(chunks as AsyncIterable<string | Uint8Array>), stream);
          },
          async exec(text) {
            await client.query(text);
          },
        });
      } finally {
        if (limits.statementTimeoutMs) await client.query('RESET statement_timeout').catch(() => {});
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/** A pool connection for bulk work: the pool's wait bound is for requests, so waiting past it is retried. */
async function connectUnbounded(pool: pg.Pool): Promise<pg.PoolClient> {
  for (;;) {
    try {
      return await pool.connect();
    } catch (e) {
      if (!(e instanceof Error) || !e.message.startsWith('timeout exceeded when trying to connect')) throw e;
    }
  }
}

/** PGlite on Node is one process per data directory: a lock file keeps a second one out. */
function takeLock(dir: string): () => void {
  const lock = join(dir, 'fupin.lock');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    let alive = false;
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (alive) {
      throw new Error(`数据目录 ${dir} 正被进程 ${pid} 使用（嵌入式数据库只允许一个进程打开）。请先停止该进程。`);
    }
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

async function openPglite(dataDir: string, limits: DatabaseLimits): Promise<Database> {
  const memory = dataDir.startsWith('memory://');
  let unlock = () => {};
  let pgDir = dataDir;
  if (!memory) {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    unlock = takeLock(dir);
    pgDir = join(dir, 'pg');
  }
  let lite: PGlite;
  try {
    lite = await PGlite.create(pgDir, { parsers: pgliteParsers });
  } catch (e) {
    unlock();
    throw e;
  }
  const mutex = new Mutex();
  // One connection: requests queue for it in order (FIFO), each waiting at most poolWaitMs. PGlite
  // runs a statement to its end on the server's thread, so the statement timeout cannot apply here.
  const db = new Kysely<DB>({ dialect: pgliteDialect(lite, mutex, limits.poolWaitMs || undefined), log: logFailures });
  let closed = false;
  return {
    kind: 'pglite',
    where: memory ? dataDir : resolve(dataDir),
    db,
    limits,
    poolState: () => {
      const { held, waiting } = mutex.state();
      return { max: 1, total: 1, busy: held ? 1 : 0, waiting };
    },
    async ping(waitMs) {
      if (closed) throw new Error('PGlite is closed');
      const release = await mutex.acquire(waitMs);
      try {
        await lite.query('SELECT 1');
      } finally {
        release();
      }
    },
    async session(fn) {
      const release = await mutex.acquire();
      const single = new Kysely<DB>({ dialect: pgliteDialect(lite, null) });
      try {
        return await fn({
          db: single,
          async copyIn(copySql, chunks) {
            // PGlite takes COPY input as one blob: feed it in batches of about 8 MB.
            const statement = copySql.replace(/FROM\s+STDIN/i, "FROM '/dev/blob'");
            let batch: (string | Uint8Array)[] = [];
            let size = 0;
            const flush = async () => {
              if (batch.length === 0) return;
              await lite.query(statement, [], { blob: new Blob(batch as BlobPart[]) });
              batch = [];
              size = 0;
            };
            for await (const chunk of chunks as AsyncIterable<string | Uint8Array>) {
              batch.push(chunk);
              size += chunk.length;
              if (size >= 8 * 1024 * 1024) await flush();
            }
            await flush();
          },
          async exec(text) {
            await lite.exec(text);
          },
        });
      } finally {
        release();
      }
    },
    async snapshot() {
      const release = await mutex.acquire();
      try {
        const blob = await lite.dumpDataDir('gzip');
        return new Uint8Array(await blob.arrayBuffer());
      } finally {
        release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await lite.close();
      unlock();
    },
  };
}

/**
 * Run `fn` on one connection of the pool, held from start to end: a request made of several
 * statements (the dashboard, a report) then takes one connection, never several at once, and
 * on PGlite it queues once instead of once per statement. Statements that `fn` starts side by
 * side run one after another on that connection. Inside a transaction, `fn` runs on it.
 */
export function onOneConnection<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.connection().execute(fn);
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** Quote a value for PostgreSQL's COPY text format. */
export function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (Array.isArray(value)) {
    const inner = value.map((v) => '"' + String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"').join(',');
    return copyText('{' + inner + '}');
  }
  const s = typeof value === 'string' ? value : String(value);
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** One COPY text line from values. */
export function copyLine(values: unknown[]): string {
  return values.map(copyText).join('\t') + '\n';
}

export { sql };
