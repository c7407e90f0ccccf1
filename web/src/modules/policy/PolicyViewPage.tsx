import { Button, Card, Descriptions, Empty, Space, Spin, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/labels';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { getPolicy, getRuleFields } from './api';
import { StatusLabel } from './PolicyListPage';
import { RuleGroups } from './RuleGroups';

/** One policy version: its facts, the values it sets, and the merged rules it puts in force, by section. */
export function PolicyViewPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { id = '' } = useParams();
  const data = useApi(`policy-view:${id}`, async (signal) => {
    const [policy, fields] = await Promise.all([getPolicy(id, signal), getRuleFields(id, signal)]);
    return { policy, fields };
  });
  if (data.error) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Spin size="large" className="page-loading" />;
  const { policy, fields } = data.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card
        size="small"
        title={`${policy.title}（${policy.regionName} ${policy.effectiveYear} 第 ${policy.version} 版）`}
        extra={
          <Space>
            <Link to={`/policy/compare?a=${encodeURIComponent(policy.id)}`}>{t('policy.view.compareWith')}</Link>
            {policy.status === 'draft' && can('policy.manage') && (
              <Link to={`/policy/${policy.id}/edit`}>
                <Button type="primary">{t('policy.view.edit')}</Button>
              </Link>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={t('policy.list.region')}>{`${policy.regionName}（${policy.regionCode}）`}</Descriptions.Item>
          <Descriptions.Item label={t('policy.list.year')}>{policy.effectiveYear}</Descriptions.Item>
          <Descriptions.Item label={t('policy.list.status')}>
            <StatusLabel status={policy.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('policy.view.createdBy')}>{policy.createdBy ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('policy.view.activatedAt')}>{policy.activatedAt ? formatTime(policy.activatedAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('policy.view.note')}>{policy.note ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small">
        <Tabs
          items={[
            { key: 'own', label: t('policy.view.own'), children: fields.own.length ? <RuleGroups fields={fields.own} /> : <Empty description={t('policy.view.noOwn')} /> },
            { key: 'effective', label: t('policy.view.effective'), children: <RuleGroups fields={fields.effective} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
