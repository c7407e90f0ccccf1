/** 走访: the overdue list per place and per cadre on a date (policy frequencies), and the visits recorded. */
import { Button, Card, Input, Space, Spin, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryString } from '../../api/client';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { exportUrl, getOverdue, getVisits, photoUrl, type OverdueLine, type Visit } from './api';

export function VisitsPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const [asOf, setAsOf] = useState<string>();
  const overdue = useApi('overdue' + queryString({ place, asOf }), (signal) => getOverdue({ place, asOf }, signal));
  const visits = useApi('visits' + queryString({ place }), (signal) => getVisits({ place }, signal));
  if (overdue.error) return <ErrorState error={overdue.error} onRetry={overdue.reload} />;
  if (visits.error) return <ErrorState error={visits.error} onRetry={visits.reload} />;
  return (
    <div className="assistance-visits">
      <h2>{t('assistance.visitsTitle')}</h2>
      <Space>
        <span>{t('assistance.asOf')}</span>
        <Input type="date" value={asOf ?? ''} onChange={(e) => setAsOf(e.target.value || undefined)} style={{ width: 160 }} />
        <Button href={exportUrl('overdue', { place, asOf })}>{t('assistance.export')}</Button>
      </Space>
      {!overdue.data || !visits.data ? (
        <Spin className="page-loading" />
      ) : (
        <Tabs
          items={[
            {
              key: 'overdue',
              label: t('assistance.overdue', { count: overdue.data.lines.length }),
              children: (
                <Table<OverdueLine>
                  className="overdue-list"
                  rowKey={(l) => `${l.pairingId}`}
                  size="small"
                  dataSource={overdue.data.lines}
                  expandable={{ expandedRowRender: (l) => l.standing.reason }}
                  columns={[
                    { title: t('assistance.householdNo'), dataIndex: 'householdNo' },
                    { title: t('assistance.head'), dataIndex: 'headName' },
                    { title: t('assistance.village'), dataIndex: 'villageName' },
                    { title: t('assistance.cadre'), dataIndex: 'cadreName' },
                    { title: t('assistance.lastVisit'), dataIndex: 'lastVisitOn', render: (v: string | null) => v ?? '—' },
                    { title: t('assistance.rule'), key: 'rule', render: (_: unknown, l) => `${l.standing.rule.label}：${l.standing.rule.periodMonths}${t('assistance.months')}${l.standing.rule.minVisits}${t('assistance.times')}` },
                    { title: t('assistance.state'), key: 'state', render: (_: unknown, l) => (l.standing.overdue ? <Tag color="red">{t('assistance.isOverdue')}</Tag> : <Tag>{t('assistance.isDue')}</Tag>) },
                  ]}
                />
              ),
            },
            {
              key: 'cadres',
              label: t('assistance.byCadre'),
              children: (
                <Table
                  rowKey="cadreId"
                  size="small"
                  dataSource={overdue.data.byCadre}
                  columns={[
                    { title: t('assistance.cadre'), dataIndex: 'cadreName' },
                    { title: t('assistance.unit'), dataIndex: 'unit' },
                    { title: t('assistance.households'), dataIndex: 'households', align: 'right' },
                    { title: t('assistance.isOverdue'), dataIndex: 'overdue', align: 'right' },
                  ]}
                />
              ),
            },
            {
              key: 'visits',
              label: t('assistance.visitList', { count: visits.data.items.length }),
              children: (
                <Card size="small">
                  <Table<Visit>
                    rowKey="id"
                    size="small"
                    dataSource={visits.data.items}
                    columns={[
                      { title: t('assistance.visitedOn'), dataIndex: 'visitedOn' },
                      { title: t('assistance.householdNo'), dataIndex: 'householdNo' },
                      { title: t('assistance.head'), dataIndex: 'headName' },
                      { title: t('assistance.cadre'), dataIndex: 'cadreName' },
                      { title: t('assistance.findings'), dataIndex: 'findings' },
                      { title: t('assistance.photos'), key: 'photos', render: (_: unknown, v) => v.photos.map((p) => <img key={p} src={photoUrl(v.id, p)} alt="" style={{ height: 40, marginRight: 4 }} />) },
                    ]}
                  />
                </Card>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
