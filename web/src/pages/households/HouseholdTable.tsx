import { Table } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { RevealNumber } from '../../components/RevealNumber';
import { Link } from 'react-router-dom';
import type { HouseholdListQuery } from '../../api/households';
import type { HouseholdListItem, Page } from '../../api/types';
import { formatYuan, householdAttribute, labelOrDash, povertyCause } from '../../app/labels';
import { StatusTag } from '../../components/StatusTag';
import { withPlace } from '../../app/usePlaceParam';

interface Props {
  page: Page<HouseholdListItem> | undefined;
  loading: boolean;
  query: HouseholdListQuery;
  pageSizes: number[];
  /** The list's query string, carried to the card so "返回" finds the same page. */
  listSearch: string;
  /** Names on the path of the selected place; the 所在地 column shows only what lies below it. */
  placeNames: string[];
  onChange: (changes: Partial<Record<'page' | 'pageSize' | 'sort' | 'order', string | number | undefined>>) => void;
}

/** Columns the server can sort by: column key → the `sort` parameter (所在地 sorts by village code). */
const SORT_KEYS: Record<string, string> = {
  householdNo: 'householdNo',
  headName: 'headName',
  placePath: 'villageCode',
  attribute: 'attribute',
  status: 'status',
  mainCause: 'mainCause',
  size: 'size',
  exitYear: 'exitYear',
  perCapitaNet: 'perCapitaNet',
};

/** "夏邑县 / 桑堌乡 / 某村" under 夏邑县 → "桑堌乡 / 某村" (at least the last name is kept). */
export function placeBelow(placePath: string, placeNames: string[]): string {
  const names = placePath.split(' / ');
  const above = new Set(placeNames);
  let start = 0;
  while (start < names.length - 1 && above.has(names[start])) start++;
  return names.slice(start).map(shortVillageName).join(' / ');
}

/** "王楼村村委会" / "王楼村民委员会" → "王楼村": the committee suffix of statistical village names. */
function shortVillageName(name: string): string {
  return name.replace(/村?(村委会|村民委员会)$/, '村').replace(/(社区)?居(委会|民委员会)$/, '社区');
}

export function HouseholdTable({ page, loading, query, pageSizes, listSearch, placeNames, onChange }: Props) {
  const { t } = useTranslation();
  const sortOrder = (sort: string) =>
    query.sort === sort ? (query.order === 'desc' ? 'descend' : 'ascend') : query.sort === undefined && sort === 'householdNo' ? 'ascend' : null;

  const columns: ColumnsType<HouseholdListItem> = [
    {
      key: 'householdNo',
      title: t('households.columns.householdNo'),
      dataIndex: 'householdNo',
      width: 140,
      render: (no: string) => (
        <Link to={withPlace(`/households/${encodeURIComponent(no)}`, query.place)} state={{ listSearch }}>
          {no}
        </Link>
      ),
    },
    { key: 'headName', title: t('households.columns.head'), dataIndex: 'headName', width: 68 },
    {
      key: 'headIdNumber',
      title: t('households.columns.headId'),
      dataIndex: 'headIdNumber',
      width: 180,
      render: (v: string | null, row) => <RevealNumber key={row.householdNo} householdNo={row.householdNo} field="idNumber" masked={v} name={row.headName} />,
    },
    {
      key: 'placePath',
      title: t('households.columns.place'),
      dataIndex: 'placePath',
      ellipsis: { showTitle: true },
      render: (v: string) => placeBelow(v, placeNames),
      onCell: () => ({ style: { minWidth: 100 } }),
    },
    { key: 'attribute', title: t('households.columns.attribute'), dataIndex: 'attribute', width: 108, render: (v: string) => labelOrDash(householdAttribute, v) },
    { key: 'status', title: t('households.columns.status'), dataIndex: 'status', width: 84, render: (v: string, row) => <StatusTag status={v} category={row.monitorCategory} compact /> },
    { key: 'mainCause', title: t('households.columns.mainCause'), dataIndex: 'mainCause', width: 84, ellipsis: true, render: (v: string | null) => labelOrDash(povertyCause, v) },
    { key: 'size', title: t('households.columns.size'), dataIndex: 'size', width: 56, align: 'right' },
    { key: 'exitYear', title: t('households.columns.exitYear'), dataIndex: 'exitYear', width: 80, align: 'right', render: (v: number | null) => v ?? '—' },
    { key: 'perCapitaNet', title: t('households.columns.perCapitaNet'), dataIndex: 'perCapitaNet', width: 112, align: 'right', render: (v: number | null) => formatYuan(v) },
  ];
  for (const column of columns) {
    const sort = SORT_KEYS[String(column.key)];
    if (sort) Object.assign(column, { sorter: true, sortOrder: sortOrder(sort) });
  }

  return (
    <Table<HouseholdListItem>
      className="household-table"
      rowKey="householdNo"
      size="small"
      bordered
      loading={loading}
      columns={columns}
      dataSource={page?.items ?? []}
      scroll={{ x: 960 }}
      pagination={{
        current: query.page,
        pageSize: query.pageSize,
        total: page?.total ?? 0,
        pageSizeOptions: pageSizes,
        showSizeChanger: true,
        showQuickJumper: true,
        showTotal: (total) => t('households.total', { count: total }),
      }}
      onChange={(pagination, _filters, sorter, extra) => {
        if (extra.action === 'sort') {
          const s = sorter as SorterResult<HouseholdListItem>;
          onChange({ sort: s.order ? SORT_KEYS[String(s.columnKey)] : undefined, order: s.order === 'descend' ? 'desc' : s.order ? 'asc' : undefined });
        } else if (extra.action === 'paginate') {
          onChange({ page: pagination.current, pageSize: pagination.pageSize });
        }
      }}
    />
  );
}
