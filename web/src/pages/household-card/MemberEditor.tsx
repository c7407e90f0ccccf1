import { Alert, App, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateMember, type MemberPatch } from '../../api/households';
import { ApiError } from '../../api/client';
import type { Member } from '../../api/types';
import { education, enumOptions, ethnicity, health, labourCapacity, relation, schooling, workStatus, type Enumeration } from '../../app/labels';

const CHOICES: [keyof MemberPatch, Enumeration][] = [
  ['relation', relation],
  ['ethnicity', ethnicity],
  ['education', education],
  ['schooling', schooling],
  ['health', health],
  ['labour', labourCapacity],
  ['workStatus', workStatus],
];

const FLAGS = ['insuredBasic', 'insuredSerious', 'insuredCommercial', 'insuredPension', 'familyDoctor', 'chronicCard', 'homeSchooling'] as const;

type Values = Pick<Member, 'name' | 'relation' | 'ethnicity' | 'education' | 'schooling' | 'health' | 'disabilityGrade' | 'labour' | 'workStatus' | (typeof FLAGS)[number]> & {
  /** A corrected ID number; blank keeps the one on record. */
  idNumber?: string;
};

const EDITABLE: (keyof Values)[] = ['name', ...CHOICES.map(([k]) => k as keyof Values), 'disabilityGrade', ...FLAGS];

/** The changed fields only; a cleared choice is sent as null, a blank ID number is left alone. */
function changesOf(before: Member, after: Values): MemberPatch {
  const patch: Record<string, unknown> = {};
  for (const key of EDITABLE) {
    const value = after[key] === undefined || after[key] === '' ? null : after[key];
    const old = before[key] ?? null;
    if (value !== old) patch[key] = typeof value === 'string' ? value.trim() : value;
  }
  const id = after.idNumber?.trim();
  if (id) patch.idNumber = id;
  return patch as MemberPatch;
}

interface Props {
  householdNo: string;
  member: Member;
  onClose: () => void;
  onSaved: (name: string) => void;
}

/**
 * 修改成员信息: the member's details, addressed by his key; only the changed fields are sent.
 * The ID number stays masked: a wrong one is corrected by typing the right one in full.
 */
export function MemberEditor({ householdNo, member, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saveError, setSaveError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const values = await form.validateFields();
    const patch = changesOf(member, values);
    if (Object.keys(patch).length === 0) {
      message.info(t('members.noChanges'));
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    try {
      const result = await updateMember(householdNo, member.memberKey, patch);
      onSaved(result.member.name);
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, 'client', String(error));
      setSaveError(e);
      setSaving(false);
      const details = Array.isArray(e.details) ? (e.details as { field?: string; message?: string }[]) : [];
      form.setFields(
        (['name', 'idNumber', ...EDITABLE] as (keyof Values)[]).map((name) => ({
          name,
          errors: details.filter((d) => d.field === name && d.message).map((d) => d.message!),
        })),
      );
    }
  };

  return (
    <Modal
      open
      width={760}
      title={t('members.editTitle', { name: member.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={save}
      onCancel={onClose}
      confirmLoading={saving}
      className="member-editor"
      destroyOnHidden
    >
      {saveError && <Alert className="member-editor-note" type="error" showIcon title={saveError.message} data-testid="member-save-error" />}
      <Form<Values> form={form} layout="vertical" size="small" disabled={saving} initialValues={{ ...member, idNumber: '' }}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="name" label={t('fields.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="idNumber" label={t('fields.idNumber')} extra={t('members.idHint')}>
              <Input className="mono" maxLength={18} placeholder={member.idNumber} />
            </Form.Item>
          </Col>
          {CHOICES.map(([key, e]) => (
            <Col span={8} key={key}>
              <Form.Item name={key} label={t(`fields.${key}`)} rules={key === 'relation' ? [{ required: true }] : []}>
                <Select allowClear={key !== 'relation'} showSearch={{ optionFilterProp: 'label' }} options={enumOptions(e)} aria-label={t(`fields.${key}`)} />
              </Form.Item>
            </Col>
          ))}
          <Col span={8}>
            <Form.Item name="disabilityGrade" label={t('fields.disabilityGrade')}>
              <InputNumber min={1} max={4} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          {FLAGS.map((key) => (
            <Col span={6} key={key}>
              <Form.Item name={key} valuePropName="checked" className="member-flag">
                <Checkbox>{t(`fields.${key}`)}</Checkbox>
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}
