/**
 * The API description: OpenAPI 3.1 of every /api/v1 route, built by @fastify/swagger from the
 * routes as they are registered, and Swagger UI from the package's own files at /api/docs
 * (the description itself at /api/docs/json and /api/docs/yaml). See docs/api.md.
 *
 * Nothing here touches how a route answers: the routes carry no Fastify `schema` (routesOf
 * parses their input and answer with zod). The summaries, tags and the zod schemas (converted
 * with `z.toJSONSchema`) come from each route's declaration (defineRoute.ts, kept in the route's
 * config) and the permission from its preHandler (`requirePermission` declares it); they are
 * merged in the swagger `transform`, which only builds the description.
 *
 * The description and the UI need a signed-in user (any role): it shows no data, but a
 * government system does not hand out the map of its interface to anyone who asks.
 */
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi, { type FastifySwaggerUiOptions } from '@fastify/swagger-ui';
import { z } from 'zod';
import { PERMISSIONS, type Permission } from '../modules/auth/service';
import { accessRequirementOf, CSRF_COOKIE, CSRF_HEADER, requireSignedIn, SESSION_COOKIE } from './access';
import { ROUTE_TAGS, routeDocOf, type RouteDoc } from './defineRoute';

export const API_PREFIX = '/api/v1';
export const DOCS_PREFIX = '/api/docs';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const JSON_SCHEMA_OPTIONS = ['input', 'output'] as const;

const SAFE_INTEGER = Number.MAX_SAFE_INTEGER;

/**
 * A zod schema as JSON Schema (draft 2020-12, which OpenAPI 3.1 uses): what a request may send
 * (`input`: defaults optional, coercions as their target type) or what an answer holds (`output`).
 * Dates travel as ISO strings; what JSON Schema cannot say (transforms, custom checks) is left open.
 */
export function jsonSchemaOf(schema: z.ZodType, io: (typeof JSON_SCHEMA_OPTIONS)[number]): Record<string, unknown> {
  const json = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
    override: (ctx) => {
      const def = (ctx.zodSchema as { _zod: { def: { type: string } } })._zod.def;
      const out = ctx.jsonSchema as Record<string, unknown>;
      if (def.type === 'date') {
        out.type = 'string';
        out.format = 'date-time';
      }
      // z.number().int() says "a safe integer": the bounds only clutter the page.
      if (out.minimum === -SAFE_INTEGER) delete out.minimum;
      if (out.maximum === SAFE_INTEGER) delete out.maximum;
    },
  }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

function accessText(requirement: ReturnType<typeof accessRequirementOf>, isPublic: boolean): { text: string; permissions: Permission[]; access: string } {
  if (isPublic) return { text: '公开接口：无需登录。', permissions: [], access: 'public' };
  if (!requirement || requirement.kind === 'signedIn') return { text: '任一已登录用户。', permissions: [], access: 'signedIn' };
  if (requirement.kind === 'pendingLogin') return { text: '登录第二步：须持有 /auth/login 设置的半会话 Cookie。', permissions: [], access: 'pendingLogin' };
  const names = requirement.permissions.map((p) => `「${PERMISSIONS[p]}」（${p}）`).join('或');
  return { text: `所需权限：${names}。`, permissions: requirement.permissions, access: 'permission' };
}

