/** Route guards: signed in, password up to date, and the role's permission for a page. */
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { ForbiddenPage } from '../pages/errors/ForbiddenPage';
import { useAuth } from './auth';

/** Where the login page returns to, and why it was shown. */
export interface LoginState {
  from?: string;
}

/**
 * The signed-in part of the app. Anonymous → the login page (which shows why the session
 * ended); a pending password change → the password page, unless `passwordPage` is this page;
 * then a required TOTP enrolment → the TOTP page, unless this is that page (or the password page).
 */
export function RequireSignedIn({ passwordPage = false, totpPage = false }: { passwordPage?: boolean; totpPage?: boolean }) {
  const { t } = useTranslation();
  const { state, retry } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Spin size="large" className="page-loading" />;
  if (state.status === 'failed') {
    return <Result status="error" title={t('common.loadFailed')} subTitle={state.error.message} extra={<Button onClick={retry}>{t('common.retry')}</Button>} />;
  }
  if (state.status === 'anonymous') {
    const from = location.pathname + location.search;
    return <Navigate to="/login" replace state={{ from } satisfies LoginState} />;
  }
  if (state.me.mustChangePassword && !passwordPage) return <Navigate to="/password" replace state={{ from: location.pathname + location.search }} />;
  if (state.me.mustEnrolTotp && !passwordPage && !totpPage) return <Navigate to="/totp" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

/** A page for roles with any of `permissions`; others see the 403 page. */
export function RequirePermission({ permissions, children }: { permissions: string[]; children: ReactNode }) {
  const { me } = useAuth();
  if (!me || !permissions.some((p) => me.permissions.includes(p))) return <ForbiddenPage />;
  return <>{children}</>;
}
