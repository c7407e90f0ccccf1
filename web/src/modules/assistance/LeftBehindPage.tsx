/** 三留守: left-behind children, women, elderly and disabled persons derived from member data, with their contacts. */
import { Button, Segmented, Space, Spin, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryString } from '../../api/client';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { exportUrl, getLeftBehind, type LeftBehind } from './api';

const CATEGORIES = ['child', 'woman', 'elderly', 'disabled'];

export function LeftBehindPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const [category, setCategory] = useState<string>('child');
  const list = useApi('left' + queryString({ place, category }), (signal) => getLeftBehind({ place, category }, signal));
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  return (
    <div className="assistance-left-behind">
      <h2>{t('assistance.leftBehindTitle')}</h2>
      <Space>
        <Segmented value={category} onChange={(v) => setCategory(String(v))} options={CATEGORIES.map((c) => ({ value: c, label: t(`assistance.categories.${c}`) }))} />
        <Button href={exportUrl('left-behind', { place, category })}>{t('assistance.export')}</Button>
      </Space>
      {!list.data ? (
        <Spin className="page-loading" />
      ) : (
        <Table<LeftBehind>
          rowKey={(r) => r.idNumber + r.category + r.householdNo}
          size="small"
          dataSource={list.data.items}
          columns={[
            { title: t('assistance.name'), dataIndex: 'name' },
            { title: t('assistance.idNumber'), dataIndex: 'idNumber' },
            { title: t('assistance.age'), dataIndex: 'age', align: 'right' },
            { title: t('assistance.village'), dataIndex: 'villageName' },
            { title: t('assistance.householdNo'), dataIndex: 'householdNo' },
            { title: t('assistance.contact'), key: 'contact', render: (_: unknown, r) => r.contactName ?? r.cadreName ?? '—' },
            { title: t('assistance.rhythm'), dataIndex: 'rhythm', render: (v: string | null) => v ?? t('assistance.defaultRhythm') },
          ]}
        />
      )}
    </div>
  );
}
