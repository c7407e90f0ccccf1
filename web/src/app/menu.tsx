/**
 * Every module of the system, in menu order, with the permission that opens it. A module
 * without pages yet is shown disabled ("建设中") to users whose role will use it; a module's
 * pages are shown to users whose role has the page's permission.
 */
import {
  AlertOutlined,
  AuditOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  FlagOutlined,
  FundOutlined,
  HeartOutlined,
  LogoutOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { MODULES } from '../modules';

export interface MenuPage {
  /** Route path; also the menu key. */
  path: string;
  /** i18n key of the label. */
  label: string;
  /** Any of these permissions opens the page. */
  permissions: string[];
  /** Listed in the menu (default true); false for detail pages reached by link. */
  menu?: boolean;
}

export interface MenuModule {
  key: string;
  /** i18n key of the label. */
  label: string;
  icon: ReactNode;
  /** Who will use the module (for modules without pages yet). */
  permissions: string[];
  pages: MenuPage[];
}

export const MENU: MenuModule[] = [
  {
    key: 'registry',
    label: 'menu.registry',
    icon: <TeamOutlined />,
    permissions: ['registry.read'],
    pages: [{ path: '/households', label: 'menu.households', permissions: ['registry.read'] }],
  },
  { key: 'monitoring', label: 'menu.monitoring', icon: <AlertOutlined />, permissions: ['registry.read'], pages: MODULES.monitoring.pages },
  { key: 'exit', label: 'menu.exit', icon: <LogoutOutlined />, permissions: ['registry.read'], pages: MODULES.procedures.pages },
  { key: 'assistance', label: 'menu.assistance', icon: <HeartOutlined />, permissions: ['assistance.write', 'registry.read'], pages: [...MODULES.assistance.pages, ...MODULES.rhythm.pages.filter((p) => p.path === '/workteams')] },
  { key: 'projects', label: 'menu.projects', icon: <FundOutlined />, permissions: ['dashboard.read'], pages: MODULES.projects.pages },
  { key: 'ledgers', label: 'menu.ledgers', icon: <AuditOutlined />, permissions: ['dashboard.read', 'registry.read'], pages: MODULES.ledgers.pages },
  { key: 'tasks', label: 'menu.tasks', icon: <CarryOutOutlined />, permissions: ['dashboard.read'], pages: [...MODULES.tasks.pages, ...MODULES.rhythm.pages.filter((p) => ['/inspections', '/accountability', '/assessments'].includes(p.path))] },
  { key: 'supervision', label: 'menu.supervision', icon: <FlagOutlined />, permissions: ['dashboard.read'], pages: MODULES.supervision.pages },
  { key: 'reports', label: 'menu.reports', icon: <BarChartOutlined />, permissions: ['dashboard.read'], pages: [...MODULES.reports.pages, ...MODULES.rhythm.pages.filter((p) => p.path.startsWith('/rhythm/'))] },
  {
    key: 'system',
    label: 'menu.system',
    icon: <SettingOutlined />,
    permissions: ['users.read', 'audit.read', 'places.manage', 'policy.read'],
    pages: [
      { path: '/admin/users', label: 'menu.users', permissions: ['users.read'] },
      { path: '/admin/roles', label: 'menu.roles', permissions: ['users.read'] },
      { path: '/admin/places', label: 'menu.places', permissions: ['places.manage', 'users.read'] },
      { path: '/audit', label: 'menu.audit', permissions: ['audit.read'] },
      ...MODULES.policy.pages,
    ],
  },
];

const allowed = (permissions: string[], granted: string[]) => permissions.some((p) => granted.includes(p));

/** The menu as a user sees it: modules he will use, each with the pages his role opens. */
export function menuFor(granted: string[]): MenuModule[] {
  return MENU.filter((m) => allowed(m.permissions, granted))
    .map((m) => ({ ...m, pages: m.pages.filter((p) => p.menu !== false && allowed(p.permissions, granted)) }))
    .filter((m) => m.pages.length > 0 || MENU.find((x) => x.key === m.key)!.pages.length === 0);
}

/** The first page a user may open (his home page), or undefined when his role opens none. */
export function homePageFor(granted: string[]): string | undefined {
  return menuFor(granted).flatMap((m) => m.pages)[0]?.path;
}

/** The menu page a location belongs to: the longest page path that prefixes it. */
export function menuPageFor(pathname: string): { module: MenuModule; page: MenuPage } | undefined {
  let best: { module: MenuModule; page: MenuPage } | undefined;
  for (const module of MENU) {
    for (const page of module.pages) {
      const hit = pathname === page.path || pathname.startsWith(page.path + '/');
      if (hit && (!best || page.path.length > best.page.path.length)) best = { module, page };
    }
  }
  return best;
}
