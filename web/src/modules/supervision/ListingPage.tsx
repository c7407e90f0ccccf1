/**
 * 挂牌督战: the places listed at a date, computed from the registry with the policy thresholds
 * (counties, townships, villages), each with its remaining poor, supervising leader and open
 * rectifications; a place's name opens its page. Exportable and printable.
 */
import { Alert, Card, Descriptions, Input, Space, Spin, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { queryString } from '../../api/client';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { DrillPath, ReportActions } from '../reports/parts';
import { getListing, listingExportUrl, type ListedPlace } from './api';

export function useAsOfParam(): [string | undefined, (asOf: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const asOf = params.get('asOf') || undefined;
  const setAsOf = (next: string | undefined) =>
    setParams((prev) => {
      const copy = new URLSearchParams(prev);
      if (next) copy.set('asOf', next);
      else copy.delete('asOf');
      return copy;
    });
  return [asOf, setAsOf];
}

export function ListingPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const [asOf, setAsOf] = useAsOfParam();
  const query = { place, asOf };
  const listing = useApi(queryString(query), (signal) => getListing(query, signal));
  const data = listing.data;

  const columns: ColumnsType<ListedPlace> = [
    { title: t('supervision.place'), dataIndex: 'name', render: (_: string, l) => <Link to={`/supervision/${l.code}${asOf ? '?asOf=' + asOf : ''}`}>{l.name}</Link> },
    { title: t('supervision.county'), dataIndex: 'countyName', render: (v: string | null) => v ?? '—' },
    { title: t('supervision.households'), dataIndex: 'households', align: 'right' },
    { title: t('supervision.persons'), dataIndex: 'persons', align: 'right' },
    { title: t('supervision.threshold'), dataIndex: 'threshold', align: 'right' },
    { title: t('supervision.leader'), key: 'leader', render: (_: unknown, l) => (l.leader ? `${l.leader.name}${l.leader.title ? '（' + l.leader.title + '）' : ''}` : <Tag>{t('supervision.noLeader')}</Tag>) },
    { title: t('supervision.latest'), key: 'latest', align: 'right', render: (_: unknown, l) => `${l.latestPersons}（${l.latestYear}）` },
    { title: t('supervision.open'), dataIndex: 'openRectifications', align: 'right', render: (v: number, l) => (l.overdueRectifications > 0 ? <Tag color="red">{t('supervision.openOverdue', { open: v, overdue: l.overdueRectifications })}</Tag> : v) },
    { title: t('supervision.state'), key: 'state', render: (_: unknown, l) => (l.delistable ? <Tag color="green">{t('supervision.delistable')}</Tag> : <Tag color="red">{t('supervision.listed')}</Tag>) },
  ];
  const table = (key: 'counties' | 'townships' | 'villages', rows: ListedPlace[]) => (
    <Card size="small" title={t(`supervision.${key}`, { count: rows.length })} key={key}>
      <Table<ListedPlace> className={`listing-${key}`} rowKey="code" size="small" bordered pagination={false} columns={columns} dataSource={rows} expandable={{ expandedRowRender: (l) => l.reason }} />
    </Card>
  );

  return (
    <div className="report-page supervision-listing">
      <div className="report-head">
        <div>
          <h2 className="report-title">{data ? t('supervision.heading', { place: data.place.name }) : t('supervision.title')}</h2>
          <DrillPath place={data?.place} />
        </div>
        <ReportActions
          exportUrl={listingExportUrl(query)}
          extra={
            <Space>
              <span>{t('supervision.asOf')}</span>
              <Input type="date" value={asOf ?? ''} onChange={(e) => setAsOf(e.target.value || undefined)} style={{ width: 160 }} />
            </Space>
          }
        />
      </div>
      {listing.error ? (
        <ErrorState error={listing.error} onRetry={listing.reload} />
      ) : !data ? (
        <Spin className="page-loading" />
      ) : (
        <>
          <Descriptions bordered size="small" column={3}>
            <Descriptions.Item label={t('supervision.asOf')}>{data.asOf ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('supervision.statusYear')}>{data.statusYear ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('supervision.thresholds')}>
              {data.thresholds ? t('supervision.thresholdText', data.thresholds) : '—'}
            </Descriptions.Item>
          </Descriptions>
          {data.notes.map((n) => (
            <Alert key={n} type="info" showIcon title={n} />
          ))}
          {table('counties', data.counties)}
          {table('townships', data.townships)}
          {table('villages', data.villages)}
        </>
      )}
    </div>
  );
}
