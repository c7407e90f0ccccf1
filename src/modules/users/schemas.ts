/** Request and response shapes of /users and /roles. */
import { z } from 'zod';
import { placeCodeOf } from '../../domain/placeCode';

const blankAsAbsent = (value: unknown) =>
  value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '')) : value;

export const userListQuerySchema = z.preprocess(
  blankAsAbsent,
  z.object({
    q: z.string().trim().min(1).max(50).optional(),
    role: z.string().max(40).optional(),
    place: placeCodeOf([2, 4, 6, 9, 12], 'place ').optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  }),
);

export const newUserSchema = z.object({
  username: z.string().trim().toLowerCase().max(64),
  displayName: z.string().trim().max(100),
  role: z.string().max(40),
  placeCode: z.string().trim().max(12),
  departmentLine: z.string().max(40).nullish(),
});

export const userIdParamsSchema = z.object({ id: z.coerce.number().int().positive('用户编号应为正整数') });

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  placeCode: z.string(),
  placeName: z.string().nullable(),
  departmentLine: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  passwordChangedAt: z.string(),
  createdAt: z.string(),
});

export const userPageSchema = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(userSchema) });

export const userWithPasswordSchema = z.object({ user: userSchema, oneTimePassword: z.string() });

export const userChangeSchema = z.object({ user: userSchema });

export const rolesSchema = z.object({
  roles: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      labelEn: z.string(),
      permissions: z.array(z.string()),
      scopeLevels: z.array(z.string()),
      privileged: z.boolean(),
    }),
  ),
  permissions: z.array(z.object({ code: z.string(), label: z.string() })),
  departmentLines: z.array(z.object({ code: z.string(), label: z.string() })),
});
