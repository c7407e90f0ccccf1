/** 村情与出列: the villages under the selected place with their flags and verdict of a year, filtered by flag and verdict. */
import { Card, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { queryString } from '../../api/client';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { useYear } from '../projects/parts';
import { ReportActions } from '../reports/parts';
import { listVillages, villagesExportUrl, type ListQuery, type VillageItem } from './api';
import { VerdictTag, VillageBreadcrumb } from './parts';
import { FilterButtons } from '../../components/FilterButtons';

export function VillageListPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const [year] = useYear();
  const [flag, setFlag] = useState<string>();
  const [verdict, setVerdict] = useState<string>();
  const query: ListQuery = { place, year, flag, verdict };
  const list = useApi(queryString(query), (signal) => listVillages(query, signal));
  const flags = ['poor', 'relative', 'deep', 'exited', 'not_exited'].map((value) => ({ value, label: t(`villages.flags.${value}`) }));
  const verdicts = ['passed', 'failed', 'none'].map((value) => ({ value, label: t(`villages.${value}`) }));

  const columns: ColumnsType<VillageItem> = [
    { title: t('villages.name'), dataIndex: 'name', width: 160, render: (v: string, i) => <Link className="village-open" to={`/villages/${i.code}?year=${year}`}>{v}</Link> },
    { title: t('villages.township'), dataIndex: 'townshipName', width: 120 },
    {
      title: t('villages.flag'), key: 'flags', width: 170,
      render: (_: unknown, i) => (
        <Space size={2} wrap>
          {i.poorVillage && <Tag color="red">{t('villages.flags.poor')}</Tag>}
          {i.relativePoorVillage && <Tag color="orange">{t('villages.flags.relative')}</Tag>}
          {i.deepPoorVillage && <Tag color="volcano">{t('villages.flags.deep')}</Tag>}
          {i.exitYear && <Tag color="green">{`${i.exitYear} ${t('villages.flags.exited')}`}</Tag>}
        </Space>
      ),
    },
    { title: t('villages.registered'), dataIndex: 'registeredPopulation', width: 90, align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('villages.poorPersons'), dataIndex: 'poorPersons', width: 90, align: 'right' },
    { title: t('villages.incidence'), dataIndex: 'incidence', width: 90, align: 'right', render: (v: string | null) => v ?? '—' },
    { title: t('villages.income'), dataIndex: 'collectiveIncome', width: 130, align: 'right', render: (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN')) },
    { title: t('villages.secretary'), dataIndex: 'firstSecretary', width: 90, render: (v: string | null) => v ?? '—' },
    { title: t('villages.verdict'), dataIndex: 'passed', width: 90, render: (v: boolean | null) => <VerdictTag passed={v} /> },
    { title: t('villages.failing'), dataIndex: 'failing', render: (v: string[]) => v.join('；') },
  ];

  return (
    <div className="report-page villages-page">
      <VillageBreadcrumb year={year} />
      <div className="report-head">
        <h2 className="report-title">{t('villages.listTitle')}</h2>
        <ReportActions exportUrl={villagesExportUrl(query)} />
      </div>
      <Card size="small">
        <Space wrap className="no-print" style={{ marginBottom: 8 }}>
          <Select allowClear className="village-flag" placeholder={t('villages.flag')} style={{ width: 150 }} value={flag} options={flags} onChange={setFlag} />
          <Select allowClear className="village-verdict" placeholder={t('villages.verdict')} style={{ width: 120 }} value={verdict} options={verdicts} onChange={setVerdict} />
          <FilterButtons onSearch={list.reload} onReset={() => { setFlag(undefined); setVerdict(undefined); }} />
        </Space>
        {list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<VillageItem>
            className="villages-table" rowKey="code" size="small" bordered loading={list.loading} columns={columns} dataSource={list.data?.items ?? []} scroll={{ x: 1300 }}
            pagination={{ pageSize: 50, showTotal: (n) => t('villages.total', { count: n }) }}
          />
        )}
      </Card>
    </div>
  );
}
