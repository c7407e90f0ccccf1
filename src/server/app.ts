/** Assembles the Fastify application: error shape, module routes, the web app. */
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZodError } from 'zod';
import type { Database } from '../db/database';
import { AppError, invalidInput } from './errors';
import { registerRoutes } from './routes';
import { installAccess, type AccessOptions } from './access';
import { installApiDocs } from './apiDocs';
import { installIdempotency } from './idempotency';
import { answerDbFault, installAdmission, registerHealthRoutes } from './load';
import { loadLoadLimits, type LoadLimits } from '../config';
import { setRollupRefreshInterval } from '../modules/reports/rollups';

export interface AppOptions {
  database: Database;
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** Admission control, probe and socket timeouts; unset ones come from the environment (src/config.ts). */
  limits?: Partial<LoadLimits>;
  /** Directory of the built web app; defaults to web/dist. */
  webDir?: string;
  /** Clock, security policy, and requireLogin (default true: only `config: { public: true }` routes answer anonymous requests). */
  access?: Omit<AccessOptions, 'database'>;
  /** Told of every route as it is registered (the access-matrix test lists them this way). */
  onRoute?: (route: RouteOptions) => void;
  /** Behind a reverse proxy: trust X-Forwarded-* (client address, https for Secure cookies). */
  trustProxy?: boolean;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The built scripts and styles under assets/ carry a hash of their content in their name: a
 * browser keeps them for a year without asking again. Everything else (index.html, the service
 * worker, the manifest) is checked with the server on every use, so a new version is seen at once.
 */
export function cacheControlFor(path: string): string {
  return /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.(js|css)$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const limits: LoadLimits = { ...loadLoadLimits(), ...options.limits };
  setRollupRefreshInterval(limits.rollupRefreshMs);
  // Slow or silent clients are cut off by the socket (they never hold a database connection:
  // the handlers run after the whole request has arrived).
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 10 * 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    connectionTimeout: limits.connectionTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
  });
  app.server.headersTimeout = limits.headersTimeoutMs;
  await app.register(multipart, { limits: { fileSize: 1024 * 1024 * 1024, files: 1 } });
  // Before compression: the kept answer of a create is the plain JSON, not the compressed bytes.
  installIdempotency(app, options.database);
  // Slow connections: answers over 1 KB of a compressible type (JSON lists, scripts, styles, CSV)
  // go out as brotli or gzip when the browser accepts it; spreadsheets (already zipped) as they are.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });

  app.setErrorHandler((error, request, reply) => {
    const refused = answerDbFault(error, request, reply, options.database);
    if (refused) return refused;
    // A parse left inside a service (routesOf parses each route's own input): worded by the one
    // formatter of errors.ts, with the values looked up in what the request sent (body, else query).
    const known = error instanceof ZodError ? invalidInput(error, request.body ?? request.query, '请求参数') : error;
    if (known instanceof AppError) {
      return reply.status(known.status).send({ error: { code: known.code, message: known.message, details: known.details } });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error(error);
    return reply.status(status).send({
      error: { code: status >= 500 ? 'internal' : 'bad_request', message: status >= 500 ? '服务器内部错误，请稍后重试或联系管理员' : (error as Error).message },
    });
  });

  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  // Before the session hook: a refused request costs no database work.
  const load = await installAdmission(app, options.database, limits);
  await installAccess(app, { ...options.access, database: options.database, sessionCacheMs: limits.sessionCacheMs });
  // Before the routes: the OpenAPI description collects them as they are registered (/api/docs).
  await installApiDocs(app);
  await app.register(
    async (api) => {
      registerHealthRoutes(api, options.database, load, limits);
      await registerRoutes(api, options.database);
    },
    { prefix: '/api/v1' },
  );

  const webDir = options.webDir ?? join(ROOT, 'web', 'dist');
  if (existsSync(webDir)) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDir, wildcard: true, setHeaders: (reply, path) => reply.header('cache-control', cacheControlFor(path)) });
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
      return reply.status(404).send({ error: { code: 'not_found', message: `没有这个接口：${request.method} ${request.url}` } });
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ error: { code: 'not_found', message: `没有这个接口：${request.method} ${request.url}` } }),
    );
  }
  return app;
}
