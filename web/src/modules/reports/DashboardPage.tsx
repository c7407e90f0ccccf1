/**
 * 领导驾驶舱: one screen for the selected place — the large numbers at the latest year-end,
 * the trend by year, the main causes, the children (click a bar or a name to drill down from
 * city to county, township and village), the listed places and the rectification counts.
 */
import { BarChartOutlined, FlagOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Spin, Statistic, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../app/useApi';
import { useBusinessYear } from '../../app/businessYear';
import { usePlaceParam, withPlace } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { getDashboard, type Dashboard } from './api';
import { barOption, Chart, lineOption, pieOption } from './Chart';
import { DrillPath, PlaceLink, ReportActions } from './parts';

type Child = Dashboard['children'][number];

function BigNumber({ label, value, suffix, alert, testId }: { label: string; value: number; suffix?: string; alert?: boolean; testId?: string }) {
  return (
    <div className={'big-number' + (alert ? ' alert' : '')} data-testid={testId}>
      <Statistic title={label} value={value} suffix={suffix} />
    </div>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const [place, setPlace] = usePlaceParam();
  const { year } = useBusinessYear();
  const dashboard = useApi(`${place ?? ''}#${year}`, (signal) => getDashboard({ place, year }, signal));
  const data = dashboard.data;
  const code = data?.place.code ?? place;

  return (
    <div className="report-page dashboard-page">
      <div className="report-head">
        <div>
          <h2 className="report-title">{data ? t('reports.dashboard.heading', { place: data.place.name, year: data.year ?? '—' }) : t('reports.dashboard.title')}</h2>
          <DrillPath place={data?.place} />
        </div>
        <ReportActions
          extra={
            <>
              <Link to={withPlace('/reports/causes', code)}>
                <Button icon={<BarChartOutlined />} data-testid="open-cause-report">{t('reports.dashboard.causeReport')}</Button>
              </Link>
              <Link to={withPlace('/supervision', code)}>
                <Button icon={<FlagOutlined />}>{t('reports.dashboard.supervision')}</Button>
              </Link>
            </>
          }
        />
      </div>
      {dashboard.error ? (
        <ErrorState error={dashboard.error} onRetry={dashboard.reload} />
      ) : !data ? (
        <Spin className="page-loading" />
      ) : (
        <DashboardBody data={data} loading={dashboard.loading} onDrill={setPlace} />
      )}
    </div>
  );
}

function DashboardBody({ data, loading, onDrill }: { data: Dashboard; loading: boolean; onDrill: (code: string) => void }) {
  const { t } = useTranslation();
  if (data.year === null) return <Empty description={t('reports.common.noData')} />;
  const p = t('reports.common.personUnit');
  const byName = new Map(data.children.map((c) => [c.name, c.code]));
  const columns: ColumnsType<Child> = [
    {
      title: t('reports.common.place'),
      dataIndex: 'name',
      render: (_: string, c) => (
        <>
          <PlaceLink place={c} /> {c.listed && <Tag color="red">{t('reports.dashboard.listed')}</Tag>}
        </>
      ),
    },
    { title: t('reports.progress.remainingHouseholds'), dataIndex: 'remainingHouseholds', align: 'right' },
    { title: t('reports.progress.remainingPersons'), dataIndex: 'remainingPersons', align: 'right' },
    { title: t('reports.progress.exitsPersons'), dataIndex: 'exitsPersons', align: 'right' },
    { title: t('reports.progress.exitedPersons'), dataIndex: 'exitedPersons', align: 'right' },
  ];
  return (
    <>
      <div className="big-numbers">
        <BigNumber testId="big-remaining" label={t('reports.dashboard.remaining', { year: data.year })} value={data.totals.remainingPersons} suffix={p} alert={data.totals.remainingPersons > 0} />
        <BigNumber label={t('reports.progress.remainingHouseholds')} value={data.totals.remainingHouseholds} suffix={t('reports.common.householdUnit')} />
        <BigNumber label={t('reports.dashboard.exits', { year: data.year })} value={data.totals.exitsPersons} suffix={p} />
        <BigNumber label={t('reports.progress.exitedPersons')} value={data.totals.exitedPersons} suffix={p} />
        <BigNumber label={t('reports.progress.monitoredPersons')} value={data.totals.monitoredPersons} suffix={p} />
        <BigNumber label={t('reports.dashboard.listedPlaces')} value={data.supervision.counties + data.supervision.townships + data.supervision.villages} alert={data.supervision.listed.length > 0} />
        <BigNumber label={t('reports.dashboard.openRectifications')} value={data.rectifications.open} />
        <BigNumber label={t('reports.dashboard.overdueRectifications')} value={data.rectifications.overdue} alert={data.rectifications.overdue > 0} />
      </div>
      <div className="report-grid">
        <Card size="small" title={t('reports.dashboard.trend')}>
          <Chart
            height={240}
            option={lineOption(
              data.trend.map((y) => y.year),
              [
                { name: t('reports.progress.remainingPersons'), values: data.trend.map((y) => y.remainingPersons) },
                { name: t('reports.progress.exitsPersons'), values: data.trend.map((y) => y.exitsPersons) },
              ],
            )}
          />
        </Card>
        <Card size="small" title={t('reports.dashboard.causes')}>
          <Chart height={240} option={pieOption(data.causes.map((c) => ({ name: c.label, value: c.households })))} />
        </Card>
      </div>
      {data.children.length > 0 && (
        <Card size="small" title={t('reports.dashboard.children')} extra={<span className="report-sub no-print">{t('reports.dashboard.drillHint')}</span>}>
          <Chart
            testId="children-chart"
            height={260}
            option={barOption(data.children.map((c) => c.name), [{ name: t('reports.progress.remainingPersons'), values: data.children.map((c) => c.remainingPersons) }])}
            onPick={(name) => byName.has(name) && onDrill(byName.get(name)!)}
          />
          <Table<Child> className="dashboard-children" rowKey="code" size="small" bordered loading={loading} pagination={false} columns={columns} dataSource={data.children} />
        </Card>
      )}
      {data.supervision.listed.length > 0 && (
        <Card size="small" title={t('reports.dashboard.listedTitle', { date: data.supervision.asOf ?? '—' })}>
          {data.supervision.listed.map((l) => (
            <Link key={l.code} to={`/supervision/${l.code}`}>
              <Tag color={l.delistable ? 'green' : 'red'} className="listed-tag">
                {l.name} {l.persons}
                {p}
              </Tag>
            </Link>
          ))}
        </Card>
      )}
    </>
  );
}
