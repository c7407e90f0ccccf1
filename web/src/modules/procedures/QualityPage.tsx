/** 三率一度: poverty incidence, missed and wrong-exit rates and approval per place against the policy thresholds; breaches flagged. */
import { Alert, Card, InputNumber, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/useApi';
import { useBusinessYear } from '../../app/businessYear';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { qualityRates, type QualityReport, type QualityRow, type Rate } from './api';
import { Chart, type ChartOption } from './Chart';
import { TableExport } from '../../components/TableExport';

const KEYS = ['incidence', 'missedRate', 'wrongExitRate', 'approval'] as const;
const pct = (v: number) => `${Math.round(v * 10000) / 100}%`;

function RateCell({ rate }: { rate: Rate | undefined }) {
  const { t } = useTranslation();
  if (!rate || rate.value === null) return <span className="rate-none">{t('procedures.quality.noData')}</span>;
  return (
    <Tooltip title={rate.explanation}>
      <span className={rate.breach ? 'rate-breach' : 'rate-ok'} data-testid={`rate-${rate.key}`}>
        {pct(rate.value)} {rate.breach ? <Tag color="red">{t('procedures.quality.breached')}</Tag> : <Tag color="green">{t('procedures.quality.ok')}</Tag>}
      </span>
    </Tooltip>
  );
}

function rateChart(r: QualityReport, title: string): ChartOption {
  const rows = [...r.rows, r.total];
  const errorKeys = KEYS.filter((k) => k !== 'approval');
  const label = (k: string) => r.total.rates.find((x) => x.key === k)?.label ?? k;
  return {
    title: { text: title, left: 'center', top: 0, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 30 },
    grid: { top: 70, left: 50, right: 20, bottom: 50 },
    xAxis: { type: 'category', data: rows.map((x) => x.name), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: errorKeys.map((k, i) => ({
      name: label(k),
      type: 'bar',
      data: rows.map((x) => {
        const rate = x.rates.find((y) => y.key === k);
        return rate?.value == null ? null : { value: Math.round(rate.value * 10000) / 100, itemStyle: rate.breach ? { color: '#cf1322' } : undefined };
      }),
      ...(i === 0 ? { markLine: { symbol: 'none', label: { formatter: '{c}%' }, data: [{ yAxis: r.thresholds.maxMissedRate * 100 }], lineStyle: { color: '#cf1322', type: 'dashed' } } } : {}),
    })),
  };
}

export function QualityPage() {
  const { t } = useTranslation();
  const selected = useSelectedPlace();
  const { year } = useBusinessYear();
  const query = { place: selected.code, year };
  const report = useApi(`quality#${JSON.stringify(query)}`, (signal) => qualityRates(query, signal));
  const r = report.data;
  const chart = useMemo(() => (r ? rateChart(r, t('procedures.quality.chartTitle')) : undefined), [r, t]);
  const breached = r ? r.rows.filter((x) => x.breached.length > 0) : [];
  // The verdict banner only when some rate was measured: without surveys there is nothing to pass.
  const measured = r ? [...r.rows, r.total].some((x) => x.rates.some((y) => y.value !== null)) : false;
  const header = (k: (typeof KEYS)[number]) => {
    const rate = r?.total.rates.find((x) => x.key === k);
    const threshold = rate ? `${rate.rule === 'atLeast' ? '≥' : rate.rule === 'below' ? '<' : '≤'} ${pct(rate.threshold)}` : '';
    return (
      <span>
        {rate?.label ?? t(`procedures.quality.rates.${k}`)}
        <br />
        <small>{`${t('procedures.quality.threshold')} ${threshold}`}</small>
      </span>
    );
  };
  const columns: ColumnsType<QualityRow> = [
    { key: 'name', title: t('procedures.columns.place'), dataIndex: 'name', width: 160 },
    { key: 'remaining', title: t('procedures.quality.remaining'), dataIndex: 'remainingPoor', width: 110, align: 'right' },
    { key: 'surveys', title: t('procedures.quality.surveys'), width: 110, align: 'right', render: (_: unknown, x) => x.totals.surveys ?? 0 },
    ...KEYS.map((k) => ({ key: k, title: header(k), render: (_: unknown, x: QualityRow) => <RateCell rate={x.rates.find((y) => y.key === k)} /> })),
  ];
  return (
    <div className="procedures-page quality-page" data-testid="quality-page">
      <Card
        size="small"
        title={r ? `${t('procedures.quality.title')} · ${r.place.name} ${r.year}` : t('procedures.quality.title')}
        extra={<TableExport />}
      >
        {report.error ? (
          <ErrorState error={report.error} onRetry={report.reload} />
        ) : (
          <>
            {r && !measured && <Alert showIcon type="info" className="page-hint" title={t('procedures.quality.noSurveys', { year: r.year })} />}
            {r && measured && (
              <Alert
                showIcon
                type={breached.length || r.total.breached.length ? 'warning' : 'success'}
                title={breached.length ? t('procedures.quality.breachNote', { count: breached.length }) : t('procedures.quality.noneBreached')}
                className="page-hint"
              />
            )}
            <Table<QualityRow>
              size="small"
              bordered
              rowKey="code"
              loading={report.loading}
              pagination={false}
              columns={columns}
              dataSource={r ? [...r.rows, r.total] : []}
              rowClassName={(x) => (x.breached.length ? 'row-behind' : x.code === r?.total.code ? 'row-total' : '')}
              scroll={{ x: 'max-content' }}
            />
            {chart && measured && <Chart option={chart} testId="quality-chart" />}
          </>
        )}
      </Card>
    </div>
  );
}
