import { GlobalOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '../i18n';

/** 中文 | English; the choice is remembered in this browser. */
export function LanguageSwitch({ className = 'language-switch' }: { className?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <span className={className} data-testid="language-switch">
      <GlobalOutlined aria-label={t('language.label')} />
      <Segmented<Language>
        size="small"
        value={i18n.language === 'en' ? 'en' : 'zh'}
        options={[
          { value: 'zh', label: t('language.zh') },
          { value: 'en', label: t('language.en') },
        ]}
        onChange={setLanguage}
      />
    </span>
  );
}
