/**
 * POST /households/:householdNo/reveal: 查看完整号码, one ID number or phone at a time with a
 * reason (reveal.ts), for a role with 'person.reveal'; a household outside the reach is 404 as absent.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { routesOf } from '../../server/defineRoute';
import { revealOne } from './reveal';
import { authorOf, reachWholeHousehold } from './routeAccess';
import { REGISTRY_MODULE } from './schemas';

const params = z.object({ householdNo: z.string().min(1, '户编号不能为空').max(40, '户编号过长') });

export const revealBody = z.strictObject({
  field: z.enum(['idNumber', 'phone'], { message: '要查看的号码（field）应为 idNumber（证件号码）或 phone（联系电话）' }),
  memberKey: z.uuid({ message: '成员编号（memberKey）格式不对，应为卡片上成员的编号' }).optional(),
  reason: z.string({ message: '请填写查看原因' }).trim().min(2, '查看原因至少 2 个字').max(200, '查看原因不超过 200 字'),
});

export const revealAnswer = z.object({
  field: z.enum(['idNumber', 'phone']),
  memberKey: z.string().nullable(),
  name: z.string(),
  value: z.string().nullable(),
});

export async function registerRevealRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const route = routesOf(api, REGISTRY_MODULE);
  route({
    method: 'POST', url: '/households/:householdNo/reveal', summary: '查看完整号码（一次一个，须填原因）', access: 'person.reveal',
    description: '返回一名成员的完整证件号码或电话（不给 memberKey 时为户主证件号码或户联系电话），并以“查看明文证件号码或电话”记入审计日志，附查看原因。',
    params, body: revealBody, response: revealAnswer, labels: { field: '要查看的号码', memberKey: '成员编号', reason: '查看原因' },
    handler: async ({ request, params: p, body }) => {
      const h = await reachWholeHousehold(request, database.db, p.householdNo);
      return revealOne(database.db, h, body, authorOf(request));
    },
  });
}
