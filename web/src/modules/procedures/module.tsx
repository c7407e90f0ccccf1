/**
 * The Exit & procedures pages: their menu entries, routes and strings. AppRoutes and the menu read this
 * file; the pages themselves live beside it. Owned by this module alone.
 */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import type { ModuleDefinition, ModulePage } from '../types';
import { en, zh } from './messages';
import './procedures.css';
import { lazyPage } from '../../app/lazyPage';

// Each page's code is fetched when the page is first opened (app/lazyPage.tsx).
const CaseListPage = lazyPage(() => import('./CaseListPage'), 'CaseListPage');
const CasePage = lazyPage(() => import('./CasePage'), 'CasePage');
const NoticeListPage = lazyPage(() => import('./NoticePages'), 'NoticeListPage');
const NoticePrintPage = lazyPage(() => import('./NoticePages'), 'NoticePrintPage');
const QualityPage = lazyPage(() => import('./QualityPage'), 'QualityPage');
const TargetsPage = lazyPage(() => import('./TargetsPage'), 'TargetsPage');
const TodoPage = lazyPage(() => import('./TodoPage'), 'TodoPage');

const READ = ['registry.read'];

const pages: ModulePage[] = [
  { path: '/procedures/todo', label: 'procedures.menu.todo', permissions: ['procedures.act'] },
  { path: '/procedures/cases', label: 'procedures.menu.cases', permissions: READ },
  { path: '/procedures/notices', label: 'procedures.menu.notices', permissions: READ },
  { path: '/procedures/targets', label: 'procedures.menu.targets', permissions: ['dashboard.read'] },
  { path: '/procedures/quality', label: 'procedures.menu.quality', permissions: ['dashboard.read'] },
];

const guard = (permissions: string[], page: ReactNode) => <RequirePermission permissions={permissions}>{page}</RequirePermission>;

export const proceduresModule: ModuleDefinition = {
  key: 'procedures',
  pages,
  routes: () => (
    <>
      <Route path="procedures/todo" element={guard(['procedures.act'], <TodoPage />)} />
      <Route path="procedures/cases" element={guard(READ, <CaseListPage />)} />
      <Route path="procedures/cases/:id" element={guard(READ, <CasePage />)} />
      <Route path="procedures/notices" element={guard(READ, <NoticeListPage />)} />
      <Route path="procedures/notices/:id" element={guard(READ, <NoticePrintPage />)} />
      <Route path="procedures/targets" element={guard(['dashboard.read'], <TargetsPage />)} />
      <Route path="procedures/quality" element={guard(['dashboard.read'], <QualityPage />)} />
    </>
  ),
  messages: { zh, en },
};
