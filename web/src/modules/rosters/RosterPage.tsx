/**
 * A roster's report: the counts by registry category (脱贫户, 监测对象, 风险已消除 … 不在本地登记),
 * then the rows with conflicts field by field, the rows matching nobody, and all rows, each
 * paged and with 导出Excel. ID numbers and health facts arrive masked from the server.
 */
import { Breadcrumb, Card, Table, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { ReportActions } from '../reports/parts';
import { getReport, getRows, rowsExportUrl, type RosterRowItem, type RowsView } from './api';

export function RosterPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const [view, setView] = useState<RowsView>('conflicts');
  const report = useApi(`report-${id}`, (signal) => getReport(id, signal));
  return (
    <div className="report-page roster-report">
      <Breadcrumb items={[{ title: <Link to="/rosters">{t('rosters.menu.rosters')}</Link> }, { title: t('rosters.reportTitle', { id }) }]} />
      <div className="report-head">
        <h2 className="report-title">{t('rosters.reportTitle', { id })}</h2>
        <ReportActions exportUrl={rowsExportUrl(id, view)} />
      </div>
      {report.error ? <ErrorState error={report.error} onRetry={report.reload} /> : (
        <>
          {report.data && <p className="report-sub">{report.data.roster.source} · {report.data.roster.fileName} · {t('rosters.rows')} {report.data.roster.rowCount}</p>}
          <Card size="small" title={t('rosters.byCategory')}>
            <Table rowKey="category" size="small" pagination={false} loading={report.loading} dataSource={report.data?.byCategory ?? []} data-testid="roster-categories"
              columns={[{ title: t('rosters.category'), dataIndex: 'label' }, { title: t('rosters.count'), dataIndex: 'rows', align: 'right' }, { title: t('rosters.ofWhichConflicts'), dataIndex: 'conflicts', align: 'right' }]} />
          </Card>
          <Tabs activeKey={view} onChange={(k) => setView(k as RowsView)} items={[
            { key: 'conflicts', label: t('rosters.viewConflicts'), children: <RowsTable id={id} view="conflicts" /> },
            { key: 'unmatched', label: t('rosters.viewUnmatched'), children: <RowsTable id={id} view="unmatched" /> },
            { key: 'all', label: t('rosters.viewAll'), children: <RowsTable id={id} view="all" /> },
          ]} />
        </>
      )}
    </div>
  );
}

function RowsTable({ id, view }: { id: number; view: RowsView }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const rows = useApi(`${id}-${view}-${page}`, (signal) => getRows(id, view, page, signal));
  const columns: ColumnsType<RosterRowItem> = [
    { title: t('rosters.rowNo'), dataIndex: 'rowNo', width: 70 },
    { title: t('rosters.idNumber'), dataIndex: 'idNumber', width: 180 },
    { title: t('rosters.name'), dataIndex: 'name', width: 100 },
    { title: t('rosters.category'), dataIndex: 'categoryLabel', width: 130 },
    { title: t('rosters.household'), dataIndex: 'householdNo', width: 160 },
    { title: t('rosters.personName'), dataIndex: 'personName', width: 100 },
    {
      title: t('rosters.conflicts'), key: 'conflicts',
      render: (_: unknown, r) => r.conflicts.map((c) => (
        <div key={c.field} className="roster-conflict">
          <b>{c.field}</b>：{t('rosters.registry')}「{c.registry}」 / {t('rosters.roster')}「{c.roster}」{c.note ? `（${c.note}）` : ''}
        </div>
      )),
    },
  ];
  if (rows.error) return <ErrorState error={rows.error} onRetry={rows.reload} />;
  return (
    <Table<RosterRowItem> rowKey="rowNo" size="small" bordered loading={rows.loading} dataSource={rows.data?.items ?? []} columns={columns} data-testid={`roster-rows-${view}`}
      pagination={{ current: page, pageSize: 20, total: rows.data?.total ?? 0, onChange: setPage }} />
  );
}
