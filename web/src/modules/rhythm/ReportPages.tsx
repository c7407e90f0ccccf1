/**
 * 月度上报 pages: the submissions of a month under a place (逾期未报 and 逾期上报 flagged), one
 * report with its versions, the figures of its frozen snapshot, 上报 / 重报 and 签收 / 退回 (a
 * print view), and the 月报告 / 季小结 / 年总结 with the trend read from the month-end snapshots.
 */
import { Alert, Breadcrumb, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, message, Modal, Select, Space, Table, Tag, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { FIGURES, FIGURE_LABELS, type Figures } from '../../../../src/domain/rhythm/labels';
import { Chart, lineOption } from '../reports/Chart';
import { ReportActions } from '../reports/parts';
import { todayText } from '../projects/parts';
import {
  decideReport, getPeriod, getReport, getSubmissions, periodExportUrl, reportExportUrl, submissionsExportUrl, submitReport, takeSnapshot, ym,
  type PeriodQuery, type Report, type SubmissionList,
} from './api';

type Line = SubmissionList['items'][number];
const STATE_COLORS: Record<string, string> = { missing: 'red', late: 'orange', on_time: 'green', pending: 'default' };

/** The month in the URL (`?month=2024-03`), default this month. */
function useMonthParam(): [string, (m: string) => void] {
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : todayText().slice(0, 7);
  return [month, (m) => setParams((prev) => { const next = new URLSearchParams(prev); next.set('month', m); return next; })];
}

export function SubmissionsPage() {
  const [place] = usePlaceParam();
  const [month, setMonth] = useMonthParam();
  // Submissions are kept per city, county and township: for the nation, a province or a village there is no list to ask for.
  const { effectiveCode } = useSelectedPlace();
  const listed = [4, 6, 9].includes(effectiveCode.length);
  const list = useApi(`${place}|${month}`, (signal) => (listed ? getSubmissions(place, month, signal) : Promise.resolve(undefined)));
  const d = list.data;
  return (
    <div className="report-page rhythm-submissions">
      <div className="report-head">
        <h2 className="report-title">月度进展上报情况</h2>
        <ReportActions exportUrl={submissionsExportUrl(place, month)} />
      </div>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        月份 <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(v) => v && setMonth(v.format('YYYY-MM'))} />
      </Space>
      {d && <p className="submission-totals">应报 {d.totals.expected} 个，逾期未报 {d.totals.missing} 个，逾期上报 {d.totals.late} 个，已签收 {d.totals.signedOff} 个（制表日期 {d.today}）</p>}
      {!listed && <Alert showIcon type="info" className="page-hint" title="月度上报按市、县、乡镇查看：请在页面顶部选择一个市、县或乡镇。" />}
      {!listed ? null : list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : (
        <Table<Line>
          className="submissions-table" rowKey="placeCode" size="small" bordered loading={list.loading} pagination={false} dataSource={d?.items ?? []}
          columns={[
            { title: '单位', dataIndex: 'placeName', render: (v: string, r) => <Link className="report-open" to={`/rhythm/reports/${r.placeCode}/${month}`}>{v}</Link> },
            { title: '层级', dataIndex: 'level', width: 70 },
            { title: '报送期限', dataIndex: 'dueOn', width: 110 },
            { title: '首次上报', dataIndex: 'firstSubmittedOn', width: 110, render: (v: string | null) => v ?? '—' },
            { title: '状态', dataIndex: 'statusLabel', width: 130 },
            { title: '版本', dataIndex: 'version', width: 60, align: 'right' },
            { title: '及时性', dataIndex: 'stateLabel', width: 200, render: (v: string, r) => <Tag color={STATE_COLORS[r.state]}>{v}</Tag> },
          ]}
        />
      )}
    </div>
  );
}

function FigureTable({ rows }: { rows: (Figures & { code: string; name: string })[] }) {
  return (
    <Table
      className="figures-table" rowKey="code" size="small" bordered pagination={false} dataSource={rows} scroll={{ x: true }}
      columns={[{ title: '地区', dataIndex: 'name', fixed: 'left' as const }, ...FIGURES.map((f) => ({ title: FIGURE_LABELS[f], dataIndex: f, align: 'right' as const }))]}
    />
  );
}

