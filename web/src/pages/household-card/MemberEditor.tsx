import { Alert, App, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getHouseholdCard, updateMember, type MemberPatch } from '../../api/households';
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

type Values = Pick<Member, 'idNumber' | 'name' | 'relation' | 'ethnicity' | 'education' | 'schooling' | 'health' | 'disabilityGrade' | 'labour' | 'workStatus' | (typeof FLAGS)[number]>;

const EDITABLE: (keyof Values)[] = ['idNumber', 'name', ...CHOICES.map(([k]) => k as keyof Values), 'disabilityGrade', ...FLAGS];

/** The changed fields only; a cleared choice is sent as null. */
function changesOf(before: Values, after: Values): MemberPatch {
  const patch: Record<string, unknown> = {};
  for (const key of EDITABLE) {
    const value = after[key] === undefined || after[key] === '' ? null : after[key];
    const old = before[key] ?? null;
    if (value !== old) patch[key] = typeof value === 'string' ? value.trim() : value;
  }
  return patch as MemberPatch;
}

interface Props {
  householdNo: string;
  /** The member as the card shows him (masked), and his position in the card's list. */
  member: Member;
  index: number;
  onClose: () => void;
  onSaved: (name: string) => void;
}

/**
 * 修改成员信息. The server addresses a member by his full ID number, which the card masks: the
 * editor asks for the card with the ID numbers revealed (the server checks the role's
 * person.reveal permission and audits the view), then sends only the changed fields.
 */
export function MemberEditor({ householdNo, member, index, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [initial, setInitial] = useState<Values>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [saveError, setSaveError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    getHouseholdCard(householdNo, controller.signal, true).then(
      (card) => {
        const revealed = card.members[index];
        // The same member: same position, name and the visible digits of the masked number.
        if (!revealed || revealed.name !== member.name || revealed.idNumber.slice(-4) !== member.idNumber.slice(-4) || revealed.idNumber.includes('*')) {
          setLoadError(new ApiError(409, 'changed', `${member.name}：${t('common.loadFailed')}`));
          return;
        }
        setInitial(revealed);
        form.setFieldsValue(revealed);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
      },
    );
    return () => controller.abort();
  }, [householdNo, index, member, form, t]);

  const save = async () => {
    if (!initial) return;
    const values = await form.validateFields();
    const patch = changesOf(initial, values);
    if (Object.keys(patch).length === 0) {
      message.info(t('members.noChanges'));
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    try {
      const result = await updateMember(initial.idNumber, patch);
      onSaved(result.member.name);
    } catch (error) {
      setSaveError(error instanceof ApiError ? error : new ApiError(0, 'client', String(error)));
      setSaving(false);
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
      okButtonProps={{ disabled: !initial }}
      className="member-editor"
      destroyOnHidden
    >
      {loadError ? (
        <Alert type="error" showIcon title={loadError.message} />
      ) : !initial ? (
        <Spin />
      ) : (
        <>
          <Alert className="member-editor-note" type="info" showIcon title={t('members.revealNote')} />
          {saveError && <Alert className="member-editor-note" type="error" showIcon title={saveError.message} data-testid="member-save-error" />}
          <Form<Values> form={form} layout="vertical" size="small" disabled={saving}>
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="name" label={t('fields.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item name="idNumber" label={t('fields.idNumber')} extra={t('members.idHint')} rules={[{ required: true, whitespace: true }]}>
                  <Input className="mono" maxLength={18} />
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
        </>
      )}
    </Modal>
  );
}
