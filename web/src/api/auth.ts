import { getJson, request } from './client';
import type { Me, PasswordPolicy } from './types';

export const getMe = (signal?: AbortSignal) => request<Me>('GET', '/auth/me', { signal, quietUnauthenticated: true });

/** Signed in, or (TOTP on) the password was right and a code is owed: the cookies hold a half-session for loginTotp only. */
export type LoginAnswer = { user: Me; csrfToken: string } | { secondFactor: 'totp'; csrfToken: string; expiresAt: string };

export const login = (username: string, password: string) =>
  request<LoginAnswer>('POST', '/auth/login', { body: { username, password }, quietUnauthenticated: true });

/** The second login step: the 6-digit code of the authenticator. */
export const loginTotp = (code: string) =>
  request<{ user: Me; csrfToken: string }>('POST', '/auth/login/totp', { body: { code }, quietUnauthenticated: true });

export interface TotpStatus {
  enabled: boolean;
  enabledAt: string | null;
  /** The security policy requires TOTP of the user's role: it cannot be disabled. */
  required: boolean;
  pending: boolean;
}

export interface TotpEnrolment {
  uri: string;
  /** The QR code of `uri` as a PNG data URL, drawn by the server. */
  qrDataUrl: string;
  manualKey: string;
}

export const getTotp = (signal?: AbortSignal) => getJson<TotpStatus>('/auth/totp', {}, signal);

export const startTotpEnrolment = () => request<TotpEnrolment>('POST', '/auth/totp/enrol');

export const confirmTotp = (code: string) => request<TotpStatus>('POST', '/auth/totp/confirm', { body: { code } });

export const disableTotp = (code: string) => request<TotpStatus>('POST', '/auth/totp/disable', { body: { code } });

export const logout = () => request<void>('POST', '/auth/logout', { quietUnauthenticated: true });

export const changePassword = (currentPassword: string, newPassword: string) =>
  request<void>('POST', '/auth/password', { body: { currentPassword, newPassword } });

export const getPasswordPolicy = (signal?: AbortSignal) => getJson<PasswordPolicy>('/auth/password-policy', {}, signal);
