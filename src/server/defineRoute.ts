/**
 * Routes declared once. A module's routes.ts calls `routesOf(api, { tag, description })` once and
 * then `route({...})` for each route: method, url, who may call it, the zod schemas of its params,
 * query, body and answer, and the handler. From that one declaration:
 * - the permission is checked (the preHandler `requirePermission` / `requireSignedIn`);
 * - params, query and body are parsed before the handler runs, and a failure is a 400 that names
 *   each field in Chinese and the value sent (`parseInput` in errors.ts, with the route's labels);
 * - the JSON answer is parsed with its schema (nothing unlisted leaves the server) and sent with
 *   the declared status;
 * - the OpenAPI description at /api/docs is built (apiDocs.ts reads the declaration kept in the
 *   route's config), so no second list of routes is kept anywhere.
 *
 *   const route = routesOf(api, { tag: '问题整改', description: 'Rectification ledger (src/modules/rectification)' });
 *   route({
 *     method: 'GET', url: '/rectifications/:id', summary: '整改问题详情', access: 'dashboard.read',
 *     params: idParams, response: detailSchema,
 *     handler: async ({ request, params }) => getRectification(db, await reach(request, params.id)),
 *   });
 *
 * A file answer (导出Excel) declares `file: 'xlsx'` and sends it itself (return the reply).
 * An upload declares `body: 'upload'` and reads `request.file()` itself.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import type { Permission } from '../domain/roles';
import { requirePendingLogin, requirePermission, requireSignedIn } from './access';
import { parseInput, type ProblemOptions } from './errors';

export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: one permission or any of several, any signed-in user ('signedIn'), the
 * holder of a half-session between the two login steps ('pendingLogin'), or anyone ('public',
 * login routes and probes only).
 */
export type RouteAccess = Permission | readonly [Permission, ...Permission[]] | 'signedIn' | 'pendingLogin' | 'public';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | 'upload' | undefined, R extends z.ZodType | undefined> {
  method: RouteMethod;
  /** Under /api/v1, with :params. */
  url: string;
  /** Short Chinese summary (the line Swagger UI lists). */
  summary: string;
  /** Longer Chinese notes, when the summary is not enough. */
  description?: string;
  access: RouteAccess;
  params?: P;
  query?: Q;
  /** The JSON body, or 'upload' (multipart/form-data with a `file` field, read by the handler). */
  body?: B;
  /** The JSON answer; omit it only for a file answer (`file`) or 204. */
  response?: R;
  /** The success status when not 200 (201 created, 202 job started, 204 no content). */
  status?: 200 | 201 | 202 | 204;
  /** A file answer instead of JSON: the handler sends it and returns the reply. */
  file?: 'xlsx' | 'binary';
  /** Takes `reveal=idNumber,phone` (routes showing ID numbers and phones). */
  reveal?: true;
  /** Chinese names of the fields, for error messages (over COMMON_FIELD_LABELS). */
  labels?: Readonly<Record<string, string>>;
  /**
   * A module's own input wording, where it has one (the registry's: its field names, every field
   * as 「名称（field）」, 'bad_request'): parses params, query and body instead of errors.ts's
   * parseInput. `bodyName` is what the body is called in its errors ("户信息"; default 提交内容).
   */
  inputErrors?: { parse: InputParser; bodyName?: string };
  /** Fastify route config beyond the declaration (e.g. `beforePasswordChange`, rate limits). */
  config?: Record<string, unknown>;
  /** Options passed to Fastify as they are (bodyLimit …). */
  bodyLimit?: number;
  /** A check of the request itself (headers …) run after the access check and before the input is parsed. */
  before?: (request: FastifyRequest) => void | Promise<void>;
  handler: (context: {
    request: FastifyRequest;
    reply: FastifyReply;
    params: Out<P>;
    query: Out<Q>;
    body: B extends z.ZodType ? z.output<B> : undefined;
  }) => Promise<(R extends z.ZodType ? z.input<R> : unknown) | FastifyReply | void>;
}

/** Parses one part of a request; throws the 400 that names each field and value. */
export type InputParser = <S extends z.ZodType>(schema: S, value: unknown, what: string) => z.output<S>;