export function ReportPage() {
  const { place = '', month = '' } = useParams();
  const can = useCan();
  const report = useApi(`${place}|${month}`, (signal) => getReport(place, month, signal));
  const [mode, setMode] = useState<'submit' | 'return'>();
  const r = report.data;
  const current = r?.versions.find((v) => v.version === r.version);
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      void message.success('已保存');
      report.reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const title = r ? `${r.place.name}${month.slice(0, 4)}年${Number(month.slice(5, 7))}月工作进展报告` : '…';
  return (
    <div className="report-page rhythm-report">
      <Breadcrumb className="no-print" items={[{ title: <Link to={`/rhythm/submissions?month=${month}`}>月度上报</Link> }, { title: r?.place.name ?? place }]} />
      <div className="report-head">
        <h2 className="report-title">{title}</h2>
        <ReportActions
          exportUrl={reportExportUrl(place, month)}
          extra={
            <>
              {can('rhythm.submit') && r?.status !== 'signed_off' && <Button type="primary" className="report-submit" onClick={() => setMode('submit')}>{r?.status ? '重新上报' : '上报'}</Button>}
              {can('rhythm.review') && r?.status === 'submitted' && (
                <>
                  <Button className="report-sign" onClick={() => void act(() => decideReport(place, month, { decision: 'signed_off' }))}>签收</Button>
                  <Button danger className="report-return" onClick={() => setMode('return')}>退回</Button>
                </>
              )}
            </>
          }
        />
      </div>
      {report.error ? <ErrorState error={report.error} onRetry={report.reload} /> : r && (
        <>
          <Descriptions size="small" bordered column={3} className="report-state">
            <Descriptions.Item label="报送期限">{r.dueOn}</Descriptions.Item>
            <Descriptions.Item label="状态"><span className="report-status">{r.statusLabel}</span></Descriptions.Item>
            <Descriptions.Item label="及时性">{r.stateLabel}</Descriptions.Item>
            <Descriptions.Item label="首次上报">{r.firstSubmittedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="当前版本">{r.version || '—'}</Descriptions.Item>
            <Descriptions.Item label="未报乡镇">{current?.missingNames.join('、') || '无'}</Descriptions.Item>
          </Descriptions>
          {current && (
            <Card size="small" title="报告内容" style={{ marginTop: 12 }}>
              <p><strong>工作进展情况：</strong>{current.progress}</p>
              {current.problems && <p><strong>存在问题：</strong>{current.problems}</p>}
              {current.nextSteps && <p><strong>下步打算：</strong>{current.nextSteps}</p>}
            </Card>
          )}
          {r.figures && (
            <Card size="small" title="主要数字（上报时冻结的快照）" style={{ marginTop: 12 }}>
              <Descriptions size="small" column={4}>{FIGURES.map((f) => <Descriptions.Item key={f} label={FIGURE_LABELS[f]}>{r.figures!.total[f]}</Descriptions.Item>)}</Descriptions>
              <FigureTable rows={r.figures.children} />
            </Card>
          )}
          <Card size="small" title="上报与处理记录" style={{ marginTop: 12 }}>
            <Timeline
              className="report-versions"
              items={r.versions.map((v) => ({
                key: v.version,
                color: v.decision === 'returned' ? 'red' : v.decision === 'signed_off' ? 'green' : 'blue',
                children: (
                  <>第 {v.version} 版：{v.submittedOn} {v.submittedBy ?? ''} 上报
                    {v.decision && <>；{v.decidedOn} {v.decidedBy ?? ''} {v.decision === 'returned' ? `退回（${v.reason ?? ''}）` : '签收'}</>}</>
                ),
              }))}
            />
          </Card>
        </>
      )}
      {mode && <DecisionModal mode={mode} report={r} onClose={() => setMode(undefined)} run={async (text) => {
        if (mode === 'submit') await submitReport(place, month, text);
        else await decideReport(place, month, { decision: 'returned', reason: text.progress });
        setMode(undefined);
        report.reload();
      }} />}
    </div>
  );
}

function DecisionModal({ mode, report, onClose, run }: { mode: 'submit' | 'return'; report: Report | undefined; onClose: () => void; run: (v: { progress: string; problems?: string; nextSteps?: string }) => Promise<void> }) {
  const [form] = Form.useForm<{ progress: string; problems?: string; nextSteps?: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const current = report?.versions.find((v) => v.version === report.version);
  const submit = async (v: { progress: string; problems?: string; nextSteps?: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await run(v);
      void message.success('已保存');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={mode === 'submit' ? '上报月度进展' : '退回报告'} okText="提交" confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={mode === 'submit' && current ? { progress: current.progress, problems: current.problems ?? undefined, nextSteps: current.nextSteps ?? undefined } : {}}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Form.Item name="progress" label={mode === 'submit' ? '工作进展情况' : '退回理由'} rules={[{ required: true, message: '必填' }]}><Input.TextArea rows={4} /></Form.Item>
        {mode === 'submit' && (
          <>
            <Form.Item name="problems" label="存在问题"><Input.TextArea rows={2} /></Form.Item>
            <Form.Item name="nextSteps" label="下步打算"><Input.TextArea rows={2} /></Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

export function PeriodsPage() {
  const [place] = usePlaceParam();
  const can = useCan();
  const [query, setQuery] = useState<PeriodQuery>({ place, year: Number(todayText().slice(0, 4)), kind: 'month', index: Number(todayText().slice(5, 7)) });
  const q = { ...query, place };
  const period = useApi(JSON.stringify(q), (signal) => getPeriod(q, signal));
  const p = period.data;
  return (
    <div className="report-page rhythm-periods">
      <Breadcrumb items={[{ title: '工作调度' }, { title: '月报告、季小结、年总结' }]} />
      <div className="report-head">
        <h2 className="report-title">{p?.title ?? '…'}</h2>
        <ReportActions
          exportUrl={periodExportUrl(q)}
          extra={can('ledger.write') && place && place.length >= 6 && (
            <Button onClick={() => void takeSnapshot(place).then(() => message.success('已生成即时快照（不计入月末数字）'), (e: Error) => message.error(e.message))}>生成即时快照</Button>
          )}
        />
      </div>
      <Space className="no-print" style={{ marginBottom: 12 }} wrap>
        年度 <InputNumber min={2000} max={2100} value={query.year} onChange={(year) => year && setQuery({ ...query, year })} />
        <Select style={{ width: 120 }} value={query.kind} onChange={(kind) => setQuery({ ...query, kind, index: 1 })} options={[{ value: 'month', label: '月报告' }, { value: 'quarter', label: '季小结' }, { value: 'year', label: '年总结' }]} />
        {query.kind !== 'year' && <InputNumber min={1} max={query.kind === 'month' ? 12 : 4} value={query.index} onChange={(index) => index && setQuery({ ...query, index })} addonAfter={query.kind === 'month' ? '月' : '季度'} />}
      </Space>
      {period.error ? <ErrorState error={period.error} onRetry={period.reload} /> : p && (
        <>
          <p>数字取自各月月末快照，快照生成后不再变动；截至 {p.endMonth ? ym(p.endMonth) : '（本期尚无月末快照）'}。</p>
          <Card size="small" title="逐月趋势">
            <Chart height={260} option={lineOption(p.months.map((m) => ym(m.month)), [
              { name: FIGURE_LABELS.remaining_persons, values: p.months.map((m) => m.remaining_persons) },
              { name: FIGURE_LABELS.monitored_persons, values: p.months.map((m) => m.monitored_persons) },
              { name: FIGURE_LABELS.open_rectifications, values: p.months.map((m) => m.open_rectifications) },
            ])} />
          </Card>
          <Card size="small" title="分地区（期末月末快照）" style={{ marginTop: 12 }}><FigureTable rows={p.children} /></Card>
        </>
      )}
    </div>
  );
}
