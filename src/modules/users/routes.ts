/** /users and /roles: user administration (system administrator; the security administrator locks and unlocks). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditActorOf, requirePermission, requireUser } from '../../server/access';
import { DEPARTMENT_LINES, PERMISSIONS, ROLES } from '../auth/service';
import {
  rolesSchema,
  newUserSchema,
  userChangeSchema,
  userIdParamsSchema,
  userListQuerySchema,
  userPageSchema,
  userWithPasswordSchema,
} from './schemas';
import { createUser, disableUser, enableUser, listUsers, resetUserPassword, unlockUser, webAdmin, type AdminContext } from './service';

export async function registerUserRoutes(api: FastifyInstance): Promise<void> {
  const { database, clock } = api.security;
  const db = database.db;
  const adminOf = (request: FastifyRequest): AdminContext => {
    const { user, scope } = requireUser(request);
    return webAdmin(auditActorOf(request), user.permissions, scope, clock.now());
  };
  const idOf = (request: FastifyRequest) => userIdParamsSchema.parse(request.params).id;

  api.get('/roles', { preHandler: requirePermission('users.read') }, async () =>
    rolesSchema.parse({
      roles: Object.entries(ROLES).map(([code, r]) => ({ code, ...r, privileged: !!r.privileged })),
      permissions: Object.entries(PERMISSIONS).map(([code, label]) => ({ code, label })),
      departmentLines: Object.entries(DEPARTMENT_LINES).map(([code, label]) => ({ code, label })),
    }),
  );

  api.get('/users', { preHandler: requirePermission('users.read') }, async (request) => {
    const { scope } = requireUser(request);
    return userPageSchema.parse(await listUsers(db, scope, userListQuerySchema.parse(request.query), clock.now()));
  });

  api.post('/users', { preHandler: requirePermission('users.manage') }, async (request, reply) => {
    const result = await createUser(db, newUserSchema.parse(request.body), adminOf(request));
    return reply.status(201).send(userWithPasswordSchema.parse(result));
  });

  api.post('/users/:id/reset-password', { preHandler: requirePermission('users.manage') }, async (request) =>
    userWithPasswordSchema.parse(await resetUserPassword(db, idOf(request), adminOf(request))),
  );

  api.post('/users/:id/disable', { preHandler: requirePermission('users.manage', 'users.lock') }, async (request) =>
    userChangeSchema.parse(await disableUser(db, idOf(request), adminOf(request))),
  );

  api.post('/users/:id/enable', { preHandler: requirePermission('users.manage', 'users.lock') }, async (request) =>
    userChangeSchema.parse(await enableUser(db, idOf(request), adminOf(request))),
  );

  api.post('/users/:id/unlock', { preHandler: requirePermission('users.manage', 'users.lock') }, async (request) =>
    userChangeSchema.parse(await unlockUser(db, idOf(request), adminOf(request))),
  );
}
