/** 风险事件: what happened to the household, when, and the rigid expenditure it caused; new ones added here, mistaken ones withdrawn with a reason. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addRiskEvent, listRiskEvents, removeRiskEvent, type RiskEvent } from '../../api/assessment';
import { formatYuan } from '../../app/labels';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { showSaveError } from './saveErrors';
import { moneyRule } from '../../app/formRules';

const TYPES = ['illness', 'disability', 'schooling', 'disaster', 'accident', 'industry_failure', 'unstable_employment', 'sudden_event', 'unstable_income'];

interface Props {
  householdNo: string;
  version: number;
  mayEdit: boolean;
  /** After a change: which one (the card says so and reloads). */
  onSaved: (change: 'added' | 'removed') => void;
}

export function RiskEvents({ householdNo, version, mayEdit, onSaved }: Props) {
  const { t } = useTranslation();
  const events = useApi(`risk-events:${householdNo}#${version}`, (signal) => listRiskEvents(householdNo, signal));
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const [removing, setRemoving] = useState<RiskEvent | null>(null);
  const [removeForm] = Form.useForm();
  const { message } = App.useApp();

  const remove = async () => {
    const v = await removeForm.validateFields();
    setSaving(true);
    try {
      await removeRiskEvent(householdNo, removing!.id, v.reason);
      setRemoving(null);
      onSaved('removed');
    } catch (e) {
      message.error(showSaveError(e, removeForm, ['reason']).message);
    } finally {
      setSaving(false);
    }
  };

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await addRiskEvent(householdNo, { type: v.type, occurredOn: v.occurredOn.format('YYYY-MM-DD'), cost: v.cost, note: v.note || null });
      setAdding(false);
      onSaved('added');
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
          ...(mayEdit
            ? [{ key: 'actions', title: t('monitoring.events.actions'), width: 80, render: (_: unknown, r: RiskEvent) => (
                <Button size="small" type="link" danger className="risk-event-remove" onClick={() => setRemoving(r)}>{t('monitoring.events.remove')}</Button>
              ) }]
            : []),
        ]}
      />
      {removing && (
        <Modal open title={t('monitoring.events.removeTitle')} okText={t('monitoring.events.remove')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onOk={remove} onCancel={() => setRemoving(null)} confirmLoading={saving} destroyOnHidden>
          <p>{removing.occurredOn} · {t(`monitoring.riskTypes.${removing.type}`, { defaultValue: removing.typeLabel })} · {formatYuan(removing.cost)}</p>
          <p style={{ color: '#8c8c8c' }}>{t('monitoring.events.removeHint')}</p>
          <Form form={removeForm} layout="vertical" size="small">
            <Form.Item name="reason" label={t('monitoring.events.removeReason')} rules={[{ required: true, min: 2, max: 200 }]}>
              <Input.TextArea maxLength={200} rows={2} />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {adding && (
        <Modal open title={t('monitoring.events.add')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={() => setAdding(false)} confirmLoading={saving} destroyOnHidden>
          <Form form={form} layout="vertical" size="small" initialValues={{ cost: 0 }}>
            <Form.Item name="type" label={t('monitoring.events.type')} rules={[{ required: true }]}>
              <Select options={TYPES.map((v) => ({ value: v, label: t(`monitoring.riskTypes.${v}`) }))} />
            </Form.Item>
            <Form.Item name="occurredOn" label={t('monitoring.events.occurredOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="cost" label={t('monitoring.events.cost')} rules={[{ required: true }, moneyRule(t('monitoring.events.cost'))]}>
              <InputNumber precision={2} style={{ width: '100%' }} />
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
