import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { confirmTotp, disableTotp, getTotp, startTotpEnrolment, type TotpEnrolment } from '../../api/auth';
import { ApiError } from '../../api/client';
import { useAuth, useMe } from '../../app/auth';
import type { LoginState } from '../../app/guards';
import { useApi } from '../../app/useApi';
import { LanguageSwitch } from '../../components/LanguageSwitch';

const toApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));

/** A 6-digit code field; the server names a wrong code in `details`. */
function CodeField({ label }: { label: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="code"
      label={label}
      rules={[
        { required: true, message: t('login.codeRequired') },
        { pattern: /^\s*\d{6}\s*$/, message: t('login.codeFormat') },
      ]}
    >
      <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder="000000" style={{ maxWidth: 200 }} />
    </Form.Item>
  );
}

/**
 * 动态口令（两步验证）: bind an authenticator (QR code, manual key, first code), or turn it off
 * with a current code. Forced after sign-in when the security policy requires TOTP of the
 * user's role and he has not bound one; otherwise opened from the user menu.
 */
export function TotpPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { refresh, logout } = useAuth();
  const navigate = useNavigate();
  const from = (useLocation().state as LoginState | null)?.from;
  const status = useApi('/auth/totp', (signal) => getTotp(signal));
  const [enrolment, setEnrolment] = useState<TotpEnrolment>();
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const forced = me.mustEnrolTotp;

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await action();
    } catch (error) {
      setFailure(toApiError(error));
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    run(async () => {
      setEnrolment(await startTotpEnrolment());
    });

  const confirm = (values: { code: string }) =>
    run(async () => {
      await confirmTotp(values.code.trim());
      setEnrolment(undefined);
      message.success(t('totp.enabledMessage'));
      await refresh();
      status.reload();
      if (forced) navigate(from && from !== '/totp' ? from : '/', { replace: true });
    });

  const disable = (values: { code: string }) =>
    run(async () => {
      await disableTotp(values.code.trim());
      message.success(t('totp.disabledMessage'));
      await refresh();
      status.reload();
    });

  const data = status.data;
  return (
    <div className="login-page">
      <div className="login-top">
        <LanguageSwitch className="language-switch language-switch-light" />
      </div>
      <Card className="login-card password-card">
        <h2 className="login-title">{t('totp.title')}</h2>
        {forced && <Alert className="login-alert" type="warning" showIcon title={t('totp.forced')} data-testid="totp-forced" />}
        {!forced && <Alert className="login-alert" type="info" showIcon title={t('totp.intro')} />}
        {status.error && <Alert className="login-alert" type="error" showIcon title={status.error.message} />}
        {failure && <Alert className="login-alert" type="error" showIcon title={failure.message} data-testid="totp-error" />}
        {!data && !status.error && <Spin />}
        {data && (
          <>
            <Descriptions size="small" column={1} className="login-alert">
              <Descriptions.Item label={t('totp.status')}>
                <span data-testid="totp-status">{data.enabled ? t('totp.on') : t('totp.off')}</span>
              </Descriptions.Item>
              {data.enabledAt && <Descriptions.Item label={t('totp.since')}>{new Date(data.enabledAt).toLocaleString()}</Descriptions.Item>}
            </Descriptions>

            {!data.enabled && !enrolment && (
              <Button type="primary" onClick={() => void start()} loading={busy}>
                {t('totp.start')}
              </Button>
            )}

            {!data.enabled && enrolment && (
              <>
                <ol className="totp-steps">
                  <li>{t('totp.stepApp')}</li>
                  <li>{t('totp.stepScan')}</li>
                </ol>
                <img src={enrolment.qrDataUrl} alt={t('totp.qrAlt')} width={220} height={220} data-testid="totp-qr" />
                <p>
                  {t('totp.manualKey')}
                  <Typography.Text code copyable={{ text: enrolment.manualKey.replace(/ /g, '') }} data-testid="totp-manual-key">
                    {enrolment.manualKey}
                  </Typography.Text>
                </p>
                <p>{t('totp.stepConfirm')}</p>
                <Form layout="vertical" requiredMark={false} onFinish={(v: { code: string }) => void confirm(v)} disabled={busy}>
                  <CodeField label={t('totp.code')} />
                  <Button type="primary" htmlType="submit" loading={busy}>
                    {t('totp.confirm')}
                  </Button>
                </Form>
              </>
            )}

            {data.enabled && data.required && <Alert className="login-alert" type="info" showIcon title={t('totp.requiredNote')} />}
            {data.enabled && !data.required && (
              <Form layout="vertical" requiredMark={false} onFinish={(v: { code: string }) => void disable(v)} disabled={busy}>
                <p>{t('totp.disableHint')}</p>
                <CodeField label={t('totp.code')} />
                <Button danger htmlType="submit" loading={busy}>
                  {t('totp.disable')}
                </Button>
              </Form>
            )}
          </>
        )}
        <Space className="totp-footer">
          {forced ? (
            <Button onClick={() => void logout().then(() => navigate('/login', { replace: true }))}>{t('user.logout')}</Button>
          ) : (
            <Button onClick={() => navigate(from && from !== '/totp' ? from : '/')}>{t('password.back')}</Button>
          )}
        </Space>
      </Card>
    </div>
  );
}
