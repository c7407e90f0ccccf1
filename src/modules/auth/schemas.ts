/** Request and response shapes of /auth. Responses are parsed on the way out: unlisted fields never leave. */
import { z } from 'zod';

export const loginBodySchema = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});

export const passwordBodySchema = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});

export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  placeCode: z.string(),
  departmentLine: z.string().nullable(),
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
  passwordExpiresAt: z.string().nullable(),
});

export const loginResponseSchema = z.object({ user: meSchema, csrfToken: z.string() });
