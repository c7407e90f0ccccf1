import { Fragment, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ForbiddenPage } from '../pages/errors/ForbiddenPage';
import { NotFoundPage } from '../pages/errors/NotFoundPage';
import { HouseholdListPage } from '../pages/households/HouseholdListPage';
import { LoginPage } from '../pages/login/LoginPage';
import { AppLayout } from './AppLayout';
import { lazyPage, PageLoading } from './lazyPage';
import { useMe } from './auth';
import { RequirePermission, RequireSignedIn } from './guards';
import { homePageFor, MENU } from './menu';
import { MODULES } from '../modules';
import { FIELD_APP_PATH, FIELD_APP_PERMISSION } from '../modules/assistance/fieldApp';

// The login page and the household list (most users' first page) come with the application; the
// rest when first opened.
const AuditPage = lazyPage(() => import('../pages/audit/AuditPage'), 'AuditPage');
const PlacesPage = lazyPage(() => import('../pages/admin/PlacesPage'), 'PlacesPage');
const RolesPage = lazyPage(() => import('../pages/admin/RolesPage'), 'RolesPage');
const UsersPage = lazyPage(() => import('../pages/admin/UsersPage'), 'UsersPage');
const HouseholdCardPage = lazyPage(() => import('../pages/household-card/HouseholdCardPage'), 'HouseholdCardPage');
const PasswordPage = lazyPage(() => import('../pages/login/PasswordPage'), 'PasswordPage');
const TotpPage = lazyPage(() => import('../pages/login/TotpPage'), 'TotpPage');
const ImportPage = lazyPage(() => import('../pages/households/ImportPage'), 'ImportPage');
const NewHouseholdPage = lazyPage(() => import('../pages/households/NewHouseholdPage'), 'NewHouseholdPage');

/** A phone-sized screen (the field app's width). */
const onPhone = () => typeof window.matchMedia === 'function' && window.matchMedia('(max-width: 767px)').matches;

/**
 * The user's first page (keeping the place in the query), or 403 when his role opens none. A
 * pairing cadre on a phone lands in the field app (走访端), the page he works in.
 */
function HomeRedirect() {
  const { search } = useLocation();
  const me = useMe();
  if (me.role === 'pairing_cadre' && me.permissions.includes(FIELD_APP_PERMISSION) && onPhone()) return <Navigate to={FIELD_APP_PATH} replace />;
  const home = homePageFor(me.permissions);
  return home ? <Navigate to={`${home}${search}`} replace /> : <ForbiddenPage />;
}

const permissionsOf = (path: string) => MENU.flatMap((m) => m.pages).find((p) => p.path === path)!.permissions;

const guarded = (path: string, page: ReactNode) => <RequirePermission permissions={permissionsOf(path)}>{page}</RequirePermission>;

export function AppRoutes() {
  return (
    <Suspense fallback={<PageLoading />}>
      <Routes>
        <Route path="login" element={<LoginPage />} />
        <Route element={<RequireSignedIn passwordPage />}>
          <Route path="password" element={<PasswordPage />} />
        </Route>
        <Route element={<RequireSignedIn totpPage />}>
          <Route path="totp" element={<TotpPage />} />
        </Route>
        <Route element={<RequireSignedIn />}>
          {Object.values(MODULES).map((m) => (
            <Fragment key={m.key}>{m.standaloneRoutes?.()}</Fragment>
          ))}
          <Route element={<AppLayout />}>
            <Route index element={<HomeRedirect />} />
            <Route path="households" element={guarded('/households', <HouseholdListPage />)} />
            <Route path="households/import" element={<RequirePermission permissions={['registry.import']}><ImportPage /></RequirePermission>} />
            <Route path="households/new" element={<RequirePermission permissions={['registry.import']}><NewHouseholdPage /></RequirePermission>} />
            <Route path="households/:householdNo" element={guarded('/households', <HouseholdCardPage />)} />
            <Route path="admin/users" element={guarded('/admin/users', <UsersPage />)} />
            <Route path="admin/roles" element={guarded('/admin/roles', <RolesPage />)} />
            <Route path="admin/places" element={guarded('/admin/places', <PlacesPage />)} />
            <Route path="audit" element={guarded('/audit', <AuditPage />)} />
            {Object.values(MODULES).map((m) => (
              <Fragment key={m.key}>{m.routes()}</Fragment>
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Route>
      </Routes>
    </Suspense>
  );
}
