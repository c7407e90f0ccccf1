/** Request and response shapes of /auth. Responses are parsed on the way out: unlisted fields never leave. */
import { z } from 'zod';
import { SECURITY_PROFILES, type PasswordPolicy, type SecurityProfile } from './policy';

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
  totpEnabled: z.boolean(),
  mustEnrolTotp: z.boolean(),
});

export const loginResponseSchema = z.object({ user: meSchema, csrfToken: z.string() });

/** Password right, TOTP code owed: no user yet, a half-session for POST /auth/login/totp. */
export const loginSecondFactorSchema = z.object({ secondFactor: z.literal('totp'), csrfToken: z.string(), expiresAt: z.string() });

export const totpCodeBodySchema = z.object({
  code: z.string().trim().regex(/^\d{6}$/, '请输入验证器上显示的 6 位数字'),
});

export const totpStatusSchema = z.object({ enabled: z.boolean(), enabledAt: z.string().nullable(), required: z.boolean(), pending: z.boolean() });

export const totpEnrolmentSchema = z.object({ uri: z.string(), qrDataUrl: z.string(), manualKey: z.string() });

export const totpResetSchema = z.object({ user: z.object({ id: z.number(), username: z.string(), totpEnabled: z.boolean() }) });

/** GET /auth/password-policy: the profile and its password rules. */
export const passwordPolicySchema = z.object({
  profile: z.enum(Object.keys(SECURITY_PROFILES) as [SecurityProfile, ...SecurityProfile[]]),
  profileLabel: z.string(),
  minLength: z.number().int(),
  maxLength: z.number().int(),
  minClasses: z.number().int().describe('四类字符（小写、大写、数字、符号）至少几类'),
  forbidUsername: z.boolean().describe('密码不得包含用户名'),
  maxAgeDays: z.number().int().nullable().describe('密码有效天数；null 为不过期'),
}) satisfies z.ZodType<{ profile: SecurityProfile; profileLabel: string } & PasswordPolicy>;

export const userIdParams = z.object({ id: z.coerce.number().int().positive('用户编号应为正整数') });
