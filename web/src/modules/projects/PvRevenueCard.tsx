/** 光伏收益登记 beside the fund-rule panel: a village's photovoltaic revenue of the year and the part spent on public-welfare jobs. */
import { Alert, Button, Card, Form, Input, InputNumber, Space, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { recordPvRevenue } from './api';
import { moneyRule } from '../../app/formRules';

type Values = { villageCode: string; revenue: number; welfareJobs: number };
const FIELDS: (keyof Values)[] = ['villageCode', 'revenue', 'welfareJobs'];

export function PvRevenueCard({ place, year, onSaved }: { place: string; year: number; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(undefined);
    try {
      await recordPvRevenue({ ...v, villageCode: v.villageCode.trim(), year });
      void message.success(t('projects.saved'));
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      if (e instanceof ApiError && Array.isArray(e.details)) {
        const details = e.details as { field?: string; message?: string }[];
        form.setFields(details.filter((d) => FIELDS.includes(d.field as keyof Values)).map((d) => ({ name: d.field as keyof Values, errors: [d.message ?? e.message] })));
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" className="pv-revenue no-print" title={`${t('projects.pvTitle')}（${year}）`} style={{ marginBottom: 12 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Form<Values> form={form} layout="inline" onFinish={submit} initialValues={{ villageCode: place }}>
        <Space wrap align="start">
          <Form.Item name="villageCode" label={t('projects.pvVillage')} rules={[{ required: true, len: 12 }]}><Input style={{ width: 160 }} /></Form.Item>
          <Form.Item name="revenue" label={t('projects.pvRevenue')} rules={[{ required: true }, moneyRule(t('projects.pvRevenue'))]}><InputNumber style={{ width: 150 }} /></Form.Item>
          <Form.Item name="welfareJobs" label={t('projects.pvWelfare')} rules={[{ required: true }]}><InputNumber min={0} style={{ width: 150 }} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{t('projects.pvSave')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
