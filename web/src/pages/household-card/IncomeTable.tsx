import { Button, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Income } from '../../api/types';
import { formatYuan } from '../../app/labels';

interface Props {
  incomes: Income[];
  /** Given to roles that may change incomes: a year's record is edited or deleted. */
  onEdit?: (income: Income) => void;
  onDelete?: (income: Income) => void;
}

/** 收入情况: income components by year (元/年) and the per-capita net income. */
export function IncomeTable({ incomes, onEdit, onDelete }: Props) {
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
  if (onEdit && onDelete) {
    columns.push({
      key: 'actions',
      width: 96,
      render: (_: unknown, income) => (
        <Space size={4}>
          <Button type="link" size="small" onClick={() => onEdit(income)} data-testid={`income-edit-${income.year}`}>
            {t('monitoring.income.edit')}
          </Button>
          <Popconfirm title={t('monitoring.income.confirmRemove', { year: income.year })} onConfirm={() => onDelete(income)}>
            <Button type="link" size="small" danger>
              {t('monitoring.income.remove')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    });
  }
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
