import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';
import { ForbiddenPage } from '../pages/errors/ForbiddenPage';

/** A failed request: the server's own (Chinese) message and a way to try again; a refusal shows the 403 page. */
export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (error.status === 403 && error.code === 'forbidden') return <ForbiddenPage message={error.message} />;
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadFailed')}
      description={error.message}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
