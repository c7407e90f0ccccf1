/**
 * 减贫目标与进度: the yearly exit targets of the place and of each place under it against the
 * exits recorded (and, for the current year, the cases in progress as a forecast); places
 * behind plan in red; one year month by month (completed exit cases against a straight-line plan).
 */
import { Alert, Card, InputNumber, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/useApi';
import { useBusinessYear } from '../../app/businessYear';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { monthlyProgress, targetOverview, type MonthlyProgress, type OverviewRow, type TargetOverview, type YearCell } from './api';
import { Chart, type ChartOption } from './Chart';
import { TableExport } from '../../components/TableExport';

const STATUS_COLOR: Record<string, string> = { met: 'green', on_track: 'blue', behind: 'red', planned: 'default', no_target: 'default' };

const num = (n: number | null) => (n === null ? '—' : n.toLocaleString('zh-CN'));

function yearChart(o: TargetOverview, year: number, words: Record<'target' | 'exited' | 'forecast' | 'title', string>): ChartOption {
  const rows = o.rows.length ? o.rows : [o.total];
  const cell = (r: OverviewRow) => r.byYear[String(year)];
  return {
    title: { text: words.title, left: 'center', top: 0, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 30 },
    grid: { top: 70, left: 50, right: 20, bottom: 50 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: [
      { name: words.target, type: 'bar', data: rows.map((r) => cell(r).targetPersons) },
      {
        name: words.exited,
        type: 'bar',
        data: rows.map((r) => ({ value: cell(r).exitedPersons, itemStyle: { color: cell(r).status === 'behind' ? '#cf1322' : '#389e0d' } })),
      },
      { name: words.forecast, type: 'bar', data: rows.map((r) => (year >= o.currentYear ? cell(r).forecastPersons : null)) },
    ],
  };
}

function monthChart(p: MonthlyProgress, words: Record<'cumulative' | 'planned' | 'monthPersons', string>): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { top: 40, left: 50, right: 20, bottom: 30 },
    xAxis: { type: 'category', data: p.months.map((m) => `${m.month}`) },
    yAxis: { type: 'value' },
    series: [
      { name: words.monthPersons, type: 'bar', data: p.months.map((m) => m.persons) },
      { name: words.cumulative, type: 'line', data: p.months.map((m) => m.cumulative) },
      { name: words.planned, type: 'line', lineStyle: { type: 'dashed' }, data: p.months.map((m) => m.planned) },
    ],
  };
}

