import { getJson, postJson } from './client';
import type { NewUser, Page, Roles, User, UserWithPassword } from './types';

export interface UserQuery {
  q?: string;
  role?: string;
  place?: string;
  page: number;
  pageSize: number;
}

export const listUsers = (query: UserQuery, signal?: AbortSignal) => getJson<Page<User>>('/users', query, signal);

export const createUser = (user: NewUser) => postJson<UserWithPassword>('/users', user);

export type UserChange = 'disable' | 'enable' | 'unlock';

export const changeUser = (id: number, change: UserChange) => postJson<{ user: User }>(`/users/${id}/${change}`);

export const resetUserPassword = (id: number) => postJson<UserWithPassword>(`/users/${id}/reset-password`);

/** Clear a user's TOTP (lost authenticator): security administrator only; the user's sessions end. */
export const resetUserTotp = (id: number) => postJson<{ user: { id: number; username: string; totpEnabled: boolean } }>(`/users/${id}/reset-totp`);

export const getRoles = (signal?: AbortSignal) => getJson<Roles>('/roles', {}, signal);
