/**
 * Holding up under load: admission control (requests past capacity are refused at once with
 * 503, Retry-After and 「系统繁忙，请稍后重试」), the liveness and readiness probes, and the
 * 503 answers for a busy pool, a statement over its timeout and a database that is down.
 * See docs/deployment.md, "Under load".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import underPressure from '@fastify/under-pressure';
import { z } from 'zod';
import type { Database } from '../db/database';
import { classifyDbError, statementOf } from '../db/dbErrors';
import { PoolWaitTimeout } from '../db/pgliteDriver';
import type { LoadLimits } from '../config';
import { routesOf } from './defineRoute';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A health probe: no session lookup, no admission control, answered ahead of queued work. */
    probe?: boolean;
  }
}

export const BUSY_MESSAGE = '系统繁忙，请稍后重试';
/** Seconds a refused client is asked to wait (Retry-After). */
export const RETRY_AFTER_SECONDS = 2;

export type AdmissionLimits = Pick<LoadLimits, 'maxInFlight' | 'maxPoolWaiting' | 'maxEventLoopDelayMs' | 'readyTimeoutMs'>;

export interface LoadState {
  /** API requests being served now (probes not counted). */
  inFlight(): number;
  /** Past capacity: a new API request would be refused. */
  full(): boolean;
}

const isProbe = (request: FastifyRequest) => request.routeOptions.config?.probe === true;
const counted = (request: FastifyRequest) => request.url.startsWith('/api/') && !isProbe(request);

function refuse(reply: FastifyReply, code: string, message: string, retryAfter = RETRY_AFTER_SECONDS) {
  return reply.status(503).header('retry-after', String(retryAfter)).send({ error: { code, message } });
}

/**
 * Admission control, to install before the session hook: at most `maxInFlight` API requests at
 * once, none while more than `maxPoolWaiting` wait for a PostgreSQL connection (default five times
 * the pool: more would only wait out the pool's bound), and none while the event loop lags past
 * `maxEventLoopDelayMs` (@fastify/under-pressure); the rest get 503 at once. Probes pass. On
 * PGlite statements, not requests, queue for its one connection: there only `maxInFlight` counts.
 */
export async function installAdmission(app: FastifyInstance, database: Database, limits: AdmissionLimits): Promise<LoadState> {
  let inFlight = 0;
  const maxWaiting = database.kind === 'pglite' ? Infinity : limits.maxPoolWaiting || 5 * database.limits.poolSize;
  // PGlite runs each statement on this thread, so its event loop lags by design: five times the bound there.
  const maxDelay = limits.maxEventLoopDelayMs * (database.kind === 'pglite' ? 5 : 1);
  if (maxDelay > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: maxDelay,
      retryAfter: RETRY_AFTER_SECONDS,
      // under-pressure sends what the handler returns (and lets the request pass on undefined).
      pressureHandler: (request, reply) => {
        if (!counted(request)) return undefined;
        reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS));
        return { error: { code: 'busy', message: BUSY_MESSAGE } } as unknown as void;
      },
    });
  }
  const pressed = () => maxDelay > 0 && (app as unknown as { isUnderPressure?: () => boolean }).isUnderPressure?.() === true;
  const full = () => inFlight >= limits.maxInFlight || database.poolState().waiting >= maxWaiting;
  app.addHook('onRequest', async (request, reply) => {
    if (!counted(request)) return;
    if (full()) return refuse(reply, 'busy', BUSY_MESSAGE);
    inFlight++;
    let done = false;
    reply.raw.once('close', () => {
      if (done) return;
      done = true;
      inFlight--;
    });
  });
  const state = { inFlight: () => inFlight, full: () => full() || pressed() };
  refuseEarly(app, state);
  return state;
}

const PROBES = new Set(['/api/v1/health', '/api/v1/health/live', '/api/v1/health/ready']);
const BUSY_BODY = JSON.stringify({ error: { code: 'busy', message: BUSY_MESSAGE } });

/**
 * Past capacity, an API request is refused by the HTTP server itself, before Fastify sees it
 * (no routing, hooks, logging or serialisation): under a flood the refusals then cost little of
 * the event loop that the admitted requests need. The hook above still decides for requests
 * that pass here (and for injected ones, which never reach the server).
 */
