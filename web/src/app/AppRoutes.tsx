import { Fragment, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { AuditPage } from '../pages/audit/AuditPage';
import { PlacesPage } from '../pages/admin/PlacesPage';
import { RolesPage } from '../pages/admin/RolesPage';
import { UsersPage } from '../pages/admin/UsersPage';
import { ForbiddenPage } from '../pages/errors/ForbiddenPage';
import { NotFoundPage } from '../pages/errors/NotFoundPage';
import { HouseholdCardPage } from '../pages/household-card/HouseholdCardPage';
import { HouseholdListPage } from '../pages/households/HouseholdListPage';
import { LoginPage } from '../pages/login/LoginPage';
import { PasswordPage } from '../pages/login/PasswordPage';
import { TotpPage } from '../pages/login/TotpPage';
import { AppLayout } from './AppLayout';
import { useMe } from './auth';
import { RequirePermission, RequireSignedIn } from './guards';
import { homePageFor, MENU } from './menu';
import { MODULES } from '../modules';

/** The user's first page (keeping the place in the query), or 403 when his role opens none. */
function HomeRedirect() {
  const { search } = useLocation();
  const home = homePageFor(useMe().permissions);
  return home ? <Navigate to={`${home}${search}`} replace /> : <ForbiddenPage />;
}

const permissionsOf = (path: string) => MENU.flatMap((m) => m.pages).find((p) => p.path === path)!.permissions;

const guarded = (path: string, page: ReactNode) => <RequirePermission permissions={permissionsOf(path)}>{page}</RequirePermission>;

export function AppRoutes() {
  return (
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
  );
}
