import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card } from 'antd';
import { householdExportUrl, listHouseholds } from '../../api/households';
import { queryString } from '../../api/client';
import { useApi } from '../../app/useApi';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { PlaceSearch } from '../../components/PlaceSearch';
import { PlaceTree } from '../../components/PlaceTree';
import { HouseholdFilters } from './HouseholdFilters';
import { HouseholdTable } from './HouseholdTable';
import { useHouseholdQuery } from './householdQuery';
import { PlaceHeading } from './PlaceHeading';

/** 农户名单: place tree on the left, filters and the paginated list on the right. */
export function HouseholdListPage() {
  const { query, filter, update, pageSizes, searchText } = useHouseholdQuery();
  const list = useApi(queryString(query), (signal) => listHouseholds(query, signal));
  const selected = useSelectedPlace();
  const selectPlace = (code: string | undefined) => update({ place: code });

  return (
    <div className="household-list-page">
      <Card size="small" className="place-panel" title="行政区划">
        <PlaceSearch onSelect={selectPlace} />
        <PlaceTree selected={query.place} onSelect={selectPlace} />
      </Card>
      <Card
        size="small"
        className="list-panel"
        title={<PlaceHeading />}
        extra={
          <Button icon={<DownloadOutlined />} href={householdExportUrl({ ...filter, sort: query.sort, order: query.order })}>
            导出Excel
          </Button>
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
