/** 风险事件: what happened to the household, when, and the rigid expenditure it caused; new ones added here. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addRiskEvent, listRiskEvents, type RiskEvent } from '../../api/assessment';
import { formatYuan } from '../../app/labels';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { showSaveError } from './saveErrors';

const TYPES = ['illness', 'disability', 'schooling', 'disaster', 'accident', 'industry_failure', 'unstable_employment', 'sudden_event', 'unstable_income'];

interface Props {
  householdNo: string;
  version: number;
  mayEdit: boolean;
  onSaved: () => void;
}

export function RiskEvents({ householdNo, version, mayEdit, onSaved }: Props) {
  const { t } = useTranslation();
  const events = useApi(`risk-events:${householdNo}#${version}`, (signal) => listRiskEvents(householdNo, signal));
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const { message } = App.useApp();

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await addRiskEvent(householdNo, { type: v.type, occurredOn: v.occurredOn.format('YYYY-MM-DD'), cost: v.cost, note: v.note || null });
      setAdding(false);
      onSaved();
    } catch (e) {
      message.error(showSaveError(e, form, ['type', 'occurredOn', 'cost', 'note']).message);
    } finally {
      setSaving(false);
    }
  };

  if (events.error) return <ErrorState error={events.error} onRetry={events.reload} />;
  return (
    <>
      {mayEdit && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginBottom: 8 }}>
          {t('monitoring.events.add')}
        </Button>
      )}
      <Table<RiskEvent>
        rowKey="id"
        size="small"
        bordered
        pagination={false}
        loading={events.loading}
        dataSource={events.data?.items ?? []}
        locale={{ emptyText: t('monitoring.events.empty') }}
        columns={[
          { key: 'date', title: t('monitoring.events.occurredOn'), dataIndex: 'occurredOn', width: 110 },
          { key: 'type', title: t('monitoring.events.type'), dataIndex: 'type', width: 140, render: (v: string, r) => t(`monitoring.riskTypes.${v}`, { defaultValue: r.typeLabel }) },
          { key: 'cost', title: t('monitoring.events.cost'), dataIndex: 'cost', width: 120, align: 'right', render: (v: number) => formatYuan(v) },
          { key: 'note', title: t('monitoring.events.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
        ]}
      />
      {adding && (
        <Modal open title={t('monitoring.events.add')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={() => setAdding(false)} confirmLoading={saving} destroyOnHidden>
          <Form form={form} layout="vertical" size="small" initialValues={{ cost: 0 }}>
            <Form.Item name="type" label={t('monitoring.events.type')} rules={[{ required: true }]}>
              <Select options={TYPES.map((v) => ({ value: v, label: t(`monitoring.riskTypes.${v}`) }))} />
            </Form.Item>
            <Form.Item name="occurredOn" label={t('monitoring.events.occurredOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="cost" label={t('monitoring.events.cost')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="note" label={t('monitoring.events.note')}>
              <Input.TextArea maxLength={500} rows={2} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
