/**
 * TOTP (RFC 6238) as the second authentication factor: 6 digits, 30-second steps, HMAC-SHA-1
 * (what every authenticator app reads from an otpauth:// URI), a code of the previous or next
 * step accepted for clock drift. The secret is sealed before it is stored: AES-256-GCM under
 * FUPIN_TOTP_KEY (64 hex digits) when that is set; otherwise kept as is, and in both cases
 * never sent to anybody after enrolment.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD = 30;
export const TOTP_ALGORITHM = 'SHA1';
/** Steps either side of the current one that still count (clock drift, a code typed late). */
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = 'fupin 扶贫';

function totpOf(secretBase32: string, label = 'fupin'): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** A new random secret (160 bits, as RFC 4226 recommends), base32. */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** The 30-second time step of a moment. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD);
}

/**
 * The time step the code belongs to, if it is the code of the step of `at` or one step
 * either side; null when it is not. The caller still refuses a step already used.
 */
export function matchTotp(secretBase32: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secretBase32).validate({ token: code, timestamp: at.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : totpStep(at) + delta;
}

export interface TotpEnrolment {
  /** otpauth://totp/… for authenticator apps. */
  uri: string;
  /** The same URI as a QR code, a PNG data URL (rendered here: no network). */
  qrDataUrl: string;
  /** The secret for typing in by hand, in groups of four. */
  manualKey: string;
}

export async function enrolmentOf(secretBase32: string, username: string): Promise<TotpEnrolment> {
  const uri = totpOf(secretBase32, username).toString();
  const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 220 });
  return { uri, qrDataUrl, manualKey: secretBase32.replace(/(.{4})(?=.)/g, '$1 ') };
}

/** The sealing key from FUPIN_TOTP_KEY (64 hex digits), or null when unset. */
export function totpKeyFrom(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const hex = env.FUPIN_TOTP_KEY?.trim();
  if (!hex) return null;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('FUPIN_TOTP_KEY 应为 64 位十六进制数（32 字节密钥）');
  return Buffer.from(hex, 'hex');
}

/** Stored form of a secret: `gcm:<iv>.<tag>.<ciphertext>` (base64url) with a key, `b32:<secret>` without. */
export function sealTotpSecret(secretBase32: string, key: Buffer | null = totpKeyFrom()): string {
  if (!key) return 'b32:' + secretBase32;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(secretBase32, 'utf8'), cipher.final()]);
  return ['gcm:' + iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
}

export function openTotpSecret(stored: string, key: Buffer | null = totpKeyFrom()): string {
  if (stored.startsWith('b32:')) return stored.slice(4);
  if (!stored.startsWith('gcm:')) throw new Error('无法识别的动态口令密钥格式');
  if (!key) throw new Error('动态口令密钥已加密保存，但未设置 FUPIN_TOTP_KEY');
  const [iv, tag, sealed] = stored.slice(4).split('.').map((p) => Buffer.from(p, 'base64url'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]).toString('utf8');
}
