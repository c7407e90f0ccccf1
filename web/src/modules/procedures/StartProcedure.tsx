/**
 * 发起程序: a procedure for one household. A refusal (an exit whose assessment fails, a risk
 * elimination whose conditions are not met…) is shown with each reason the server gives.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { enumOptions, monitorCategory } from '../../app/labels';
import { useApi } from '../../app/useApi';
import { useBusinessYear } from '../../app/businessYear';
import { definitions, startCase } from './api';

interface Values { procedure: string; householdNo: string; reason?: string; comment?: string; source?: string; monitorCategory?: string; discoveredOn?: { format: (f: string) => string } }

const SOURCES = ['self_application', 'cadre_discovery', 'department_warning'];

export function StartProcedureButton({ place, householdNo }: { place: string | undefined; householdNo?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<{ message: string; problems: string[] }>();
  const [form] = Form.useForm<Values>();
  const procedure = Form.useWatch('procedure', form);
  const { year } = useBusinessYear();
  const defs = useApi(`defs#${place ?? ''}#${year}#${open}`, (signal) => (open ? definitions(place, year, signal) : Promise.resolve({ procedures: [] })));

  const submit = async (v: Values) => {
    setBusy(true);
    setRefusal(undefined);
    try {
      const created = await startCase({
        procedure: v.procedure,
        householdNo: v.householdNo.trim(),
        year,
        reason: v.reason || undefined,
        comment: v.comment || undefined,
        source: v.source,
        monitorCategory: v.monitorCategory,
        discoveredOn: v.discoveredOn?.format('YYYY-MM-DD'),
      });
      message.success(t('procedures.start.started', { id: created.id, year: created.year }));
      setOpen(false);
      navigate(`/procedures/cases/${created.id}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const problems = (error.details as { problems?: unknown } | undefined)?.problems;
      setRefusal({ message: error.message, problems: Array.isArray(problems) ? problems.map(String) : [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="start-procedure">
        {t('procedures.start.button')}
      </Button>
      <Modal
        open={open}
        title={t('procedures.start.title')}
        okText={t('procedures.start.submit')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Alert type="info" showIcon className="start-year" data-testid="start-year" title={t('procedures.start.yearNote', { year })} style={{ marginBottom: 12 }} />
        {refusal && (
          <Alert
            type="error"
            showIcon
            className="start-refusal"
            data-testid="start-refusal"
            title={t('procedures.start.refused')}
            description={
              <>
                <div>{refusal.message}</div>
                {refusal.problems.length > 0 && (
                  <ul className="refusal-reasons">
                    {refusal.problems.map((p) => <li key={p}>{p}</li>)}
                  </ul>
                )}
              </>
            }
          />
        )}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ procedure: 'exit', householdNo }}>
          <Form.Item name="procedure" label={t('procedures.start.procedure')} rules={[{ required: true }]}>
            <Select options={(defs.data?.procedures ?? []).map((d) => ({ value: d.code, label: d.label }))} loading={defs.loading} />
          </Form.Item>
          <Form.Item name="householdNo" label={t('procedures.start.household')} rules={[{ required: true, whitespace: true, message: t('procedures.start.householdRequired') }]}>
            <Input data-testid="start-household" />
          </Form.Item>
          {procedure === 'monitoring_entry' && (
            <>
              <Form.Item name="source" label={t('procedures.start.source')} rules={[{ required: true }]}>
                <Select options={SOURCES.map((s) => ({ value: s, label: t(`procedures.start.sources.${s}`) }))} />
              </Form.Item>
              <Form.Item name="monitorCategory" label={t('procedures.start.category')} rules={[{ required: true }]}>
                <Select options={enumOptions(monitorCategory)} />
              </Form.Item>
              <Form.Item name="discoveredOn" label={t('procedures.start.discoveredOn')} rules={[{ required: true }]}>
                <DatePicker />
              </Form.Item>
            </>
          )}
          {procedure === 'risk_remark' && (
            <Form.Item name="monitorCategory" label={t('procedures.start.category')} rules={[{ required: true }]}>
              <Select options={enumOptions(monitorCategory)} />
            </Form.Item>
          )}
          <Form.Item name="reason" label={t('procedures.start.reason')} rules={[{ required: procedure === 'risk_remark' || procedure === 'elimination_revert', whitespace: true }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="comment" label={t('procedures.start.comment')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
