/** /users and /roles, declared with routesOf: user administration (system administrator; the security administrator locks and unlocks). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditActorOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
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
  const route = routesOf(api, { tag: '用户与角色', description: 'Users and roles: administration, password reset, lock and unlock (src/modules/users)' });

  route({
    method: 'GET', url: '/roles', summary: '角色、权限与部门条线一览', access: 'users.read', response: rolesSchema,
    handler: async () => ({
      roles: Object.entries(ROLES).map(([code, r]) => ({ code, ...r, privileged: !!r.privileged })),
      permissions: Object.entries(PERMISSIONS).map(([code, label]) => ({ code, label })),
      departmentLines: Object.entries(DEPARTMENT_LINES).map(([code, label]) => ({ code, label })),
    }),
  });

  route({
    method: 'GET', url: '/users', summary: '用户列表', access: 'users.read', query: userListQuerySchema, response: userPageSchema,
    handler: async ({ request, query }) => listUsers(db, requireUser(request).scope, query, clock.now()),
  });

  route({
    method: 'POST', url: '/users', summary: '新建用户（返回一次性密码）', access: 'users.manage', body: newUserSchema, response: userWithPasswordSchema, status: 201,
    handler: async ({ request, body }) => createUser(db, body, adminOf(request)),
  });

  route({
    method: 'POST', url: '/users/:id/reset-password', summary: '重置用户密码（返回一次性密码）', access: 'users.manage', params: userIdParamsSchema, response: userWithPasswordSchema,
    handler: async ({ request, params }) => resetUserPassword(db, params.id, adminOf(request)),
  });

  const changes = [
    ['disable', '停用用户', disableUser],
    ['enable', '启用用户', enableUser],
    ['unlock', '解锁用户（登录失败锁定后）', unlockUser],
  ] as const;
  for (const [action, summary, change] of changes) {
    route({
      method: 'POST', url: `/users/:id/${action}`, summary, access: ['users.manage', 'users.lock'], params: userIdParamsSchema, response: userChangeSchema,
      handler: async ({ request, params }) => change(db, params.id, adminOf(request)),
    });
  }
}
