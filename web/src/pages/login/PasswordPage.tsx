import { Alert, App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { changePassword } from '../../api/auth';
import { ApiError } from '../../api/client';
import { useAuth, useMe } from '../../app/auth';
import type { LoginState } from '../../app/guards';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PasswordRules } from './PasswordRules';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码: forced after a one-time or expired password, or chosen from the user menu. */
export function PasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { refresh, logout } = useAuth();
  const navigate = useNavigate();
  const from = (useLocation().state as LoginState | null)?.from;
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<ApiError>();
  const [submitting, setSubmitting] = useState(false);
  const expired = me.passwordExpiresAt !== null && new Date(me.passwordExpiresAt) <= new Date();
  const reason = !me.mustChangePassword ? t('password.voluntary') : expired ? t('password.expired') : t('password.firstLogin');

  const submit = async (values: Values) => {
    setSubmitting(true);
    setFailure(undefined);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      await refresh();
      message.success(t('password.changed'));
      // A required TOTP enrolment comes next: the guard sends the user on to /totp.
      navigate(from && from !== '/password' ? from : '/', { replace: true });
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'client', String(error));
      setFailure(e);
      setSubmitting(false);
      // The server names the field at fault (wrong current password, or each broken rule of the new one).
      const details = Array.isArray(e.details) ? (e.details as { field?: string; message: string }[]) : [];
      form.setFields(
        (['currentPassword', 'newPassword'] as const).map((name) => ({
          name,
          errors: details.filter((d) => d.field === name).map((d) => d.message),
        })),
      );
    }
  };

  return (
    <div className="login-page">
      <div className="login-top">
        <LanguageSwitch className="language-switch language-switch-light" />
      </div>
      <Card className="login-card password-card">
        <h2 className="login-title">{t('password.title')}</h2>
        <Alert className="login-alert" type={me.mustChangePassword ? 'warning' : 'info'} showIcon title={reason} data-testid="password-reason" />
        <PasswordRules />
        {failure && <Alert className="login-alert" type="error" showIcon title={failure.message} data-testid="password-error" />}
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={submitting}>
          <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.currentRequired') }]}>
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('password.newRequired') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('password.confirmRequired') },
              ({ getFieldValue }) => ({
                validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={submitting}>
              {t('password.submit')}
            </Button>
            {me.mustChangePassword ? (
              <Button onClick={() => void logout().then(() => navigate('/login', { replace: true }))}>{t('user.logout')}</Button>
            ) : (
              <Button onClick={() => navigate(-1)}>{t('password.back')}</Button>
            )}
          </Space>
        </Form>
      </Card>
    </div>
  );
}
