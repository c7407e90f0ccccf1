/**
 * A Kysely driver for PGlite. PGlite is one connection: a Kysely "connection" here holds a
 * lock on it from acquire to release, so a transaction is never interleaved with another
 * request's statements. (kysely-pglite exists but pulls a code-generation CLI and its
 * dependencies into production; this is the few lines we need.)
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';

/** A wait for the database that ran past its bound (see `DatabaseLimits.poolWaitMs`): the caller answers 503. */
export class PoolWaitTimeout extends Error {
  readonly code = 'pool_wait_timeout';
  constructor(waitedMs: number) {
    super(`timeout exceeded when trying to connect (waited ${waitedMs} ms for the database)`);
  }
}

/**
 * A FIFO lock: acquire() waits for every earlier holder to finish. With a bound, a waiter that
 * is not served within it leaves the queue and is refused with PoolWaitTimeout.
 */
export class Mutex {
  private held = false;
  private readonly queue: { grant: () => void }[] = [];

  /** Holders (0 or 1) and waiters, for readiness and the load benchmark. */
  state(): { held: boolean; waiting: number } {
    return { held: this.held, waiting: this.queue.length };
  }

  acquire(waitMs?: number): Promise<() => void> {
    const release = () => {
      const next = this.queue.shift();
      if (next) next.grant();
      else this.held = false;
    };
    if (!this.held) {
      this.held = true;
      return Promise.resolve(once(release));
    }
    return new Promise((resolve, reject) => {
      const waiter = { grant: () => (clearTimeout(timer), resolve(once(release))) };
      const timer = waitMs === undefined ? undefined : setTimeout(() => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(new PoolWaitTimeout(waitMs));
      }, waitMs);
      this.queue.push(waiter);
    });
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly pg: PGlite) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(compiledQuery.sql, compiledQuery.parameters as unknown[]);
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      ...(affected !== undefined && !/^\s*select/i.test(compiledQuery.sql)
        ? { numAffectedRows: BigInt(affected) }
        : {}),
    };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    yield await this.executeQuery<R>(compiledQuery);
  }
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  private readonly releases = new WeakMap<DatabaseConnection, (() => void)[]>();

  constructor(
    pg: PGlite,
    private readonly mutex: Mutex | null,
    private readonly waitMs?: number,
  ) {
    this.connection = new PGliteConnection(pg);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.mutex) {
      const release = await this.mutex.acquire(this.waitMs);
      const list = this.releases.get(this.connection) ?? [];
      list.push(release);
      this.releases.set(this.connection, list);
    }
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('BEGIN'));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    this.releases.get(conn)?.shift()?.();
  }

  async destroy(): Promise<void> {}
}

/**
 * Dialect over a PGlite instance; pass a mutex for the shared instance, null inside a held
 * session, and the bound on a request's wait for it (none: wait as long as it takes).
 */
export function pgliteDialect(pg: PGlite, mutex: Mutex | null, waitMs?: number): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PGliteDriver(pg, mutex, waitMs),
    createIntrospector: (db: Kysely<any>) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}
