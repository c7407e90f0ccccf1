/**
 * GET /years: the business years (评估年度 / 业务年度) that have data for the user's places, and
 * the latest of them: the web app's header year defaults to it (never to the clock's year).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { householdAccessOf } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { incomeYearsWithin } from './yearQueries';

/** Roles whose pages work on a business year (not the 三员 who only read the audit trail and accounts). */
export const YEAR_READERS = ['registry.read', 'dashboard.read', 'policy.read'] as const;

export const dataYearsSchema = z.object({
  /** Income years with records within the user's reach, ascending. */
  years: z.array(z.number().int()),
  /** The latest of them; null when there is no data yet. */
  latest: z.number().int().nullable(),
});

export async function registerYearRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const route = routesOf(api, { tag: '业务年度', description: 'Business years with data in the user\'s scope (src/modules/registry/yearRoutes.ts)' });
  route({
    method: 'GET', url: '/years', summary: '有数据的业务年度', access: YEAR_READERS, response: dataYearsSchema,
    description: '本人管辖范围内有收入记录的年度（升序）及最近一年：网页顶部“业务年度”默认取最近一年，而不是当前日历年。',
    handler: async ({ request }) => {
      const years = await incomeYearsWithin(database.db, householdAccessOf(request));
      return { years, latest: years.at(-1) ?? null };
    },
  });
}
