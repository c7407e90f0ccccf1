/** The what-if of another monitoring range or 口径 for the place and year: who would enter and who would leave, with reasons under both. */
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { COST_ITEMS, runPreventionWhatIf, type PreventionWhatIf as Result } from './preventionApi';

interface Values {
  policyId?: string;
  region: string;
  upper?: number;
  notice?: string;
  deducted: string[];
}

export function PreventionWhatIf({ place, year }: { place: string; year: number }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<string>();
  const [running, setRunning] = useState(false);
  const run = async (v: Values) => {
    setRunning(true);
    setError(undefined);
    try {
      const prevention: Record<string, unknown> = { accounting: { deductedCosts: v.deducted } };
      if (v.upper !== undefined && v.upper !== null) prevention.rangeByYear = { [year]: { upper: v.upper, notice: v.notice || '测算' } };
      // A nationwide user's place is the nation: the draft's region is then the place measured.
      const at = place === '0' ? undefined : place;
      const body = v.policyId
        ? { policyId: v.policyId, place: at, year }
        : { policy: { regionCode: v.region, effectiveYear: year, title: '测算', rules: { prevention } }, place: at, year };
      setResult(await runPreventionWhatIf(body));
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setRunning(false);
    }
  };
  return (
    <Card size="small" title={t('monitoring.prevention.whatIf.title')} data-testid="prevention-what-if">
      <Form form={form} layout="inline" onFinish={run} initialValues={{ region: place.slice(0, 2), deducted: ['medical_compliant', 'schooling_compliant'] }}>
        <Form.Item name="policyId" label={t('monitoring.prevention.whatIf.policyId')}><Input style={{ width: 120 }} /></Form.Item>
        <Form.Item name="region" label={t('monitoring.prevention.whatIf.region')}><Input style={{ width: 110 }} data-testid="what-if-region" /></Form.Item>
        <Form.Item name="upper" label={t('monitoring.prevention.whatIf.upper')}><InputNumber min={0} data-testid="what-if-upper" /></Form.Item>
        <Form.Item name="notice" label={t('monitoring.prevention.whatIf.notice')}><Input style={{ width: 160 }} /></Form.Item>
        <Form.Item name="deducted" label={t('monitoring.prevention.whatIf.deducted')}>
          <Checkbox.Group options={COST_ITEMS.map((i) => ({ value: i, label: t(`monitoring.prevention.items.${i}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={running} data-testid="what-if-run">{t('monitoring.prevention.whatIf.run')}</Button>
      </Form>
      {error && <Alert type="error" message={error} style={{ marginTop: 12 }} data-testid="what-if-error" />}
      {result && (
        <>
          <Typography.Paragraph style={{ marginTop: 12 }} data-testid="what-if-result">
            {t('monitoring.prevention.whatIf.result', { entering: result.entering, leaving: result.leaving, before: result.before.inRange, after: result.after.inRange })}
          </Typography.Paragraph>
          <Table<Result['changes'][number]>
            size="small" rowKey="householdNo" dataSource={result.changes}
            columns={[
              { key: 'no', title: t('monitoring.prevention.householdNo'), dataIndex: 'householdNo' },
              { key: 'head', title: t('monitoring.prevention.head'), dataIndex: 'headName' },
              { key: 'change', title: t('monitoring.prevention.whatIf.change'), render: (_: unknown, c) => <Tag color={c.change === 'enter' ? 'red' : c.change === 'leave' ? 'green' : 'blue'}>{c.changeLabel}</Tag> },
              { key: 'before', title: t('monitoring.prevention.whatIf.before'), render: (_: unknown, c) => c.kindBefore ?? t('monitoring.prevention.outside') },
              { key: 'after', title: t('monitoring.prevention.whatIf.after'), render: (_: unknown, c) => c.kindAfter ?? t('monitoring.prevention.outside') },
              { key: 'rb', title: t('monitoring.prevention.whatIf.reasonBefore'), dataIndex: 'reasonBefore' },
              { key: 'ra', title: t('monitoring.prevention.whatIf.reasonAfter'), dataIndex: 'reasonAfter' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
