/**
 * 风险消除 / 风险再标注 / 消除回退 for one household, as procedures with reasons: the form starts
 * the case (the server checks the conditions and names every one that fails) and opens it.
 */
import { Alert, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError, postJson } from '../../api/client';
import { enumOptions, monitorCategory } from '../../app/labels';

type Procedure = 'risk_elimination' | 'risk_remark' | 'elimination_revert';
const BY_STATUS: Record<string, Procedure[]> = { monitored: ['risk_elimination'], risk_eliminated: ['risk_remark', 'elimination_revert'] };

function ActionModal({ procedure, householdNo, year, onClose }: { procedure: Procedure; householdNo: string; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ reason?: string; monitorCategory?: string }>();
  const [refusal, setRefusal] = useState<{ message: string; problems: string[] }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { reason?: string; monitorCategory?: string }) => {
    setBusy(true);
    try {
      const created = await postJson<{ id: number }>('/procedures/cases', { procedure, householdNo, year, reason: v.reason || undefined, monitorCategory: v.monitorCategory });
      navigate(`/procedures/cases/${created.id}`);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const problems = (e.details as { problems?: unknown } | undefined)?.problems;
      setRefusal({ message: e.message, problems: Array.isArray(problems) ? problems.map(String) : [] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${t(`monitoring.prevention.actions.${procedure}`)}（${householdNo}）`} onOk={() => form.submit()} confirmLoading={busy} onCancel={onClose}>
      {refusal && (
        <Alert type="error" showIcon data-testid="action-refusal" message={refusal.message}
          description={refusal.problems.length > 0 && <ul>{refusal.problems.map((p) => <li key={p}>{p}</li>)}</ul>} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical" onFinish={submit}>
        {procedure === 'risk_remark' && (
          <Form.Item name="monitorCategory" label={t('monitoring.prevention.kind')} rules={[{ required: true }]}>
            <Select options={enumOptions(monitorCategory)} data-testid="action-category" />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('monitoring.prevention.actions.reason')} rules={[{ required: procedure !== 'risk_elimination', whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="action-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function HouseholdActions({ householdNo, status, year }: { householdNo: string; status: string; year: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Procedure>();
  const actions = BY_STATUS[status] ?? [];
  if (!actions.length) return null;
  return (
    <Space size={4}>
      {actions.map((p) => <Button key={p} size="small" onClick={() => setOpen(p)} data-testid={`${p}-${householdNo}`}>{t(`monitoring.prevention.actions.${p}`)}</Button>)}
      {open && <ActionModal procedure={open} householdNo={householdNo} year={year} onClose={() => setOpen(undefined)} />}
    </Space>
  );
}
