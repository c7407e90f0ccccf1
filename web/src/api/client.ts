/**
 * fetch for /api/v1: JSON in, JSON out; failures become ApiError carrying the server's Chinese
 * message. State-changing requests carry the session's CSRF token (double submit: the header
 * repeats the fupin_csrf cookie). A 401 or a pending password change is reported to the
 * listeners (the sign-in state), which send the user to the login or password page; a 503
 * (the server busy) to the busy listeners, which show 「系统繁忙，请稍后重试」.
 */
import { i18n } from '../i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Query parameters: an object whose empty (undefined, null, '') values are left out. */
export type Query = object;

/** "a=1&b=2", leaving out empty values. */
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  return params.toString();
}

export function apiUrl(path: string, query: Query = {}): string {
  const qs = queryString(query);
  return `/api/v1${path}${qs ? '?' + qs : ''}`;
}

export const CSRF_COOKIE = 'fupin_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The value of the readable CSRF cookie the server set at login, if any. */
export function csrfToken(): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** What the sign-in state must react to: the session is gone, or the password must be changed first. */
export type AuthFailure =
  | { kind: 'unauthenticated'; message: string }
  | { kind: 'password_change_required'; message: string }
  | { kind: 'totp_enrolment_required'; message: string };

const authListeners = new Set<(failure: AuthFailure) => void>();

/** Be told of every 401 and every `password_change_required`; returns the unsubscribe function. */
export function onAuthFailure(listener: (failure: AuthFailure) => void): () => void {
  authListeners.add(listener);
  return () => authListeners.delete(listener);
}

const busyListeners = new Set<(message: string) => void>();

/** Be told of every 503 (the server or its database is busy): the app shows the message once. */
export function onBusy(listener: (message: string) => void): () => void {
  busyListeners.add(listener);
  return () => busyListeners.delete(listener);
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not report a 401 to the sign-in state (the login and who-am-I requests answer it themselves). */
  quietUnauthenticated?: boolean;
  /**
   * The Idempotency-Key of a state-changing request (default: a new one per call). A form that
   * may be submitted again (a double tap) passes one key per filled-in form, so the server makes
   * one record.
   */
  idempotencyKey?: string;
}

/** A fresh key for one user action (see RequestOptions.idempotencyKey). */
export const newIdempotencyKey = () => crypto.randomUUID();

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const changing = method !== 'GET' && method !== 'HEAD';
  if (changing) {
    const token = csrfToken();
    if (token) headers[CSRF_HEADER] = token;
    headers['idempotency-key'] = options.idempotencyKey ?? newIdempotencyKey();
  }
  const send = () =>
    fetch(apiUrl(path, options.query), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'same-origin',
    });
  let response: Response;
  try {
    try {
      response = await send();
    } catch (error) {
      // The connection dropped: send once more. A state-changing request repeats its key, so if
      // the first one did arrive the server answers with its result instead of doing it twice.
      if (options.signal?.aborted) throw error;
      response = await send();
    }
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (response.status === 204) return undefined as T;
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    // 503: refused past capacity (系统繁忙，请稍后重试), also when a proxy answers without the server's JSON.
    const message = body?.error?.message ?? (response.status === 503 ? i18n.t('errors.busy') : i18n.t('errors.http', { status: response.status }));
    const error = new ApiError(response.status, body?.error?.code ?? 'http_' + response.status, message, body?.error?.details);
    if (response.status === 503) {
      for (const listener of busyListeners) listener(message);
    }
    if (response.status === 401 && !options.quietUnauthenticated) {
      for (const listener of authListeners) listener({ kind: 'unauthenticated', message });
    }
    if (response.status === 403 && error.code === 'password_change_required') {
      for (const listener of authListeners) listener({ kind: 'password_change_required', message });
    }
    if (response.status === 403 && error.code === 'totp_enrolment_required') {
      for (const listener of authListeners) listener({ kind: 'totp_enrolment_required', message });
    }
    throw error;
  }
  if (body === undefined) throw new ApiError(response.status, 'bad_response', i18n.t('errors.badResponse'));
  return body as T;
}

export const getJson = <T>(path: string, query: Query = {}, signal?: AbortSignal) => request<T>('GET', path, { query, signal });

export const postJson = <T>(path: string, body: unknown = {}, idempotencyKey?: string) => request<T>('POST', path, { body, idempotencyKey });

export const patchJson = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });

export const putJson = <T>(path: string, body: unknown) => request<T>('PUT', path, { body });

/** Upload one file as multipart/form-data (field `file`), answered with JSON; refusals as ApiError with their details. */
export async function postFile<T>(path: string, file: File, query: Query = {}): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json', 'idempotency-key': newIdempotencyKey() };
  const token = csrfToken();
  if (token) headers[CSRF_HEADER] = token;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), { method: 'POST', body: form, credentials: 'same-origin', headers });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new ApiError(response.status, body?.error?.code ?? 'http_' + response.status, body?.error?.message ?? i18n.t('errors.http', { status: response.status }), body?.error?.details);
  return body as T;
}
