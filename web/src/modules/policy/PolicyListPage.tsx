import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, InputNumber, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { queryString } from '../../api/client';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/labels';
import { useApi } from '../../app/useApi';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { withPlace } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { listPolicies, policyListExportUrl, type PolicyFilter, type PolicyStatus, type PolicyView } from './api';
import { NewDraftButton } from './NewDraftButton';

export const STATUS_COLORS: Record<PolicyStatus, string> = { draft: 'blue', active: 'green', superseded: 'default' };

export function StatusLabel({ status }: { status: PolicyStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`policy.status.${status}`)}</Tag>;
}

/** 政策参数: the versions governing the selected place, by region and year; pick two to compare. */
export function PolicyListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const place = useSelectedPlace();
  const [year, setYear] = useState<number>();
  const [status, setStatus] = useState<PolicyStatus>();
  const [picked, setPicked] = useState<string[]>([]);
  const filter: PolicyFilter = { place: place.code, year, status };
  const policies = useApi(queryString(filter), (signal) => listPolicies(filter, signal));

  const columns = [
    { title: t('policy.list.region'), key: 'region', render: (_: unknown, p: PolicyView) => `${p.regionName}（${p.regionCode}）` },
    { title: t('policy.list.year'), dataIndex: 'effectiveYear', width: 90 },
    { title: t('policy.list.version'), dataIndex: 'version', width: 70 },
    { title: t('policy.list.name'), dataIndex: 'title', render: (v: string, p: PolicyView) => <Link to={withPlace(`/policy/${p.id}`, place.code)}>{v}</Link> },
    { title: t('policy.list.status'), dataIndex: 'status', width: 100, render: (s: PolicyStatus) => <StatusLabel status={s} /> },
    { title: t('policy.list.updated'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_: unknown, p: PolicyView) => (
        <Space>
          <Link to={withPlace(`/policy/${p.id}`, place.code)}>{t('policy.list.view')}</Link>
          {p.status === 'draft' && can('policy.manage') && <Link to={withPlace(`/policy/${p.id}/edit`, place.code)}>{t('policy.list.edit')}</Link>}
        </Space>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('policy.list.title')}
      extra={
        <Space>
          <Button icon={<DownloadOutlined />} href={policyListExportUrl(filter)}>
            {t('policy.list.export')}
          </Button>
          {can('policy.manage') && <NewDraftButton region={place.effectiveCode} scopeCode={place.scopeCode} icon={<PlusOutlined />} />}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <InputNumber placeholder={t('policy.list.year')} min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? undefined)} />
        <Select<PolicyStatus>
          allowClear
          style={{ width: 140 }}
          placeholder={t('policy.list.allStatus')}
          value={status}
          onChange={setStatus}
          options={(['draft', 'active', 'superseded'] as const).map((s) => ({ value: s, label: t(`policy.status.${s}`) }))}
        />
        <Button type="primary" className="policy-compare-picked" disabled={picked.length !== 2} onClick={() => navigate(withPlace(`/policy/compare`, place.code) + `${place.code ? '&' : '?'}a=${picked[0]}&b=${picked[1]}`)}>
          {picked.length === 2 ? t('policy.list.compare') : t('policy.list.pickTwo')}
        </Button>
      </Space>
      {policies.error ? (
        <ErrorState error={policies.error} onRetry={policies.reload} />
      ) : (
        <Table<PolicyView>
          className="policy-list"
          rowKey="id"
          size="small"
          bordered
          loading={policies.loading}
          columns={columns}
          dataSource={policies.data?.items ?? []}
          locale={{ emptyText: t('policy.list.empty') }}
          rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked((keys as string[]).slice(-2)) }}
          pagination={{ pageSize: 20, showTotal: (total) => t('common.total', { count: total }) }}
        />
      )}
    </Card>
  );
}
