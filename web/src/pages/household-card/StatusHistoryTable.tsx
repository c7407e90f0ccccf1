import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { StatusRecord } from '../../api/types';
import { StatusTag } from '../../components/StatusTag';

const columns: ColumnsType<StatusRecord> = [
  { title: '年度', dataIndex: 'year', width: 60 },
  { title: '户状态', dataIndex: 'status', width: 170, render: (v: string, r) => <StatusTag status={v} category={r.monitorCategory} /> },
  { title: '说明', dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
];

/** 状态变化: the household's status in each year, newest first. */
export function StatusHistoryTable({ records }: { records: StatusRecord[] }) {
  const rows = [...records].sort((a, b) => b.year - a.year);
  return (
    <Table<StatusRecord>
      className="status-history-table"
      rowKey="year"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={rows}
      locale={{ emptyText: '没有状态记录' }}
    />
  );
}
