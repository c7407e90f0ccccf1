/**
 * 政策指标: for the selected place and the business year (the header's), the monitoring scale against
 * the 2020 cap (counties over it listed with a warning) and the industry income target of
 * households with industry support (by place, and the households short of it), each with 导出Excel.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { useBusinessYear } from '../../app/businessYear';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { capExportUrl, getCapReport, getIndustryReport, industryExportUrl, type CapRow, type IndustryReport } from './api';

const pct = (share: number) => `${Math.round(share * 10000) / 100}%`;

function CapSection({ place, year }: { place: string; year: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const report = useApi(`cap:${place}:${year}`, (signal) => getCapReport({ place, year }, signal));
  const r = report.data;
  return (
    <Card
      size="small"
      title={t('monitoring.targets.capTitle')}
      data-testid="cap-section"
      extra={can('registry.export') && <Button icon={<DownloadOutlined />} href={capExportUrl({ place, year })} data-testid="cap-export">{t('monitoring.targets.export')}</Button>}
    >
      {report.error ? <ErrorState error={report.error} onRetry={report.reload} /> : null}
      {r && r.overCap.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="cap-warning"
          message={t('monitoring.targets.overCap', { count: r.overCap.length })}
          description={<ul>{r.overCap.map((c) => <li key={c.code}>{c.name}：{c.reason}</li>)}</ul>} />
      )}
      <Table<CapRow>
        size="small"
        rowKey="code"
        loading={report.loading}
        dataSource={r?.counties ?? []}
        pagination={false}
        columns={[
          { key: 'name', title: t('monitoring.targets.county'), dataIndex: 'name' },
          { key: 'registered', title: t('monitoring.targets.registered'), dataIndex: 'registeredPersons', align: 'right' },
          { key: 'monitored', title: t('monitoring.targets.monitored'), dataIndex: 'monitoredPersons', align: 'right' },
          { key: 'cap', title: t('monitoring.targets.cap'), align: 'right', render: (_: unknown, c) => (c.capShare === null ? t('monitoring.targets.noCap') : `${pct(c.capShare)}${c.deepPoverty ? t('monitoring.targets.deep') : ''}`) },
          { key: 'over', title: t('monitoring.targets.overHeader'), render: (_: unknown, c) => (c.over ? <Tag color="red">{t('monitoring.targets.over')}</Tag> : <Tag>{t('monitoring.targets.within')}</Tag>) },
          { key: 'reason', title: t('monitoring.targets.reason'), dataIndex: 'reason' },
        ]}
      />
    </Card>
  );
}

function IndustrySection({ place, year }: { place: string; year: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const report = useApi(`industry:${place}:${year}`, (signal) => getIndustryReport({ place, year }, signal));
  const r = report.data;
  const short = (r?.households ?? []).filter((h) => h.meets !== true);
  return (
    <Card
      size="small"
      title={t('monitoring.targets.industryTitle')}
      data-testid="industry-section"
      extra={can('registry.export') && <Button icon={<DownloadOutlined />} href={industryExportUrl({ place, year })} data-testid="industry-export">{t('monitoring.targets.export')}</Button>}
    >
      {report.error ? <ErrorState error={report.error} onRetry={report.reload} /> : null}
      {r && <Typography.Paragraph data-testid="industry-totals">{t('monitoring.targets.industryTotals', { ...r.totals })}</Typography.Paragraph>}
      <Table<IndustryReport['byPlace'][number]>
        size="small"
        rowKey="code"
        loading={report.loading}
        dataSource={r?.byPlace ?? []}
        pagination={false}
        columns={[
          { key: 'name', title: t('monitoring.targets.place'), dataIndex: 'name' },
          { key: 'supported', title: t('monitoring.targets.supported'), dataIndex: 'supported', align: 'right' },
          { key: 'meeting', title: t('monitoring.targets.meeting'), dataIndex: 'meeting', align: 'right' },
          { key: 'short', title: t('monitoring.targets.short'), dataIndex: 'short', align: 'right' },
          { key: 'noIncome', title: t('monitoring.targets.noIncome'), dataIndex: 'noIncome', align: 'right' },
        ]}
      />
      {short.length > 0 && (
        <Table<IndustryReport['households'][number]>
          size="small"
          style={{ marginTop: 12 }}
          title={() => t('monitoring.targets.shortList')}
          rowKey="householdNo"
          dataSource={short}
          columns={[
            { key: 'no', title: t('monitoring.targets.householdNo'), dataIndex: 'householdNo' },
            { key: 'head', title: t('monitoring.targets.head'), dataIndex: 'headName' },
            { key: 'reason', title: t('monitoring.targets.reason'), dataIndex: 'reason' },
          ]}
        />
      )}
    </Card>
  );
}

export function TargetsPage() {
  const { t } = useTranslation();
  const selected = useSelectedPlace();
  const place = selected.effectiveCode;
  const year = String(useBusinessYear().year);
  return (
    <Space direction="vertical" style={{ width: '100%' }} className="monitoring-targets-page">
      <Card size="small" title={t('monitoring.targets.title')}>
        <span data-testid="targets-year">{t('monitoring.targets.year')} {year}</span>
      </Card>
      <CapSection place={place} year={year} />
      <IndustrySection place={place} year={year} />
    </Space>
  );
}
