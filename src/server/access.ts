/**
 * Request-level access: the session cookie becomes `request.user` and `request.scope`, state-
 * changing requests of a session must carry its CSRF token, and routes declare what they need
 * with `requirePermission(...)` and `assertInScope(...)`. See docs/access.md.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { Database } from '../db/database';
import type { HouseholdAccess } from '../db/householdReach';
import { scopeContains, type PlaceScope } from '../db/placeScope';
import { recordAudit, type AuditActor } from '../modules/audit/service';
import {
  csrfTokenMatches,
  isCadreHousehold,
  loadSecurityPolicy,
  pairedHouseholdCondition,
  PERMISSIONS,
  resolveSession,
  roleLabel,
  scopeOfUser,
  systemClock,
  type Actor,
  type Clock,
  type Permission,
  type SecurityPolicy,
} from '../modules/auth/service';
import { AppError, notFound } from './errors';

export const SESSION_COOKIE = 'fupin_session';
export const CSRF_COOKIE = 'fupin_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export interface SecurityContext {
  database: Database;
  clock: Clock;
  policy: SecurityPolicy;
  /** Refuse anonymous API requests except routes marked `config: { public: true }` (default true). */
  requireLogin: boolean;
  /** How long a verified session is reused without reading it again (ms; 0: read on every request). */
  sessionCacheMs: number;
}

export interface AccessOptions {
  database: Database;
  clock?: Clock;
  policy?: SecurityPolicy;
  requireLogin?: boolean;
  sessionCacheMs?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user, or null (no session, or an expired one). */
    user: Actor | null;
    /** The user's place scope; null when anonymous. */
    scope: PlaceScope | null;
    /** Why the session cookie was not accepted ('idle' | 'absolute'), for a clearer 401. */
    sessionExpired: string | null;
    sessionTokenHash: string | null;
    /** A half-session (password right, TOTP code owed): only the second login step reads it. Never sets `user`. */
    pendingLogin: { userId: number; tokenHash: string } | null;
  }
  interface FastifyInstance {
    security: SecurityContext;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health). */
    public?: boolean;
    /** Needs no CSRF token (login: there is no session yet; see docs/access.md). */
    csrfExempt?: boolean;
    /** Answers while the user still has to change a one-time or expired password. */
    beforePasswordChange?: boolean;
    /** Answers while a user whose role requires TOTP has not enrolled yet (enrolment, /auth/me, logout). */
    beforeTotpEnrolment?: boolean;
    /** The second login step: reached with a half-session only (see auth service, startSecondFactor). */
    secondFactorStep?: boolean;
  }
}

/** Methods that change data: they carry the CSRF token (and may carry an Idempotency-Key). */
export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const unauthenticated = (request: FastifyRequest) =>
  new AppError(401, 'unauthenticated', request.sessionExpired === 'idle' ? '长时间未操作，会话已过期，请重新登录' : request.sessionExpired === 'absolute' ? '会话已达最长时限，请重新登录' : '请先登录');

const passwordChangeRequired = () => new AppError(403, 'password_change_required', '请先修改密码（初始密码或密码已过期）');

const totpEnrolmentRequired = () => new AppError(403, 'totp_enrolment_required', '安全策略要求您的账户使用动态口令：请先绑定验证器');

/** Cookies, security headers, rate limiting, and the session → user hook. Call before the routes. */
export async function installAccess(app: FastifyInstance, options: AccessOptions): Promise<void> {
  const security: SecurityContext = {
    database: options.database,
    clock: options.clock ?? systemClock,
    policy: options.policy ?? loadSecurityPolicy(),
    requireLogin: options.requireLogin ?? true,
    sessionCacheMs: options.sessionCacheMs ?? 0,
  };
  app.decorate('security', security);
  app.decorateRequest('user', null);
  app.decorateRequest('scope', null);
  app.decorateRequest('sessionExpired', null);
  app.decorateRequest('sessionTokenHash', null);
  app.decorateRequest('pendingLogin', null);

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its CSS-in-JS into <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new AppError(429, 'rate_limited', `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`),
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const config = request.routeOptions.config ?? {};
    // Health probes never wait for the database (src/server/load.ts).
    if (config.probe) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const state = await resolveSession(security.database.db, token, security);
      if (state.kind === 'active') {
        request.user = state.actor;
        request.scope = scopeOfUser(state.actor);
        request.sessionTokenHash = state.tokenHash;
        if (STATE_CHANGING.has(request.method) && !config.csrfExempt) {
          const header = request.headers[CSRF_HEADER];
          if (!csrfTokenMatches(state.csrfHash, request.cookies[CSRF_COOKIE], typeof header === 'string' ? header : undefined)) {
            throw new AppError(403, 'csrf', `缺少或错误的 CSRF 令牌：修改数据的请求须在请求头 ${CSRF_HEADER} 中带上 Cookie ${CSRF_COOKIE} 的值`);
          }
        }
      } else if (state.kind === 'second_factor') {
        request.pendingLogin = { userId: state.userId, tokenHash: state.tokenHash };
        if (STATE_CHANGING.has(request.method) && !config.csrfExempt) {
          const header = request.headers[CSRF_HEADER];
          if (!csrfTokenMatches(state.csrfHash, request.cookies[CSRF_COOKIE], typeof header === 'string' ? header : undefined)) {
            throw new AppError(403, 'csrf', `缺少或错误的 CSRF 令牌：修改数据的请求须在请求头 ${CSRF_HEADER} 中带上 Cookie ${CSRF_COOKIE} 的值`);
          }
        }
      } else {
        if (state.kind === 'expired') request.sessionExpired = state.reason;
        clearSessionCookies(reply);
      }
    }
    if (security.requireLogin && !config.public) {
      if (config.secondFactorStep) {
        if (!request.pendingLogin) throw unauthenticated(request);
        return;
      }
      if (!request.user) throw unauthenticated(request);
      if (request.user.mustChangePassword && !config.beforePasswordChange) throw passwordChangeRequired();
      if (request.user.mustEnrolTotp && !config.beforeTotpEnrolment) throw totpEnrolmentRequired();
    }
  });
}

