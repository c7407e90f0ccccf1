import { getJson, request } from './client';
import type { Me, PasswordPolicy } from './types';

export const getMe = (signal?: AbortSignal) => request<Me>('GET', '/auth/me', { signal, quietUnauthenticated: true });

export const login = (username: string, password: string) =>
  request<{ user: Me; csrfToken: string }>('POST', '/auth/login', { body: { username, password }, quietUnauthenticated: true });

export const logout = () => request<void>('POST', '/auth/logout', { quietUnauthenticated: true });

export const changePassword = (currentPassword: string, newPassword: string) =>
  request<void>('POST', '/auth/password', { body: { currentPassword, newPassword } });

export const getPasswordPolicy = (signal?: AbortSignal) => getJson<PasswordPolicy>('/auth/password-policy', {}, signal);
