/**
 * Security policy as data. Two password profiles, because the standards disagree:
 * 等保 level 3 practice wants three character classes and a change every 90 days, OWASP ASVS
 * forbids both and asks for length instead. 等保 is the default; FUPIN_SECURITY_PROFILE=asvs
 * switches. Audit retention follows the Cybersecurity Law (network logs ≥ 6 months).
 * Level 3 also wants two authentication factors, one of them cryptographic: the roles in
 * `totp.requiredRoles` must use a TOTP code after the password; any other user may opt in.
 * The 等保 list is the 三员 (TOTP_REQUIRED_ROLES_DEFAULT), required by default; a deployment
 * may set another list or none with FUPIN_TOTP_REQUIRED_ROLES (see docs/access.md).
 */
import { BANNED_PASSWORD_MESSAGE, isBannedPassword } from './bannedPasswords';
import { isRole } from '../../domain/roles';

export interface PasswordPolicy {
  minLength: number;
  maxLength: number;
  /** How many of the four classes (lower, upper, digit, symbol) must appear. */
  minClasses: number;
  /** The password may not contain the user name (case-insensitive). */
  forbidUsername: boolean;
  /** Days after which a password must be changed; null: never expires. */
  maxAgeDays: number | null;
}

export interface SecurityPolicy {
  profile: SecurityProfile;
  password: PasswordPolicy;
  lockout: { maxFailures: number; lockMinutes: number };
  session: { idleMinutes: number; absoluteHours: number };
  /** Login attempts per client address per window. */
  loginRateLimit: { max: number; windowSeconds: number };
  audit: { retentionDays: number };
  /** Second factor (TOTP, RFC 6238): roles that must enrol; others may opt in. */
  totp: { requiredRoles: string[] };
}

/** 等保 level 3: the three administrative roles (三员) sign in with two factors. */
export const TOTP_REQUIRED_ROLES_DEFAULT = ['sys_admin', 'security_admin', 'auditor'] as const;

export const SECURITY_PROFILES = {
  dengbao: {
    label: '等级保护三级',
    password: { minLength: 8, maxLength: 128, minClasses: 3, forbidUsername: true, maxAgeDays: 90 },
  },
  asvs: {
    label: 'OWASP ASVS',
    password: { minLength: 12, maxLength: 128, minClasses: 0, forbidUsername: true, maxAgeDays: null },
  },
} as const satisfies Record<string, { label: string; password: PasswordPolicy }>;

export type SecurityProfile = keyof typeof SECURITY_PROFILES;

export function securityPolicy(profile: SecurityProfile = 'dengbao', overrides: Partial<Omit<SecurityPolicy, 'profile'>> = {}): SecurityPolicy {
  return {
    profile,
    password: { ...SECURITY_PROFILES[profile].password },
    lockout: { maxFailures: 5, lockMinutes: 15 },
    session: { idleMinutes: 30, absoluteHours: 12 },
    loginRateLimit: { max: 20, windowSeconds: 60 },
    audit: { retentionDays: 184 },
    totp: { requiredRoles: [...TOTP_REQUIRED_ROLES_DEFAULT] },
    ...overrides,
  };
}

/**
 * The policy from the environment: FUPIN_SECURITY_PROFILE (dengbao|asvs), FUPIN_AUDIT_RETENTION_DAYS,
 * FUPIN_TOTP_REQUIRED_ROLES (`default`: the 三员; `none`; or role codes separated by commas).
 */
export function loadSecurityPolicy(env: NodeJS.ProcessEnv = process.env): SecurityPolicy {
  const profile = env.FUPIN_SECURITY_PROFILE || 'dengbao';
  if (profile !== 'dengbao' && profile !== 'asvs') {
    throw new Error(`FUPIN_SECURITY_PROFILE 的值 "${profile}" 无效，应为 dengbao 或 asvs`);
  }
  const policy = securityPolicy(profile);
  if (env.FUPIN_AUDIT_RETENTION_DAYS) {
    const days = Number(env.FUPIN_AUDIT_RETENTION_DAYS);
    if (!Number.isInteger(days) || days < 180) {
      throw new Error(`FUPIN_AUDIT_RETENTION_DAYS 的值 "${env.FUPIN_AUDIT_RETENTION_DAYS}" 无效：审计日志至少保留 180 天`);
    }
    policy.audit = { retentionDays: days };
  }
  if (env.FUPIN_TOTP_REQUIRED_ROLES !== undefined) {
    const value = env.FUPIN_TOTP_REQUIRED_ROLES.trim();
    const roles = value === '' || value === 'none' ? [] : value === 'default' ? [...TOTP_REQUIRED_ROLES_DEFAULT] : value.split(',').map((r) => r.trim()).filter(Boolean);
    const unknown = roles.filter((r) => !isRole(r));
    if (unknown.length) throw new Error(`FUPIN_TOTP_REQUIRED_ROLES 含有未知角色：${unknown.join('、')}`);
    policy.totp = { requiredRoles: roles };
  }
  return policy;
}

const CLASSES: [RegExp, string][] = [
  [/[a-z]/, '小写字母'],
  [/[A-Z]/, '大写字母'],
  [/[0-9]/, '数字'],
  [/[^A-Za-z0-9]/, '符号'],
];

/** Why a new password breaks the policy (Chinese, one line each); empty when it is acceptable. */
export function passwordProblems(password: string, username: string, policy: PasswordPolicy): string[] {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < policy.minLength) problems.push(`密码至少 ${policy.minLength} 个字符（现为 ${length} 个）`);
  if (length > policy.maxLength) problems.push(`密码最多 ${policy.maxLength} 个字符（现为 ${length} 个）`);
  const present = CLASSES.filter(([re]) => re.test(password));
  if (present.length < policy.minClasses) {
    problems.push(`密码须包含小写字母、大写字母、数字、符号中的至少 ${policy.minClasses} 类（现只有 ${present.length} 类${present.length ? '：' + present.map(([, n]) => n).join('、') : ''}）`);
  }
  if (policy.forbidUsername && username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push(`密码不能包含用户名 ${username}`);
  }
  if (isBannedPassword(password)) problems.push(BANNED_PASSWORD_MESSAGE);
  return problems;
}

/** When a password set at `changedAt` expires under the policy (null: never). */
export function passwordExpiresAt(changedAt: Date, policy: PasswordPolicy): Date | null {
  return policy.maxAgeDays === null ? null : new Date(changedAt.getTime() + policy.maxAgeDays * 86_400_000);
}

/** Must a user of this role sign in with a TOTP code? */
export function totpRequired(role: string, policy: SecurityPolicy): boolean {
  return policy.totp.requiredRoles.includes(role);
}
