/**
 * The Monitoring pages: their menu entries, routes and strings. AppRoutes and the menu read this
 * file; the pages themselves live beside it. Owned by this module alone.
 */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import type { ModuleDefinition, ModulePage } from '../types';
import { en, zh } from './messages';
import './monitoring.css';
import { lazyPage } from '../../app/lazyPage';

// Each page's code is fetched when the page is first opened (app/lazyPage.tsx).
const AssessedListPage = lazyPage(() => import('./AssessedListPage'), 'AssessedListPage');
const OverviewPage = lazyPage(() => import('./OverviewPage'), 'OverviewPage');
const TargetsPage = lazyPage(() => import('./TargetsPage'), 'TargetsPage');
const PreventionPage = lazyPage(() => import('./PreventionPage'), 'PreventionPage');
const ClockPage = lazyPage(() => import('./ClockPage'), 'ClockPage');

const OVERVIEW = ['registry.read', 'dashboard.read'];
const LIST = ['registry.read'];
const PREVENTION = ['registry.read', 'policy.manage'];

const pages: ModulePage[] = [
  { path: '/monitoring/overview', label: 'monitoring.menu.overview', permissions: OVERVIEW },
  { path: '/monitoring/households', label: 'monitoring.menu.list', permissions: LIST },
  { path: '/monitoring/targets', label: 'monitoring.menu.targets', permissions: OVERVIEW },
  { path: '/monitoring/prevention', label: 'monitoring.prevention.menu.screening', permissions: PREVENTION },
  { path: '/monitoring/clocks', label: 'monitoring.prevention.menu.clocks', permissions: PREVENTION },
];

const guard = (permissions: string[], page: ReactNode) => <RequirePermission permissions={permissions}>{page}</RequirePermission>;

export const monitoringModule: ModuleDefinition = {
  key: 'monitoring',
  pages,
  routes: () => (
    <>
      <Route path="monitoring/overview" element={guard(OVERVIEW, <OverviewPage />)} />
      <Route path="monitoring/households" element={guard(LIST, <AssessedListPage />)} />
      <Route path="monitoring/targets" element={guard(OVERVIEW, <TargetsPage />)} />
      <Route path="monitoring/prevention" element={guard(PREVENTION, <PreventionPage />)} />
      <Route path="monitoring/clocks" element={guard(PREVENTION, <ClockPage />)} />
    </>
  ),
  messages: { zh, en },
};
