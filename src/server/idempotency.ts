/**
 * 重复提交保护 (Idempotency-Key). A state-changing request that carries the header is done at most
 * once per user and key: a double tap or a retry after a dropped connection gets the first
 * request's answer back (with `Idempotent-Replayed: true`) instead of making a second record.
 * The same key with another method, path or body is refused (422); a repeat that arrives while
 * the first is still running is told to wait (409). Answers of 5xx are not kept, so a retry after
 * a server fault runs again. Keys are kept for 24 hours.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database';
import { STATE_CHANGING } from './access';
import { AppError } from './errors';
import { claimKey, keepAnswer, pruneKeys, releaseKey } from './idempotencyQueries';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_FORMAT = /^[A-Za-z0-9_-]{8,100}$/;
const KEEP_MS = 24 * 60 * 60 * 1000;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { userId: number; key: string };
  }
}

function requestHash(request: FastifyRequest): string {
  const body = request.body === undefined ? '' : Buffer.isBuffer(request.body) ? request.body.toString('base64') : JSON.stringify(request.body);
  return createHash('sha256').update(`${request.method} ${request.url}\n${body}`).digest('hex');
}

export function installIdempotency(app: FastifyInstance, database: Database): void {
  const { db } = database;
  let lastPrune = 0;

  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers[IDEMPOTENCY_HEADER];
    // Sign-in and password routes are left out: their bodies carry passwords, which must not be
    // kept even as a hash, and repeating them has nothing to double.
    if (header === undefined || !STATE_CHANGING.has(request.method) || !request.url.startsWith('/api/') || request.url.startsWith('/api/v1/auth/') || !request.user) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!KEY_FORMAT.test(key)) {
      throw new AppError(400, 'invalid_idempotency_key', `请求标识（${IDEMPOTENCY_HEADER}）“${key.slice(0, 40)}”无效：应为 8–100 位字母、数字、连字符或下划线`);
    }
    const now = request.server.security.clock.now();
    if (now.getTime() - lastPrune > 60 * 60 * 1000) {
      lastPrune = now.getTime();
      await pruneKeys(db, new Date(now.getTime() - KEEP_MS));
    }
    const hash = requestHash(request);
    let kept = await claimKey(db, request.user.id, key, hash, now);
    if (kept === 'released') kept = await claimKey(db, request.user.id, key, hash, now);
    if (kept === 'claimed') {
      request.idempotency = { userId: request.user.id, key };
      return;
    }
    if (kept === 'released') throw new AppError(409, 'request_in_progress', '同一操作正在处理中，请稍候查看结果，不要重复提交');
    if (kept.requestHash !== hash) {
      throw new AppError(422, 'idempotency_key_reused', '同一请求标识已用于另一项操作：请刷新页面后重新提交');
    }
    if (kept.statusCode === null) {
      throw new AppError(409, 'request_in_progress', '同一操作正在处理中，请稍候查看结果，不要重复提交');
    }
    reply.header('idempotent-replayed', 'true');
    if (kept.contentType) reply.type(kept.contentType);
    return reply.status(kept.statusCode).send(kept.body ?? '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim) return payload;
    request.idempotency = undefined;
    if (reply.statusCode >= 500 || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) {
      await releaseKey(db, claim.userId, claim.key);
      return payload;
    }
    const type = reply.getHeader('content-type');
    await keepAnswer(db, claim.userId, claim.key, reply.statusCode, typeof type === 'string' ? type : null, payload.toString());
    return payload;
  });

  // A request that ends without an answer (the client went away mid-way) frees its key.
  app.addHook('onResponse', async (request) => {
    const claim = request.idempotency;
    if (claim) await releaseKey(db, claim.userId, claim.key);
  });
}
