/**
 * The reporting rhythm pages (工作调度): 月度上报 with sign-off and return, 月报告 / 季小结 /
 * 年总结 from the month-end snapshots, 督查 and 通报, 问责台账. Owned by this module alone.
 */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { lazyPage } from '../../app/lazyPage';
import type { ModuleDefinition } from '../types';

const SubmissionsPage = lazyPage(() => import('./ReportPages'), 'SubmissionsPage');
const ReportPage = lazyPage(() => import('./ReportPages'), 'ReportPage');
const PeriodsPage = lazyPage(() => import('./ReportPages'), 'PeriodsPage');
const InspectionsPage = lazyPage(() => import('./InspectionPages'), 'InspectionsPage');
const InspectionPage = lazyPage(() => import('./InspectionPages'), 'InspectionPage');
const BulletinPage = lazyPage(() => import('./InspectionPages'), 'BulletinPage');
const AccountabilityPage = lazyPage(() => import('./InspectionPages'), 'AccountabilityPage');
const WorkTeamsPage = lazyPage(() => import('./TeamPages'), 'WorkTeamsPage');
const AssessmentPage = lazyPage(() => import('./AssessmentPage'), 'AssessmentPage');

const READ = ['dashboard.read'];
const guard = (page: ReactNode) => <RequirePermission permissions={READ}>{page}</RequirePermission>;

const zh = { menu: { submissions: '月度上报', periods: '月报季报年报', inspections: '督查与通报', accountability: '问责台账', workTeams: '驻村工作队', assessment: '考核' } };
const en: typeof zh = { menu: { submissions: 'Monthly submissions', periods: 'Period reports', inspections: 'Inspections', accountability: 'Accountability', workTeams: 'Village work teams', assessment: 'Assessment' } };

export const rhythmModule: ModuleDefinition = {
  key: 'rhythm',
  pages: [
    { path: '/rhythm/submissions', label: 'rhythm.menu.submissions', permissions: READ },
    { path: '/rhythm/periods', label: 'rhythm.menu.periods', permissions: READ },
    { path: '/inspections', label: 'rhythm.menu.inspections', permissions: READ },
    { path: '/accountability', label: 'rhythm.menu.accountability', permissions: READ },
    { path: '/workteams', label: 'rhythm.menu.workTeams', permissions: READ },
    { path: '/assessments', label: 'rhythm.menu.assessment', permissions: READ },
  ],
  routes: () => (
    <>
      <Route path="rhythm/submissions" element={guard(<SubmissionsPage />)} />
      <Route path="rhythm/reports/:place/:month" element={guard(<ReportPage />)} />
      <Route path="rhythm/periods" element={guard(<PeriodsPage />)} />
      <Route path="inspections" element={guard(<InspectionsPage />)} />
      <Route path="inspections/:county/:id" element={guard(<InspectionPage />)} />
      <Route path="bulletins/:county/:id" element={guard(<BulletinPage />)} />
      <Route path="accountability" element={guard(<AccountabilityPage />)} />
      <Route path="workteams" element={guard(<WorkTeamsPage />)} />
      <Route path="assessments" element={guard(<AssessmentPage />)} />
    </>
  ),
  messages: { zh, en },
};
