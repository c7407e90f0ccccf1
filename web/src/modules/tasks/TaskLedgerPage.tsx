/**
 * 工作任务台账: the plans of the selected place, their tasks with deadline, lead and responsible
 * departments and progress, overdue and due-soon lists per department, a task's progress
 * reports with evidence, and import of a plan from a spreadsheet. Writing needs 'ledger.write'.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, message, Modal, Progress, Select, Space, Table, Tabs, Tag, Timeline } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, queryString } from '../../api/client';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { useBusinessYear } from '../../app/businessYear';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { PlacePicker } from '../../components/PlacePicker';
import { ReportActions } from '../reports/parts';
import {
  departmentSummary, evidenceLines, getTask, importPlan, listPlans, listTasks, planTemplateUrl, reportProgress, taskExportUrl,
  type DepartmentLine, type PlanSummary, type Task, type TaskQuery,
} from './api';
import { FilterButtons } from '../../components/FilterButtons';

/** A deadline with its state: overdue in red, due soon in orange. */
export function DueTag({ deadline, overdue, daysLeft, done }: { deadline: string; overdue: boolean; daysLeft: number | null; done: boolean }) {
  const { t } = useTranslation();
  if (done) return <span>{deadline}</span>;
  if (overdue) return <Tag color="red">{t('tasks.overdueOn', { date: deadline })}</Tag>;
  if (daysLeft !== null && daysLeft <= 7) return <Tag color="orange">{t('tasks.daysLeft', { date: deadline, days: daysLeft })}</Tag>;
  return <span>{deadline}</span>;
}

