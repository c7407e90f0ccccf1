/**
 * 问题整改台账: findings of inspections with the loop report → rectify → verify → close (销号)
 * and reopening by a failed 回头看, evidence at each step; counts open / overdue / closed per
 * unit and place. Writing needs 'ledger.write'.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, message, Modal, Select, Space, Statistic, Table, Tabs, Tag, Timeline } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ApiError, queryString } from '../../api/client';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { PlacePicker } from '../../components/PlacePicker';
import { RECTIFICATION_SOURCES, RECTIFICATION_STATUSES } from '../../../../src/modules/rectification/loop';
import { getRectificationSummary, type RectificationSummary } from '../reports/api';
import { ReportActions } from '../reports/parts';
import {
  actOnRectification, createRectification, evidenceLines, getRectification, listRectifications, rectificationExportUrl,
  type Rectification, type RectificationInput, type RectificationQuery,
} from './api';
import { DueTag } from './TaskLedgerPage';
import { FilterButtons } from '../../components/FilterButtons';

const SOURCE_OPTIONS = Object.entries(RECTIFICATION_SOURCES).map(([value, label]) => ({ value, label }));
const STATUS_OPTIONS = Object.entries(RECTIFICATION_STATUSES).map(([value, label]) => ({ value, label }));
/** Steps that send the finding back to rectifying take a new deadline. */
const NEEDS_DEADLINE = new Set(['verify_fail', 'lookback_fail']);

type Count = RectificationSummary['byUnit'][number];

