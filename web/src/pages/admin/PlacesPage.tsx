import { Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { getPlaceChildren } from '../../api/places';
import type { PlaceChild } from '../../api/types';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { placeText, useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { PlaceSearch } from '../../components/PlaceSearch';
import { PlaceTree } from '../../components/PlaceTree';
import { TableExport } from '../../components/TableExport';

/** 行政区划: browse the place tree within the user's scope; the chosen place's children with their codes and registry counts. */
export function PlacesPage() {
  const { t } = useTranslation();
  const [, setPlace] = usePlaceParam();
  const selected = useSelectedPlace();
  const children = useApi(selected.effectiveCode, (signal) => getPlaceChildren(selected.effectiveCode, signal));
  const title = placeText(selected, t('place.nation'), (code) => t('place.unknown', { code }));

  const count = (key: 'households' | 'persons' | 'poorHouseholds' | 'poorPersons') => ({
    title: t(`places.${key}`),
    dataIndex: key,
    width: 110,
    align: 'right' as const,
  });
  const columns: ColumnsType<PlaceChild> = [
    { title: t('places.code'), dataIndex: 'code', width: 140, className: 'mono' },
    { title: t('places.name'), dataIndex: 'name', render: (name: string, p) => <a onClick={() => setPlace(p.code)}>{name}</a> },
    count('households'),
    count('persons'),
    count('poorHouseholds'),
    count('poorPersons'),
  ];

  return (
    <div className="household-list-page">
      <Card size="small" className="place-panel" title={t('place.panel')}>
        <PlaceSearch within={selected.scopeCode} onSelect={setPlace} />
        <PlaceTree key={selected.scopeCode} root={selected.scopeCode} selected={selected.code} onSelect={setPlace} />
      </Card>
      <Card size="small" className="list-panel" title={t('places.children', { place: title })} extra={<TableExport />}>
        {children.error ? (
          <ErrorState error={children.error} onRetry={children.reload} />
        ) : (
          <Table<PlaceChild>
            className="places-table"
            rowKey="code"
            size="small"
            bordered
            loading={children.loading}
            columns={columns}
            dataSource={children.data?.children ?? []}
            pagination={false}
            locale={{ emptyText: t('places.noChildren') }}
          />
        )}
      </Card>
    </div>
  );
}
