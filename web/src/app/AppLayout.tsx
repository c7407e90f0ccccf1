import { Layout, Menu, Tooltip } from 'antd';
import { Suspense, useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useMe } from './auth';
import { menuFor, menuPageFor } from './menu';
import { usePlaceParam, withPlace } from './usePlaceParam';
import { AppHeader } from './AppHeader';
import { PageLoading } from './lazyPage';
import { BusinessYearProvider } from './businessYear';
import { PageBreadcrumb } from './PageBreadcrumb';

const { Sider, Content } = Layout;

/** Inside the page's Suspense: scrolls to the top again once the page's code has arrived and it is shown. */
function ScrollToTop() {
  useLayoutEffect(() => {
    window.scrollTo(0, 0);
  }, []);
  return null;
}

/** The frame of every page: header, the modules the user's role uses on the left, the page on the right. */
export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const [place] = usePlaceParam();
  const current = menuPageFor(location.pathname);
  const modules = menuFor(me.permissions);
  // A new page opens at its top, wherever the user had scrolled to reach the menu item.
  useLayoutEffect(() => {
    window.scrollTo(0, 0);
  }, [location.pathname]);

  const items = modules.map((module) =>
    module.pages.length === 0
      ? {
          key: module.key,
          icon: module.icon,
          disabled: true,
          label: (
            <Tooltip title={t('menu.building')} placement="right">
              <span data-testid={`menu-${module.key}`}>{t(module.label)}</span>
            </Tooltip>
          ),
        }
      : {
          key: module.key,
          icon: module.icon,
          label: t(module.label),
          children: module.pages.map((page) => ({ key: page.path, label: t(page.label) })),
        },
  );

  return (
    <BusinessYearProvider>
      <Layout className="app-shell">
        <AppHeader />
        <Layout>
          <Sider width={180} theme="light" className="app-sider">
            <Menu
              mode="inline"
              items={items}
              selectedKeys={current ? [current.page.path] : []}
              defaultOpenKeys={modules.filter((m) => m.pages.length > 0).map((m) => m.key)}
              onClick={({ key }) => navigate(withPlace(key, place))}
            />
          </Sider>
          <Content className="app-content">
            <PageBreadcrumb />
            {/* The frame stays while a page's code loads (app/lazyPage.tsx). */}
            <Suspense fallback={<PageLoading />}>
              <ScrollToTop key={location.pathname} />
              <Outlet />
            </Suspense>
          </Content>
        </Layout>
      </Layout>
    </BusinessYearProvider>
  );
}
