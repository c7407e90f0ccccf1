/**
 * The Exit & procedures pages: their menu entries, routes and strings. AppRoutes and the menu read this
 * file; the pages themselves live beside it. Owned by this module alone.
 */
import type { ReactNode } from 'react';
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import type { ModuleDefinition, ModulePage } from '../types';
import { CaseListPage } from './CaseListPage';
import { CasePage } from './CasePage';
import { en, zh } from './messages';
import { NoticeListPage, NoticePrintPage } from './NoticePages';
import { QualityPage } from './QualityPage';
import { TargetsPage } from './TargetsPage';
import { TodoPage } from './TodoPage';
import './procedures.css';

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
