/**
 * 一户一策: add or change one measure of a household, from its card. The type-specific fields
 * come from the server's measure map (MEASURE_FIELDS), so the form asks what the server checks;
 * every box is checked here first (Chinese messages naming the field and the value), and what
 * the server still refuses is shown at its field.
 */
import { Alert, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { newIdempotencyKey } from '../../api/client';
import { moneyRule, requiredRule, showFieldErrors, wholeRule } from '../../app/formRules';
import { useApi } from '../../app/useApi';
import { addMeasure, getMeasureTypes, updateMeasure, type MeasureField, type MeasureInput } from './api';

/** A measure as the household's plan lists it. */
export interface PlanMeasure {
  id: number;
  year: number;
  type: string;
  typeLabel: string;
  role: string;
  persons: number;
  amount: number | string | null;
  startedOn: string | null;
  endedOn: string | null;
  providerDepartment: string | null;
  details: Record<string, unknown> | null;
}

interface Values {
  year: number;
  type: string;
  role: 'main' | 'auxiliary';
  persons?: number;
  amount?: number | null;
  dates?: [Dayjs | null, Dayjs | null] | null;
  providerDepartment?: string;
  details?: Record<string, unknown>;
}

interface Props {
  householdNo: string;
  countyCode: string;
  size: number;
  /** The measure changed, or undefined for a new one. */
  measure?: PlanMeasure;
  /** The year a new measure is for (the plan's latest year). */
  year?: number;
  onClose: () => void;
  onSaved: () => void;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function detailRules(field: MeasureField) {
  const rules = field.required ? [requiredRule(field.label)] : [];
  if (field.kind === 'yuan') return [...rules, moneyRule(field.label)];
  if (field.kind === 'count') return [...rules, wholeRule(field.label)];
  if (field.kind === 'years') return [...rules, wholeRule(field.label, 1, 3)];
  return rules;
}

/** The control of one type-specific field; the Form.Item's id, value and onChange are passed on to it. */
function DetailInput({ field, ...control }: { field: MeasureField; id?: string; value?: never; onChange?: (value: unknown) => void }) {
  if (field.kind === 'enum') return <Select {...control} allowClear options={Object.entries(field.options ?? {}).map(([value, label]) => ({ value, label }))} />;
  if (field.kind === 'date') return <DatePicker {...control} style={{ width: '100%' }} />;
  if (field.kind === 'text') return <Input {...control} onChange={(e) => control.onChange?.(e.target.value)} maxLength={200} />;
  return <InputNumber {...control} precision={field.kind === 'yuan' ? 2 : 0} style={{ width: '100%' }} />;
}

/** The details as the server takes them: empty boxes left out, dates as YYYY-MM-DD. */
function detailsOf(fields: MeasureField[], values: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values?.[f.key];
    if (v === undefined || v === null || v === '') continue;
    out[f.key] = f.kind === 'date' ? day(v as Dayjs) : typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

export function MeasureForm({ householdNo, countyCode, size, measure, year, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const types = useApi('measure-fields', (signal) => getMeasureTypes(signal));
  const type = Form.useWatch('type', form) ?? measure?.type;
  const fields = useMemo(() => types.data?.items.find((x) => x.code === type)?.fields ?? [], [types.data, type]);
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const [key] = useState(newIdempotencyKey);

  const initial: Partial<Values> = measure
    ? {
        year: measure.year,
        type: measure.type,
        role: measure.role as Values['role'],
        persons: measure.persons,
        amount: measure.amount === null ? null : Number(measure.amount),
        dates: measure.startedOn || measure.endedOn ? [measure.startedOn ? dayjs(measure.startedOn) : null, measure.endedOn ? dayjs(measure.endedOn) : null] : null,
        providerDepartment: measure.providerDepartment ?? undefined,
        details: Object.fromEntries(Object.entries(measure.details ?? {}).map(([k, v]) => [k, typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? dayjs(v) : v])),
      }
    : { year, role: 'auxiliary', persons: size };

  const save = async () => {
    const v = await form.validateFields();
    const body: MeasureInput = {
      householdNo,
      year: v.year,
      type: v.type,
      role: v.role,
      persons: v.persons ?? undefined,
      amount: v.amount ?? null,
      startedOn: day(v.dates?.[0]),
      endedOn: day(v.dates?.[1]),
      providerDepartment: v.providerDepartment?.trim() || null,
      details: detailsOf(fields, v.details),
    };
    setSaving(true);
    setError(undefined);
    try {
      if (measure) await updateMeasure(countyCode, measure.id, body);
      else await addMeasure(body, key);
      onSaved();
    } catch (e) {
      setError(showFieldErrors(e, form));
      setSaving(false);
    }
  };

  const L = (k: string) => t(`assistance.measureForm.${k}`);
  return (
    <Modal
      open
      width={720}
      className="measure-form"
      title={measure ? `${L('edit')}：${measure.typeLabel}` : L('add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={save}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
    >
      {error && <Alert className="measure-form-error" type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" size="small" disabled={saving} initialValues={initial}>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="year" label={L('year')} rules={[requiredRule(L('year')), wholeRule(L('year'), 2000, 2100)]}>
              <InputNumber precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="type" label={L('type')} rules={[requiredRule(L('type'))]}>
              <Select showSearch optionFilterProp="label" loading={types.loading} options={(types.data?.items ?? []).map((x) => ({ value: x.code, label: x.label }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="role" label={L('role')} rules={[requiredRule(L('role'))]}>
              <Radio.Group options={[{ value: 'main', label: L('main') }, { value: 'auxiliary', label: L('auxiliary') }]} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="persons" label={L('persons')} rules={[wholeRule(L('persons'), 0, size)]}>
              <InputNumber precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="amount" label={L('amount')} rules={[moneyRule(L('amount'))]}>
              <InputNumber precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="dates" label={L('dates')}>
              <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="providerDepartment" label={L('department')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          {fields.map((f) => (
            <Col span={12} key={`${type}.${f.key}`}>
              <Form.Item name={['details', f.key]} label={f.kind === 'yuan' ? `${f.label}（元）` : f.label} rules={detailRules(f)} className={`measure-detail-${f.key}`}>
                <DetailInput field={f} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}
