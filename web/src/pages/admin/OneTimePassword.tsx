import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserWithPassword } from '../../api/types';

/** The one-time password of a new or reset account, shown once: closing forgets it. */
export function OneTimePassword({ result, kind, onClose }: { result: UserWithPassword; kind: 'created' | 'reset'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = () => navigator.clipboard.writeText(result.oneTimePassword).then(() => message.success(t('users.otp.copied')));
  return (
    <Modal open title={t('users.otp.title')} onCancel={onClose} footer={<Button type="primary" onClick={onClose}>{t('common.close')}</Button>} mask={{ closable: false }}>
      <p>{t(`users.otp.${kind}`, { username: result.user.username })}</p>
      <div className="one-time-password">
        <Typography.Text code className="one-time-password-value" data-testid="one-time-password">
          {result.oneTimePassword}
        </Typography.Text>
        <Button size="small" icon={<CopyOutlined />} onClick={copy}>
          {t('users.otp.copy')}
        </Button>
      </div>
      <Alert type="warning" showIcon title={t('users.otp.note')} />
    </Modal>
  );
}
