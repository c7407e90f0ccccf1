/** fetch for /api/v1: JSON in, JSON out; failures become ApiError carrying the server's Chinese message. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
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

export async function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), { headers: { accept: 'application/json' }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = body?.error?.message ?? `服务器返回错误（HTTP ${response.status}）`;
    throw new ApiError(response.status, body?.error?.code ?? 'http_' + response.status, message);
  }
  if (body === undefined) throw new ApiError(response.status, 'bad_response', '服务器返回的内容无法识别');
  return body as T;
}
