/**
 * 修改评估数据: the household's own facts the rules read — 两不愁, house safety, drinking water
 * (quantity, quality, access, guarantee, scarce area, distances) and open risk types. Only the
 * changed fields are sent; the server validates and audits them.
 */
import { Alert, Col, Form, InputNumber, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateRuleFacts, type RuleFactsPatch } from '../../api/assessment';
import type { ApiError } from '../../api/client';
import type { Household } from '../../api/types';
import { enumOptions, houseGrade } from '../../app/labels';
import { showSaveError } from './saveErrors';

const FLAGS = [
  ['foodSecure', 'food'],
  ['clothingSecure', 'clothing'],
  ['houseRenovated', 'renovated'],
  ['relocated', 'relocated'],
  ['waterQualityOk', 'quality'],
  ['waterPiped', 'piped'],
  ['waterScarceArea', 'scarce'],
] as const;

const NUMBERS = [
  ['waterLpd', 'lpd', 1],
  ['waterTripMinutes', 'trip', 0],
  ['waterOutageDays', 'outage', 0],
  ['waterHorizontalM', 'horizontal', 1],
  ['waterVerticalM', 'vertical', 1],
] as const;

const RISK_TYPES = ['illness', 'disability', 'schooling', 'disaster', 'accident', 'industry_failure', 'unstable_employment', 'sudden_event', 'unstable_income'];
const FIELDS = [...FLAGS.map(([k]) => k), 'houseGrade', ...NUMBERS.map(([k]) => k), 'openRiskTypes'] as const;
type Field = (typeof FIELDS)[number];
type Values = Partial<Record<Field, unknown>>;

/** Flags are shown as 是/否/未填 (a select keeps "not recorded" distinct from "no"). */
const flagValue = (v: boolean | null) => (v === null ? 'null' : String(v));
const flagOf = (v: unknown) => (v === 'null' || v === undefined ? null : v === 'true');

interface Props {
  household: Household;
  onClose: () => void;
  onSaved: () => void;
}

export function RuleFactsEditor({ household, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const flagOptions = [
    { value: 'true', label: t('monitoring.facts.yes') },
    { value: 'false', label: t('monitoring.facts.no') },
    { value: 'null', label: t('monitoring.facts.unknown') },
  ];
  const initial: Values = { ...household };
  for (const [key] of FLAGS) initial[key] = flagValue(household[key]);

  const save = async () => {
    const values = await form.validateFields();
    const patch: RuleFactsPatch = {};
    for (const key of FIELDS) {
      const raw = values[key];
      const value = (FLAGS as readonly (readonly string[])[]).some(([k]) => k === key) ? flagOf(raw) : raw === undefined || raw === '' ? null : raw;
      const before = household[key as keyof Household] ?? null;
      if (JSON.stringify(value) !== JSON.stringify(before)) patch[key] = value as RuleFactsPatch[string];
    }
    if (Object.keys(patch).length === 0) return onClose();
    setSaving(true);
    setError(undefined);
    try {
      await updateRuleFacts(household.householdNo, patch);
      onSaved();
    } catch (e) {
      setError(showSaveError(e, form, [...FIELDS]));
      setSaving(false);
    }
  };

  return (
    <Modal open width={760} title={t('monitoring.facts.title')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={onClose} confirmLoading={saving} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error.message} data-testid="facts-save-error" />}
      <Form<Values> form={form} layout="vertical" size="small" disabled={saving} initialValues={initial} className="rule-facts-form">
        <Row gutter={12}>
          {FLAGS.map(([key, label]) => (
            <Col span={6} key={key}>
              <Form.Item name={key} label={t(`monitoring.facts.${label}`)}>
                <Select options={flagOptions} aria-label={t(`monitoring.facts.${label}`)} data-testid={`fact-${key}`} />
              </Form.Item>
            </Col>
          ))}
          <Col span={6}>
            <Form.Item name="houseGrade" label={t('monitoring.facts.houseGrade')}>
              <Select allowClear options={enumOptions(houseGrade)} />
            </Form.Item>
          </Col>
          {NUMBERS.map(([key, label, precision]) => (
            <Col span={8} key={key}>
              <Form.Item name={key} label={t(`monitoring.facts.${label}`)}>
                <InputNumber min={0} precision={precision} style={{ width: '100%' }} data-testid={`fact-${key}`} />
              </Form.Item>
            </Col>
          ))}
          <Col span={24}>
            <Form.Item name="openRiskTypes" label={t('monitoring.facts.openRisks')}>
              <Select mode="multiple" allowClear options={RISK_TYPES.map((r) => ({ value: r, label: t(`monitoring.riskTypes.${r}`) }))} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
