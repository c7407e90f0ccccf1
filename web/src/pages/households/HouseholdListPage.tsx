import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Space } from 'antd';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { householdExportUrl, listHouseholds } from '../../api/households';
import { queryString } from '../../api/client';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { PlaceSearch } from '../../components/PlaceSearch';
import { PlaceTree } from '../../components/PlaceTree';
import { HouseholdFilters } from './HouseholdFilters';
import { HouseholdTable } from './HouseholdTable';
import { useHouseholdQuery } from './householdQuery';
import { PlaceHeading } from './PlaceHeading';

/**
 * 农户名单: the place tree (from the user's scope down) on the left, filters and the paginated
 * list on the right. Without a chosen place the list is the user's whole scope, which the
 * server decides: the page sends no place of its own.
 */
export function HouseholdListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { query, filter, update, pageSizes, searchText } = useHouseholdQuery();
  const list = useApi(queryString(query), (signal) => listHouseholds(query, signal));
  const selected = useSelectedPlace();
  const selectPlace = (code: string | undefined) => update({ place: code });

  return (
    <div className="household-list-page">
      <Card size="small" className="place-panel" title={t('place.panel')}>
        <PlaceSearch within={selected.scopeCode} onSelect={selectPlace} />
        <PlaceTree key={selected.scopeCode} root={selected.scopeCode} selected={query.place} onSelect={selectPlace} />
      </Card>
      <Card
        size="small"
        className="list-panel"
        title={<PlaceHeading />}
        extra={
          <Space>
            {can('registry.import') && (
              <Link to="/households/new">
                <Button className="households-new" icon={<PlusOutlined />}>{t('newHousehold.open')}</Button>
              </Link>
            )}
            {can('registry.import') && (
              <Link to="/households/import">
                <Button className="households-import" icon={<UploadOutlined />}>{t('imports.open')}</Button>
              </Link>
            )}
            {can('registry.export') && (
              <Button icon={<DownloadOutlined />} href={householdExportUrl({ ...filter, sort: query.sort, order: query.order })}>
                {t('households.export')}
              </Button>
            )}
          </Space>
        }
      >
        <HouseholdFilters query={query} onChange={update} />
        {list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <HouseholdTable
            page={list.data}
            loading={list.loading}
            query={query}
            pageSizes={pageSizes}
            listSearch={searchText}
            placeNames={selected.data?.path.map((p) => p.name) ?? []}
            onChange={update}
          />
        )}
      </Card>
    </div>
  );
}
