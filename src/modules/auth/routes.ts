/**
 * /auth, declared with routesOf (src/server/defineRoute.ts): log in (password, then a TOTP code when on), log out, who am I, change my password, my TOTP; a security administrator's TOTP reset.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditActorOf, clearSessionCookies, requireUser, setSessionCookies } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { AppError } from '../../server/errors';
import { deleteSession } from './queries';
import {
  loginBodySchema,
  loginResponseSchema,
  loginSecondFactorSchema,
  meSchema,
  passwordBodySchema,
  passwordPolicySchema,
  totpCodeBodySchema,
  totpEnrolmentSchema,
  totpResetSchema,
  totpStatusSchema,
  userIdParams,
} from './schemas';
import { SECURITY_PROFILES } from './policy';
import { confirmTotpEnrolment, disableOwnTotp, resetUserTotp, startTotpEnrolment, totpStatus } from './secondFactor';
import { changePassword, login, loginSecondFactor, logout, roleLabel, type Actor } from './service';
import { z } from 'zod';

function meOf(actor: Actor) {
  return meSchema.parse({
    ...actor,
    roleLabel: roleLabel(actor.role),
    passwordExpiresAt: actor.passwordExpiresAt?.toISOString() ?? null,
  });
}

/** Login takes JSON only: a cross-site form cannot send it, and a cross-site script would need a CORS preflight this server never grants. */
function requireJson(request: FastifyRequest): void {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new AppError(415, 'unsupported_media_type', '登录请求须为 JSON（Content-Type: application/json）');
  }
}

export async function registerAuthRoutes(api: FastifyInstance): Promise<void> {
  const security = api.security;
  const db = security.database.db;
  const route = routesOf(api, { tag: '登录与会话', description: 'Authentication: login (password, then TOTP), logout, current user, own password and TOTP (src/modules/auth)' });
  const rateLimit = { max: security.policy.loginRateLimit.max, timeWindow: security.policy.loginRateLimit.windowSeconds * 1000 };

  route({
    method: 'POST', url: '/auth/login', summary: '登录（用户名与密码）', access: 'public',
    description: '成功时设置会话 Cookie fupin_session 与 fupin_csrf，并返回 CSRF 令牌；开启动态口令的账户先得到半会话，须再调用 /auth/login/totp。须为 JSON 请求。',
    body: loginBodySchema, response: z.union([loginResponseSchema, loginSecondFactorSchema]),
    config: { csrfExempt: true, rateLimit },
    before: requireJson,
    handler: async ({ request, reply, body }) => {
      const result = await login(
        db,
        { ...body, address: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null },
        security,
      );
      setSessionCookies(request, reply, result.token, result.csrfToken);
      if ('secondFactor' in result) {
        return { secondFactor: result.secondFactor, csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() };
      }
      return { user: meOf(result.actor), csrfToken: result.csrfToken };
    },
  });

  // The second login step: the half-session cookie set by /auth/login, and the TOTP code.
  route({
    method: 'POST', url: '/auth/login/totp', summary: '登录第二步：提交动态口令', access: 'pendingLogin',
    body: totpCodeBodySchema, response: loginResponseSchema,
    config: { secondFactorStep: true, rateLimit },
    before: requireJson,
    handler: async ({ request, reply, body }) => {
      const pending = request.pendingLogin!;
      const result = await loginSecondFactor(
        db,
        { ...pending, code: body.code, address: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null },
        security,
      );
      setSessionCookies(request, reply, result.token, result.csrfToken);
      return { user: meOf(result.actor), csrfToken: result.csrfToken };
    },
  });

  route({
    method: 'POST', url: '/auth/logout', summary: '退出登录（清除会话）', access: 'public', status: 204,
    config: { beforePasswordChange: true, beforeTotpEnrolment: true },
    handler: async ({ request, reply }) => {
      if (request.user && request.sessionTokenHash) {
        await logout(db, request.sessionTokenHash, { ...auditActorOf(request), placeCode: request.user.placeCode }, security.clock.now());
      } else if (request.pendingLogin) {
        await deleteSession(db, request.pendingLogin.tokenHash);
      }
      clearSessionCookies(reply);
    },
  });

  route({
    method: 'GET', url: '/auth/password-policy', summary: '密码策略（长度、复杂度、有效期）', access: 'public', response: passwordPolicySchema,
    config: { beforePasswordChange: true },
    handler: async () => {
      const { profile, password } = security.policy;
      return { profile, profileLabel: SECURITY_PROFILES[profile].label, ...password };
    },
  });

  const beforeChanges = { beforePasswordChange: true, beforeTotpEnrolment: true };
  route({
    method: 'GET', url: '/auth/me', summary: '当前登录用户', access: 'signedIn', response: meSchema, config: beforeChanges,
    handler: async ({ request }) => meOf(requireUser(request, beforeChanges).user),
  });

  route({
    method: 'POST', url: '/auth/password', summary: '修改本人密码', access: 'signedIn', body: passwordBodySchema, status: 204, config: beforeChanges,
    handler: async ({ request, body }) => {
      const { user } = requireUser(request, beforeChanges);
      await changePassword(db, { actor: user, tokenHash: request.sessionTokenHash!, address: request.ip ?? null, ...body }, security);
    },
  });

  // One's own TOTP: any signed-in user (after a pending password change), also while a
  // required enrolment is pending, which is what these routes are for.
  const own = { access: 'signedIn', config: { beforeTotpEnrolment: true } } as const;

  route({
    method: 'GET', url: '/auth/totp', summary: '本人动态口令状态', ...own, response: totpStatusSchema,
    handler: async ({ request }) => totpStatus(db, request.user!, security),
  });

  route({
    method: 'POST', url: '/auth/totp/enrol', summary: '开始绑定动态口令（返回二维码）', ...own, response: totpEnrolmentSchema,
    handler: async ({ request }) => startTotpEnrolment(db, request.user!, request.ip ?? null, security),
  });

  route({
    method: 'POST', url: '/auth/totp/confirm', summary: '确认绑定动态口令', ...own, body: totpCodeBodySchema, response: totpStatusSchema,
    handler: async ({ request, body }) => confirmTotpEnrolment(db, request.user!, request.sessionTokenHash!, body.code, request.ip ?? null, security),
  });

  route({
    method: 'POST', url: '/auth/totp/disable', summary: '停用本人动态口令', ...own, body: totpCodeBodySchema, response: totpStatusSchema,
    handler: async ({ request, body }) => disableOwnTotp(db, request.user!, body.code, request.ip ?? null, security),
  });

  // A lost authenticator: the security administrator clears another user's TOTP (audited).
  route({
    method: 'POST', url: '/users/:id/reset-totp', summary: '重置他人动态口令（安全管理员）', access: 'users.lock', params: userIdParams, response: totpResetSchema,
    handler: async ({ request, params }) => {
      const { scope } = requireUser(request);
      return { user: await resetUserTotp(db, params.id, { actor: auditActorOf(request), scope, now: security.clock.now() }) };
    },
  });
}
