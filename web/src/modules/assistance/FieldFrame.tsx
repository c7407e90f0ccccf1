/** The phone frame of the field app: a one-line header (title, the cadre, a link to the desktop app) instead of the desktop menu. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/auth';

export function FieldFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <div className="field-frame" style={{ minHeight: '100vh', background: '#f5f6f8' }}>
      <header
        className="field-header"
        style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '8px 12px', background: '#1f3a68', color: '#fff', position: 'sticky', top: 0, zIndex: 10 }}
      >
        <strong style={{ flex: 1, fontSize: 16 }}>{t('assistance.field.title')}</strong>
        <span data-testid="field-user">{me.displayName}</span>
        <Link to="/" style={{ color: '#cfe0ff' }}>
          {t('assistance.field.desktop')}
        </Link>
      </header>
      <main style={{ padding: 8 }}>{children}</main>
    </div>
  );
}
