/** Every module's routes, mounted under /api/v1. Each module owns its routes.ts. */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database';
import { registerRegistryRoutes } from '../modules/registry/routes';
import { registerExportRoutes } from '../modules/exports/routes';
import { registerAuthRoutes } from '../modules/auth/routes';
import { registerUserRoutes } from '../modules/users/routes';
import { registerAuditRoutes } from '../modules/audit/routes';
import { registerPlaceRoutes } from '../modules/places/routes';
import { registerImportRoutes } from '../modules/imports/routes';
import { registerReportRoutes } from '../modules/reports/routes';
import { registerSupervisionRoutes } from '../modules/supervision/routes';
import { registerRectificationRoutes } from '../modules/rectification/routes';
import { registerTaskRoutes } from '../modules/tasks/routes';
import { registerPolicyRoutes } from '../modules/policy/routes';
import { registerMonitoringRoutes } from '../modules/monitoring/routes';
import { registerProcedureRoutes } from '../modules/procedures/routes';
import { registerTargetRoutes } from '../modules/targets/routes';
import { registerQualityRoutes } from '../modules/quality/routes';
import { registerAssistanceRoutes } from '../modules/assistance/routes';
import { registerProjectRoutes } from '../modules/projects/routes';
import { registerRevealRoutes } from '../modules/registry/revealRoutes';
import { registerYearRoutes } from '../modules/registry/yearRoutes';

export async function registerRoutes(api: FastifyInstance, database: Database): Promise<void> {
  await registerAuthRoutes(api);
  await registerUserRoutes(api);
  await registerAuditRoutes(api);
  await registerPlaceRoutes(api, database);
  await registerRegistryRoutes(api, database);
  await registerRevealRoutes(api, database);
  await registerYearRoutes(api, database);
  await registerExportRoutes(api, database);
  await registerImportRoutes(api, database);
  await registerReportRoutes(api, database);
  await registerSupervisionRoutes(api, database);
  await registerRectificationRoutes(api, database);
  await registerTaskRoutes(api, database);
  await registerPolicyRoutes(api, database);
  await registerMonitoringRoutes(api, database);
  await registerProcedureRoutes(api, database);
  await registerTargetRoutes(api, database);
  await registerQualityRoutes(api, database);
  await registerAssistanceRoutes(api, database);
  await registerProjectRoutes(api, database);
}
