import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { logout as dropHalfSession } from '../../api/auth';
import { ApiError } from '../../api/client';
import type { Me } from '../../api/types';
import { useAuth } from '../../app/auth';
import type { LoginState } from '../../app/guards';
import { LanguageSwitch } from '../../components/LanguageSwitch';

/** Title of a refused login by the server's code; the server's message (with the unlock time) follows it. */
const FAILURE_TITLES: Record<string, string> = {
  invalid_credentials: 'login.invalid',
  account_locked: 'login.locked',
  account_disabled: 'login.disabled',
  rate_limited: 'login.rateLimited',
  invalid_totp: 'login.invalidCode',
  totp_replayed: 'login.replayedCode',
  unauthenticated: 'login.codeExpired',
};

/**
 * 用户登录: user name and password, then (TOTP on) the 6-digit code of the authenticator; says
 * why the last session ended, and why a login was refused.
 */
/**
 * Tries left before the lock-out, counted in this browser per user name (the server answers a
 * wrong password, an unknown name and a locked account alike and names no count, so that no one
 * learns which names exist; it sends the rule: how many failures lock, for how long).
 */
const failureKey = (username: string) => `fupin.loginFailures.${username.trim().toLowerCase()}`;

function triesLeft(username: string, details: unknown): { left: number; lockMinutes: number } | undefined {
  const rule = details as { maxFailures?: number; lockMinutes?: number } | undefined;
  if (!rule?.maxFailures || !rule.lockMinutes) return undefined;
  const failed = Number(sessionStorage.getItem(failureKey(username)) ?? 0) + 1;
  sessionStorage.setItem(failureKey(username), String(failed));
  return { left: Math.max(0, rule.maxFailures - failed), lockMinutes: rule.lockMinutes };
}

function forgetFailures(username: string): void {
  sessionStorage.removeItem(failureKey(username));
}

export function LoginPage() {
  const { t } = useTranslation();
  const { state, login, loginTotp } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as LoginState | null)?.from;
  const [failure, setFailure] = useState<ApiError>();
  const [submitting, setSubmitting] = useState(false);
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [tries, setTries] = useState<{ left: number; lockMinutes: number }>();

  if (state.status === 'signedIn') return <Navigate to={from && from !== '/login' ? from : '/'} replace />;

  const enter = (me: Me) =>
    navigate(me.mustChangePassword ? '/password' : me.mustEnrolTotp ? '/totp' : from && from !== '/login' ? from : '/', { replace: true, state: { from } });

  const submit = async (values: { username: string; password: string }) => {
    setSubmitting(true);
    setFailure(undefined);
    try {
      const me = await login(values.username.trim(), values.password);
      forgetFailures(values.username);
      if (me === 'totp') {
        setStep('totp');
        setSubmitting(false);
        return;
      }
      enter(me);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'client', String(error));
      setFailure(e);
      setTries(e.code === 'invalid_credentials' ? triesLeft(values.username, e.details) : undefined);
      setSubmitting(false);
    }
  };

  const submitCode = async (values: { code: string }) => {
    setSubmitting(true);
    setFailure(undefined);
    try {
      enter(await loginTotp(values.code.trim()));
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'client', String(error));
      setFailure(e);
      setSubmitting(false);
      // Locked, or the 5 minutes for the code are over: the half-session is gone, start again.
      if (e.code === 'account_locked' || (e.status === 401 && e.code === 'unauthenticated')) setStep('password');
    }
  };

  const backToPassword = () => {
    setFailure(undefined);
    setStep('password');
    void dropHalfSession().catch(() => undefined);
  };

  const notice = state.status === 'anonymous' && step === 'password' ? state : undefined;
  return (
    <div className="login-page">
      <div className="login-top">
        <LanguageSwitch className="language-switch language-switch-light" />
      </div>
      <Card className="login-card">
        <div className="login-brand">
          <span className="app-emblem">{t('app.emblem')}</span>
          <div>
            <h1>{t('app.name')}</h1>
            <p>{t('login.subtitle')}</p>
          </div>
        </div>
        <h2 className="login-title">{t('login.title')}</h2>
        {notice?.notice && <Alert className="login-alert" type="warning" showIcon title={t('login.sessionEnded')} description={notice.notice} data-testid="login-notice" />}
        {notice?.loggedOut && <Alert className="login-alert" type="success" showIcon title={t('login.loggedOut')} data-testid="login-notice" />}
        {failure && (
          <Alert
            className="login-alert"
            type="error"
            showIcon
            title={t(FAILURE_TITLES[failure.code] ?? 'login.failed')}
            description={failure.message}
            data-testid="login-error"
          />
        )}
        {failure && tries && (
          <Alert
            className="login-alert"
            type="warning"
            showIcon
            title={tries.left > 0 ? t('login.triesLeft', { count: tries.left, minutes: tries.lockMinutes }) : t('login.triesUsed', { minutes: tries.lockMinutes })}
            data-testid="login-tries"
          />
        )}
        {step === 'totp' ? (
          <Form layout="vertical" requiredMark={false} onFinish={submitCode} disabled={submitting} key="totp">
            <Alert className="login-alert" type="info" showIcon title={t('login.codeTitle')} description={t('login.codeHint')} data-testid="totp-step" />
            <Form.Item
              name="code"
              label={t('login.code')}
              rules={[
                { required: true, message: t('login.codeRequired') },
                { pattern: /^\s*\d{6}\s*$/, message: t('login.codeFormat') },
              ]}
            >
              <Input prefix={<SafetyCertificateOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus size="large" placeholder="000000" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
              {t('login.verify')}
            </Button>
            <Button type="link" block onClick={backToPassword}>
              {t('login.backToPassword')}
            </Button>
          </Form>
        ) : (
        <Form layout="vertical" requiredMark={false} onFinish={submit} disabled={submitting} key="password">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
        )}
        <p className="login-notice">{t('login.notice')}</p>
      </Card>
    </div>
  );
}
