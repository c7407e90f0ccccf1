/**
 * The load generator of bench/load.ts: a closed loop of N workers, each with its own keep-alive
 * connection (Node's built-in fetch, that is undici), sending the next request as soon as the
 * previous one answered. Latencies per endpoint, errors by kind (HTTP status, client timeout,
 * connection error), and for writes the ones acknowledged.
 */

export interface Session {
  cookie: string;
  csrf: string;
}

export interface Step {
  endpoint: string;
  method: 'GET' | 'POST';
  url: string;
  session: Session;
  body?: unknown;
  /** Told of the answer (the write phase records acknowledged writes). */
  onAnswer?: (status: number) => void;
}

export interface Tally {
  /** Latencies in ms of 2xx answers, per endpoint. */
  ok: Map<string, number[]>;
  /** Latencies in ms of 503 refusals. */
  refused: number[];
  errors: Map<string, number>;
  seconds: number;
}

export const newTally = (): Tally => ({ ok: new Map(), refused: [], errors: new Map(), seconds: 0 });

const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);

export async function send(base: string, step: Step, timeoutMs: number): Promise<{ status: number; ms: number; body?: unknown; error?: string; retryAfter?: number }> {
  const t = performance.now();
  try {
    const res = await fetch(base + step.url, {
      method: step.method,
      headers: {
        cookie: step.session.cookie,
        accept: 'application/json',
        ...(step.method === 'GET' ? {} : { 'x-csrf-token': step.session.csrf, 'content-type': 'application/json' }),
      },
      body: step.body === undefined ? undefined : JSON.stringify(step.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, ms: performance.now() - t, body: text, retryAfter: Number(res.headers.get('retry-after') ?? 0) };
  } catch (e) {
    const name = e instanceof Error ? (e.name === 'TimeoutError' ? 'client timeout' : `connection error (${(e.cause as { code?: string })?.code ?? e.message})`) : String(e);
    return { status: 0, ms: performance.now() - t, error: name };
  }
}

/**
 * A refused client waits as Retry-After says before its next request, as the web app's user
 * does (he sees 「系统繁忙，请稍后重试」); `--ignore-retry-after` re-sends at once instead (a
 * retry storm: the server then spends its turns refusing).
 */
const HONOUR_RETRY_AFTER = !process.argv.includes('--ignore-retry-after');

/**
 * Run `connections` workers for `seconds`; worker i asks `next(i, n)` for its n-th request.
 * Answers are tallied into `tally` (several loops may share one, e.g. readers and writers).
 */
export async function closedLoop(base: string, connections: number, seconds: number, next: (worker: number, n: number) => Step, tally: Tally, timeoutMs = 10_000): Promise<void> {
  const end = performance.now() + seconds * 1000;
  const wait = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, Math.min(ms, end - performance.now()))));
  const worker = async (i: number) => {
    for (let n = 0; performance.now() < end; n++) {
      const step = next(i, n);
      const r = await send(base, step, timeoutMs);
      step.onAnswer?.(r.status);
      if (r.status >= 200 && r.status < 300) {
        const list = tally.ok.get(step.endpoint) ?? [];
        list.push(r.ms);
        tally.ok.set(step.endpoint, list);
      } else if (r.status === 503) {
        tally.refused.push(r.ms);
        bump(tally.errors, `503 ${codeOf(r.body)}`);
        if (HONOUR_RETRY_AFTER && r.retryAfter) await wait(r.retryAfter * 1000);
      } else if (r.status === 0) {
        bump(tally.errors, r.error!);
      } else {
        bump(tally.errors, `${r.status} ${codeOf(r.body)} (${step.endpoint})`);
      }
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: connections }, (_, i) => worker(i)));
  tally.seconds += (performance.now() - t) / 1000;
}

function codeOf(body: unknown): string {
  try {
    return JSON.parse(String(body))?.error?.code ?? '?';
  } catch {
    return '?';
  }
}

export function percentile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const allOk = (t: Tally) => [...t.ok.values()].flat();
export const okCount = (t: Tally) => allOk(t).length;
export const reqPerSecond = (t: Tally) => (t.seconds ? okCount(t) / t.seconds : 0);

const f = (n: number) => (Number.isNaN(n) ? '—' : n < 10 ? n.toFixed(1) : n.toFixed(0));

/** Lines: req/s, p50/p95/p99 per endpoint, refusals and errors by kind. */
export function report(label: string, t: Tally, endpoints?: string[]): string[] {
  const lines = [`${label}: ${reqPerSecond(t).toFixed(0)} req/s answered 2xx over ${t.seconds.toFixed(1)} s; all 2xx p50 ${f(percentile(allOk(t), 0.5))} / p95 ${f(percentile(allOk(t), 0.95))} / p99 ${f(percentile(allOk(t), 0.99))} ms`];
  for (const [endpoint, ms] of [...t.ok].filter(([e]) => !endpoints || endpoints.includes(e))) {
    lines.push(`    ${endpoint.padEnd(22)} ${String(ms.length).padStart(6)} ok  p50 ${f(percentile(ms, 0.5)).padStart(5)}  p95 ${f(percentile(ms, 0.95)).padStart(5)}  p99 ${f(percentile(ms, 0.99)).padStart(5)} ms`);
  }
  if (t.refused.length) lines.push(`    503 refusals: ${t.refused.length}, answered in p50 ${f(percentile(t.refused, 0.5))} / p95 ${f(percentile(t.refused, 0.95))} / p99 ${f(percentile(t.refused, 0.99))} ms`);
  const errors = [...t.errors].map(([k, n]) => `${k} × ${n}`);
  lines.push(`    errors: ${errors.length ? errors.join(', ') : 'none'}`);
  return lines;
}