export function TaskLedgerPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const can = useCan();
  const [filter, setFilter] = useState<TaskQuery>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [tab, setTab] = useState('tasks');
  const [openTask, setOpenTask] = useState<number>();
  const [importing, setImporting] = useState(false);
  const query: TaskQuery = { place, ...filter, ...page };
  const tasks = useApi('tasks?' + queryString(query), (signal) => listTasks(query, signal));
  const plans = useApi('plans?' + (place ?? ''), (signal) => listPlans(place, signal));
  const departments = useApi('departments?' + (place ?? ''), (signal) => departmentSummary(place, signal));
  const narrow = (next: TaskQuery) => {
    setFilter(next);
    setPage((p) => ({ ...p, page: 1 }));
    setTab('tasks');
  };

  const columns: ColumnsType<Task> = [
    { title: t('tasks.title'), dataIndex: 'title', render: (v: string, task) => <a onClick={() => setOpenTask(task.id)}>{v}</a> },
    { title: t('tasks.place'), dataIndex: 'placeName', width: 110 },
    { title: t('tasks.deadline'), key: 'deadline', width: 170, render: (_: unknown, task) => (task.ongoing ? <Tag>{t('tasks.ongoing')}</Tag> : <DueTag deadline={task.deadline} overdue={task.overdue} daysLeft={task.daysLeft} done={task.status === 'done'} />) },
    { title: t('tasks.lead'), dataIndex: 'leadDepartment', width: 130 },
    { title: t('tasks.responsible'), dataIndex: 'responsibleDepartments', ellipsis: true, render: (v: string[]) => v.join('、') || '—' },
    { title: t('tasks.status'), dataIndex: 'statusLabel', width: 90 },
    { title: t('tasks.progress'), dataIndex: 'progress', width: 120, render: (v: number) => <Progress percent={v} size="small" /> },
  ];
  const planColumns: ColumnsType<PlanSummary> = [
    { title: t('tasks.planTitle'), dataIndex: 'title', render: (v: string, p) => <a onClick={() => narrow({ plan: p.id })}>{v}</a> },
    { title: t('tasks.place'), dataIndex: 'placeName' },
    { title: t('tasks.year'), dataIndex: 'year' },
    { title: t('tasks.docNo'), dataIndex: 'docNo', render: (v: string | null) => v ?? '—' },
    { title: t('tasks.taskCount'), dataIndex: 'tasks', align: 'right' },
    { title: t('tasks.done'), dataIndex: 'done', align: 'right' },
    { title: t('tasks.overdue'), dataIndex: 'overdue', align: 'right', render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : v) },
  ];
  const departmentColumns: ColumnsType<DepartmentLine> = [
    { title: t('tasks.department'), dataIndex: 'department', render: (v: string) => <a onClick={() => narrow({ department: v, status: 'open' })}>{v}</a> },
    { title: t('tasks.asLead'), dataIndex: 'lead', align: 'right' },
    { title: t('tasks.asResponsible'), dataIndex: 'responsible', align: 'right' },
    { title: t('tasks.done'), dataIndex: 'done', align: 'right' },
    { title: t('tasks.overdue'), dataIndex: 'overdue', align: 'right', render: (v: number, d) => (v > 0 ? <a onClick={() => narrow({ department: d.department, due: 'overdue' })}><Tag color="red">{v}</Tag></a> : v) },
    { title: t('tasks.dueSoon'), dataIndex: 'dueSoon', align: 'right', render: (v: number, d) => (v > 0 ? <a onClick={() => narrow({ department: d.department, due: 'soon' })}><Tag color="orange">{v}</Tag></a> : v) },
  ];

  return (
    <div className="report-page task-ledger">
      <div className="report-head">
        <h2 className="report-title">{t('tasks.ledgerTitle')}</h2>
        <ReportActions
          exportUrl={taskExportUrl({ place, ...filter })}
          extra={can('ledger.write') && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t('tasks.import')}</Button>}
        />
      </div>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'tasks',
            label: t('tasks.tabTasks'),
            children: (
              <Card size="small">
                <Space wrap className="no-print" style={{ marginBottom: 8 }}>
                  <Select
                    allowClear placeholder={t('tasks.due')} style={{ width: 140 }} value={filter.due}
                    options={[{ value: 'overdue', label: t('tasks.overdue') }, { value: 'soon', label: t('tasks.dueSoon') }]}
                    onChange={(due) => narrow({ ...filter, due })}
                  />
                  <Select
                    allowClear placeholder={t('tasks.status')} style={{ width: 140 }} value={filter.status}
                    options={['open', 'not_started', 'in_progress', 'done'].map((s) => ({ value: s, label: t(`tasks.statuses.${s}`) }))}
                    onChange={(status) => narrow({ ...filter, status })}
                  />
                  <Input.Search key={filter.department ?? ''} allowClear placeholder={t('tasks.department')} defaultValue={filter.department} style={{ width: 200 }} onSearch={(v) => narrow({ ...filter, department: v || undefined })} />
                  {filter.plan && <Tag closable onClose={() => narrow({ ...filter, plan: undefined })}>{t('tasks.planFilter', { id: filter.plan })}</Tag>}
                  <FilterButtons onSearch={tasks.reload} onReset={() => narrow({})} />
                </Space>
                {tasks.error ? (
                  <ErrorState error={tasks.error} onRetry={tasks.reload} />
                ) : (
                  <Table<Task>
                    className="task-table" rowKey="id" size="small" bordered loading={tasks.loading} columns={columns} dataSource={tasks.data?.items ?? []}
                    pagination={{ current: page.page, pageSize: page.pageSize, total: tasks.data?.total ?? 0, showTotal: (n) => t('tasks.total', { count: n }), onChange: (p, pageSize) => setPage({ page: p, pageSize }) }}
                  />
                )}
              </Card>
            ),
          },
          {
            key: 'plans',
            label: t('tasks.tabPlans'),
            children: plans.error ? <ErrorState error={plans.error} onRetry={plans.reload} /> : <Table<PlanSummary> rowKey="id" size="small" bordered loading={plans.loading} pagination={false} columns={planColumns} dataSource={plans.data ?? []} />,
          },
          {
            key: 'departments',
            label: t('tasks.tabDepartments'),
            children: departments.error ? (
              <ErrorState error={departments.error} onRetry={departments.reload} />
            ) : (
              <Table<DepartmentLine> rowKey="department" size="small" bordered loading={departments.loading} pagination={false} columns={departmentColumns} dataSource={departments.data?.departments ?? []} />
            ),
          },
        ]}
      />
      {openTask !== undefined && <TaskModal id={openTask} canWrite={can('ledger.write')} onClose={(changed) => { setOpenTask(undefined); if (changed) { tasks.reload(); plans.reload(); departments.reload(); } }} />}
      {importing && <ImportModal onClose={(done) => { setImporting(false); if (done) { plans.reload(); tasks.reload(); departments.reload(); } }} />}
    </div>
  );
}

