/** /audit: the auditor's search and export (auditor and security administrator; never the system administrator). */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { auditActorOf, requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { roleLabel } from '../../domain/roles';
import { writeAuditWorkbook } from './export';
import { auditActionLabel } from './labels';
import { auditFilterQuerySchema, auditListQuerySchema, auditPageSchema, chainReportSchema } from './schemas';
import { listAuditEvents, recordAudit, verifyAuditChain } from './service';

export async function registerAuditRoutes(api: FastifyInstance): Promise<void> {
  const { database, clock } = api.security;
  const route = routesOf(api, { tag: '审计', description: 'Audit log: search, hash-chain check, export (src/modules/audit)' });

  route({
    method: 'GET', url: '/audit/events', summary: '审计日志查询', access: 'audit.read', query: auditListQuerySchema, response: auditPageSchema,
    handler: async ({ request, query: { user, ...query } }) => {
      const result = await listAuditEvents(database.db, requireUser(request).scope, { ...query, username: user });
      return { ...result, items: result.items.map((e) => ({ ...e, actionLabel: auditActionLabel(e.action) })) };
    },
  });

  route({
    method: 'GET', url: '/audit/chain', summary: '校验审计日志哈希链', access: 'audit.read', response: chainReportSchema,
    handler: async () => verifyAuditChain(database.db),
  });

  route({
    method: 'GET', url: '/audit/events/export.xlsx', summary: '导出审计日志', access: 'audit.export', query: auditFilterQuerySchema, file: 'xlsx',
    handler: async ({ request, reply, query: { user, ...query } }) => {
      const { scope } = requireUser(request);
      const filter = { ...query, username: user, scope };
      await recordAudit(database.db, {
        ...auditActorOf(request),
        at: clock.now(),
        action: 'audit.export',
        objectType: 'audit_event',
        placeCode: request.user!.placeCode,
        after: { from: query.from?.toISOString() ?? null, to: query.to?.toISOString() ?? null, user: user ?? null, action: query.action ?? null, place: query.place ?? null },
      });
      const out = new PassThrough();
      writeAuditWorkbook(database.db, filter, out, roleLabel).catch((error: Error) => {
        request.log.error(error);
        out.destroy(error);
      });
      const name = `审计日志-${clock.now().toISOString().slice(0, 10)}.xlsx`;
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(out);
    },
  });
}
