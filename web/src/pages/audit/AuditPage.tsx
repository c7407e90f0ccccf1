import { DownloadOutlined } from '@ant-design/icons';
import { objectLabel } from './objectLabels';
import { Button, Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditExportUrl, listAuditEvents, type AuditFilter } from '../../api/audit';
import { queryString } from '../../api/client';
import type { AuditEvent } from '../../api/types';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/labels';
import { roleName } from '../../app/roleName';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { AuditFilters } from './AuditFilters';
import { ChainStatus } from './ChainStatus';

const OUTCOME_COLORS: Record<string, string> = { success: 'green', failure: 'orange', refused: 'red' };

const json = (value: unknown) => (value === null || value === undefined ? '—' : JSON.stringify(value, null, 2));

/** 审计日志: the auditor searches events, checks the hash chain and exports what he found. */
export function AuditPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const query = { ...filter, ...page };
  const events = useApi(queryString(query), (signal) => listAuditEvents(query, signal));

  const columns: ColumnsType<AuditEvent> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => formatTime(v) },
    { title: t('users.username'), dataIndex: 'username', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('audit.role'), dataIndex: 'role', width: 110, render: (v: string | null) => (v ? roleName(v) : '—') },
    { title: t('audit.address'), dataIndex: 'address', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('audit.action'), dataIndex: 'actionLabel', width: 130 },
    { title: t('audit.object'), key: 'object', width: 160, render: (_: unknown, e) => objectLabel(e.objectType, e.objectId) },
    { title: t('audit.place'), dataIndex: 'placeCode', width: 120, className: 'mono', render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      width: 70,
      render: (v: string) => <Tag color={OUTCOME_COLORS[v] ?? 'default'}>{t(`audit.outcomes.${v}`, { defaultValue: v })}</Tag>,
    },
    { title: t('audit.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <div className="audit-page">
      <ChainStatus />
      <Card
        size="small"
        title={t('audit.title')}
        extra={
          can('audit.export') && (
            <Button icon={<DownloadOutlined />} href={auditExportUrl(filter)}>
              {t('audit.export')}
            </Button>
          )
        }
      >
        <AuditFilters
          onSearch={(f) => {
            setFilter(f);
            setPage((p) => ({ ...p, page: 1 }));
          }}
        />
        {events.error ? (
          <ErrorState error={events.error} onRetry={events.reload} />
        ) : (
          <Table<AuditEvent>
            className="audit-table"
            rowKey="id"
            size="small"
            bordered
            loading={events.loading}
            columns={columns}
            dataSource={events.data?.items ?? []}
            scroll={{ x: 1100 }}
            expandable={{
              rowExpandable: (e) => e.before != null || e.after != null,
              expandedRowRender: (e) => (
                <div className="audit-diff">
                  <div>
                    <strong>{t('audit.before')}</strong>
                    <pre>{json(e.before)}</pre>
                  </div>
                  <div>
                    <strong>{t('audit.after')}</strong>
                    <pre>{json(e.after)}</pre>
                  </div>
                </div>
              ),
            }}
            pagination={{
              current: page.page,
              pageSize: page.pageSize,
              total: events.data?.total ?? 0,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p, pageSize) => setPage({ page: p, pageSize }),
            }}
          />
        )}
      </Card>
    </div>
  );
}
