import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { verifyAuditChain } from '../../api/audit';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';

/** 审计链校验: the server re-checks every event's hash against its predecessor and names the first broken link. */
export function ChainStatus() {
  const { t } = useTranslation();
  const chain = useApi('chain', (signal) => verifyAuditChain(signal));
  if (chain.error) return <ErrorState error={chain.error} onRetry={chain.reload} />;
  const report = chain.data;
  const again = (
    <Button size="small" icon={<ReloadOutlined />} loading={chain.loading} onClick={chain.reload}>
      {t('audit.chain.verify')}
    </Button>
  );
  if (!report) return <Alert type="info" title={t('audit.chain.title')} description="…" />;
  const text = report.broken
    ? t('audit.chain.broken', { id: report.broken.id, reason: report.broken.reason })
    : report.checked === 0
      ? t('audit.chain.empty')
      : t('audit.chain.ok', { checked: report.checked, first: report.firstId, last: report.lastId });
  return (
    <Alert
      className="chain-status"
      data-testid="chain-status"
      type={report.ok ? 'success' : 'error'}
      showIcon
      title={`${t('audit.chain.title')}：${text}`}
      description={
        <span>
          {t('audit.chain.head')}：<Typography.Text code copyable className="mono">{report.headHash}</Typography.Text>
        </span>
      }
      action={again}
    />
  );
}
