/** The clock profiles in force for a place and year (policy data), and a form that saves a new profile as a policy draft; the server's Chinese error shows as is. */
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { getEffective, saveDraft, type ClockProfile } from './preventionApi';

const STEPS = [
  { code: 'verification', procedureSteps: ['village_review'] },
  { code: 'review_notice', procedureSteps: ['public_notice'] },
  { code: 'township_review', procedureSteps: ['township_review'] },
  { code: 'county_decision', procedureSteps: ['county_decision'] },
];

interface Values {
  region: string;
  code: string;
  label: string;
  unit: 'calendar' | 'working';
  totalDays: number;
  noticeMinDays: number;
  source: string;
  days: Record<string, number>;
}

function ProfileForm({ place, year }: { place: string; year: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const submit = async (v: Values) => {
    setError(undefined);
    const steps = STEPS.map((s) => ({ code: s.code, label: t(`monitoring.prevention.profiles.stepLabels.${s.code}`), days: v.days[s.code], procedureSteps: s.procedureSteps }));
    const profile = { label: v.label, unit: v.unit, totalDays: v.totalDays, noticeMinDays: v.noticeMinDays, source: v.source, steps };
    try {
      const saved = await saveDraft({ regionCode: v.region, effectiveYear: Number(year), title: `纳入监测时限：${v.label}`, rules: { prevention: { clock: { profile: v.code, profiles: { [v.code]: profile } } } } });
      message.success(t('monitoring.prevention.profiles.draftSaved', { id: saved.id }));
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  return (
    <Card size="small" title={t('monitoring.prevention.profiles.formTitle')} data-testid="profile-form">
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="profile-error" />}
      <Form<Values> layout="inline" onFinish={submit} initialValues={{ region: place.slice(0, 2), unit: 'working', totalDays: 20, noticeMinDays: 5, days: { verification: 5, review_notice: 8, township_review: 4, county_decision: 3 } }}>
        <Form.Item name="region" label={t('monitoring.prevention.whatIf.region')} rules={[{ required: true }]}><Input style={{ width: 110 }} /></Form.Item>
        <Form.Item name="code" label={t('monitoring.prevention.profiles.code')} rules={[{ required: true }]}><Input style={{ width: 100 }} data-testid="profile-code" /></Form.Item>
        <Form.Item name="label" label={t('monitoring.prevention.profiles.label')} rules={[{ required: true }]}><Input style={{ width: 140 }} data-testid="profile-label" /></Form.Item>
        <Form.Item name="unit" label={t('monitoring.prevention.profiles.unit')}>
          <Select style={{ width: 100 }} options={[{ value: 'calendar', label: t('monitoring.prevention.profiles.calendar') }, { value: 'working', label: t('monitoring.prevention.profiles.working') }]} />
        </Form.Item>
        <Form.Item name="totalDays" label={t('monitoring.prevention.profiles.total')}><InputNumber min={1} data-testid="profile-total" /></Form.Item>
        <Form.Item name="noticeMinDays" label={t('monitoring.prevention.profiles.notice')}><InputNumber min={0} /></Form.Item>
        <Form.Item name="source" label={t('monitoring.prevention.profiles.source')} rules={[{ required: true }]}><Input style={{ width: 160 }} data-testid="profile-source" /></Form.Item>
        {STEPS.map((s) => (
          <Form.Item key={s.code} name={['days', s.code]} label={t(`monitoring.prevention.profiles.stepLabels.${s.code}`)}><InputNumber min={1} data-testid={`profile-days-${s.code}`} /></Form.Item>
        ))}
        <Button type="primary" htmlType="submit" data-testid="profile-save">{t('monitoring.prevention.profiles.saveDraft')}</Button>
      </Form>
    </Card>
  );
}

export function ClockProfiles({ place, year }: { place: string; year: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const effective = useApi(`effective:${place}:${year}`, (signal) => getEffective({ place, year }, signal));
  const clock = effective.data?.rules.prevention?.clock;
  const rows = clock ? Object.entries(clock.profiles).map(([code, p]) => ({ code, ...p })) : [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={t('monitoring.prevention.profiles.title')} data-testid="clock-profiles">
        {effective.error ? <ErrorState error={effective.error} onRetry={effective.reload} /> : null}
        <Table<ClockProfile & { code: string }>
          size="small" rowKey="code" loading={effective.loading} dataSource={rows} pagination={false}
          columns={[
            { key: 'label', title: t('monitoring.prevention.profiles.label'), render: (_: unknown, p) => <>{p.label} {clock?.profile === p.code && <Tag color="blue">{t('monitoring.prevention.profiles.inForce')}</Tag>}</> },
            { key: 'unit', title: t('monitoring.prevention.profiles.unit'), render: (_: unknown, p) => t(`monitoring.prevention.profiles.${p.unit}`) },
            { key: 'total', title: t('monitoring.prevention.profiles.total'), dataIndex: 'totalDays' },
            { key: 'notice', title: t('monitoring.prevention.profiles.notice'), dataIndex: 'noticeMinDays' },
            { key: 'steps', title: t('monitoring.prevention.profiles.steps'), render: (_: unknown, p) => p.steps.map((s) => `${s.label} ${s.days}`).join(' → ') },
            { key: 'source', title: t('monitoring.prevention.profiles.source'), dataIndex: 'source' },
          ]}
        />
      </Card>
      {can('policy.manage') && <ProfileForm place={place} year={year} />}
    </Space>
  );
}
