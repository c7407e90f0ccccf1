/** Every module's routes, mounted under /api/v1. Each module owns its routes.ts. */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';

export async function registerRoutes(api: FastifyInstance, database: Database): Promise<void> {
  api.get('/health', async () => ({ ok: true, database: database.kind }));
}
