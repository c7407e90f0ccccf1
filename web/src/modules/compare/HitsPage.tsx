/**
 * 比对疑点: the 疑点 under the place with filters (rule, status, outcome, overdue), 导出Excel,
 * 下发 of the new ones (county), and the counts by rule, village, status and outcome.
 */
import { Breadcrumb, Button, Card, Checkbox, Select, Space, Table, Tabs, Tag, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { queryString } from '../../api/client';
import { useCan, useMe } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { DEFAULT_RULE_SET, OUTCOMES } from '../../../../src/domain/compare/rules';
import { HIT_STATUSES } from '../../../../src/domain/compare/workflow';
import { ReportActions } from '../reports/parts';
import { getHitReport, hitsExportUrl, listHits, sendHits, type Hit, type HitQuery, type HitReport } from './api';
import { FilterButtons } from '../../components/FilterButtons';

const RULE_OPTIONS = Object.entries(DEFAULT_RULE_SET.rules).map(([value, r]) => ({ value, label: r.label }));
const STATUS_OPTIONS = [{ value: 'open', label: '未办结' }, ...Object.entries(HIT_STATUSES).map(([value, label]) => ({ value, label }))];
const OUTCOME_OPTIONS = Object.entries(OUTCOMES).map(([value, label]) => ({ value, label }));

type Count = HitReport['byRule'][number];

export function HitsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const [placeParam] = usePlaceParam();
  const place = placeParam ?? me.placeCode;
  const [filter, setFilter] = useState<HitQuery>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query: HitQuery = { place, ...filter, ...page };
  const list = useApi(queryString(query), (signal) => listHits(query, signal));
  const report = useApi('report' + queryString({ place, ...filter }), (signal) => getHitReport({ place, ...filter }, signal));
  const narrow = (next: HitQuery) => {
    setFilter(next);
    setPage((p) => ({ ...p, page: 1 }));
  };
  const sendAll = async () => {
    const { sent } = await sendHits(place, filter.rule);
    void message.success(t('compare.sent', { count: sent }));
    list.reload();
    report.reload();
  };
  const columns: ColumnsType<Hit> = [
    { title: '#', dataIndex: 'id', width: 60, render: (v: number) => <Link to={`/compare/hits/${v}`}>{v}</Link> },
    { title: t('compare.rule'), dataIndex: 'ruleLabel', width: 140 },
    { title: t('compare.household'), dataIndex: 'householdNo', width: 150, render: (v: string) => <Link to={`/households/${encodeURIComponent(v)}`}>{v}</Link> },
    { title: t('compare.headName'), dataIndex: 'headName', width: 80 },
    { title: t('compare.village'), dataIndex: 'placeName', width: 140 },
    { title: t('compare.person'), dataIndex: 'personName', width: 90, render: (v: string | null, h) => <>{v ?? '—'}{h.nameDiffers && <Tag color="orange">{t('compare.nameDiffers')}</Tag>}</> },
    { title: t('compare.idNumber'), dataIndex: 'idNumber', width: 170, render: (v: string | null) => v ?? '—' },
    { title: t('compare.suggested'), dataIndex: 'suggestedOutcomeLabel', width: 90 },
    { title: t('compare.status'), dataIndex: 'statusLabel', width: 110, render: (v: string, h) => <>{v}{h.overdue && <Tag color="red">{t('compare.overdue')}</Tag>}</> },
    { title: t('compare.outcome'), dataIndex: 'outcomeLabel', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('compare.deadline'), dataIndex: 'deadline', width: 110, render: (v: string | null) => v ?? '—' },
  ];
  const countColumns = (name: string): ColumnsType<Count> => [
    { title: name, dataIndex: 'name' },
    { title: t('compare.count'), dataIndex: 'total', align: 'right' },
    { title: t('compare.open'), dataIndex: 'open', align: 'right' },
    { title: t('compare.overdue'), dataIndex: 'overdue', align: 'right', render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : v) },
    { title: t('compare.closed'), dataIndex: 'closed', align: 'right' },
    { title: t('compare.resolved'), dataIndex: 'resolved', align: 'right' },
  ];
  const countTable = (key: 'byRule' | 'byPlace' | 'byStatus' | 'byOutcome', name: string) =>
    report.error ? <ErrorState error={report.error} onRetry={report.reload} /> : <Table<Count> rowKey="key" size="small" bordered pagination={false} loading={report.loading} columns={countColumns(name)} dataSource={report.data?.[key] ?? []} />;

  return (
    <div className="report-page compare-hits">
      <Breadcrumb items={[{ title: t('compare.breadcrumb') }, { title: t('compare.menu.hits') }]} />
      <div className="report-head">
        <h2 className="report-title">{t('compare.hitsTitle')}</h2>
        <ReportActions exportUrl={hitsExportUrl({ place, ...filter })}
          extra={can('compare.run') && <Button type="primary" onClick={() => void sendAll()} data-testid="compare-send-all">{t('compare.sendAll')}</Button>} />
      </div>
      <Tabs items={[
        {
          key: 'list', label: t('compare.list'), children: (
            <Card size="small">
              <Space wrap style={{ marginBottom: 8 }}>
                <Select allowClear placeholder={t('compare.rule')} style={{ width: 170 }} value={filter.rule} options={RULE_OPTIONS} onChange={(rule) => narrow({ ...filter, rule })} />
                <Select allowClear placeholder={t('compare.status')} style={{ width: 130 }} value={filter.status} options={STATUS_OPTIONS} onChange={(status) => narrow({ ...filter, status })} />
                <Select allowClear placeholder={t('compare.outcome')} style={{ width: 120 }} value={filter.outcome} options={OUTCOME_OPTIONS} onChange={(outcome) => narrow({ ...filter, outcome })} />
                <Checkbox checked={filter.overdue === 'true'} onChange={(e) => narrow({ ...filter, overdue: e.target.checked ? 'true' : undefined })}>{t('compare.onlyOverdue')}</Checkbox>
                <FilterButtons onSearch={() => { list.reload(); report.reload(); }} onReset={() => narrow({})} />
              </Space>
              {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : (
                <Table<Hit> className="compare-hit-table" rowKey="id" size="small" bordered loading={list.loading} columns={columns} dataSource={list.data?.items ?? []}
                  pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('compare.total', { count: n }), onChange: (p, pageSize) => setPage({ page: p, pageSize }) }} />
              )}
            </Card>
          ),
        },
        { key: 'rule', label: t('compare.byRule'), children: countTable('byRule', t('compare.rule')) },
        { key: 'place', label: t('compare.byPlace'), children: countTable('byPlace', t('compare.village')) },
        { key: 'status', label: t('compare.byStatus'), children: countTable('byStatus', t('compare.status')) },
        { key: 'outcome', label: t('compare.byOutcome'), children: countTable('byOutcome', t('compare.outcome')) },
      ]} />
    </div>
  );
}
