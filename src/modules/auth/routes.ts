/** /auth: log in, log out, who am I, change my password. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  auditActorOf,
  clearSessionCookies,
  requireUser,
  setSessionCookies,
} from '../../server/access';
import { AppError } from '../../server/errors';
import { loginBodySchema, loginResponseSchema, meSchema, passwordBodySchema } from './schemas';
import { SECURITY_PROFILES } from './policy';
import { changePassword, login, logout, roleLabel, type Actor } from './service';

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
      return loginResponseSchema.parse({ user: meOf(result.actor), csrfToken: result.csrfToken });
    },
  );

  api.post('/auth/logout', { config: { public: true, beforePasswordChange: true } }, async (request, reply) => {
    if (request.user && request.sessionTokenHash) {
      await logout(db, request.sessionTokenHash, { ...auditActorOf(request), placeCode: request.user.placeCode }, security.clock.now());
    }
    clearSessionCookies(reply);
    return reply.status(204).send();
  });

  api.get('/auth/password-policy', { config: { public: true, beforePasswordChange: true } }, async () => {
    const { profile, password } = security.policy;
    return { profile, profileLabel: SECURITY_PROFILES[profile].label, ...password };
  });

  api.get('/auth/me', { config: { beforePasswordChange: true } }, async (request) => {
    const { user } = requireUser(request, { beforePasswordChange: true });
    return meOf(user);
  });

  api.post('/auth/password', { config: { beforePasswordChange: true } }, async (request, reply) => {
    const { user } = requireUser(request, { beforePasswordChange: true });
    const body = passwordBodySchema.parse(request.body);
    await changePassword(
      db,
      { actor: user, tokenHash: request.sessionTokenHash!, address: request.ip ?? null, ...body },
      security,
    );
    return reply.status(204).send();
  });
}
