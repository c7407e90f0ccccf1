/** 异议登记: the objections to a case's notice (who, when, what, how resolved), recording and resolving them. */
import { App, Button, DatePicker, Form, Input, Modal, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { addObjection, resolveObjection, type Objection } from './api';

interface Props {
  caseId: number;
  noticeId: number | null;
  objections: Objection[];
  /** The user may record and resolve (the server still decides). */
  mayAct: boolean;
  onChange: () => void;
}

type AddValues = { objector: string; contact?: string; receivedOn: Dayjs; content: string };

export function Objections({ caseId, noticeId, objections, mayAct, onChange }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [resolving, setResolving] = useState<{ id: number; outcome: 'dismissed' | 'upheld' }>();
  const [busy, setBusy] = useState(false);
  const [addForm] = Form.useForm<AddValues>();
  const [resolveForm] = Form.useForm<{ resolution: string }>();

  const attempt = async (work: () => Promise<unknown>, done: string, close: () => void) => {
    setBusy(true);
    try {
      await work();
      message.success(done);
      close();
      onChange();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  const required = { required: true, whitespace: true, message: t('procedures.objection.required') };

  return (
    <div className="objections" data-testid="objections">
      {mayAct && noticeId !== null && (
        <Button onClick={() => setAdding(true)} data-testid="add-objection" className="objection-add">
          {t('procedures.objection.add')}
        </Button>
      )}
      <Table<Objection>
        size="small"
        bordered
        rowKey="id"
        pagination={false}
        dataSource={objections}
        locale={{ emptyText: t('procedures.objection.none') }}
        columns={[
          { key: 'objector', title: t('procedures.objection.objector'), dataIndex: 'objector', width: 90 },
          { key: 'contact', title: t('procedures.objection.contact'), dataIndex: 'contact', width: 120, render: (v: string | null) => v || '—' },
          { key: 'receivedOn', title: t('procedures.objection.receivedOn'), dataIndex: 'receivedOn', width: 100 },
          { key: 'content', title: t('procedures.objection.content'), dataIndex: 'content' },
          {
            key: 'status',
            title: t('procedures.objection.status'),
            width: 220,
            render: (_: unknown, o) =>
              o.status === 'open' ? (
                <Space direction="vertical" size={4}>
                  <Tag color="red">{t('procedures.objection.open')}</Tag>
                  {mayAct && (
                    <Space size={4}>
                      <Button size="small" onClick={() => setResolving({ id: o.id, outcome: 'dismissed' })}>{t('procedures.objection.dismiss')}</Button>
                      <Button size="small" danger onClick={() => setResolving({ id: o.id, outcome: 'upheld' })}>{t('procedures.objection.uphold')}</Button>
                    </Space>
                  )}
                </Space>
              ) : (
                <span>
                  <Tag color={o.outcome === 'upheld' ? 'volcano' : 'green'}>{o.outcome === 'upheld' ? t('procedures.objection.uphold') : t('procedures.objection.dismiss')}</Tag>
                  {o.resolution}（{o.resolvedBy} {o.resolvedOn}）
                </span>
              ),
          },
        ]}
      />
      <Modal open={adding} title={t('procedures.objection.add')} confirmLoading={busy} onOk={() => addForm.submit()} onCancel={() => setAdding(false)} destroyOnHidden>
        <Form
          form={addForm}
          layout="vertical"
          initialValues={{ receivedOn: dayjs() }}
          onFinish={(v) =>
            attempt(
              () => addObjection(noticeId!, { caseId, objector: v.objector.trim(), contact: v.contact?.trim() || null, receivedOn: v.receivedOn.format('YYYY-MM-DD'), content: v.content.trim() }),
              t('procedures.objection.saved'),
              () => setAdding(false),
            )
          }
        >
          <Form.Item name="objector" label={t('procedures.objection.objector')} rules={[required]}><Input maxLength={50} /></Form.Item>
          <Form.Item name="contact" label={t('procedures.objection.contact')}><Input maxLength={100} /></Form.Item>
          <Form.Item name="receivedOn" label={t('procedures.objection.receivedOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="content" label={t('procedures.objection.content')} rules={[required]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        </Form>
      </Modal>
      <Modal
        open={resolving !== undefined}
        title={t('procedures.objection.resolveTitle')}
        confirmLoading={busy}
        onOk={() => resolveForm.submit()}
        onCancel={() => setResolving(undefined)}
        destroyOnHidden
      >
        <Form
          form={resolveForm}
          layout="vertical"
          onFinish={(v) => attempt(() => resolveObjection(resolving!.id, { outcome: resolving!.outcome, resolution: v.resolution.trim() }), t('procedures.objection.resolvedOk'), () => setResolving(undefined))}
        >
          <Form.Item name="resolution" label={t('procedures.objection.resolution')} rules={[{ required: true, whitespace: true, message: t('procedures.objection.resolutionRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
