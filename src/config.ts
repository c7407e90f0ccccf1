/** Runtime settings from the environment, with the defaults the README promises. */
export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.FUPIN_DATA_DIR ?? './data',
  };
}

/**
 * Bounds that keep the server answering under load (see docs/deployment.md, "Under load"):
 * pool size, the longest a request waits for a database connection before it is refused
 * with 503, the per-statement timeout (PostgreSQL; 0 turns it off), and admission control.
 */
export interface LoadLimits {
  /** FUPIN_POOL_SIZE: PostgreSQL connections of the server (default 10). */
  poolSize: number;
  /** FUPIN_POOL_WAIT_MS: longest wait for a free connection (default 5000). */
  poolWaitMs: number;
  /** FUPIN_STATEMENT_TIMEOUT_MS: a request's statement running longer is cancelled (default 60000; bulk work is exempt). */
  statementTimeoutMs: number;
  /** FUPIN_MAX_INFLIGHT: API requests served at once; past it new ones get 503 at once (default 80). */
  maxInFlight: number;
  /** FUPIN_MAX_POOL_WAITING: requests already queued for a PostgreSQL connection past which new ones get 503 at once (default 0: five times the pool size). */
  maxPoolWaiting: number;
  /** FUPIN_MAX_EVENT_LOOP_DELAY_MS: event-loop delay past which requests get 503 (default 1000; 0 off). */
  maxEventLoopDelayMs: number;
  /** FUPIN_READY_TIMEOUT_MS: how long /health/ready waits for a connection before it reports the pool saturated (default 1000). */
  readyTimeoutMs: number;
  /** FUPIN_SESSION_CACHE_MS: how long a verified session is reused without reading it again (default 5000; 0 off). */
  sessionCacheMs: number;
  /** FUPIN_ROLLUP_REFRESH_MS: reports rebuild a written county's rollups at most once per this many ms (default 0: before every report). */
  rollupRefreshMs: number;
  /** FUPIN_HEADERS_TIMEOUT_MS: a client that opens a connection and sends no complete request head is cut off (default 30000). */
  headersTimeoutMs: number;
  /** FUPIN_REQUEST_TIMEOUT_MS: the whole request, body included, must arrive within this (default 600000: a large upload). */
  requestTimeoutMs: number;
  /** FUPIN_CONNECTION_TIMEOUT_MS: a connection silent this long is closed (default 120000). */
  connectionTimeoutMs: number;
}

const whole = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 ? n : fallback;
};

export function loadLoadLimits(env: NodeJS.ProcessEnv = process.env): LoadLimits {
  return {
    poolSize: Math.max(1, whole(env.FUPIN_POOL_SIZE, 10)),
    poolWaitMs: whole(env.FUPIN_POOL_WAIT_MS, 5000),
    statementTimeoutMs: whole(env.FUPIN_STATEMENT_TIMEOUT_MS, 60_000),
    maxInFlight: Math.max(1, whole(env.FUPIN_MAX_INFLIGHT, 80)),
    maxPoolWaiting: whole(env.FUPIN_MAX_POOL_WAITING, 0),
    maxEventLoopDelayMs: whole(env.FUPIN_MAX_EVENT_LOOP_DELAY_MS, 1000),
    readyTimeoutMs: Math.max(1, whole(env.FUPIN_READY_TIMEOUT_MS, 1000)),
    sessionCacheMs: whole(env.FUPIN_SESSION_CACHE_MS, 5000),
    rollupRefreshMs: whole(env.FUPIN_ROLLUP_REFRESH_MS, 0),
    headersTimeoutMs: Math.max(1000, whole(env.FUPIN_HEADERS_TIMEOUT_MS, 30_000)),
    requestTimeoutMs: whole(env.FUPIN_REQUEST_TIMEOUT_MS, 600_000),
    connectionTimeoutMs: whole(env.FUPIN_CONNECTION_TIMEOUT_MS, 120_000),
  };
}
