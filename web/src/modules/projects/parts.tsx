/** Pieces shared by the project, fund and loan pages: the business year, a form in a modal that reports the server's error. */
import { Alert, Form, Modal, message } from 'antd';
import type { FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useBusinessYear } from '../../app/businessYear';

/** The business year chosen in the header (app/businessYear.tsx). */
export function useYear(): [number, (year: number) => void] {
  const { year, setYear } = useBusinessYear();
  return [year, setYear];
}

/** A modal holding a form; submits `run`, shows the server's Chinese message on failure. */
export function FormModal<T extends object>({ title, onClose, run, children, initialValues, width }: {
  title: string; onClose: (done: boolean) => void; run: (values: T) => Promise<unknown>; children: (form: FormInstance<T>) => ReactNode; initialValues?: Partial<T>; width?: number;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (values: T) => {
    setBusy(true);
    setError(undefined);
    try {
      await run(values);
      void message.success(t('projects.saved'));
      onClose(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={title} width={width ?? 640} okText={t('projects.submit')} confirmLoading={busy} onOk={() => form.submit()} onCancel={() => onClose(false)} destroyOnHidden>
      <Form<T> form={form} layout="vertical" onFinish={submit} initialValues={initialValues}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {children(form)}
      </Form>
    </Modal>
  );
}

/** 'YYYY-MM-DD' of today in the browser. */
export const todayText = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
