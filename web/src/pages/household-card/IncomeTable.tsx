import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Income } from '../../api/types';
import { formatYuan } from '../../app/labels';

const money = (title: string, dataIndex: keyof Income, width = 92) => ({
  title,
  dataIndex,
  width,
  align: 'right' as const,
  render: (v: number) => formatYuan(v),
});

const columns: ColumnsType<Income> = [
  { title: '年度', dataIndex: 'year', width: 56 },
  money('工资性收入', 'wages'),
  money('生产经营性净收入', 'productionNet', 118),
  money('财产性收入', 'property'),
  money('转移性收入', 'transfer'),
  money('生产经营性支出', 'productionCost', 108),
  { title: '人数', dataIndex: 'householdSize', width: 52, align: 'right' },
  { ...money('人均纯收入', 'perCapitaNet', 100), className: 'strong-cell' },
];

/** 收入情况: income components by year (元/年) and the per-capita net income. */
export function IncomeTable({ incomes }: { incomes: Income[] }) {
  const rows = [...incomes].sort((a, b) => b.year - a.year);
  return (
    <Table<Income>
      className="income-table"
      rowKey="year"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={rows}
      locale={{ emptyText: '没有收入记录' }}
      footer={() => '单位：元。人均纯收入 =（工资性 + 生产经营性净 + 财产性 + 转移性收入 − 生产经营性支出）÷ 人数'}
    />
  );
}