export function RectificationLedgerPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const [params] = useSearchParams();
  const can = useCan();
  const [filter, setFilter] = useState<RectificationQuery>({ status: params.get('status') ?? undefined });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<number>();
  const [creating, setCreating] = useState(false);
  const query: RectificationQuery = { place, ...filter, ...page };
  const list = useApi(queryString(query), (signal) => listRectifications(query, signal));
  const summary = useApi('summary?' + (place ?? ''), (signal) => getRectificationSummary(place, signal));
  const narrow = (next: RectificationQuery) => {
    setFilter(next);
    setPage((p) => ({ ...p, page: 1 }));
  };
  const reload = () => {
    list.reload();
    summary.reload();
  };

  const columns: ColumnsType<Rectification> = [
    { title: t('tasks.rect.finding'), dataIndex: 'finding', ellipsis: true, render: (v: string, r) => <a onClick={() => setOpen(r.id)}>{v}</a> },
    { title: t('tasks.rect.source'), dataIndex: 'sourceLabel', width: 100 },
    { title: t('tasks.place'), dataIndex: 'placeName', width: 110 },
    { title: t('tasks.rect.unit'), dataIndex: 'responsibleUnit', width: 120 },
    { title: t('tasks.rect.leader'), dataIndex: 'responsibleLeader', width: 100, render: (v: string | null) => v ?? '—' },
    { title: t('tasks.deadline'), key: 'deadline', width: 170, render: (_: unknown, r) => <DueTag deadline={r.deadline} overdue={r.overdue} daysLeft={r.daysLeft} done={r.status === 'closed'} /> },
    { title: t('tasks.status'), dataIndex: 'statusLabel', width: 120, render: (v: string, r) => <>{v}{r.reopenCount > 0 && <Tag color="purple">{t('tasks.rect.reopened', { count: r.reopenCount })}</Tag>}</> },
  ];
  const countColumns = (name: string): ColumnsType<Count> => [
    { title: name, dataIndex: 'name', render: (v: string, c) => (name === t('tasks.rect.unit') ? <a onClick={() => narrow({ ...filter, unit: c.key })}>{v}</a> : v) },
    { title: t('tasks.rect.open'), dataIndex: 'open', align: 'right' },
    { title: t('tasks.overdue'), dataIndex: 'overdue', align: 'right', render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : v) },
    { title: t('tasks.rect.closed'), dataIndex: 'closed', align: 'right' },
    { title: t('tasks.rect.reopenedCount'), dataIndex: 'reopened', align: 'right' },
  ];
  const totals = summary.data?.totals;

  return (
    <div className="report-page rectification-ledger">
      <div className="report-head">
        <h2 className="report-title">{t('tasks.rect.title')}</h2>
        <ReportActions
          exportUrl={rectificationExportUrl({ place, ...filter })}
          extra={can('ledger.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('tasks.rect.create')}</Button>}
        />
      </div>
      {summary.error ? (
        <ErrorState error={summary.error} onRetry={summary.reload} />
      ) : (
        <div className="big-numbers">
          <div className="big-number"><Statistic title={t('tasks.rect.open')} value={totals?.open ?? '—'} /></div>
          <div className={'big-number' + (totals?.overdue ? ' alert' : '')}><Statistic title={t('tasks.overdue')} value={totals?.overdue ?? '—'} /></div>
          <div className="big-number"><Statistic title={t('tasks.rect.closed')} value={totals?.closed ?? '—'} /></div>
          <div className="big-number"><Statistic title={t('tasks.rect.reopenedCount')} value={totals?.reopened ?? '—'} /></div>
        </div>
      )}
      <Tabs
        items={[
          {
            key: 'list',
            label: t('tasks.rect.tabList'),
            children: (
              <Card size="small">
                <Space wrap className="no-print" style={{ marginBottom: 8 }}>
                  <Select allowClear placeholder={t('tasks.status')} style={{ width: 150 }} value={filter.status} options={[{ value: 'open', label: t('tasks.rect.open') }, ...STATUS_OPTIONS]} onChange={(status) => narrow({ ...filter, status })} />
                  <Select allowClear placeholder={t('tasks.rect.source')} style={{ width: 150 }} value={filter.source} options={SOURCE_OPTIONS} onChange={(source) => narrow({ ...filter, source })} />
                  <Select allowClear placeholder={t('tasks.due')} style={{ width: 140 }} value={filter.due} options={[{ value: 'overdue', label: t('tasks.overdue') }, { value: 'soon', label: t('tasks.dueSoon') }]} onChange={(due) => narrow({ ...filter, due })} />
                  {filter.unit && <Tag closable onClose={() => narrow({ ...filter, unit: undefined })}>{filter.unit}</Tag>}
                  <FilterButtons onSearch={list.reload} onReset={() => narrow({})} />
                </Space>
                {list.error ? (
                  <ErrorState error={list.error} onRetry={list.reload} />
                ) : (
                  <Table<Rectification>
                    className="rectification-table" rowKey="id" size="small" bordered loading={list.loading} columns={columns} dataSource={list.data?.items ?? []}
                    pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('tasks.rect.total', { count: n }), onChange: (p, pageSize) => setPage({ page: p, pageSize }) }}
                  />
                )}
              </Card>
            ),
          },
          { key: 'units', label: t('tasks.rect.tabUnits'), children: <Table<Count> rowKey="key" size="small" bordered loading={summary.loading} pagination={false} columns={countColumns(t('tasks.rect.unit'))} dataSource={summary.data?.byUnit ?? []} /> },
          { key: 'places', label: t('tasks.rect.tabPlaces'), children: <Table<Count> rowKey="key" size="small" bordered loading={summary.loading} pagination={false} columns={countColumns(t('tasks.place'))} dataSource={summary.data?.byPlace ?? []} /> },
        ]}
      />
      {open !== undefined && <RectificationModal id={open} canWrite={can('ledger.write')} onClose={(changed) => { setOpen(undefined); if (changed) reload(); }} />}
      {creating && <CreateModal onClose={(created) => { setCreating(false); if (created) reload(); }} />}
    </div>
  );
}