function refuseEarly(app: FastifyInstance, state: LoadState): void {
  const server = app.server;
  const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (handlers.length !== 1) return;
  const [fastify] = handlers;
  server.removeListener('request', fastify);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '';
    if (url.startsWith('/api/') && !PROBES.has(url.split('?')[0]) && state.full()) {
      res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(RETRY_AFTER_SECONDS), 'content-length': Buffer.byteLength(BUSY_BODY) });
      res.end(BUSY_BODY);
      return;
    }
    fastify(req, res);
  });
}

const poolAnswer = z.object({ max: z.number(), total: z.number(), busy: z.number(), waiting: z.number() }).describe('连接池：上限、已开、在用、排队');
const liveAnswer = z.object({ ok: z.boolean(), database: z.string(), status: z.literal('live'), uptimeSeconds: z.number(), pool: poolAnswer, inFlight: z.number() });
const readyAnswer = z.object({ ok: z.boolean(), status: z.literal('ready'), database: z.string(), pool: poolAnswer, inFlight: z.number(), maxInFlight: z.number() });

/** GET /health (kept for compatibility: same as live), /health/live and /health/ready, declared with routesOf. */
export function registerHealthRoutes(api: FastifyInstance, database: Database, state: LoadState, limits: AdmissionLimits): void {
  const route = routesOf(api, { tag: '系统', description: 'System: health probes (src/server/load.ts)' });
  const probe = { access: 'public', config: { probe: true } } as const;
  // No database work: the pool's counters are read from memory.
  const live = async () => ({ ok: true, database: database.kind, status: 'live' as const, uptimeSeconds: Math.round(process.uptime()), pool: database.poolState(), inFlight: state.inFlight() });
  route({ method: 'GET', url: '/health', summary: '健康检查（同 /health/live，保留以兼容旧的探针）', ...probe, response: liveAnswer, handler: live });
  route({ method: 'GET', url: '/health/live', summary: '存活探针：进程在运行即 200，从不访问数据库', ...probe, response: liveAnswer, handler: live });
  route({
    method: 'GET', url: '/health/ready', summary: '就绪探针：检查数据库与连接池', ...probe, response: readyAnswer,
    description: '数据库可用且连接池在 FUPIN_READY_TIMEOUT_MS 内有空闲连接时 200；否则 503，reason 为 database_unavailable、pool_saturated 或 overloaded。',
    handler: async ({ reply }) => {
      const pool = database.poolState();
      const base = { database: database.kind, pool, inFlight: state.inFlight(), maxInFlight: limits.maxInFlight };
      const notReady = (reason: string, message: string) =>
        reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS)).send({ ok: false, status: 'not_ready', reason, message, ...base });
      if (state.inFlight() >= limits.maxInFlight) return notReady('overloaded', `正在处理的请求已达上限（${limits.maxInFlight}），新请求暂被拒绝`);
      try {
        await database.ping(limits.readyTimeoutMs);
      } catch (e) {
        if (e instanceof PoolWaitTimeout) return notReady('pool_saturated', `数据库连接池已满：${limits.readyTimeoutMs} 毫秒内没有空闲连接`);
        return notReady('database_unavailable', '数据库不可用：' + (e instanceof Error ? e.message : String(e)));
      }
      return { ok: true, status: 'ready' as const, ...base, pool: database.poolState() };
    },
  });
}

/**
 * The answer to a database fault met under load, or null for any other error: 503 with
 * Retry-After and a Chinese message; a statement cancelled by its timeout is logged with its SQL.
 */
export function answerDbFault(error: unknown, request: FastifyRequest, reply: FastifyReply, database: Database): FastifyReply | null {
  const fault = classifyDbError(error);
  if (fault === 'busy') return refuse(reply, 'busy', BUSY_MESSAGE);
  if (fault === 'unavailable') {
    request.log.error({ err: error }, 'database unavailable');
    return refuse(reply, 'database_unavailable', '数据库暂时不可用，请稍后重试', 5);
  }
  if (fault === 'statement_timeout') {
    const seconds = Math.round(database.limits.statementTimeoutMs / 100) / 10;
    request.log.warn({ statement: statementOf(error), timeoutMs: database.limits.statementTimeoutMs, url: request.url }, 'statement cancelled by its timeout');
    return refuse(reply, 'statement_timeout', `查询超时（超过 ${seconds} 秒）已取消：请缩小查询范围（地区、年份、条件）后重试`);
  }
  return null;
}
