/** Uploading a ledger file (CSV in a multipart body) as a logged-in client, for the ledger tests. */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../src/db/database';
import { loginAs, makeUser, type Client } from '../access/helpers';

export function multipart(file: { name: string; content: Buffer }) {
  const boundary = '----fupin' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

export const csv = (rows: (string | number)[][]) => Buffer.from('\ufeff' + rows.map((r) => r.join(',')).join('\n') + '\n', 'utf8');

export async function upload(client: Client, kind: string, rows: (string | number)[][], dryRun = false) {
  const { body, type } = multipart({ name: `${kind}.csv`, content: csv(rows) });
  return client.inject('POST', `/api/v1/ledgers/${kind}/import?dryRun=${dryRun}`, body, { 'content-type': type });
}

/** Logged-in clients by name, each made from [role, place, department line?]. */
export async function usersOf<K extends string>(app: FastifyInstance, database: Database, specs: Record<K, [string, string, string?]>): Promise<Record<K, Client>> {
  const out = {} as Record<K, Client>;
  for (const [name, [role, place, line]] of Object.entries(specs) as [K, [string, string, string?]][]) {
    out[name] = await loginAs(app, (await makeUser(database, role, place, { departmentLine: line })).username);
  }
  return out;
}
