import { Button, Form, Input, InputNumber, Modal, message } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { PlacePicker } from '../../components/PlacePicker';
import { createDraft } from './api';

interface Values {
  regionCode: string;
  effectiveYear: number;
  title: string;
}

/** 新建草稿: region (inside the user's scope), year and title; an empty draft opens in the editor. */
export function NewDraftButton({ region, scopeCode, icon }: { region: string; scopeCode: string; icon?: ReactNode }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();

  async function submit(values: Values) {
    setSaving(true);
    try {
      const created = await createDraft({ ...values, rules: {} });
      setOpen(false);
      navigate(`/policy/${created.id}/edit`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Button icon={icon} onClick={() => setOpen(true)}>
        {t('policy.list.newDraft')}
      </Button>
      <Modal open={open} title={t('policy.newDraft.title')} okText={t('policy.newDraft.create')} confirmLoading={saving} onCancel={() => setOpen(false)} onOk={() => form.submit()} destroyOnHidden>
        <Form<Values> form={form} layout="vertical" initialValues={{ regionCode: region, effectiveYear: new Date().getFullYear() }} onFinish={submit}>
          <Form.Item name="regionCode" label={t('policy.newDraft.region')} rules={[{ required: true, message: t('policy.newDraft.regionRequired') }]}>
            <PlacePicker within={scopeCode} />
          </Form.Item>
          <Form.Item name="effectiveYear" label={t('policy.newDraft.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="title" label={t('policy.newDraft.name')} rules={[{ required: true, message: t('policy.newDraft.nameRequired') }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
