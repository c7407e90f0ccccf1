/**
 * Passwords nobody may choose: the common-password list of zxcvbn-ts (@zxcvbn-ts/language-common,
 * MIT, about 49,000 passwords from public breach lists, most used first) and the passwords
 * this project itself publishes (the demo users' password in the README) or that are known
 * defaults of Chinese deployments. Compared without regard to case, so "Password1" is refused
 * like "password1". Checked only for a NEW password (change): the demo users are still
 * created with the demo password, and must change it like anyone else when it expires.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

/** Published or default passwords not (or not in this spelling) on the common list. */
export const PUBLISHED_PASSWORDS = ['Fupin@2024', 'Admin@123', 'Admin@1234', 'Abc@123456', 'Aa123456!', 'Qwer1234!', 'P@ssw0rd123'] as const;

let banned: Set<string> | null = null;

function bannedSet(): Set<string> {
  banned ??= new Set([...(dictionary['passwords-common'] as string[]), ...PUBLISHED_PASSWORDS].map((p) => p.toLowerCase()));
  return banned;
}

/** Is the password on the common or published list? */
export function isBannedPassword(password: string): boolean {
  return bannedSet().has(password.toLowerCase());
}

export const BANNED_PASSWORD_MESSAGE = '该密码是常见密码或已公开的密码（如演示密码），容易被猜中，请换一个';