function cookieOptions(request: FastifyRequest, httpOnly: boolean) {
  return { path: '/', sameSite: 'strict' as const, httpOnly, secure: request.protocol === 'https' };
}

export function setSessionCookies(request: FastifyRequest, reply: FastifyReply, token: string, csrfToken: string): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, true));
  reply.setCookie(CSRF_COOKIE, csrfToken, cookieOptions(request, false));
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(CSRF_COOKIE, { path: '/' });
}

/** The signed-in user and scope, or 401; 403 while a password change or a required TOTP enrolment is pending unless allowed. */
export function requireUser(request: FastifyRequest, options: { beforePasswordChange?: boolean; beforeTotpEnrolment?: boolean } = {}): { user: Actor; scope: PlaceScope } {
  if (!request.user || !request.scope) throw unauthenticated(request);
  if (request.user.mustChangePassword && !options.beforePasswordChange) throw passwordChangeRequired();
  if (request.user.mustEnrolTotp && !options.beforeTotpEnrolment) throw totpEnrolmentRequired();
  return { user: request.user, scope: request.scope };
}

const REQUIREMENT = Symbol('fupin.accessRequirement');

function declare(handler: preHandlerAsyncHookHandler, requirement: AccessRequirement): preHandlerAsyncHookHandler {
  return Object.assign(handler, { [REQUIREMENT]: requirement });
}

/**
 * preHandler of routes on one's own account that any signed-in user may use (his TOTP):
 * the declaration that no permission is needed beyond being signed in.
 */
export function requireSignedIn(options: { beforePasswordChange?: boolean; beforeTotpEnrolment?: boolean } = {}): preHandlerAsyncHookHandler {
  return declare(async (request) => {
    requireUser(request, options);
  }, { kind: 'signedIn' });
}

/** preHandler of the second login step: a half-session, or 401. */
export const requirePendingLogin: preHandlerAsyncHookHandler = declare(async (request) => {
  if (!request.pendingLogin) throw unauthenticated(request);
}, { kind: 'pendingLogin' });

/** preHandler: 401 for anonymous, 403 for a role that has none of the permissions. */
export function requirePermission(...permissions: [Permission, ...Permission[]]): preHandlerAsyncHookHandler {
  return declare(async (request) => {
    const { user } = requireUser(request);
    if (!permissions.some((p) => user.permissions.includes(p))) {
      const names = permissions.map((p) => `「${PERMISSIONS[p]}」`).join('或');
      throw new AppError(403, 'forbidden', `您的角色（${roleLabel(user.role)}）没有${names}权限`, { permissions, role: user.role });
    }
  }, { kind: 'permission', permissions });
}

/**
 * What a route's preHandler demands, as the API description (/api/docs) shows it: any one of
 * `permissions`, any signed-in user, or the half-session of the second login step.
 */
export type AccessRequirement = { kind: 'permission'; permissions: Permission[] } | { kind: 'signedIn' } | { kind: 'pendingLogin' };

/** The requirement a route's preHandler (one function or a list) declared with the functions above, or null. */
export function accessRequirementOf(preHandler: unknown): AccessRequirement | null {
  for (const handler of [preHandler].flat()) {
    const requirement = (handler as { [REQUIREMENT]?: AccessRequirement } | null | undefined)?.[REQUIREMENT];
    if (requirement) return requirement;
  }
  return null;
}

/** Who did it, for `recordAudit`: `recordAudit(tx, { ...auditActorOf(request), action, … })`. */
export function auditActorOf(request: FastifyRequest): AuditActor {
  return {
    userId: request.user?.id ?? null,
    username: request.user?.username ?? null,
    role: request.user?.role ?? null,
    address: request.ip ?? null,
  };
}

/** The record a request reaches, as assertInScope needs it. */
export interface ScopedRecord {
  /** 'household', 'person', 'place', 'user' … */
  type: string;
  id: string;
  /** The finest place code of the record (a household's village code). */
  placeCode: string;
  /** For households and their parts: a pairing cadre reaches only his paired ones. */
  household?: { countyCode: string; householdNo: string };
}

/**
 * 404 for a record outside the user's scope (as if it did not exist), with an
 * 'access.refused' audit event. Call it after loading the record and before answering.
 */
export async function assertInScope(request: FastifyRequest, record: ScopedRecord): Promise<void> {
  const { user, scope } = requireUser(request);
  let inside = scopeContains(scope, record.placeCode);
  if (inside && user.role === 'pairing_cadre') {
    inside = !!record.household && (await isCadreHousehold(request.server.security.database.db, user.id, record.household.countyCode, record.household.householdNo));
  }
  if (inside) return;
  await recordAudit(request.server.security.database.db, {
    ...auditActorOf(request),
    at: request.server.security.clock.now(),
    action: 'access.refused',
    objectType: record.type,
    objectId: record.id,
    placeCode: record.placeCode,
    outcome: 'refused',
    note: `${request.method} ${request.url.split('?')[0]}`,
  });
  throw notFound(record.type === 'household' ? `户 ${record.id} ` : `${record.type} ${record.id} `);
}

/** What a household query must filter by (see src/db/householdReach.ts). */
export type { HouseholdAccess };

export function householdAccessOf(request: FastifyRequest): HouseholdAccess {
  const { user, scope } = requireUser(request);
  return { scope, pairedCadreId: user.role === 'pairing_cadre' ? user.id : null };
}

export { pairedHouseholdCondition };
