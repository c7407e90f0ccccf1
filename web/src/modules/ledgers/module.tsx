/**
 * The line-department ledgers' pages (行业部门台账): a page per ledger (tabs of the ledgers the user
 * reads), 应助尽助 and the students by stage. Owned by this module alone.
 */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import { lazyPage } from '../../app/lazyPage';
import type { ModuleDefinition } from '../types';

const LedgerPage = lazyPage(() => import('./LedgerPage'), 'LedgerPage');
const AidGapsPage = lazyPage(() => import('./AidGapsPage'), 'AidGapsPage');
const CoveragePage = lazyPage(() => import('./CoveragePage'), 'CoveragePage');
const AssistanceGapsPage = lazyPage(() => import('./AssistanceGapsPage'), 'AssistanceGapsPage');
const HealthGapsPage = lazyPage(() => import('./HealthGapsPage'), 'HealthGapsPage');

const READ = ['dashboard.read', 'registry.read'];
const guard = (page: ReactNode) => <RequirePermission permissions={READ}>{page}</RequirePermission>;

const zh = { menu: { ledgers: '行业部门台账', aidGaps: '应助尽助', students: '分学段学生', assistanceGaps: '应保尽保', healthGaps: '应签尽签·应参尽参' } };
const en: typeof zh = { menu: { ledgers: 'Department ledgers', aidGaps: 'Student aid gaps', students: 'Students by stage', assistanceGaps: 'Assistance gaps', healthGaps: 'Health contract and insurance gaps' } };

export const ledgersModule: ModuleDefinition = {
  key: 'ledgers',
  pages: [
    { path: '/ledgers', label: 'ledgers.menu.ledgers', permissions: READ },
    { path: '/ledgers-education/aid-gaps', label: 'ledgers.menu.aidGaps', permissions: READ },
    { path: '/ledgers-education/students', label: 'ledgers.menu.students', permissions: READ },
    { path: '/ledgers-assistance/gaps', label: 'ledgers.menu.assistanceGaps', permissions: READ },
    { path: '/ledgers-health/gaps', label: 'ledgers.menu.healthGaps', permissions: READ },
  ],
  routes: () => (
    <>
      <Route path="ledgers" element={guard(<LedgerPage />)} />
      <Route path="ledgers/:kind" element={guard(<LedgerPage />)} />
      <Route path="ledgers-education/aid-gaps" element={guard(<AidGapsPage />)} />
      <Route path="ledgers-education/students" element={guard(<CoveragePage />)} />
      <Route path="ledgers-assistance/gaps" element={guard(<AssistanceGapsPage />)} />
      <Route path="ledgers-health/gaps" element={guard(<HealthGapsPage />)} />
    </>
  ),
  messages: { zh, en },
};
