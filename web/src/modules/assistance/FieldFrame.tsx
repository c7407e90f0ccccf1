/**
 * The phone frame of the field app, instead of the desktop menu: one compact header with the
 * title, the network state, the number of changes waiting to upload, the cadre's name and a link
 * back to the desktop app.
 */
import { Badge, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../app/auth';

export function FieldFrame({ online, pending, children }: { online: boolean; pending: number; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <div className="field-frame" style={{ minHeight: '100vh', background: '#f5f6f8' }}>
      <header
        className="field-header"
        style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '8px 12px', background: '#1f3a68', color: '#fff', position: 'sticky', top: 0, zIndex: 10 }}
      >
        <strong style={{ flex: 1, fontSize: 16, whiteSpace: 'nowrap' }}>{t('assistance.field.title')}</strong>
        <Tag className="field-network" color={online ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
          {online ? t('assistance.field.online') : t('assistance.field.offline')}
        </Tag>
        <Badge className="field-pending" count={pending} showZero size="small" color={pending ? '#fa541c' : '#8c8c8c'}>
          <Tag style={{ marginInlineEnd: 0 }}>{t('assistance.field.queued')}</Tag>
        </Badge>
        <span data-testid="field-user" style={{ whiteSpace: 'nowrap' }}>{me.displayName}</span>
        <Link to="/" style={{ color: '#cfe0ff', whiteSpace: 'nowrap' }}>
          {t('assistance.field.desktop')}
        </Link>
      </header>
      <main style={{ padding: 8 }}>{children}</main>
    </div>
  );
}
