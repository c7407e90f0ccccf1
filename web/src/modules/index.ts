/** Every module's web part, in menu order. */
import { assistanceModule } from './assistance/module';
import { countiesModule } from './counties/module';
import { ledgersModule } from './ledgers/module';
import { compareModule } from './compare/module';
import { monitoringModule } from './monitoring/module';
import { policyModule } from './policy/module';
import { proceduresModule } from './procedures/module';
import { projectsModule } from './projects/module';
import { reportsModule } from './reports/module';
import { rhythmModule } from './rhythm/module';
import { rostersModule } from './rosters/module';
import { supervisionModule } from './supervision/module';
import { tasksModule } from './tasks/module';
import { villagesModule } from './villages/module';
import type { ModuleDefinition } from './types';

export const MODULES: Record<string, ModuleDefinition> = {
  monitoring: monitoringModule,
  procedures: proceduresModule,
  assistance: assistanceModule,
  projects: projectsModule,
  counties: countiesModule,
  compare: compareModule,
  rosters: rostersModule,
  tasks: tasksModule,
  ledgers: ledgersModule,
  villages: villagesModule,
  supervision: supervisionModule,
  rhythm: rhythmModule,
  reports: reportsModule,
  policy: policyModule,
};
