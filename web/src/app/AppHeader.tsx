import { Layout } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PlaceIndicator } from '../components/PlaceIndicator';
import { UserMenu } from '../components/UserMenu';
import { YearIndicator } from '../components/YearIndicator';

/** 系统名称 on the left; the selected place, the business year, the language and the user on the right. */
export function AppHeader() {
  const { t } = useTranslation();
  return (
    <Layout.Header className="app-header">
      <Link to="/" className="app-title">
        <span className="app-emblem">{t('app.emblem')}</span>
        {t('app.name')}
      </Link>
      <div className="app-header-right">
        <PlaceIndicator />
        <YearIndicator />
        <LanguageSwitch />
        <UserMenu />
      </div>
    </Layout.Header>
  );
}
