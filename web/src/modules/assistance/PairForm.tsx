/** 结对: pair one household with a cadre (from the household's card), the quota refusal shown as the server words it. */
import { Alert, DatePicker, Form, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { requiredRule, showFieldErrors } from '../../app/formRules';
import { useApi } from '../../app/useApi';
import { getCadres, pairHouseholds } from './api';

interface Props {
  householdNo: string;
  /** Where to look for cadres (the household's county). */
  place: string;
  onClose: () => void;
  onSaved: () => void;
}

export function PairForm({ householdNo, place, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ cadreId: number; startedOn: Dayjs }>();
  const cadres = useApi(`cadres:${place}`, (signal) => getCadres(place, signal));
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const L = (k: string) => t(`assistance.pairForm.${k}`);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(undefined);
    try {
      await pairHouseholds({ cadreId: v.cadreId, householdNos: [householdNo], startedOn: v.startedOn.format('YYYY-MM-DD') });
      onSaved();
    } catch (e) {
      setError(showFieldErrors(e, form));
      setSaving(false);
    }
  };

  return (
    <Modal open className="pair-form" title={`${L('title')}：${householdNo}`} okText={L('pair')} cancelText={t('common.cancel')} onOk={save} onCancel={onClose} confirmLoading={saving} destroyOnHidden>
      {error && <Alert className="pair-form-error" type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" disabled={saving}>
        <Form.Item name="cadreId" label={L('cadre')} rules={[requiredRule(L('cadre'))]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={cadres.loading}
            options={(cadres.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.unit}，${t('assistance.pairedCount', { count: c.households })}）` }))}
          />
        </Form.Item>
        <Form.Item name="startedOn" label={L('startedOn')} rules={[requiredRule(L('startedOn'))]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
