/** 贫困县退出条件: every condition of every county in scope for a year, 达标/未达标 coloured with reasons; 导出Excel; start an exit; the year's exit cases. */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { exitCases, exitVerdicts, exitVerdictsExportUrl, startExit, type CaseItem, type CountyRow } from './api';
import { ConditionCell, PlacePath, useYear, YearPicker } from './parts';

const KEYS = ['incidence', 'wrongExitRate', 'missedRate', 'approval'] as const;

export function DashboardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { me } = useAuth();
  const selected = useSelectedPlace();
  const [year, setYear] = useYear();
  const query = { place: selected.code, year };
  const report = useApi(`county-exit#${JSON.stringify(query)}`, (signal) => exitVerdicts(query, signal));
  const cases = useApi(`county-cases#${JSON.stringify(query)}`, (signal) => exitCases(query, signal));
  const r = report.data;
  const open = new Set((cases.data?.items ?? []).filter((c) => c.status === 'in_progress').map((c) => c.countyCode));
  const mayStart = (row: CountyRow) => me?.role === 'county_operator' && me.placeCode === row.code && row.verdict.passed && !row.exit && !open.has(row.code);
  const start = async (row: CountyRow) => {
    try {
      const c = await startExit(row.code, year);
      navigate(`/counties/exit-cases/${c.id}`);
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const first = r?.rows[0]?.verdict.conditions;
  const header = (k: string) => {
    const c = first?.find((x) => x.key === k);
    return c ? <span>{c.label}<br /><small>{`${c.comparison === 'atMost' ? '≤' : '≥'} ${c.thresholdShown}`}</small></span> : k;
  };
  const columns: ColumnsType<CountyRow> = [
    { key: 'name', title: t('counties.county'), dataIndex: 'name', width: 140, fixed: 'left' },
    { key: 'verdict', title: t('counties.verdict'), width: 90, render: (_: unknown, x) => <Tag color={x.verdict.passed ? 'green' : 'red'} data-testid="county-verdict">{x.verdict.passed ? t('counties.passed') : t('counties.failed')}</Tag> },
    ...KEYS.map((k) => ({ key: k, title: header(k), width: 150, render: (_: unknown, x: CountyRow) => <ConditionCell c={x.verdict.conditions.find((c) => c.key === k)} /> })),
    { key: 'reasons', title: t('counties.reasons'), render: (_: unknown, x) => (x.verdict.failing.length ? x.verdict.failing.join('；') : t('counties.allPassed')) },
    { key: 'exit', title: t('counties.exit'), width: 150, render: (_: unknown, x) => (x.exit ? <Tag color={x.exit.status === 'exited' ? 'blue' : 'orange'}>{`${x.exit.year} ${x.exit.statusLabel}`}</Tag> : null) },
    { key: 'act', title: '', width: 110, render: (_: unknown, x) => (mayStart(x) ? <Button size="small" type="primary" onClick={() => void start(x)} data-testid="start-exit">{t('counties.start')}</Button> : null) },
  ];
  const caseColumns: ColumnsType<CaseItem> = [
    { key: 'id', title: t('counties.caseNo'), dataIndex: 'id', width: 80, render: (id: number) => <Link to={`/counties/exit-cases/${id}`}>{id}</Link> },
    { key: 'county', title: t('counties.county'), dataIndex: 'countyName' },
    { key: 'step', title: t('counties.step'), dataIndex: 'stepLabel' },
    { key: 'status', title: t('counties.status'), dataIndex: 'statusLabel' },
    { key: 'notice', title: t('counties.noticeEnds'), dataIndex: 'noticeEndsOn' },
  ];
  return (
    <div className="counties-page" data-testid="county-exit-dashboard">
      <PlacePath />
      <Card
        size="small"
        title={r ? `${t('counties.dashboardTitle')} · ${r.place.name} ${r.year}` : t('counties.dashboardTitle')}
        extra={
          <Space>
            <YearPicker year={year} onChange={setYear} />
            <Button icon={<DownloadOutlined />} href={exitVerdictsExportUrl(query)} data-testid="export-xlsx">{t('counties.export')}</Button>
          </Space>
        }
      >
        {report.error ? (
          <ErrorState error={report.error} onRetry={report.reload} />
        ) : (
          <>
            {r && <Alert showIcon className="page-hint" type={r.passed === r.rows.length ? 'success' : 'warning'} title={t('counties.summary', { passed: r.passed, total: r.rows.length })} />}
            <Table<CountyRow> size="small" bordered rowKey="code" loading={report.loading} pagination={false} columns={columns} dataSource={r?.rows ?? []} scroll={{ x: 'max-content' }} data-testid="county-verdicts" />
          </>
        )}
      </Card>
      <Card size="small" title={t('counties.cases')} style={{ marginTop: 12 }}>
        <Table<CaseItem> size="small" rowKey="id" loading={cases.loading} pagination={false} columns={caseColumns} dataSource={cases.data?.items ?? []} data-testid="county-cases" />
      </Card>
    </div>
  );
}
