/**
 * The breadcrumb above every page of the frame: 模块 / 页面, and 详情 under a page reached from a
 * list (a household card, a case). The page crumb links back to the list, keeping the place.
 */
import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { menuPageFor } from './menu';
import { usePlaceParam, withPlace } from './usePlaceParam';

/** Pages under a list page that are not its details, by the label they carry. */
const SUBPAGES: Record<string, string> = { '/households/import': 'menu.import', '/households/new': 'menu.newHousehold' };

export function PageBreadcrumb() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const [place] = usePlaceParam();
  const current = menuPageFor(pathname);
  if (!current) return null;
  const deeper = pathname !== current.page.path;
  const items = [
    { key: 'module', title: t(current.module.label) },
    { key: 'page', title: deeper ? <Link to={withPlace(current.page.path, place)}>{t(current.page.label)}</Link> : t(current.page.label) },
    ...(deeper ? [{ key: 'detail', title: t(SUBPAGES[pathname] ?? 'menu.detail') }] : []),
  ];
  return <Breadcrumb className="app-breadcrumb no-print" data-testid="app-breadcrumb" items={items} />;
}
