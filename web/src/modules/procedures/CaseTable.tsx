/** A page of procedure cases: link to the case and the household card, step and who acts, status, notice, objections. */
import { Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import type { Key } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatTime } from '../../app/labels';
import type { CasePage, CaseSummary } from './api';

const STATUS_COLOR: Record<string, string> = { in_progress: 'processing', completed: 'success', rejected: 'error' };

export function CaseStatusTag({ c }: { c: Pick<CaseSummary, 'status' | 'statusLabel'> }) {
  return <Tag color={STATUS_COLOR[c.status] ?? 'default'}>{c.statusLabel}</Tag>;
}

interface Props {
  page: CasePage | undefined;
  loading: boolean;
  current: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  selected?: Key[];
  onSelect?: (keys: Key[]) => void;
}

export function CaseTable({ page, loading, current, pageSize, onPage, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<CaseSummary> = [
    { key: 'id', title: t('procedures.columns.id'), dataIndex: 'id', width: 72, render: (id: number) => <Link to={`/procedures/cases/${id}`} data-testid="case-link">{id}</Link> },
    { key: 'procedure', title: t('procedures.columns.procedure'), dataIndex: 'procedureLabel', width: 100 },
    { key: 'householdNo', title: t('procedures.columns.householdNo'), dataIndex: 'householdNo', width: 150, render: (no: string) => <Link to={`/households/${encodeURIComponent(no)}`}>{no}</Link> },
    { key: 'head', title: t('procedures.columns.head'), dataIndex: 'headName', width: 72 },
    { key: 'place', title: t('procedures.columns.place'), dataIndex: 'placeName', ellipsis: true },
    { key: 'persons', title: t('procedures.columns.persons'), dataIndex: 'persons', width: 56, align: 'right' },
    {
      key: 'step',
      title: t('procedures.columns.step'),
      render: (_: unknown, c) => (
        <Tooltip title={c.step.roleLabels.join('、')}>
          <span>{`${c.step.index + 1}/${c.stepCount} ${c.step.label}`}</span>
          {c.waitingOnMe && <Tag color="blue" className="todo-tag">{t('procedures.menu.todo')}</Tag>}
        </Tooltip>
      ),
    },
    { key: 'status', title: t('procedures.columns.status'), width: 110, render: (_: unknown, c) => <CaseStatusTag c={c} /> },
    { key: 'notice', title: t('procedures.columns.notice'), width: 110, render: (_: unknown, c) => (c.noticeStartsOn ? <span className="notice-period">{c.noticeStartsOn}<br />{c.noticeEndsOn}</span> : '—') },
    { key: 'objections', title: t('procedures.columns.objections'), dataIndex: 'openObjections', width: 72, align: 'right', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : '—') },
    { key: 'updated', title: t('procedures.columns.updated'), dataIndex: 'updatedAt', width: 150, render: (v: string) => formatTime(v) },
  ];
  return (
    <Table<CaseSummary>
      rowKey="id"
      size="small"
      bordered
      className="case-table"
      loading={loading}
      columns={columns}
      dataSource={page?.items ?? []}
      scroll={{ x: 1100 }}
      rowSelection={onSelect ? { selectedRowKeys: selected, onChange: (keys) => onSelect(keys) } : undefined}
      pagination={{
        current,
        pageSize,
        total: page?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200, 500],
        showTotal: (total) => t('procedures.common.total', { count: total }),
        onChange: onPage,
      }}
    />
  );
}
