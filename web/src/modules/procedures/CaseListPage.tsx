/** 程序案件: open cases counted by procedure and step, and the list under filters, with its .xlsx download. */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryString } from '../../api/client';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { useBusinessYear } from '../../app/businessYear';
import { ErrorState } from '../../components/ErrorState';
import { caseExportUrl, caseSummaryCounts, definitions, listCases } from './api';
import { CaseTable } from './CaseTable';
import { StartProcedureButton } from './StartProcedure';
import { useCaseQuery } from './useCaseQuery';
import { FilterButtons } from '../../components/FilterButtons';

const STATUSES = ['in_progress', 'completed', 'rejected'];

export function CaseListPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { query, filter, update, selected } = useCaseQuery();
  const [household, setHousehold] = useState(filter.household ?? '');
  const list = useApi(queryString(query), (signal) => listCases(query, signal));
  const { year } = useBusinessYear();
  const defs = useApi(`defs#${selected.code ?? ''}#${year}`, (signal) => definitions(selected.code, year, signal));
  const counts = useApi(`counts#${selected.code ?? ''}`, (signal) => caseSummaryCounts(selected.code, signal));
  const procedures = defs.data?.procedures ?? [];
  const stepsOf = (procedure: string | undefined) => procedures.find((p) => p.code === procedure)?.steps ?? [];
  const label = (procedure: string) => procedures.find((p) => p.code === procedure)?.label ?? procedure;
  const stepLabel = (procedure: string, step: string) => stepsOf(procedure).find((s) => s.code === step)?.label ?? step;

  return (
    <div className="procedures-page">
      <Card size="small" title={t('procedures.list.byStep')} className="case-counts">
        {counts.error ? (
          <ErrorState error={counts.error} onRetry={counts.reload} />
        ) : (
          <Table
            size="small"
            rowKey={(r) => `${r.procedure}|${r.step}`}
            loading={counts.loading}
            pagination={false}
            dataSource={counts.data?.items ?? []}
            onRow={(r) => ({ onClick: () => update({ procedure: r.procedure, step: r.step, status: 'in_progress' }), className: 'clickable-row' })}
            columns={[
              { key: 'procedure', title: t('procedures.columns.procedure'), render: (_: unknown, r) => label(r.procedure) },
              { key: 'step', title: t('procedures.columns.step'), render: (_: unknown, r) => stepLabel(r.procedure, r.step) },
              { key: 'cases', title: t('procedures.columns.cases'), dataIndex: 'cases', align: 'right' },
              { key: 'persons', title: t('procedures.columns.persons'), dataIndex: 'persons', align: 'right' },
            ]}
          />
        )}
      </Card>
      <Card
        size="small"
        title={t('procedures.list.title')}
        extra={
          <Space>
            {can('procedures.act') && <StartProcedureButton place={selected.code} householdNo={filter.household} />}
            {can('registry.export') && (
              <Button icon={<DownloadOutlined />} href={caseExportUrl(query)} data-testid="case-export">
                {t('procedures.common.export')}
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap className="case-filters">
          <Select
            allowClear
            placeholder={t('procedures.list.procedure')}
            style={{ width: 140 }}
            value={filter.procedure}
            options={procedures.map((p) => ({ value: p.code, label: p.label }))}
            onChange={(v) => update({ procedure: v, step: undefined })}
          />
          <Select
            allowClear
            placeholder={t('procedures.list.step')}
            style={{ width: 220 }}
            value={filter.step}
            options={stepsOf(filter.procedure).map((s) => ({ value: s.code, label: s.label }))}
            onChange={(v) => update({ step: v })}
          />
          <Select
            allowClear
            placeholder={t('procedures.list.status')}
            style={{ width: 120 }}
            value={filter.status}
            options={STATUSES.map((s) => ({ value: s, label: t(`procedures.list.statuses.${s}`) }))}
            onChange={(v) => update({ status: v })}
          />
          <Input allowClear placeholder={t('procedures.list.household')} value={household} onChange={(e) => setHousehold(e.target.value)} onPressEnter={() => update({ household: household.trim() || undefined })} style={{ width: 220 }} />
          <FilterButtons
            onSearch={() => (household.trim() === (filter.household ?? '') ? list.reload() : update({ household: household.trim() || undefined }))}
            onReset={() => {
              setHousehold('');
              update({ procedure: undefined, step: undefined, status: undefined, household: undefined });
            }}
          />
        </Space>
        {list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <CaseTable page={list.data} loading={list.loading} current={query.page ?? 1} pageSize={query.pageSize ?? 50} onPage={(page, pageSize) => update({ page, pageSize })} />
        )}
      </Card>
    </div>
  );
}
