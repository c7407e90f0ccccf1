/** 项目库: projects under the selected place, filtered by year, type and status; create, edit and move them step by step. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, InputNumber, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { queryString } from '../../api/client';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { usePlaceParam, withPlace } from '../../app/usePlaceParam';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { BENEFIT_LINKS, PROJECT_STATUSES, PROJECT_TYPES } from '../../../../src/domain/funds/projectTypes';
import { ReportActions } from '../reports/parts';
import { createProject, listProjects, moveProject, projectsExportUrl, updateProject, yuan, type Project, type ProjectQuery } from './api';
import { FormModal, todayText, useYear } from './parts';
import { ProjectDetail } from './ProjectDetail';
import { moneyRule } from '../../app/formRules';
import { FilterButtons } from '../../components/FilterButtons';

const TYPE_OPTIONS = Object.entries(PROJECT_TYPES).map(([value, v]) => ({ value, label: v.label }));
const STATUS_OPTIONS = Object.entries(PROJECT_STATUSES).map(([value, label]) => ({ value, label }));
const LINK_OPTIONS = Object.entries(BENEFIT_LINKS).map(([value, label]) => ({ value, label }));
const STATUS_COLORS: Record<string, string> = { planned: 'default', approved: 'blue', started: 'orange', completed: 'green', accepted: 'purple' };

export function ProjectsPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const selected = useSelectedPlace();
  const can = useCan();
  const [year] = useYear();
  const [filter, setFilter] = useState<ProjectQuery>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Project | 'new'>();
  const [moving, setMoving] = useState<Project>();
  const [viewing, setViewing] = useState<number>();
  const query: ProjectQuery = { place, year, ...filter, ...page };
  const list = useApi(queryString(query), (signal) => listProjects(query, signal));
  const writable = can('funds.write');

  const columns: ColumnsType<Project> = [
    { title: t('projects.name'), dataIndex: 'name', width: 200, render: (v: string, p) => <a className="project-open" onClick={() => setViewing(p.id)}>{v}</a> },
    { title: t('projects.place'), dataIndex: 'placeName', width: 120 },
    { title: t('projects.industry'), dataIndex: 'industry', width: 90 },
    { title: t('projects.type'), dataIndex: 'typeLabel', width: 90 },
    { title: t('projects.scale'), key: 'scale', width: 110, align: 'right', render: (_: unknown, p) => (p.scale === null ? '—' : `${p.scale.toLocaleString('zh-CN')} ${p.scaleUnit ?? ''}`) },
    { title: t('projects.plannedOutput'), dataIndex: 'plannedOutput', width: 130, align: 'right', render: yuan },
    { title: t('projects.coveredHouseholds'), dataIndex: 'coveredHouseholds', width: 90, align: 'right', render: (v: number | null, p) => `${v ?? '—'} / ${p.beneficiaries}` },
    { title: t('projects.lead'), dataIndex: 'leadDepartment', width: 100 },
    { title: t('projects.allocated'), dataIndex: 'allocated', width: 120, align: 'right', render: yuan },
    { title: t('projects.balance'), dataIndex: 'balance', width: 120, align: 'right', render: yuan },
    {
      title: t('projects.status'), key: 'status', width: 170,
      render: (_: unknown, p) => (
        <Space size={4}>
          <Tag color={STATUS_COLORS[p.status]}>{p.statusLabel}</Tag>
          {writable && p.nextStatus && <Button size="small" className="project-next-status" onClick={() => setMoving(p)}>{PROJECT_STATUSES[p.nextStatus as keyof typeof PROJECT_STATUSES]}</Button>}
        </Space>
      ),
    },
    ...(writable ? [{ title: t('projects.edit'), key: 'edit', width: 60, render: (_: unknown, p: Project) => <a className="project-edit" onClick={() => setEditing(p)}>{t('projects.edit')}</a> }] : []),
    { title: t('projects.disclosure'), key: 'disclosure', width: 70, render: (_: unknown, p) => <Link to={withPlace('/funds/disclosure', p.placeCode) + `&year=${p.year}&projectId=${p.id}`}>{t('projects.print')}</Link> },
  ];

  return (
    <div className="report-page projects-page">
      <div className="report-head">
        <h2 className="report-title">{t('projects.libraryTitle')}</h2>
        <ReportActions exportUrl={projectsExportUrl(query)} extra={writable && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('projects.create')}</Button>} />
      </div>
      <Card size="small">
        <Space wrap className="no-print" style={{ marginBottom: 8 }}>
          <Select allowClear placeholder={t('projects.type')} style={{ width: 140 }} value={filter.type} options={TYPE_OPTIONS} onChange={(type) => setFilter({ ...filter, type })} />
          <Select allowClear placeholder={t('projects.status')} style={{ width: 120 }} value={filter.status} options={STATUS_OPTIONS} onChange={(status) => setFilter({ ...filter, status })} />
          <Input.Search key={filter.q ?? ''} defaultValue={filter.q} allowClear placeholder={t('projects.search')} style={{ width: 200 }} onSearch={(q) => setFilter({ ...filter, q: q || undefined })} />
          <FilterButtons onSearch={list.reload} onReset={() => setFilter({})} />
        </Space>
        {list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Project>
            className="projects-table" rowKey="id" size="small" bordered loading={list.loading} columns={columns} dataSource={list.data?.items ?? []} scroll={{ x: 1300 }}
            pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => t('projects.total', { count: n }), onChange: (p, pageSize) => setPage({ page: p, pageSize }) }}
          />
        )}
      </Card>
      {editing && <ProjectForm project={editing === 'new' ? undefined : editing} placeCode={selected.effectiveCode} year={year} onClose={(done) => { setEditing(undefined); if (done) list.reload(); }} />}
      {viewing !== undefined && <ProjectDetail id={viewing} onClose={(changed) => { setViewing(undefined); if (changed) list.reload(); }} />}
      {moving && (
        <FormModal<{ onDate?: { format: (f: string) => string } }>
          title={`${moving.name}：${PROJECT_STATUSES[moving.nextStatus as keyof typeof PROJECT_STATUSES]}`}
          run={(v) => moveProject(moving.id, moving.nextStatus!, v.onDate ? v.onDate.format('YYYY-MM-DD') : todayText())}
          onClose={(done) => { setMoving(undefined); if (done) list.reload(); }}
        >
          {() => <Form.Item name="onDate" label={t('projects.onDate')}><DatePicker /></Form.Item>}
        </FormModal>
      )}
    </div>
  );
}

type ProjectValues = Record<string, unknown> & { plannedStart?: { format: (f: string) => string } | null; plannedCompletion?: { format: (f: string) => string } | null };

function ProjectForm({ project, placeCode, year, onClose }: { project?: Project; placeCode: string; year: number; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const run = (v: ProjectValues) => {
    const body = {
      ...v,
      plannedStart: v.plannedStart ? v.plannedStart.format('YYYY-MM-DD') : null,
      plannedCompletion: v.plannedCompletion ? v.plannedCompletion.format('YYYY-MM-DD') : null,
    };
    return project ? updateProject(project.id, { ...body, placeCode: undefined }) : createProject(body);
  };
  const initial = project
    ? { ...project, plannedStart: undefined, plannedCompletion: undefined }
    : { placeCode, year, leadDepartment: '产业办', type: 'planting', scaleUnit: '亩' };
  return (
    <FormModal<ProjectValues> title={project ? project.name : t('projects.create')} run={run} onClose={onClose} initialValues={initial as ProjectValues} width={760}>
      {() => (
        <div className="form-grid">
          <Space wrap align="start">
            <Form.Item name="placeCode" label={t('projects.placeCode')} rules={[{ required: true }]}><Input disabled={!!project} style={{ width: 160 }} /></Form.Item>
            <Form.Item name="year" label={t('projects.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
            <Form.Item name="name" label={t('projects.name')} rules={[{ required: true }]}><Input style={{ width: 280 }} /></Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="industry" label={t('projects.industry')} rules={[{ required: true }]}><Input style={{ width: 140 }} /></Form.Item>
            <Form.Item name="type" label={t('projects.type')} rules={[{ required: true }]}><Select style={{ width: 140 }} options={TYPE_OPTIONS} /></Form.Item>
            <Form.Item name="scale" label={t('projects.scale')}><InputNumber min={0} /></Form.Item>
            <Form.Item name="scaleUnit" label={t('projects.unit')}><Input style={{ width: 80 }} /></Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="plannedOutput" label={t('projects.plannedOutput')}><InputNumber min={0} style={{ width: 160 }} /></Form.Item>
            <Form.Item name="actualOutput" label={t('projects.actualOutput')}><InputNumber min={0} style={{ width: 160 }} /></Form.Item>
            <Form.Item name="leadDepartment" label={t('projects.lead')} rules={[{ required: true }]}><Input style={{ width: 140 }} /></Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="plannedStart" label={t('projects.plannedStart')}><DatePicker /></Form.Item>
            <Form.Item name="plannedCompletion" label={t('projects.plannedCompletion')}><DatePicker /></Form.Item>
            <Form.Item name="benefitLink" label={t('projects.benefitLink')}><Select allowClear style={{ width: 160 }} options={LINK_OPTIONS} /></Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="coveredHouseholds" label={t('projects.coveredHouseholds')}><InputNumber min={0} /></Form.Item>
            <Form.Item name="avgIncomeGain" label={t('projects.avgIncomeGain')} rules={[moneyRule(t('projects.avgIncomeGain'))]}><InputNumber /></Form.Item>
          </Space>
          <Form.Item name="note" label={t('projects.note')}><Input.TextArea rows={2} /></Form.Item>
        </div>
      )}
    </FormModal>
  );
}
