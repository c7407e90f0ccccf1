import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { StatusRecord } from '../../api/types';
import { StatusTag } from '../../components/StatusTag';

/** 状态变化: the household's status in each year, newest first. */
export function StatusHistoryTable({ records }: { records: StatusRecord[] }) {
  const { t } = useTranslation();
  const columns: ColumnsType<StatusRecord> = [
    { title: t('card.history.year'), dataIndex: 'year', width: 60 },
    { title: t('card.history.status'), dataIndex: 'status', width: 170, render: (v: string, r) => <StatusTag status={v} category={r.monitorCategory} /> },
    { title: t('card.history.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
  ];
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
      locale={{ emptyText: t('card.history.empty') }}
    />
  );
}
