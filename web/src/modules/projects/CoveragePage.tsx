/** 产业覆盖: the projects under the place in a year by industry line, in seed 000's shape (area, output, households covered, average gain). */
import { Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { ReportActions } from '../reports/parts';
import { coverageExportUrl, getCoverage, yuan, type Coverage } from './api';
import { useYear } from './parts';

type Line = Coverage['lines'][number];
const wan = (v: number | null) => (v === null ? '—' : (v / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 }));

export function CoveragePage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const [year] = useYear();
  const data = useApi(`${place}/${year}`, (signal) => getCoverage({ place, year }, signal));
  const columns: ColumnsType<Line> = [
    { title: t('projects.industry'), dataIndex: 'industry' },
    { title: t('projects.type'), dataIndex: 'typeLabel', width: 100 },
    { title: t('projects.projectCount'), dataIndex: 'projects', width: 80, align: 'right' },
    { title: t('projects.scale'), key: 'scale', align: 'right', render: (_: unknown, l) => (l.scale === null ? '—' : `${l.scale.toLocaleString('zh-CN')} ${l.scaleUnit ?? ''}`) },
    { title: t('projects.outputWan'), dataIndex: 'plannedOutput', align: 'right', render: wan },
    { title: t('projects.coveredHouseholds'), dataIndex: 'coveredHouseholds', align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('projects.avgIncomeGain'), dataIndex: 'avgIncomeGain', align: 'right', render: yuan },
    { title: t('projects.linkedHouseholds'), dataIndex: 'linkedHouseholds', align: 'right' },
    { title: t('projects.linkedGain'), dataIndex: 'linkedAvgIncomeGain', align: 'right', render: yuan },
  ];
  return (
    <div className="report-page coverage-page">
      <div className="report-head">
        <h2 className="report-title">{data.data ? t('projects.coverageTitleOf', { place: data.data.placeName, year }) : t('projects.coverageTitle')}</h2>
        <ReportActions exportUrl={coverageExportUrl({ place, year })} />
      </div>
      <Card size="small">
        {data.error ? <ErrorState error={data.error} onRetry={data.reload} /> : (
          <Table<Line> className="coverage-table" rowKey={(l) => `${l.type}/${l.industry}/${l.scaleUnit}`} size="small" bordered loading={data.loading} pagination={false} columns={columns} dataSource={data.data?.lines ?? []} />
        )}
        <p className="report-sub">{t('projects.coverageNote')}</p>
      </Card>
    </div>
  );
}
