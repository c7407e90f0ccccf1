/**
 * 脱贫进展: the remaining poor, exits and returns of a place by year (chart and table) and by
 * child place at the chosen year-end, the children drilling down. Exportable and printable.
 */
import { Card, Empty, Spin, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { queryString } from '../../api/client';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { getProgressReport, progressExportUrl, type ProgressFigures, type ProgressReport } from './api';
import { Chart, lineOption } from './Chart';
import { DrillPath, PlaceLink, ReportActions } from './parts';
import { useBusinessYear } from '../../app/businessYear';

export function ProgressReportPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const { year } = useBusinessYear();
  const query = { place, year };
  const report = useApi(queryString(query), (signal) => getProgressReport(query, signal));
  const data = report.data;
  return (
    <div className="report-page progress-report">
      <div className="report-head">
        <div>
          <h2 className="report-title">{data ? t('reports.progress.heading', { place: data.place.name, year: data.year ?? '—' }) : t('reports.progress.title')}</h2>
          <DrillPath place={data?.place} />
        </div>
        <ReportActions exportUrl={progressExportUrl(query)} />
      </div>
      {report.error ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : !data ? (
        <Spin className="page-loading" />
      ) : (
        <ProgressReportBody report={data} loading={report.loading} />
      )}
    </div>
  );
}

/** The figure columns of both tables. */
export function useFigureColumns<T extends ProgressFigures>(): ColumnsType<T> {
  const { t } = useTranslation();
  const pair = (key: 'remaining' | 'exits' | 'returns' | 'exited' | 'monitored') => ({
    title: t(`reports.progress.${key}`),
    children: [
      { title: t('reports.common.households'), dataIndex: `${key}Households`, align: 'right' as const },
      { title: t('reports.common.persons'), dataIndex: `${key}Persons`, align: 'right' as const },
    ],
  });
  return [pair('remaining'), pair('exits'), pair('returns'), pair('exited'), pair('monitored')];
}

export function ProgressReportBody({ report, loading, drill = true }: { report: ProgressReport; loading?: boolean; drill?: boolean }) {
  const { t } = useTranslation();
  const figures = useFigureColumns<ProgressFigures>();
  if (report.years.length === 0) return <Empty description={t('reports.common.noData')} />;
  type Year = ProgressReport['years'][number];
  type Child = ProgressReport['children'][number];
  const yearColumns: ColumnsType<Year> = [{ title: t('reports.common.year'), dataIndex: 'year' }, ...(figures as ColumnsType<Year>)];
  const childColumns: ColumnsType<Child> = [
    { title: t('reports.common.place'), dataIndex: 'name', fixed: 'left', render: (_: string, c) => (drill ? <PlaceLink place={c} /> : c.name) },
    ...(figures as ColumnsType<Child>),
  ];
  return (
    <>
      <Card size="small" title={t('reports.progress.trend')}>
        <Chart
          option={lineOption(
            report.years.map((y) => y.year),
            [
              { name: t('reports.progress.remainingPersons'), values: report.years.map((y) => y.remainingPersons) },
              { name: t('reports.progress.exitsPersons'), values: report.years.map((y) => y.exitsPersons) },
              { name: t('reports.progress.returnsPersons'), values: report.years.map((y) => y.returnsPersons) },
            ],
          )}
        />
        <Table<Year> rowKey="year" size="small" bordered loading={loading} pagination={false} scroll={{ x: 'max-content' }} columns={yearColumns} dataSource={report.years} />
      </Card>
      {report.children.length > 0 && (
        <Card size="small" title={t('reports.progress.byChild', { year: report.year ?? '—' })}>
          <Table<Child> className="progress-children-table" rowKey="code" size="small" bordered loading={loading} pagination={false} scroll={{ x: 'max-content' }} columns={childColumns} dataSource={report.children} />
        </Card>
      )}
    </>
  );
}
