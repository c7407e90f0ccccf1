import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { NewUser, Roles, UserWithPassword } from '../../api/types';
import { createUser } from '../../api/users';
import { roleName } from '../../app/roleName';
import { PlacePicker } from '../../components/PlacePicker';

interface Props {
  roles: Roles;
  /** The administrator's scope: new users are placed under it. */
  scopeCode: string;
  onClose: () => void;
  onCreated: (result: UserWithPassword) => void;
}

/** 新建用户: user name, name, role, scope place (and the line of a department operator). */
export function UserForm({ roles, scopeCode, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewUser>();
  const [failure, setFailure] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const role = Form.useWatch('role', form);
  const chosen = roles.roles.find((r) => r.code === role);

  const submit = async () => {
    const values = await form.validateFields();
    setSaving(true);
    setFailure(undefined);
    try {
      onCreated(await createUser({ ...values, departmentLine: values.role === 'department_operator' ? values.departmentLine : null }));
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'client', String(error));
      setFailure(e);
      setSaving(false);
      const details = Array.isArray(e.details) ? (e.details as { field?: string; message: string }[]) : [];
      form.setFields(
        (['username', 'displayName', 'role', 'placeCode', 'departmentLine'] as const).map((name) => ({
          name,
          errors: details.filter((d) => d.field === name).map((d) => d.message),
        })),
      );
    }
  };

  return (
    <Modal open title={t('users.form.title')} okText={t('users.form.submit')} cancelText={t('common.cancel')} onOk={submit} onCancel={onClose} confirmLoading={saving} destroyOnHidden>
      {failure && <Alert className="member-editor-note" type="error" showIcon title={failure.message} />}
      <Form<NewUser> form={form} layout="vertical" disabled={saving} requiredMark={false}>
        <Form.Item name="username" label={t('users.username')} extra={t('users.form.usernameHint')} rules={[{ required: true, whitespace: true, message: t('users.form.usernameRequired') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.form.displayNameRequired') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.form.roleRequired') }]}>
          <Select options={roles.roles.filter((r) => !r.privileged).map((r) => ({ value: r.code, label: roleName(r.code, r.label) }))} />
        </Form.Item>
        <Form.Item
          name="placeCode"
          label={t('users.form.place')}
          extra={chosen && t('users.form.placeHint', { role: roleName(chosen.code, chosen.label), levels: chosen.scopeLevels.map((l) => t(`roles.levels.${l}`)).join(' / ') })}
          rules={[{ required: true, message: t('users.form.placeRequired') }]}
        >
          <PlacePicker within={scopeCode} />
        </Form.Item>
        {role === 'department_operator' && (
          <Form.Item name="departmentLine" label={t('users.line')} rules={[{ required: true, message: t('users.form.lineRequired') }]}>
            <Select options={roles.departmentLines.map((l) => ({ value: l.code, label: l.label }))} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