function TaskModal({ id, canWrite, onClose }: { id: number; canWrite: boolean; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const task = useApi(String(id), (signal) => getTask(id, signal));
  const [form] = Form.useForm<{ progress: number; note: string; evidence?: string; onDate?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [changed, setChanged] = useState(false);
  const submit = async (v: { progress: number; note: string; evidence?: string; onDate?: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      await reportProgress(id, { progress: v.progress, note: v.note, evidence: evidenceLines(v.evidence), onDate: v.onDate || undefined });
      void message.success(t('tasks.saved'));
      form.resetFields();
      setChanged(true);
      task.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const d = task.data;
  return (
    <Modal open width={760} title={d?.title ?? '…'} footer={null} onCancel={() => onClose(changed)}>
      {task.error ? (
        <ErrorState error={task.error} onRetry={task.reload} />
      ) : d ? (
        <>
          <p>{d.content}</p>
          <p>
            {t('tasks.deadline')}：{d.deadlineText ?? d.deadline}　{t('tasks.lead')}：{d.leadDepartment}　{t('tasks.responsible')}：{d.responsibleDepartments.join('、') || '—'}　
            {t('tasks.person')}：{d.responsiblePerson ?? '—'}
          </p>
          <Progress percent={d.progress} />
          <Timeline
            items={d.updates.map((u) => ({
              key: u.seq,
              children: (
                <>
                  <strong>{u.onDate}</strong> {u.progress}% {u.note} {u.actor && <span className="report-sub">（{u.actor}）</span>}
                  {u.evidence.length > 0 && <div>{u.evidence.map((e) => <Tag key={e}>{e}</Tag>)}</div>}
                </>
              ),
            }))}
          />
          {canWrite && d.status !== 'done' && (
            <Form form={form} layout="vertical" onFinish={submit} initialValues={{ progress: d.progress }}>
              {error && <Alert type="error" showIcon title={error} />}
              <Space wrap>
                <Form.Item name="progress" label={t('tasks.progress')} rules={[{ required: true }]}><InputNumber min={0} max={100} suffix="%" /></Form.Item>
                <Form.Item name="onDate" label={t('tasks.onDate')}><Input type="date" /></Form.Item>
              </Space>
              <Form.Item name="note" label={t('tasks.note')} rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
              <Form.Item name="evidence" label={t('tasks.evidence')}><Input.TextArea rows={2} placeholder={t('tasks.evidenceHint')} /></Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>{t('tasks.report')}</Button>
            </Form>
          )}
        </>
      ) : null}
    </Modal>
  );
}

function ImportModal({ onClose }: { onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const selected = useSelectedPlace();
  const { year } = useBusinessYear();
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<{ placeCode: string; year: number; title: string; docNo?: string; issuedOn?: string }>();
  const submit = async (v: { placeCode: string; year: number; title: string; docNo?: string; issuedOn?: string }) => {
    if (!file) return setError(t('tasks.chooseFile'));
    setBusy(true);
    setError(undefined);
    try {
      const plan = await importPlan(file, v);
      void message.success(t('tasks.imported', { count: plan.tasks.length }));
      onClose(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('tasks.import')} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={busy}>
      {error && <Alert type="error" showIcon title={error} />}
      <p><a href={planTemplateUrl()} download>{t('tasks.template')}</a></p>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ placeCode: selected.effectiveCode === '0' ? undefined : selected.effectiveCode, year }}>
        <Form.Item name="placeCode" label={t('tasks.place')} rules={[{ required: true }]}><PlacePicker within={selected.scopeCode} /></Form.Item>
        <Space wrap>
          <Form.Item name="year" label={t('tasks.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
          <Form.Item name="docNo" label={t('tasks.docNo')}><Input /></Form.Item>
          <Form.Item name="issuedOn" label={t('tasks.issuedOn')}><Input type="date" /></Form.Item>
        </Space>
        <Form.Item name="title" label={t('tasks.planTitle')} rules={[{ required: true }]}><Input /></Form.Item>
        <input type="file" accept=".xlsx,.csv" onChange={(e) => setFile(e.target.files?.[0])} />
      </Form>
    </Modal>
  );
}
