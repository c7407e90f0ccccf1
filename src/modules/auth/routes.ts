/** /auth: log in (password, then a TOTP code when on), log out, who am I, change my password, my TOTP; a security administrator's TOTP reset. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  auditActorOf,
  clearSessionCookies,
  requirePendingLogin,
  requirePermission,
  requireSignedIn,
  requireUser,
  setSessionCookies,
} from '../../server/access';
import { AppError } from '../../server/errors';
import { deleteSession } from './queries';
import {
  loginBodySchema,
  loginResponseSchema,
  loginSecondFactorSchema,
  meSchema,
  passwordBodySchema,
  totpCodeBodySchema,
  totpEnrolmentSchema,
  totpResetSchema,
  totpStatusSchema,
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

  api.post(
    '/auth/login',
    {
      config: {
        public: true,
        csrfExempt: true,
        rateLimit: { max: security.policy.loginRateLimit.max, timeWindow: security.policy.loginRateLimit.windowSeconds * 1000 },
      },
    },
    async (request, reply) => {
      requireJson(request);
      const body = loginBodySchema.parse(request.body);
      const result = await login(
        db,
        { ...body, address: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null },
        security,
      );
      setSessionCookies(request, reply, result.token, result.csrfToken);
      if ('secondFactor' in result) {
        return loginSecondFactorSchema.parse({ secondFactor: result.secondFactor, csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() });
      }
      return loginResponseSchema.parse({ user: meOf(result.actor), csrfToken: result.csrfToken });
    },
  );

  // The second login step: the half-session cookie set by /auth/login, and the TOTP code.
  api.post(
    '/auth/login/totp',
    {
      preHandler: requirePendingLogin,
      config: {
        secondFactorStep: true,
        rateLimit: { max: security.policy.loginRateLimit.max, timeWindow: security.policy.loginRateLimit.windowSeconds * 1000 },
      },
    },
    async (request, reply) => {
      requireJson(request);
      const { code } = totpCodeBodySchema.parse(request.body);
      const pending = request.pendingLogin!;
      const result = await loginSecondFactor(
        db,
        { ...pending, code, address: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null },
        security,
      );
      setSessionCookies(request, reply, result.token, result.csrfToken);
      return loginResponseSchema.parse({ user: meOf(result.actor), csrfToken: result.csrfToken });
    },
  );

  api.post('/auth/logout', { config: { public: true, beforePasswordChange: true, beforeTotpEnrolment: true } }, async (request, reply) => {
    if (request.user && request.sessionTokenHash) {
      await logout(db, request.sessionTokenHash, { ...auditActorOf(request), placeCode: request.user.placeCode }, security.clock.now());
    } else if (request.pendingLogin) {
      await deleteSession(db, request.pendingLogin.tokenHash);
    }
    clearSessionCookies(reply);
    return reply.status(204).send();
  });

  api.get('/auth/password-policy', { config: { public: true, beforePasswordChange: true } }, async () => {
    const { profile, password } = security.policy;
    return { profile, profileLabel: SECURITY_PROFILES[profile].label, ...password };
  });

  api.get('/auth/me', { config: { beforePasswordChange: true, beforeTotpEnrolment: true } }, async (request) => {
    const { user } = requireUser(request, { beforePasswordChange: true, beforeTotpEnrolment: true });
    return meOf(user);
  });

  api.post('/auth/password', { config: { beforePasswordChange: true, beforeTotpEnrolment: true } }, async (request, reply) => {
    const { user } = requireUser(request, { beforePasswordChange: true, beforeTotpEnrolment: true });
    const body = passwordBodySchema.parse(request.body);
    await changePassword(
      db,
      { actor: user, tokenHash: request.sessionTokenHash!, address: request.ip ?? null, ...body },
      security,
    );
    return reply.status(204).send();
  });

  // One's own TOTP: any signed-in user (after a pending password change), also while a
  // required enrolment is pending, which is what these routes are for.
  const own = { preHandler: requireSignedIn({ beforeTotpEnrolment: true }), config: { beforeTotpEnrolment: true } };

  api.get('/auth/totp', own, async (request) => totpStatusSchema.parse(await totpStatus(db, request.user!, security)));

  api.post('/auth/totp/enrol', own, async (request) =>
    totpEnrolmentSchema.parse(await startTotpEnrolment(db, request.user!, request.ip ?? null, security)),
  );

  api.post('/auth/totp/confirm', own, async (request) => {
    const { code } = totpCodeBodySchema.parse(request.body);
    return totpStatusSchema.parse(await confirmTotpEnrolment(db, request.user!, request.sessionTokenHash!, code, request.ip ?? null, security));
  });

  api.post('/auth/totp/disable', own, async (request) => {
    const { code } = totpCodeBodySchema.parse(request.body);
    return totpStatusSchema.parse(await disableOwnTotp(db, request.user!, code, request.ip ?? null, security));
  });

  // A lost authenticator: the security administrator clears another user's TOTP (audited).
  api.post('/users/:id/reset-totp', { preHandler: requirePermission('users.lock') }, async (request) => {
    const { scope } = requireUser(request);
    const id = z.object({ id: z.coerce.number().int().positive('用户编号应为正整数') }).parse(request.params).id;
    return totpResetSchema.parse({ user: await resetUserTotp(db, id, { actor: auditActorOf(request), scope, now: security.clock.now() }) });
  });
}
