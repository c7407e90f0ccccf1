/** /audit: the auditor's search and export (auditor and security administrator; never the system administrator). */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { auditActorOf, requirePermission, requireUser } from '../../server/access';
import { roleLabel } from '../../domain/roles';
import { writeAuditWorkbook } from './export';
import { auditActionLabel } from './labels';
import { auditFilterQuerySchema, auditListQuerySchema, auditPageSchema, chainReportSchema } from './schemas';
import { listAuditEvents, recordAudit, verifyAuditChain } from './service';

export async function registerAuditRoutes(api: FastifyInstance): Promise<void> {
  const { database, clock } = api.security;

  api.get('/audit/events', { preHandler: requirePermission('audit.read') }, async (request) => {
    const { scope } = requireUser(request);
    const { user, ...query } = auditListQuerySchema.parse(request.query);
    const result = await listAuditEvents(database.db, scope, { ...query, username: user });
    return auditPageSchema.parse({ ...result, items: result.items.map((e) => ({ ...e, actionLabel: auditActionLabel(e.action) })) });
  });

  api.get('/audit/chain', { preHandler: requirePermission('audit.read') }, async () => chainReportSchema.parse(await verifyAuditChain(database.db)));

  api.get('/audit/events/export.xlsx', { preHandler: requirePermission('audit.export') }, async (request, reply) => {
    const { scope } = requireUser(request);
    const { user, ...query } = auditFilterQuerySchema.parse(request.query);
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
  });
}
