import { Layout, Menu } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { MENU, menuPageFor } from './menu';
import { usePlaceParam, withPlace } from './usePlaceParam';
import { AppHeader } from './AppHeader';

const { Sider, Content } = Layout;

/** The frame of every page: header, module menu on the left, the page on the right. */
export function AppLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const [place] = usePlaceParam();
  const current = menuPageFor(location.pathname);

  const items = MENU.map((module) => ({
    key: module.key,
    icon: module.icon,
    label: module.label,
    children: module.pages.map((page) => ({ key: page.path, label: page.label })),
  }));

  return (
    <Layout className="app-shell">
      <AppHeader />
      <Layout>
        <Sider width={170} theme="light" className="app-sider">
          <Menu
            mode="inline"
            items={items}
            selectedKeys={current ? [current.page.path] : []}
            defaultOpenKeys={MENU.map((m) => m.key)}
            onClick={({ key }) => navigate(withPlace(key, place))}
          />
        </Sider>
        <Content className="app-content">
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