/** `reveal`, read by the registry routes before they validate the rest of the query. */
const REVEAL_PARAMETER = {
  type: 'string',
  pattern: '^(idNumber|phone)(,(idNumber|phone))*$',
  description: '显示明文的字段：idNumber、phone，逗号分隔（须有「查看完整身份证号和电话」权限（person.reveal），并记入审计）',
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The route's description for the swagger document, from its declaration and its preHandler. */
function describeRoute(method: string, path: string, route: { preHandler?: unknown; config?: { public?: boolean } }) {
  // Every /api/v1 route is declared with routesOf (test/server/apiDocs.test.ts checks it); one
  // that is not shows as such.
  const doc: RouteDoc = routeDocOf(route) ?? { tag: '未归类', summary: `${method} ${path}（未编写说明）` };
  const isPublic = route.config?.public === true;
  const access = accessText(accessRequirementOf(route.preHandler), isPublic);
  const schema: Record<string, unknown> = {
    tags: [doc.tag],
    summary: doc.summary,
    description: [doc.description, access.text].filter(Boolean).join('\n\n'),
    operationId: `${method.toLowerCase()}${path.replace(/[/:.-](\w)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    security: isPublic ? [] : SAFE_METHODS.has(method) ? [{ session: [] }] : [{ session: [], csrf: [] }],
    'x-access': access.access,
    'x-permissions': access.permissions,
  };
  if (doc.params) schema.params = jsonSchemaOf(doc.params, 'input');
  if (doc.query) schema.querystring = jsonSchemaOf(doc.query, 'input');
  if (doc.reveal) {
    const query = (schema.querystring ??= { type: 'object', properties: {} }) as { properties: Record<string, unknown> };
    query.properties = { ...query.properties, reveal: REVEAL_PARAMETER };
  }
  if (doc.body === 'upload') {
    schema.consumes = ['multipart/form-data'];
    schema.body = { type: 'object', properties: { file: { type: 'string', format: 'binary', description: '上传的文件' } }, required: ['file'] };
  } else if (doc.body) {
    schema.body = jsonSchemaOf(doc.body, 'input');
  }
  const status = doc.status ?? 200;
  if (status === 204) {
    schema.response = { 204: { description: '成功，无内容', type: 'null' } };
  } else if (doc.file) {
    const type = doc.file === 'xlsx' ? XLSX : 'application/octet-stream';
    schema.response = { [status]: { description: doc.file === 'xlsx' ? 'Excel 文件（.xlsx）' : '文件内容', content: { [type]: { schema: { type: 'string', format: 'binary' } } } } };
  } else if (doc.response) {
    schema.response = { [status]: { 'x-response-description': '成功', ...jsonSchemaOf(doc.response, 'output') } };
  } else {
    schema.response = { [status]: { description: '成功（JSON；结构尚未写入说明）', type: 'object', additionalProperties: true } };
  }
  return schema;
}

/** Error answers every route may give, added to each operation once the document is built. */
const ERROR_RESPONSES = {
  BadRequest: '请求参数有误（invalid_input / bad_request）',
  Unauthenticated: '未登录或会话已过期（unauthenticated）',
  Forbidden: '没有权限、缺少 CSRF 令牌，或须先修改密码 / 绑定动态口令（forbidden / csrf …）',
  NotFound: '不存在，或不在您的管辖范围内（not_found）',
} as const;

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string', description: '中文说明' }, details: {} },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

function addErrorResponses(document: Record<string, unknown>): Record<string, unknown> {
  const tags = (document.tags ??= []) as { name: string; description?: string }[];
  for (const [name, description] of ROUTE_TAGS) if (!tags.some((t) => t.name === name)) tags.push({ name, description });
  const components = (document.components ??= {}) as Record<string, Record<string, unknown>>;
  components.schemas = { ...components.schemas, Error: errorSchema };
  components.responses = Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([name, description]) => [name, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
  );
  for (const item of Object.values((document.paths ?? {}) as Record<string, Record<string, { responses?: Record<string, unknown>; security?: unknown[]; parameters?: unknown[]; requestBody?: unknown }>>)) {
    for (const operation of Object.values(item)) {
      const responses = (operation.responses ??= {});
      if (operation.parameters?.length || operation.requestBody) responses['400'] ??= { $ref: '#/components/responses/BadRequest' };
      if (operation.security?.length) {
        responses['401'] ??= { $ref: '#/components/responses/Unauthenticated' };
        responses['403'] ??= { $ref: '#/components/responses/Forbidden' };
      }
      if (operation.parameters?.some((p) => (p as { in?: string }).in === 'path')) responses['404'] ??= { $ref: '#/components/responses/NotFound' };
    }
  }
  return document;
}

/**
 * Swagger UI sends the session cookie by itself (same origin); for a request that changes data it
 * also needs the CSRF token, which this interceptor copies from the fupin_csrf cookie into the
 * header. Built with `new Function` so that its source is plain browser JavaScript.
 */
const csrfInterceptor = new Function(
  'request',
  `var m = document.cookie.match(/(?:^|; )${CSRF_COOKIE}=([^;]*)/);
   if (m && !/^(GET|HEAD|OPTIONS)$/i.test(request.method || 'GET')) request.headers['${CSRF_HEADER}'] = decodeURIComponent(m[1]);
   return request;`,
) as NonNullable<NonNullable<FastifySwaggerUiOptions['uiConfig']>['requestInterceptor']>;

/** Registers the description (before the routes, which it collects as they come) and the UI. */
export async function installApiDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'fupin 扶贫信息系统接口',
        version: '1',
        description:
          '建档立卡、防返贫监测、程序、帮扶、项目资金等模块的 HTTP JSON 接口，前缀 /api/v1。\n\n' +
          `登录：POST /api/v1/auth/login 设置会话 Cookie \`${SESSION_COOKIE}\`（HttpOnly）和 \`${CSRF_COOKIE}\`；` +
          `修改数据的请求（POST/PUT/PATCH/DELETE）须在请求头 \`${CSRF_HEADER}\` 中带上 \`${CSRF_COOKIE}\` 的值（本页面会自动带上）。` +
          '每个接口的说明写明所需权限；管辖范围外的记录按不存在（404）处理并记入审计。错误统一为 {"error":{"code","message","details"}}。',
      },
      servers: [{ url: '/' }],
      // The declared modules' tags are added once their routes are in (addErrorResponses).
      tags: [],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: '会话 Cookie，由 /auth/login 设置' },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER, description: `修改数据的请求须带的 CSRF 令牌（Cookie ${CSRF_COOKIE} 的值）` },
        },
      },
    },
    transform: ({ schema, url, route }) => {
      const method = [route.method].flat()[0]!.toUpperCase();
      if (!url.startsWith(API_PREFIX + '/')) return { schema: { ...schema, hide: true }, url };
      return { schema: describeRoute(method, url.slice(API_PREFIX.length), route) as typeof schema, url };
    },
    transformObject: (documentObject) => addErrorResponses((documentObject as { openapiObject: Record<string, unknown> }).openapiObject),
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    // The description is for signed-in users; installAccess already refuses anonymous /api/
    // requests, this holds also when requireLogin is off. The UI's own script and style files
    // (static/*) are the package's and carry nothing of the system.
    uiHooks: { preHandler: requireSignedIn() },
    uiConfig: { docExpansion: 'list', deepLinking: true, defaultModelsExpandDepth: 0, requestInterceptor: csrfInterceptor },
    theme: { title: 'fupin 接口文档' },
    // No staticCSP: the UI loads only its own files (script-src 'self'), so the app's CSP serves as it is.
  });
}
