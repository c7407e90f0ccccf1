/** 三留守: left-behind children, women, elderly and disabled persons derived from member data, with their contacts. */
import { Alert, Button, Form, Input, Modal, Segmented, Select, Space, Spin, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryString, type ApiError } from '../../api/client';
import { useCan } from '../../app/auth';
import { requiredRule, showFieldErrors } from '../../app/formRules';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { exportUrl, getCadres, getLeftBehind, setContact, type ContactInput, type LeftBehind } from './api';

type ContactValues = Pick<ContactInput, 'contactName' | 'contactPhone' | 'cadreId' | 'rhythm'>;

/** 联系人: who keeps in touch with one left-behind person, by what rhythm (seed 004: 月探访、周通话). */
function ContactForm({ person, onClose, onSaved }: { person: LeftBehind; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ContactValues>();
  const cadres = useApi(`cadres:${person.countyCode}`, (signal) => getCadres(person.countyCode, signal));
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const L = (k: string) => t(`assistance.contactForm.${k}`);
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(undefined);
    try {
      await setContact({ householdNo: person.householdNo, idNumber: person.idNumber, category: person.category, contactName: v.contactName.trim(), contactPhone: v.contactPhone?.trim() || null, cadreId: v.cadreId ?? null, rhythm: v.rhythm.trim() });
      onSaved();
    } catch (e) {
      setError(showFieldErrors(e, form));
      setSaving(false);
    }
  };
  return (
    <Modal open className="contact-form" title={`${L('title')}：${person.name}（${t(`assistance.categories.${person.category}`)}）`} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={onClose} confirmLoading={saving} destroyOnHidden>
      {error && <Alert className="contact-form-error" type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Form<ContactValues> form={form} layout="vertical" disabled={saving} initialValues={{ contactName: person.contactName ?? '', rhythm: person.rhythm ?? t('assistance.contactForm.defaultRhythm') }}>
        <Form.Item name="contactName" label={L('name')} rules={[requiredRule(L('name')), { max: 40, message: `${L('name')}最多 40 字` }]}>
          <Input />
        </Form.Item>
        <Form.Item name="contactPhone" label={L('phone')} rules={[{ pattern: /^[0-9+\- ]{0,20}$/, message: L('phoneInvalid') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="cadreId" label={L('cadre')}>
          <Select allowClear showSearch optionFilterProp="label" loading={cadres.loading} options={(cadres.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.unit}）` }))} />
        </Form.Item>
        <Form.Item name="rhythm" label={L('rhythm')} rules={[requiredRule(L('rhythm')), { max: 100, message: `${L('rhythm')}最多 100 字` }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const CATEGORIES = ['child', 'woman', 'elderly', 'disabled'];

export function LeftBehindPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const [category, setCategory] = useState<string>('child');
  const list = useApi('left' + queryString({ place, category }), (signal) => getLeftBehind({ place, category }, signal));
  const mayManage = useCan()('assistance.manage');
  const [editing, setEditing] = useState<LeftBehind>();
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
            ...(mayManage
              ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, r: LeftBehind) => <Button size="small" type="link" className="contact-edit" onClick={() => setEditing(r)}>{t('assistance.contactForm.open')}</Button> }]
              : []),
          ]}
        />
      )}
      {editing && (
        <ContactForm
          person={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            list.reload();
          }}
        />
      )}
    </div>
  );
}
