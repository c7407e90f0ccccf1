/**
 * The Policy pages: their menu entries, routes and strings. AppRoutes and the menu read this
 * file; the pages themselves live beside it. Owned by this module alone.
 */
import { Route } from 'react-router-dom';
import { RequirePermission } from '../../app/guards';
import type { ModuleDefinition } from '../types';
import { en, zh } from './messages';
import { lazyPage } from '../../app/lazyPage';

// Each page's code is fetched when the page is first opened (app/lazyPage.tsx).
const PolicyComparePage = lazyPage(() => import('./PolicyComparePage'), 'PolicyComparePage');
const PolicyDraftPage = lazyPage(() => import('./PolicyDraftPage'), 'PolicyDraftPage');
const PolicyListPage = lazyPage(() => import('./PolicyListPage'), 'PolicyListPage');
const PolicyViewPage = lazyPage(() => import('./PolicyViewPage'), 'PolicyViewPage');

const READ = ['policy.read'];
const MANAGE = ['policy.manage'];

export const policyModule: ModuleDefinition = {
  key: 'policy',
  pages: [
    { path: '/policy', label: 'policy.menu.versions', permissions: READ },
    { path: '/policy/compare', label: 'policy.menu.compare', permissions: READ },
  ],
  routes: () => (
    <>
      <Route path="policy" element={<RequirePermission permissions={READ}><PolicyListPage /></RequirePermission>} />
      <Route path="policy/compare" element={<RequirePermission permissions={READ}><PolicyComparePage /></RequirePermission>} />
      <Route path="policy/:id" element={<RequirePermission permissions={READ}><PolicyViewPage /></RequirePermission>} />
      <Route path="policy/:id/edit" element={<RequirePermission permissions={MANAGE}><PolicyDraftPage /></RequirePermission>} />
    </>
  ),
  messages: { zh, en },
};
