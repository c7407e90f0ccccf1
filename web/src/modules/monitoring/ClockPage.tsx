/**
 * 纳入监测时限: the monitoring-entry cases of the selected place with their clocks — remaining
 * time, orange/red when overdue and the level it is escalated to — 导出Excel, urgent measures
 * before the decision, and the clock profiles in force (with a form for a new profile draft).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { useBusinessYear } from '../../app/businessYear';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { ClockProfiles } from './ClockProfiles';
import { clocksExportUrl, listClocks, startUrgent, type CaseClockView } from './preventionApi';

const STATUS_COLORS: Record<string, string> = { on_time: 'green', orange: 'orange', red: 'red', done: 'blue', done_late: 'volcano' };
const CAUSES = ['disaster', 'accident', 'illness', 'other'];

function UrgentModal({ caseId, onClose }: { caseId: number; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ startedOn: { format: (f: string) => string }; cause: string; measure: string }>();
  const [error, setError] = useState<string>();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await startUrgent(caseId, { startedOn: v.startedOn.format('YYYY-MM-DD'), cause: v.cause, measure: v.measure });
      onClose(true);
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  return (
    <Modal open title={`${t('monitoring.prevention.clocks.addUrgent')}（${caseId}）`} onOk={save} onCancel={() => onClose(false)}>
      {error && <Alert type="error" message={error} data-testid="urgent-error" />}
      <Form form={form} layout="vertical">
        <Form.Item name="startedOn" label={t('monitoring.prevention.clocks.startedOn')} rules={[{ required: true }]}><DatePicker data-testid="urgent-date" /></Form.Item>
        <Form.Item name="cause" label={t('monitoring.prevention.clocks.cause')} rules={[{ required: true }]}>
          <Select options={CAUSES.map((c) => ({ value: c, label: t(`monitoring.prevention.clocks.causes.${c}`) }))} data-testid="urgent-cause" />
        </Form.Item>
        <Form.Item name="measure" label={t('monitoring.prevention.clocks.measure')} rules={[{ required: true }]}><Input data-testid="urgent-measure" /></Form.Item>
      </Form>
    </Modal>
  );
}

export function ClockPage() {
  const { t } = useTranslation();
  const can = useCan();
  const place = useSelectedPlace().effectiveCode;
  const year = String(useBusinessYear().year);
  const [urgentFor, setUrgentFor] = useState<number>();
  const clocks = useApi(`clocks:${place}:${can('registry.read')}`, (signal) => (can('registry.read') ? listClocks({ place }, signal) : Promise.resolve({ items: [] })));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('registry.read') && <Card size="small" title={t('monitoring.prevention.clocks.title')} data-testid="prevention-clocks"
        extra={can('registry.export') && <Button icon={<DownloadOutlined />} href={clocksExportUrl({ place })} data-testid="clocks-export">{t('monitoring.prevention.export')}</Button>}>
        {clocks.error ? <ErrorState error={clocks.error} onRetry={clocks.reload} /> : null}
        <Table<CaseClockView>
          size="small" rowKey="caseId" loading={clocks.loading} dataSource={clocks.data?.items ?? []}
          locale={{ emptyText: t('monitoring.prevention.clocks.none') }}
          columns={[
            { key: 'id', title: t('monitoring.prevention.clocks.caseId'), dataIndex: 'caseId' },
            { key: 'no', title: t('monitoring.prevention.householdNo'), dataIndex: 'householdNo' },
            { key: 'head', title: t('monitoring.prevention.head'), dataIndex: 'headName' },
            { key: 'clue', title: t('monitoring.prevention.clocks.clueOn'), dataIndex: 'clueOn' },
            { key: 'profile', title: t('monitoring.prevention.clocks.profile'), dataIndex: 'profileLabel' },
            { key: 'step', title: t('monitoring.prevention.clocks.step'), render: (_: unknown, c) => c.procedureStepLabel ?? '—' },
            { key: 'due', title: t('monitoring.prevention.clocks.dueOn'), dataIndex: 'dueOn' },
            { key: 'left', title: t('monitoring.prevention.clocks.remaining'), render: (_: unknown, c) => <span data-testid={`remaining-${c.caseId}`}>{c.remaining} {c.unitLabel}</span> },
            { key: 'status', title: t('monitoring.prevention.clocks.status'), render: (_: unknown, c) => <Tag color={STATUS_COLORS[c.status]} data-testid={`clock-${c.caseId}`}>{c.statusLabel}</Tag> },
            { key: 'esc', title: t('monitoring.prevention.clocks.escalate'), render: (_: unknown, c) => c.escalateTo ?? '—' },
            { key: 'urgent', title: t('monitoring.prevention.clocks.urgent'), render: (_: unknown, c) => c.urgentMeasures.map((u) => `${u.startedOn} ${u.causeLabel}：${u.measure}`).join('；') || '—' },
            { key: 'text', title: t('monitoring.prevention.clocks.text'), dataIndex: 'text' },
            ...(can('procedures.act') ? [{ key: 'act', title: '', render: (_: unknown, c: CaseClockView) => (c.caseStatus === 'in_progress' ? <Button size="small" onClick={() => setUrgentFor(c.caseId)} data-testid={`urgent-${c.caseId}`}>{t('monitoring.prevention.clocks.addUrgent')}</Button> : null) }] : []),
          ]}
        />
      </Card>}
      {can('policy.read') && <ClockProfiles place={place} year={year} />}
      {urgentFor !== undefined && <UrgentModal caseId={urgentFor} onClose={(saved) => { setUrgentFor(undefined); if (saved) clocks.reload(); }} />}
    </Space>
  );
}
