/** The household card's section of 大数据比对: the household's 疑点, their status and outcome. */
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { householdHits, type Hit } from './api';

export function HouseholdHits({ householdNo }: { householdNo: string }) {
  const { t } = useTranslation();
  const hits = useApi('hits-' + householdNo, (signal) => householdHits(householdNo, signal));
  if (hits.error) return <ErrorState error={hits.error} onRetry={hits.reload} />;
  return (
    <Table<Hit> rowKey="id" size="small" pagination={false} loading={hits.loading} dataSource={hits.data?.items ?? []} locale={{ emptyText: t('compare.none') }}
      columns={[
        { title: '#', dataIndex: 'id', width: 60, render: (v: number) => <Link to={`/compare/hits/${v}`}>{v}</Link> },
        { title: t('compare.rule'), dataIndex: 'ruleLabel' },
        { title: t('compare.person'), dataIndex: 'personName', render: (v: string | null) => v ?? '—' },
        { title: t('compare.foundOn'), dataIndex: 'foundOn', width: 110 },
        { title: t('compare.status'), dataIndex: 'statusLabel', width: 110, render: (v: string, h) => <>{v}{h.overdue && <Tag color="red">{t('compare.overdue')}</Tag>}</> },
        { title: t('compare.outcome'), dataIndex: 'outcomeLabel', width: 100, render: (v: string | null) => (v ? <Tag color="blue">{v}</Tag> : '—') },
      ]} />
  );
}
