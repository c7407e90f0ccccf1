/** 发布村内公示 for cases of one village at the notice step: start date and how to object. */
import { NotificationOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { publishNotice, type NoticeView } from './api';

interface Props {
  caseIds: number[];
  label: string;
  disabled?: boolean;
  onDone: (notice: NoticeView) => void;
}

export function PublishNoticeButton({ caseIds, label, disabled, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ startsOn: Dayjs; contact: string }>();

  const submit = async (v: { startsOn: Dayjs; contact: string }) => {
    setBusy(true);
    try {
      const notice = await publishNotice({ caseIds, startsOn: v.startsOn.format('YYYY-MM-DD'), contact: v.contact.trim() });
      message.success(t('procedures.publish.published', { from: notice.startsOn, to: notice.endsOn }));
      setOpen(false);
      onDone(notice);
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<NotificationOutlined />} disabled={disabled || caseIds.length === 0} onClick={() => setOpen(true)} data-testid="publish-notice">
        {label}
      </Button>
      <Modal open={open} title={t('procedures.publish.title')} confirmLoading={busy} onOk={() => form.submit()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ startsOn: dayjs() }}>
          <Form.Item name="startsOn" label={t('procedures.publish.startsOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="contact" label={t('procedures.publish.contact')} rules={[{ required: true, whitespace: true, message: t('procedures.publish.contactRequired') }]}>
            <Input maxLength={300} data-testid="notice-contact" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