export function TargetsPage() {
  const { t } = useTranslation();
  const selected = useSelectedPlace();
  const [range, setRange] = useState<{ from?: number; to?: number }>({});
  const { year: businessYear } = useBusinessYear();
  const query = { place: selected.code, ...(range.from && range.to ? range : {}) };
  const overview = useApi(`targets#${JSON.stringify(query)}`, (signal) => targetOverview(query, signal));
  const o = overview.data;
  // The verdict banner only when some year of some place has a target to be behind or ahead of.
  const targeted = o ? [...o.rows, o.total].some((r) => Object.values(r.byYear).some((c) => c.targetPersons !== null || c.targetHouseholds !== null)) : false;
  // The business year's chart and months; a place whose targets do not reach it shows its last target year.
  const year = o ? (o.years.includes(businessYear) ? businessYear : o.years[o.years.length - 1]) : undefined;
  const progress = useApi(`progress#${selected.code ?? ''}#${year ?? ''}`, (signal) => (year ? monthlyProgress({ place: selected.code, year }, signal) : Promise.resolve(undefined)));

  const words = { target: t('procedures.targets.target'), exited: t('procedures.targets.exited'), forecast: t('procedures.targets.forecast') };
  const chart = useMemo(() => (o && year ? yearChart(o, year, { ...words, title: t('procedures.targets.chartTitle', { year }) }) : undefined), [o, year, t]);
  const months = useMemo(
    () => (progress.data ? monthChart(progress.data, { cumulative: t('procedures.targets.cumulative'), planned: t('procedures.targets.planned'), monthPersons: t('procedures.targets.monthPersons') }) : undefined),
    [progress.data, t],
  );

  const columns: ColumnsType<OverviewRow> = [
    { key: 'name', title: t('procedures.columns.place'), dataIndex: 'name', fixed: 'left', width: 140 },
    ...(o?.years ?? []).map((y) => ({
      key: String(y),
      title: String(y),
      children: [
        { key: `${y}-t`, title: words.target, width: 80, align: 'right' as const, render: (_: unknown, r: OverviewRow) => num(r.byYear[y].targetPersons) },
        { key: `${y}-e`, title: words.exited, width: 80, align: 'right' as const, render: (_: unknown, r: OverviewRow) => <span data-testid={`exited-${r.code}-${y}`}>{num(r.byYear[y].exitedPersons)}</span> },
        ...(y >= (o?.currentYear ?? 0) ? [{ key: `${y}-f`, title: words.forecast, width: 80, align: 'right' as const, render: (_: unknown, r: OverviewRow) => num(r.byYear[y].forecastPersons) }] : []),
        { key: `${y}-s`, title: t('procedures.targets.status'), width: 100, render: (_: unknown, r: OverviewRow) => <StatusCell cell={r.byYear[y]} /> },
      ],
    })),
  ];

  return (
    <div className="procedures-page targets-page" data-testid="targets-page">
      <Card
        size="small"
        title={o ? `${t('procedures.targets.title')} · ${o.place.name}` : t('procedures.targets.title')}
        extra={
          <Space>
            <TableExport />
            {t('procedures.targets.from')}
            <InputNumber min={2000} max={2100} value={range.from ?? o?.years[0]} onChange={(v) => setRange((r) => ({ ...r, from: v ?? undefined, to: r.to ?? o?.years.at(-1) }))} />
            {t('procedures.targets.to')}
            <InputNumber min={2000} max={2100} value={range.to ?? o?.years.at(-1)} onChange={(v) => setRange((r) => ({ ...r, to: v ?? undefined, from: r.from ?? o?.years[0] }))} />
          </Space>
        }
      >
        {overview.error ? (
          <ErrorState error={overview.error} onRetry={overview.reload} />
        ) : (
          <>
            {o && !targeted && <Alert showIcon type="info" className="page-hint" title={t('procedures.targets.noTargets', { place: o.place.name })} />}
            {o && targeted && (
              <Alert
                showIcon
                type={o.behind.length ? 'warning' : 'success'}
                title={o.behind.length ? t('procedures.targets.behindNote', { count: o.behind.length }) : t('procedures.targets.noneBehind')}
                className="page-hint"
              />
            )}
            <Table<OverviewRow>
              size="small"
              bordered
              rowKey="code"
              loading={overview.loading}
              pagination={false}
              columns={columns}
              dataSource={o ? [...o.rows, { ...o.total, name: `${t('procedures.targets.total')}（${o.total.name}）` }] : []}
              rowClassName={(r) => (o?.behind.includes(r.code) ? 'row-behind' : r.code === o?.total.code ? 'row-total' : '')}
              scroll={{ x: 'max-content' }}
              data-testid="targets-table"
            />
          </>
        )}
      </Card>
      {o && year && (
        <Card
          size="small"
          className="card-section"
          title={t('procedures.targets.monthly', { year, place: o.place.name })}
          extra={<TableExport />}
        >
          {chart && <Chart option={chart} testId="targets-chart" />}
          {progress.error ? <ErrorState error={progress.error} onRetry={progress.reload} /> : months && <Chart option={months} height={260} testId="months-chart" />}
          {progress.data && progress.data.recordedWithoutCase > 0 && <p className="chart-note">{t('procedures.targets.recordedWithoutCase', { count: progress.data.recordedWithoutCase })}</p>}
        </Card>
      )}
    </div>
  );
}

function StatusCell({ cell }: { cell: YearCell }) {
  const { t } = useTranslation();
  const share = cell.share === null ? '' : ` ${Math.round(cell.share * 1000) / 10}%`;
  return <Tag color={STATUS_COLOR[cell.status] ?? 'default'}>{`${t(`procedures.targets.statuses.${cell.status}`, { defaultValue: cell.statusLabel })}${share}`}</Tag>;
}
