/**
 * Pages loaded when first opened, not with the application: on a village's slow connection the
 * login page and the household list should not wait for the charts library and thirty pages the
 * user may never open. `lazyPage(() => import('./X'), 'X')` gives a component that renders
 * `X`; the layout's <Suspense> shows a spinner while its code arrives (PageLoading).
 */
import { Spin } from 'antd';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';

// React.lazy's own bound: a component of any props.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyPage<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

/** Shown where a page's code is still loading. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" data-testid="page-loading">
      <Spin tip={t('common.loadingPage')} size="large">
        <div style={{ minHeight: 120 }} />
      </Spin>
    </div>
  );
}
