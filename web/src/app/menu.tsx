/**
 * The modules of the system and their pages, in menu order. A module appears in the menu
 * once it has a page; later modules (监测帮扶, 脱贫退出, 项目资金, 任务整改, 挂牌督战, 统计报表,
 * 系统管理) add their entries here.
 */
import { TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';

export interface MenuPage {
  /** Route path; also the menu key. */
  path: string;
  label: string;
}

export interface MenuModule {
  key: string;
  label: string;
  icon: ReactNode;
  pages: MenuPage[];
}

export const MENU: MenuModule[] = [
  {
    key: 'registry',
    label: '建档立卡',
    icon: <TeamOutlined />,
    pages: [{ path: '/households', label: '农户名单' }],
  },
];

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
