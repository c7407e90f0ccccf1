/**
 * 致贫原因统计: the remaining poor of a place by main cause (households, persons, shares to two
 * decimals as seed 001 prints them), a chart, and the same by child place, whose names and bars
 * drill down. Exportable to .xlsx and printable.
 */
import { Card, Empty, Spin, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { queryString } from '../../api/client';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { causeExportUrl, getCauseReport, percent, type CauseLine, type CauseReport } from './api';
import { barOption, Chart, pieOption } from './Chart';
import { DrillPath, PlaceLink, ReportActions } from './parts';
import { useBusinessYear } from '../../app/businessYear';

export function CauseReportPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const { year } = useBusinessYear();
  const query = { place, year };
  const report = useApi(queryString(query), (signal) => getCauseReport(query, signal));
  const data = report.data;
  return (
    <div className="report-page cause-report">
      <div className="report-head">
        <div>
          <h2 className="report-title">
            {data ? t('reports.causes.heading', { place: data.place.name, year: data.year ?? '—' }) : t('reports.causes.title')}
          </h2>
          <DrillPath place={data?.place} />
        </div>
        <ReportActions exportUrl={causeExportUrl(query)} />
      </div>
      {report.error ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : !data ? (
        <Spin className="page-loading" />
      ) : (
        <CauseReportBody report={data} loading={report.loading} />
      )}
    </div>
  );
}

/** The chart, the cause table and the children table (shared with the monthly report). */
export function CauseReportBody({ report, loading, drill = true }: { report: CauseReport; loading?: boolean; drill?: boolean }) {
  const { t } = useTranslation();
  const [, setPlace] = usePlaceParam();
  if (report.households === 0) return <Empty description={t('reports.common.noData')} />;
  const columns: ColumnsType<CauseLine> = [
    { title: t('reports.causes.cause'), dataIndex: 'label' },
    { title: t('reports.common.households'), dataIndex: 'households', align: 'right' },
    { title: t('reports.causes.householdShare'), dataIndex: 'householdShare', align: 'right', render: percent },
    { title: t('reports.common.persons'), dataIndex: 'persons', align: 'right' },
    { title: t('reports.causes.personShare'), dataIndex: 'personShare', align: 'right', render: percent },
  ];
  const byName = new Map(report.children.map((c) => [c.name, c.code]));
  type Child = CauseReport['children'][number];
  const childColumns: ColumnsType<Child> = [
    { title: t('reports.common.place'), dataIndex: 'name', fixed: 'left', render: (_: string, c) => (drill ? <PlaceLink place={c} /> : c.name) },
    { title: t('reports.common.households'), dataIndex: 'households', align: 'right' },
    { title: t('reports.common.persons'), dataIndex: 'persons', align: 'right' },
    ...report.causes.map((cause) => ({ title: cause.label, key: cause.cause, align: 'right' as const, render: (_: unknown, c: Child) => c.causes[cause.cause] ?? 0 })),
  ];
  return (
    <>
      <div className="report-grid">
        <Card size="small" title={t('reports.causes.chart')}>
          <Chart option={pieOption(report.causes.map((c) => ({ name: c.label, value: c.households })))} />
        </Card>
        <Card size="small" title={t('reports.causes.total', { households: report.households, persons: report.persons })}>
          <Table<CauseLine>
            className="cause-table"
            rowKey="cause"
            size="small"
            bordered
            loading={loading}
            pagination={false}
            columns={columns}
            dataSource={report.causes}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('reports.common.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">{report.households}</Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">{percent(100)}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{report.persons}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{percent(100)}</Table.Summary.Cell>
              </Table.Summary.Row>
            )}
          />
        </Card>
      </div>
      {report.children.length > 0 && (
        <Card size="small" title={t(drill ? 'reports.causes.byChild' : 'reports.causes.byChildPlain')}>
          <Chart
            height={260}
            option={barOption(report.children.map((c) => c.name), [{ name: t('reports.common.households'), values: report.children.map((c) => c.households) }])}
            onPick={drill ? (name) => byName.has(name) && setPlace(byName.get(name)) : undefined}
          />
          <Table<Child>
            className="cause-children-table"
            rowKey="code"
            size="small"
            bordered
            loading={loading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={childColumns}
            dataSource={report.children}
          />
        </Card>
      )}
    </>
  );
}
