/**
 * 评估结果名单: the assessed households of the selected place, filtered by risk grade, failing
 * criterion, outcome and suggested monitoring category (all kept in the URL), with .xlsx export.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { queryString } from '../../api/client';
import { formatYuan } from '../../app/labels';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { useBusinessYear } from '../../app/businessYear';
import { placeText, useSelectedPlace } from '../../app/useSelectedPlace';
import { withPlace } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { assessedExportUrl, listAssessed, type AssessedFilter, type AssessedHousehold } from './api';
import { GradeTag, GRADES } from './grades';
import { FilterButtons } from '../../components/FilterButtons';

const CRITERIA = ['income', 'food', 'clothing', 'education', 'medical', 'housing', 'water'];
const OUTCOMES = ['meets', 'does_not_meet', 'undetermined'];
const CATEGORIES = ['unstable', 'marginal', 'sudden'];
const FILTER_KEYS = ['grade', 'failing', 'outcome', 'suggested'] as const;

export function AssessedListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const selected = useSelectedPlace();
  const { year } = useBusinessYear();
  const filter: AssessedFilter = { place: selected.effectiveCode, year: String(year) };
  for (const key of FILTER_KEYS) filter[key] = params.get(key) || undefined;
  const filtered = FILTER_KEYS.some((key) => filter[key] !== undefined);
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('pageSize')) || 20;
  const query = { ...filter, page, pageSize };
  const list = useApi(`assessed:${queryString(query)}`, (signal) => listAssessed(query, signal));

  const update = (changes: Record<string, string | number | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      if (!('page' in changes)) next.delete('page');
      return next;
    });

  const options = (values: string[], group: string) => [{ value: '', label: t('monitoring.list.all') }, ...values.map((v) => ({ value: v, label: t(`monitoring.${group}.${v}`) }))];

  const columns: ColumnsType<AssessedHousehold> = [
    {
      key: 'householdNo',
      title: t('monitoring.list.householdNo'),
      dataIndex: 'householdNo',
      width: 150,
      render: (no: string) => (
        <Link to={withPlace(`/households/${encodeURIComponent(no)}`, selected.code)} data-testid={`household-${no}`}>
          {no}
        </Link>
      ),
    },
    { key: 'head', title: t('monitoring.list.head'), dataIndex: 'headName', width: 80 },
    { key: 'place', title: t('monitoring.list.place'), dataIndex: 'placePath', ellipsis: true },
    { key: 'persons', title: t('monitoring.list.persons'), dataIndex: 'persons', width: 60, align: 'right' },
    { key: 'income', title: t('monitoring.list.perCapitaNet'), dataIndex: 'perCapitaNet', width: 120, align: 'right', render: (v: number | null) => formatYuan(v) },
    { key: 'outcome', title: t('monitoring.list.outcome'), dataIndex: 'outcome', width: 130, render: (v: string) => t(`monitoring.outcomes.${v}`) },
    {
      key: 'failing',
      title: t('monitoring.list.failing'),
      dataIndex: 'failing',
      render: (v: string[]) => (v.length ? v.map((c) => <Tag key={c} color="red">{t(`monitoring.criteria.${c}`)}</Tag>) : '—'),
    },
    { key: 'grade', title: t('monitoring.list.grade'), dataIndex: 'riskGrade', width: 80, render: (g) => <GradeTag grade={g} /> },
    { key: 'reasons', title: t('monitoring.list.reasons'), dataIndex: 'riskReasons', ellipsis: true, render: (v: string[]) => v.map((r) => t(`monitoring.reasons.${r}`)).join('；') || '—' },
    { key: 'suggested', title: t('monitoring.list.suggested'), dataIndex: 'suggestedCategory', width: 120, render: (v: string | null) => (v ? t(`monitoring.categories.${v}`) : '—') },
  ];

  return (
    <Card
      size="small"
      className="monitoring-list-page"
      title={
        <Space>
          {t('monitoring.list.title')}
          <Typography.Text type="secondary">
            {placeText(selected, t('place.nation'), (code) => t('place.unknown', { code }))}
            {list.data?.year ? ` · ${t('monitoring.overview.year', { year: list.data.year })}` : ''}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space>
          <Link to={withPlace('/monitoring/overview', selected.code)}>{t('monitoring.list.back')}</Link>
          {can('registry.export') && (
            <Button icon={<DownloadOutlined />} href={assessedExportUrl(filter)} data-testid="export">
              {t('monitoring.list.export')}
            </Button>
          )}
        </Space>
      }
    >
      <Form layout="inline" className="monitoring-filters" size="small">
        <Form.Item label={t('monitoring.list.grade')}>
          <Select style={{ width: 110 }} value={filter.grade ?? ''} options={options(GRADES, 'grades')} onChange={(v) => update({ grade: v })} data-testid="filter-grade" />
        </Form.Item>
        <Form.Item label={t('monitoring.list.failing')}>
          <Select style={{ width: 120 }} value={filter.failing ?? ''} options={options(CRITERIA, 'criteria')} onChange={(v) => update({ failing: v })} data-testid="filter-failing" />
        </Form.Item>
        <Form.Item label={t('monitoring.list.outcome')}>
          <Select style={{ width: 160 }} value={filter.outcome ?? ''} options={options(OUTCOMES, 'outcomes')} onChange={(v) => update({ outcome: v })} />
        </Form.Item>
        <Form.Item label={t('monitoring.list.suggested')}>
          <Select style={{ width: 150 }} value={filter.suggested ?? ''} options={options(CATEGORIES, 'categories')} onChange={(v) => update({ suggested: v })} />
        </Form.Item>
        <Form.Item>
          <FilterButtons onSearch={list.reload} onReset={() => update({ grade: undefined, failing: undefined, outcome: undefined, suggested: undefined, page: undefined })} />
        </Form.Item>
      </Form>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<AssessedHousehold>
          rowKey="householdNo"
          size="small"
          bordered
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 1100 }}
          data-testid="assessed-table"
          locale={{ emptyText: filtered ? t('monitoring.list.filteredEmpty') : t('monitoring.list.noResults', { year }) }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('monitoring.list.total', { count: total }),
          }}
          onChange={(p) => update({ page: p.current, pageSize: p.pageSize })}
        />
      )}
    </Card>
  );
}
