/**
 * 月度进展报告: a county's monthly report (seed 001 asks for it by the 20th of each month),
 * assembled from the progress report, the cause breakdown, the listed places and the open
 * rectifications of the county. Printed as one document; each part exports to .xlsx.
 */
import { Alert, Card, Descriptions, Space, Spin, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/useApi';
import { useBusinessYear } from '../../app/businessYear';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { getListing, listingExportUrl, type ListedPlace } from '../supervision/api';
import { causeExportUrl, getCauseReport, getProgressReport, getRectificationSummary, progressExportUrl } from './api';
import { CauseReportBody } from './CauseReportPage';
import { DrillPath, ReportActions } from './parts';
import { ProgressReportBody } from './ProgressReportPage';

const thisMonth = () => new Date().toISOString().slice(0, 7);

async function loadMonthly(place: string | undefined, year: number, signal: AbortSignal) {
  const [progress, causes, listing, rectifications] = await Promise.all([
    getProgressReport({ place, year }, signal),
    getCauseReport({ place, year }, signal),
    getListing({ place }, signal),
    getRectificationSummary(place, signal),
  ]);
  return { progress, causes, listing, rectifications };
}

export function MonthlyReportPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const { year } = useBusinessYear();
  const report = useApi(`${place ?? ''}#${year}`, (signal) => loadMonthly(place, year, signal));
  const data = report.data;
  const month = thisMonth();
  const isCounty = data ? data.progress.place.code.length === 6 : true;
  const listed: ListedPlace[] = data ? [...data.listing.counties, ...data.listing.townships, ...data.listing.villages] : [];
  const latest = data?.progress.years.find((y) => y.year === data.progress.year);

  return (
    <div className="report-page monthly-report">
      <div className="report-head">
        <div>
          <h2 className="report-title">{t('reports.monthly.heading', { place: data?.progress.place.name ?? '…', month })}</h2>
          <DrillPath place={data?.progress.place} />
        </div>
        <ReportActions
          extra={
            <Space wrap>
              <a href={progressExportUrl({ place })} download>{t('reports.monthly.exportProgress')}</a>
              <a href={causeExportUrl({ place })} download>{t('reports.monthly.exportCauses')}</a>
              <a href={listingExportUrl({ place })} download>{t('reports.monthly.exportListing')}</a>
            </Space>
          }
        />
      </div>
      {!isCounty && <Alert className="no-print" type="info" showIcon title={t('reports.monthly.countyHint')} />}
      {report.error ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : !data ? (
        <Spin className="page-loading" />
      ) : (
        <>
          <section>
            <h3>{t('reports.monthly.summary')}</h3>
            <Descriptions bordered size="small" column={2}>
              <Descriptions.Item label={t('reports.common.year')}>{data.progress.year ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('reports.monthly.reportDate')}>{data.rectifications.today}</Descriptions.Item>
              <Descriptions.Item label={t('reports.progress.remaining')}>
                {latest ? t('reports.monthly.pair', { households: latest.remainingHouseholds, persons: latest.remainingPersons }) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('reports.progress.exits')}>
                {latest ? t('reports.monthly.pair', { households: latest.exitsHouseholds, persons: latest.exitsPersons }) : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('reports.dashboard.listedPlaces')}>{listed.length}</Descriptions.Item>
              <Descriptions.Item label={t('reports.monthly.rectifications')}>
                {t('reports.monthly.rectificationCounts', data.rectifications.totals)}
              </Descriptions.Item>
            </Descriptions>
          </section>
          <section>
            <h3>{t('reports.monthly.progress')}</h3>
            <ProgressReportBody report={data.progress} drill={false} />
          </section>
          <section>
            <h3>{t('reports.monthly.causes')}</h3>
            <CauseReportBody report={data.causes} drill={false} />
          </section>
          <section>
            <h3>{t('reports.monthly.listed', { date: data.listing.asOf ?? '—' })}</h3>
            <Card size="small">
              <Table<ListedPlace>
                rowKey="code"
                size="small"
                bordered
                pagination={false}
                dataSource={listed}
                columns={[
                  { title: t('reports.common.place'), dataIndex: 'name' },
                  { title: t('reports.common.persons'), dataIndex: 'persons', align: 'right' },
                  { title: t('reports.monthly.latestPersons'), dataIndex: 'latestPersons', align: 'right' },
                  { title: t('reports.monthly.leader'), key: 'leader', render: (_: unknown, l) => (l.leader ? `${l.leader.name}${l.leader.title ? '（' + l.leader.title + '）' : ''}` : '—') },
                  { title: t('reports.dashboard.openRectifications'), dataIndex: 'openRectifications', align: 'right' },
                  { title: '', key: 'delist', render: (_: unknown, l) => l.delistable && <Tag color="green">{t('reports.monthly.delistable')}</Tag> },
                ]}
              />
            </Card>
          </section>
          <section>
            <h3>{t('reports.monthly.byUnit')}</h3>
            <Card size="small">
              <Table
                rowKey="key"
                size="small"
                bordered
                pagination={false}
                dataSource={data.rectifications.byUnit}
                columns={[
                  { title: t('reports.monthly.unit'), dataIndex: 'name' },
                  { title: t('reports.monthly.open'), dataIndex: 'open', align: 'right' },
                  { title: t('reports.monthly.overdue'), dataIndex: 'overdue', align: 'right' },
                  { title: t('reports.monthly.closed'), dataIndex: 'closed', align: 'right' },
                  { title: t('reports.monthly.reopened'), dataIndex: 'reopened', align: 'right' },
                ]}
              />
            </Card>
          </section>
        </>
      )}
    </div>
  );
}