/**
 * True when an answer schema's output and the type a service returns hold the same fields, so
 * parsing the answer drops nothing: `const check: SameShape<z.output<typeof answer>, Report> = true;`
 */
export type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The answer of a change that returns nothing more to say: `{ ok: true }`. */
export const okAnswer = z.object({ ok: z.literal(true) });

/** The answer of a long job started in the background (202). */
export const jobStartedAnswer = z.object({ jobId: z.number().int() });

/** What the API description keeps of a declared route (route config `doc`). */
export interface RouteDoc {
  tag: string;
  summary: string;
  description?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType | 'upload';
  response?: z.ZodType;
  status?: 200 | 201 | 202 | 204;
  reveal?: true;
  file?: 'xlsx' | 'binary';
}

/** The OpenAPI tags of the declared modules, with their descriptions (collected as modules register). */
export const ROUTE_TAGS = new Map<string, string>();

export interface ModuleInfo {
  /** The OpenAPI tag: the module's Chinese name. */
  tag: string;
  /** English description of the tag (with the source folder). */
  description: string;
}

function preHandlerOf(access: RouteAccess, config: Record<string, unknown> | undefined): preHandlerAsyncHookHandler | undefined {
  if (access === 'public') return undefined;
  if (access === 'pendingLogin') return requirePendingLogin;
  if (access === 'signedIn') return requireSignedIn({ beforePasswordChange: config?.beforePasswordChange === true, beforeTotpEnrolment: config?.beforeTotpEnrolment === true });
  const permissions = (typeof access === 'string' ? [access] : [...access]) as [Permission, ...Permission[]];
  return requirePermission(...permissions);
}

/** The route declarer of one module. */
export function routesOf(api: FastifyInstance, module: ModuleInfo) {
  ROUTE_TAGS.set(module.tag, module.description);
  return function route<P extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, B extends z.ZodType | 'upload' | undefined = undefined, R extends z.ZodType | undefined = undefined>(
    spec: RouteSpec<P, Q, B, R>,
  ): void {
    if (!spec.response && !spec.file && spec.status !== 204) throw new Error(`接口 ${spec.method} ${spec.url} 未声明应答结构（response）`);
    const doc: RouteDoc = {
      tag: module.tag,
      summary: spec.summary,
      description: spec.description,
      params: spec.params,
      query: spec.query,
      body: spec.body,
      response: spec.response,
      status: spec.status,
      reveal: spec.reveal,
      file: spec.file,
    };
    const options = { labels: spec.labels } satisfies ProblemOptions;
    const parse: InputParser = spec.inputErrors?.parse ?? ((schema, value, what) => parseInput(schema, value, what, options));
    const bodyName = spec.inputErrors?.bodyName ?? '提交内容';
    const preHandler = preHandlerOf(spec.access, spec.config);
    api.route({
      method: spec.method,
      url: spec.url,
      ...(preHandler ? { preHandler } : {}),
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      config: { ...spec.config, ...(spec.access === 'public' ? { public: true } : {}), doc } as Record<string, unknown>,
      handler: async (request, reply) => {
        await spec.before?.(request);
        const params = (spec.params ? parse(spec.params, request.params, '路径参数') : undefined) as Out<P>;
        const query = (spec.query ? parse(spec.query, request.query ?? {}, '查询条件') : undefined) as Out<Q>;
        const body = (spec.body && spec.body !== 'upload' ? parse(spec.body, request.body ?? {}, bodyName) : undefined) as B extends z.ZodType ? z.output<B> : undefined;
        const result = await spec.handler({ request, reply, params, query, body });
        if (spec.file || result === reply) return reply;
        if (spec.status === 204) return reply.status(204).send();
        const answer = spec.response ? spec.response.parse(result) : result;
        return reply.status(spec.status ?? 200).send(answer);
      },
    });
  };
}

/** The declaration a route was registered with (undefined for a route not declared this way). */
export function routeDocOf(route: { config?: unknown }): RouteDoc | undefined {
  return (route.config as { doc?: RouteDoc } | undefined)?.doc;
}
