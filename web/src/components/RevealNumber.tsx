/**
 * 查看完整号码: a masked ID number or phone, and for a role with 'person.reveal' a link that asks
 * for the reason in a small dialog and shows the full value of this one number (the server
 * audits the reveal with the reason).
 */
import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, postJson } from '../api/client';
import { useCan } from '../app/auth';

interface Props {
  householdNo: string;
  field: 'idNumber' | 'phone';
  /** The member (absent: the head's ID number, or the household's phone). */
  memberKey?: string;
  /** The masked value shown until revealed. */
  masked: string | null;
  /** Whose number, for the dialog ("张三"). */
  name: string;
}

export function RevealNumber({ householdNo, field, memberKey, masked, name }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const [shown, setShown] = useState<string | null>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<{ reason: string }>();

  if (shown !== undefined) return <span className="mono revealed-number" data-testid="revealed-number">{shown ?? '—'}</span>;
  if (!masked || !can('person.reveal')) return <span className="mono">{masked ?? '—'}</span>;

  const reveal = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await postJson<{ value: string | null }>(`/households/${encodeURIComponent(householdNo)}/reveal`, { field, memberKey, reason: reason.trim() });
      setShown(answer.value);
      setOpen(false);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const what = t(field === 'idNumber' ? 'reveal.idNumber' : 'reveal.phone');
  return (
    <span className="reveal-number">
      <span className="mono">{masked}</span>
      <Button type="link" size="small" icon={<EyeOutlined />} className="reveal-open" aria-label={t('reveal.open')} title={t('reveal.open')} onClick={() => setOpen(true)} />
      {open && (
        <Modal
          open
          title={t('reveal.title', { name, what })}
          okText={t('reveal.ok')}
          cancelText={t('common.cancel')}
          confirmLoading={busy}
          onOk={() => form.submit()}
          onCancel={() => setOpen(false)}
          destroyOnHidden
        >
          <Alert type="warning" showIcon title={t('reveal.audited')} style={{ marginBottom: 12 }} />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" onFinish={reveal}>
            <Form.Item name="reason" label={t('reveal.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('reveal.reasonRequired') }]}>
              <Input.TextArea className="reveal-reason" rows={2} maxLength={200} placeholder={t('reveal.reasonPlaceholder')} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </span>
  );
}