function useAction<T>(run: (v: T) => Promise<unknown>, after: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (v: T) => {
    setBusy(true);
    setError(undefined);
    try {
      await run(v);
      after();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

type StepForm = { note?: string; evidence?: string; onDate?: string; deadline?: string; measures?: string };

function RectificationModal({ id, canWrite, onClose }: { id: number; canWrite: boolean; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const detail = useApi(String(id), (signal) => getRectification(id, signal));
  const [action, setAction] = useState<string>();
  const [changed, setChanged] = useState(false);
  const [form] = Form.useForm<StepForm>();
  const { busy, error, submit } = useAction<StepForm>(
    (v) => actOnRectification(id, { action: action!, note: v.note ?? '', evidence: evidenceLines(v.evidence), onDate: v.onDate || undefined, deadline: v.deadline || undefined, measures: v.measures || undefined }),
    () => {
      void message.success(t('tasks.saved'));
      setAction(undefined);
      form.resetFields();
      setChanged(true);
      detail.reload();
    },
  );
  const d = detail.data;
  return (
    <Modal open width={800} title={d ? `${d.placeName} · ${d.statusLabel}` : '…'} footer={null} onCancel={() => onClose(changed)}>
      {detail.error ? (
        <ErrorState error={detail.error} onRetry={detail.reload} />
      ) : d ? (
        <>
          <p><strong>{d.finding}</strong></p>
          <p>
            {t('tasks.rect.source')}：{d.sourceLabel}{d.sourceRef ? `（${d.sourceRef}）` : ''}　{t('tasks.rect.foundOn')}：{d.foundOn}　{t('tasks.rect.unit')}：{d.responsibleUnit}　
            {t('tasks.rect.leader')}：{d.responsibleLeader ?? '—'}　{t('tasks.person')}：{d.responsiblePerson ?? '—'}　{t('tasks.deadline')}：{d.deadline}
          </p>
          {d.measures && <p>{t('tasks.rect.measures')}：{d.measures}</p>}
          <Timeline
            items={d.steps.map((s) => ({
              key: s.seq,
              color: s.action.endsWith('fail') ? 'red' : s.action === 'close' ? 'green' : 'blue',
              children: (
                <>
                  <strong>{s.onDate} {s.label}</strong> {s.note} {s.actor && <span className="report-sub">（{s.actor}）</span>}
                  {s.evidence.length > 0 && <div>{s.evidence.map((e) => <Tag key={e}>{e}</Tag>)}</div>}
                </>
              ),
            }))}
          />
          {canWrite && d.actions.length > 0 && (
            <>
              <Space wrap style={{ marginBottom: 8 }}>
                {d.actions.map((a) => (
                  <Button key={a.action} type={action === a.action ? 'primary' : 'default'} danger={a.action.endsWith('fail')} onClick={() => setAction(a.action)}>{a.label}</Button>
                ))}
              </Space>
              {action && (
                <Form form={form} layout="vertical" onFinish={submit}>
                  {error && <Alert type="error" showIcon title={error} />}
                  <Form.Item name="note" label={t('tasks.note')}><Input.TextArea rows={2} /></Form.Item>
                  <Form.Item name="evidence" label={t('tasks.evidence')}><Input.TextArea rows={2} placeholder={t('tasks.evidenceHint')} /></Form.Item>
                  <Space wrap>
                    <Form.Item name="onDate" label={t('tasks.onDate')}><Input type="date" /></Form.Item>
                    {NEEDS_DEADLINE.has(action) && <Form.Item name="deadline" label={t('tasks.rect.newDeadline')}><Input type="date" /></Form.Item>}
                  </Space>
                  {(action === 'start' || NEEDS_DEADLINE.has(action)) && <Form.Item name="measures" label={t('tasks.rect.measures')}><Input.TextArea rows={2} /></Form.Item>}
                  <Button type="primary" htmlType="submit" loading={busy}>{t('tasks.rect.confirm')}</Button>
                </Form>
              )}
            </>
          )}
        </>
      ) : null}
    </Modal>
  );
}

function CreateModal({ onClose }: { onClose: (created: boolean) => void }) {
  const { t } = useTranslation();
  const selected = useSelectedPlace();
  const [form] = Form.useForm<RectificationInput>();
  const { busy, error, submit } = useAction<RectificationInput>((v) => createRectification(v), () => onClose(true));
  return (
    <Modal open width={720} title={t('tasks.rect.create')} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={busy}>
      {error && <Alert type="error" showIcon title={error} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ placeCode: selected.effectiveCode === '0' ? undefined : selected.effectiveCode, source: 'inspection' }}>
        <Form.Item name="placeCode" label={t('tasks.place')} rules={[{ required: true }]}><PlacePicker within={selected.scopeCode} /></Form.Item>
        <Space wrap>
          <Form.Item name="source" label={t('tasks.rect.source')} rules={[{ required: true }]}><Select style={{ width: 160 }} options={SOURCE_OPTIONS} /></Form.Item>
          <Form.Item name="sourceRef" label={t('tasks.rect.sourceRef')}><Input /></Form.Item>
          <Form.Item name="foundOn" label={t('tasks.rect.foundOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
        </Space>
        <Form.Item name="finding" label={t('tasks.rect.finding')} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
        <Space wrap>
          <Form.Item name="responsibleUnit" label={t('tasks.rect.unit')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="responsibleLeader" label={t('tasks.rect.leader')}><Input /></Form.Item>
          <Form.Item name="responsiblePerson" label={t('tasks.person')}><Input /></Form.Item>
          <Form.Item name="deadline" label={t('tasks.deadline')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
        </Space>
        <Form.Item name="measures" label={t('tasks.rect.measures')}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
