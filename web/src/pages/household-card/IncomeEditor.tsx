/** 登记/修改年度收入: one year's income components; the server computes the per-capita net income. */
import { Alert, Col, Form, InputNumber, Modal, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusinessYear } from '../../app/businessYear';
import { setIncome, type IncomeInput } from '../../api/assessment';
import type { ApiError } from '../../api/client';
import type { Income } from '../../api/types';
import { showSaveError } from './saveErrors';
import { moneyRule } from '../../app/formRules';

const AMOUNTS = ['wages', 'productionNet', 'property', 'transfer', 'productionCost'] as const;
type Values = IncomeInput & { year: number };

interface Props {
  householdNo: string;
  /** The record edited, or undefined for a new year. */
  income: Income | undefined;
  onClose: () => void;
  onSaved: (year: number) => void;
}

export function IncomeEditor({ householdNo, income, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const { year: businessYear } = useBusinessYear();
  const initial = income ?? { year: businessYear, wages: 0, productionNet: 0, property: 0, transfer: 0, productionCost: 0 };

  const save = async () => {
    const { year, householdSize, ...amounts } = await form.validateFields();
    setSaving(true);
    setError(undefined);
    try {
      await setIncome(householdNo, year, { ...amounts, ...(householdSize ? { householdSize } : {}) });
      onSaved(year);
    } catch (e) {
      setError(showSaveError(e, form, ['year', ...AMOUNTS, 'householdSize']));
      setSaving(false);
    }
  };

  return (
    <Modal open width={640} title={income ? t('monitoring.income.title', { year: income.year }) : t('monitoring.income.add')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={onClose} confirmLoading={saving} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error.message} />}
      <Form<Values> form={form} layout="vertical" size="small" disabled={saving} initialValues={initial}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="year" label={t('monitoring.income.year')} rules={[{ required: true }]}>
              <InputNumber min={1980} max={2100} precision={0} disabled={income !== undefined} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {AMOUNTS.map((key) => (
            <Col span={8} key={key}>
              <Form.Item name={key} label={t(`monitoring.income.${key}`)} rules={key === 'productionNet' ? [{ required: true }] : [{ required: true }, moneyRule(t(`monitoring.income.${key}`))]}>
                <InputNumber precision={2} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
          <Col span={8}>
            <Form.Item name="householdSize" label={t('monitoring.income.householdSize')}>
              <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
