import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Income } from '../../api/types';
import { formatYuan } from '../../app/labels';

/** 收入情况: income components by year (元/年) and the per-capita net income. */
export function IncomeTable({ incomes }: { incomes: Income[] }) {
  const { t } = useTranslation();
  const money = (dataIndex: keyof Income, width = 92) => ({
    title: t(`card.income.${dataIndex}`),
    dataIndex,
    width,
    align: 'right' as const,
    render: (v: number) => formatYuan(v),
  });
  const columns: ColumnsType<Income> = [
    { title: t('card.income.year'), dataIndex: 'year', width: 56 },
    money('wages'),
    money('productionNet', 118),
    money('property'),
    money('transfer'),
    money('productionCost', 108),
    { title: t('card.income.householdSize'), dataIndex: 'householdSize', width: 52, align: 'right' },
    { ...money('perCapitaNet', 100), className: 'strong-cell' },
  ];
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
      locale={{ emptyText: t('card.income.empty') }}
      footer={() => t('card.income.footer')}
    />
  );
}
