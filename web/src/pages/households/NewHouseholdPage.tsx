import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, newIdempotencyKey, request } from '../../api/client';
import type { ImportReport } from '../../api/imports';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { enumOptions, health, householdAttribute, householdStatus, povertyCause, relation } from '../../app/labels';
import { PlaceSearch } from '../../components/PlaceSearch';

interface MemberValues {
  name?: string;
  id_number?: string;
  relation?: string;
  health?: string;
}

interface FormValues {
  year?: number;
  household_no?: string;
  village_code?: string;
  attribute?: string;
  status?: string;
  main_cause?: string;
  phone?: string;
  members: MemberValues[];
}

interface Problem {
  member: number | null;
  field: string;
  value: string;
  message: string;
}

const compact = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>;

/**
 * 新增农户: a household and its members, checked by the same rules as the import (the server runs
 * the form through it). 检查 checks without writing; 保存 adds it and opens its card. Leaving the
 * page with unsaved entries asks first.
 */
export function NewHouseholdPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const selected = useSelectedPlace();
  const [form] = Form.useForm<FormValues>();
  const [village, setVillage] = useState<string>();
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<'check' | 'save'>();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string; problems?: Problem[] }>();
  // One key per filled-in form: a double click on 保存 or a retry adds the household once.
  const saveKey = useRef(newIdempotencyKey());

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const send = async (dryRun: boolean) => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const { year, members, ...household } = values;
    const body = { year, dryRun, household: compact(household), members: members.map((m) => compact(m)) };
    setBusy(dryRun ? 'check' : 'save');
    setOutcome(undefined);
    try {
      const answer = await request<{ householdNo: string; report: ImportReport }>('POST', '/imports/household', { body, idempotencyKey: dryRun ? undefined : saveKey.current });
      if (dryRun) {
        setOutcome({ ok: true, message: t('newHousehold.checkedOk', { persons: answer.report.persons.added }) });
      } else {
        setDirty(false);
        saveKey.current = newIdempotencyKey();
        navigate(`/households/${encodeURIComponent(answer.householdNo)}`, { state: { created: true } });
      }
    } catch (e) {
      if (e instanceof ApiError) setOutcome({ ok: false, message: e.message, problems: Array.isArray(e.details) ? (e.details as Problem[]) : undefined });
      else setOutcome({ ok: false, message: String(e) });
    } finally {
      setBusy(undefined);
    }
  };

  const leave = () => {
    if (!dirty || window.confirm(t('newHousehold.leaveConfirm'))) navigate('/households');
  };

  return (
    <Card className="new-household-page" title={t('newHousehold.title')} extra={<Button type="link" onClick={leave}>{t('imports.back')}</Button>}>
      <Typography.Paragraph type="secondary">{t('newHousehold.hint')}</Typography.Paragraph>
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ members: [{ relation: 'head' }] }}
        onValuesChange={() => {
          setDirty(true);
          saveKey.current = newIdempotencyKey();
        }}
      >
        <Space wrap align="start" size="large">
          <Form.Item name="year" label={t('newHousehold.year')} rules={[{ required: true, message: t('newHousehold.yearRequired') }]} extra={t('newHousehold.yearHint')}>
            <InputNumber className="nh-year" min={2000} max={2100} precision={0} placeholder="2019" />
          </Form.Item>
          <Form.Item name="household_no" label={t('newHousehold.householdNo')} rules={[{ required: true, message: t('newHousehold.required', { field: t('newHousehold.householdNo') }) }]}>
            <Input className="nh-no" maxLength={40} />
          </Form.Item>
          <Form.Item label={t('newHousehold.village')} required extra={village}>
            <div className="nh-village" style={{ width: 320 }}>
              <PlaceSearch
                within={selected.scopeCode}
                onSelect={(code) => {
                  form.setFieldValue('village_code', code);
                  void form.validateFields(['village_code']).catch(() => undefined);
                  setVillage(code.length === 12 ? t('newHousehold.villageChosen', { code }) : t('newHousehold.notVillage'));
                  setDirty(true);
                }}
              />
            </div>
            <Form.Item name="village_code" noStyle rules={[{ required: true, message: t('newHousehold.villageRequired') }]}>
              <Input type="hidden" />
            </Form.Item>
          </Form.Item>
          <Form.Item name="attribute" label={t('newHousehold.attribute')} rules={[{ required: true, message: t('newHousehold.required', { field: t('newHousehold.attribute') }) }]}>
            <Select className="nh-attribute" style={{ width: 160 }} options={enumOptions(householdAttribute)} />
          </Form.Item>
          <Form.Item name="status" label={t('newHousehold.status')} rules={[{ required: true, message: t('newHousehold.required', { field: t('newHousehold.status') }) }]}>
            <Select className="nh-status" style={{ width: 140 }} options={enumOptions(householdStatus)} />
          </Form.Item>
          <Form.Item name="main_cause" label={t('newHousehold.mainCause')}>
            <Select className="nh-cause" style={{ width: 140 }} allowClear options={enumOptions(povertyCause)} />
          </Form.Item>
          <Form.Item name="phone" label={t('newHousehold.phone')}>
            <Input maxLength={20} />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('newHousehold.members')}</Typography.Title>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} wrap align="start" className="nh-member">
                  <Typography.Text style={{ display: 'inline-block', width: 56, paddingTop: 6 }}>{t('newHousehold.memberNo', { n: i + 1 })}</Typography.Text>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: t('newHousehold.required', { field: t('newHousehold.name') }) }]}>
                    <Input className="nh-name" placeholder={t('newHousehold.name')} maxLength={50} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'id_number']} rules={[{ required: true, message: t('newHousehold.required', { field: t('newHousehold.idNumber') }) }]}>
                    <Input className="nh-id" placeholder={t('newHousehold.idNumber')} style={{ width: 220 }} maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'relation']} rules={[{ required: true, message: t('newHousehold.required', { field: t('newHousehold.relation') }) }]}>
                    <Select className="nh-relation" placeholder={t('newHousehold.relation')} style={{ width: 140 }} options={enumOptions(relation)} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'health']}>
                    <Select placeholder={t('newHousehold.health')} style={{ width: 140 }} allowClear options={enumOptions(health)} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined style={{ paddingTop: 8 }} aria-label={t('newHousehold.removeMember')} onClick={() => remove(field.name)} />}
                </Space>
              ))}
              <Button className="nh-add-member" type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('newHousehold.addMember')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      {outcome && (
        <Alert
          className="nh-outcome"
          style={{ marginTop: 16 }}
          type={outcome.ok ? 'success' : 'error'}
          showIcon
          message={outcome.message}
          description={
            outcome.problems && outcome.problems.length > 1 ? (
              <ul>
                {outcome.problems.map((p, i) => (
                  <li key={i}>{t('newHousehold.problem', { who: p.member === null ? t('newHousehold.theHousehold') : t('newHousehold.memberNo', { n: p.member }), field: p.field, value: p.value, message: p.message })}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Space style={{ marginTop: 16 }}>
        <Button className="nh-check" loading={busy === 'check'} disabled={!!busy} onClick={() => send(true)}>{t('newHousehold.check')}</Button>
        <Button className="nh-save" type="primary" loading={busy === 'save'} disabled={!!busy} onClick={() => send(false)}>{t('newHousehold.save')}</Button>
        <Link to="/households/import">{t('newHousehold.orImport')}</Link>
      </Space>
    </Card>
  );
}
