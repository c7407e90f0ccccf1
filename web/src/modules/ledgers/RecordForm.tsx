/** A ledger record's form, built from the ledger's declared columns (the same checks as an import row). */
import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { saveRecord, type LedgerShape } from './api';

type Values = Record<string, string | number | boolean | Dayjs | null | undefined>;

/**
 * `only`: the fields to ask for (the rest come from elsewhere, e.g. the student of an aid);
 * `send`: how to save (default: the ledger's form route).
 */
export function RecordForm({ shape, initial, onClose, only, send, title }: {
  shape: LedgerShape;
  initial: Record<string, string>;
  onClose: (saved: boolean) => void;
  only?: string[];
  send?: (body: Record<string, string>) => Promise<unknown>;
  title?: string;
}) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (values: Values) => {
    const body: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined || v === null || v === '') continue;
      body[k] = dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
    }
    setBusy(true);
    setError(undefined);
    try {
      await (send ? send(body) : saveRecord(shape.kind, body));
      onClose(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const initialValues = Object.fromEntries(
    Object.entries(initial).map(([k, v]) => [k, shape.fields.find((f) => f.key === k)?.type === 'date' && v ? dayjs(v) : v]),
  );
  return (
    <Modal open title={title ?? `登记${shape.label}`} okText="保存" cancelText="取消" confirmLoading={busy} onOk={() => form.submit()} onCancel={() => onClose(false)} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={submit}>
        {shape.columns.filter((c) => !only || only.includes(c.key)).map((c) => (
          <Form.Item key={c.key} name={c.key} label={c.label} rules={c.required ? [{ required: true, message: `请填写${c.label}` }] : []}>
            {c.key === 'year' ? <InputNumber min={2000} max={2100} style={{ width: '100%' }} /> : <Input />}
          </Form.Item>
        ))}
        {shape.fields.filter((f) => !only || only.includes(f.key)).map((f) => (
          <Form.Item key={f.key} name={f.key} label={f.label} rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}>
            {f.type === 'enum' ? (
              <Select allowClear options={(f.options ?? []).map((o) => ({ value: o.label, label: o.label }))} />
            ) : f.type === 'bool' ? (
              <Select allowClear options={[{ value: '是', label: '是' }, { value: '否', label: '否' }]} />
            ) : f.type === 'date' ? (
              <DatePicker style={{ width: '100%' }} />
            ) : f.type === 'money' || f.type === 'int' ? (
              <InputNumber style={{ width: '100%' }} />
            ) : (
              <Input placeholder={f.example ?? undefined} />
            )}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
