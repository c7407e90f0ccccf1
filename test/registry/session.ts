/** Signed-in clients for the registry tests: an app that requires login, users of a role scoped to a place. */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { securityPolicy } from '../../src/modules/auth/service';
import { buildTestApp, loginAs, makeUser, type Client } from '../access/helpers';

export type { Client };

/** The app as `serve` runs it (login required), with a login rate limit the many test logins stay under. */
export async function registryApp(database: Database): Promise<FastifyInstance> {
  const policy = securityPolicy('dengbao', { loginRateLimit: { max: 10_000, windowSeconds: 60 } });
  return (await buildTestApp(database, { requireLogin: true, policy })).app;
}

/** A new user of `role` scoped to `placeCode` (a department operator of the education line), signed in. */
export async function signIn(app: FastifyInstance, database: Database, role: string, placeCode: string): Promise<Client & { userId: number; username: string }> {
  const user = await makeUser(database, role, placeCode, role === 'department_operator' ? { departmentLine: 'education' } : {});
  return { ...(await loginAs(app, user.username)), userId: user.id, username: user.username };
}

/** The query string of a request: `?a=1&b=2` (empty values kept, as a form sends them). */
export function queryString(query: Record<string, string | number>): string {
  const text = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return text ? '?' + text : '';
}
