import { Alert, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { getPasswordPolicy } from '../../api/auth';
import { useApi } from '../../app/useApi';

/** The password policy in force, as the server states it (等保 or ASVS profile). */
export function PasswordRules() {
  const { t } = useTranslation();
  const policy = useApi('password-policy', (signal) => getPasswordPolicy(signal));
  if (policy.error) return <Alert type="warning" showIcon title={t('password.rulesUnavailable', { message: policy.error.message })} />;
  if (!policy.data) return <Spin size="small" />;
  const p = policy.data;
  const rules = [
    t('password.ruleLength', { min: p.minLength, max: p.maxLength }),
    ...(p.minClasses > 0 ? [t('password.ruleClasses', { count: p.minClasses })] : []),
    ...(p.forbidUsername ? [t('password.ruleUsername')] : []),
    t('password.ruleDifferent'),
    p.maxAgeDays === null ? t('password.ruleNoExpiry') : t('password.ruleExpiry', { days: p.maxAgeDays }),
  ];
  return (
    <div className="password-rules" data-testid="password-rules">
      <div className="password-rules-title">
        {t('password.rulesTitle')}
        <span className="password-rules-profile">{t('password.profile', { label: p.profileLabel })}</span>
      </div>
      <ul>
        {rules.map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
    </div>
  );
}
