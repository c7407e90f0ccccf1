/** Every module's web part, in menu order. */
import { assistanceModule } from './assistance/module';
import { compareModule } from './compare/module';
import { monitoringModule } from './monitoring/module';
import { policyModule } from './policy/module';
import { proceduresModule } from './procedures/module';
import { projectsModule } from './projects/module';
import { reportsModule } from './reports/module';
import { supervisionModule } from './supervision/module';
import { tasksModule } from './tasks/module';
import type { ModuleDefinition } from './types';

export const MODULES: Record<string, ModuleDefinition> = {
  monitoring: monitoringModule,
  procedures: proceduresModule,
  assistance: assistanceModule,
  projects: projectsModule,
  compare: compareModule,
  tasks: tasksModule,
  supervision: supervisionModule,
  reports: reportsModule,
  policy: policyModule,
};
