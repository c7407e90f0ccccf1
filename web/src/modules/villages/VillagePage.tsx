/**
 * The village page of a year: 村情 (form), registry figures, the exit verdict with every
 * condition, value, threshold and source, collective income by source, the 10% listing rule,
 * and the village exit procedure (村申请 → 乡镇初审 → 县审定 → 公示 → 公告) with its actions.
 */
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Select, Space, Steps, Switch, Table, Tag, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { useYear } from '../projects/parts';
import { ReportActions } from '../reports/parts';
import { actOnExit, getVillage, saveVillage, startExit, villageExportUrl, type Condition, type ExitCase, type VillagePage as Page } from './api';
import { VerdictTag, VillageBreadcrumb } from './parts';

type Field = Page['fields'][number];

/** The input of a field; Form.Item passes `value` and `onChange` through. */
function FieldInput({ field, ...control }: { field: Field; value?: never; onChange?: never; id?: string }) {
  const { t } = useTranslation();
  switch (field.kind) {
    case 'flag':
      return <Radio.Group {...control} optionType="button" options={[{ value: true, label: t('villages.yes') }, { value: false, label: t('villages.no') }]} />;
    case 'school':
      return <Select {...control} allowClear style={{ width: 120 }} options={['school', 'teaching_point', 'none'].map((v) => ({ value: v, label: t(`villages.school.${v}`) }))} />;
    case 'text':
      return <Input {...control} style={{ width: 240 }} />;
    case 'share':
      return <InputNumber {...control} min={0} max={1} step={0.01} placeholder={t('villages.shareHint')} style={{ width: 140 }} />;
    default:
      return <InputNumber {...control} style={{ width: 160 }} />;
  }
}

function RecordForm({ page, onSaved }: { page: Page; onSaved: (p: Page) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const groups = [...new Set(page.fields.map((f) => f.group))];
  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      const clean = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === undefined || v === '' ? null : v]));
      onSaved(await saveVillage(page.village.code, page.year, clean));
      void message.success(t('villages.saved'));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" className="village-form" onFinish={submit} initialValues={page.values ?? {}}>
      {error && <Alert className="village-form-error" type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {groups.map((g) => (
        <fieldset key={g} className="village-group"><legend>{g}</legend>
          <Space wrap align="start">
            {page.fields.filter((f) => f.group === g).map((f) => (
              <Form.Item key={f.key} name={f.key} label={f.label} className={`field-${f.key}`} rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}>
                <FieldInput field={f} />
              </Form.Item>
            ))}
          </Space>
        </fieldset>
      ))}
      <Button type="primary" htmlType="submit" className="village-save" loading={busy}>{t('villages.save')}</Button>
    </Form>
  );
}

function ConditionTable({ conditions, className }: { conditions: Condition[]; className: string }) {
  const { t } = useTranslation();
  const columns: ColumnsType<Condition> = [
    { title: t('villages.condition'), dataIndex: 'label', width: 200, render: (v: string, c) => (c.judged ? v : <span>{v} <Tag>{t('villages.shownOnly')}</Tag></span>) },
    { title: t('villages.value'), dataIndex: 'value', width: 110 },
    { title: t('villages.threshold'), dataIndex: 'threshold', width: 180 },
    { title: t('villages.result'), dataIndex: 'passed', width: 80, render: (v: boolean | null) => <VerdictTag passed={v} /> },
    { title: t('villages.condition'), dataIndex: 'text', width: 320 },
    { title: t('villages.source'), dataIndex: 'source' },
  ];
  return <Table<Condition> className={className} rowKey="code" size="small" bordered pagination={false} columns={columns} dataSource={conditions} />;
}

type Pending = { c: ExitCase; type: string };

function ExitCard({ page, reload }: { page: Page; reload: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const [pending, setPending] = useState<Pending>();
  const [error, setError] = useState<string>();
  const [form] = Form.useForm();
  const open = page.exitCases.find((c) => c.status === 'in_progress');
  const run = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      setPending(undefined);
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  const act = (c: ExitCase, type: string) => (['approve'].includes(type) ? run(() => actOnExit(c, { type })) : (form.resetFields(), setPending({ c, type })));
  const submitPending = (v: { comment?: string; startsOn?: { format: (f: string) => string }; objector?: string; upheld?: boolean }) =>
    run(() => actOnExit(pending!.c, { type: pending!.type, comment: v.comment, objector: v.objector, upheld: v.upheld, startsOn: v.startsOn?.format('YYYY-MM-DD') }));
  return (
    <Card size="small" title={t('villages.exitTitle')} className="village-exit">
      {error && <Alert className="village-exit-error" type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {!open && can('procedures.act') && page.values?.poorVillage === true && !page.values?.exitYear && (
        <Button type="primary" className="village-exit-start" onClick={() => run(() => startExit(page.village.code, page.year))}>{t('villages.startExit')}</Button>
      )}
      {page.exitCases.map((c) => (
        <div key={c.id} className={`village-exit-case exit-${c.status}`} style={{ marginTop: 12 }}>
          <Space style={{ marginBottom: 8 }}>
            <Tag className="exit-status" color={c.status === 'completed' ? 'green' : c.status === 'rejected' ? 'red' : 'blue'}>{c.statusLabel}</Tag>
            {c.noticeStartsOn && <span>{t('villages.notice')}：{c.noticeStartsOn} — {c.noticeEndsOn}</span>}
            {c.openObjections > 0 && <Tag color="orange">{t('villages.objections')} {c.openObjections}</Tag>}
          </Space>
          <Steps size="small" current={c.status === 'completed' ? c.steps.length + 1 : (c.step?.index ?? 0) + 1}
            items={[{ title: '村申请' }, ...c.steps.map((s) => ({ title: s.label }))]} />
          <Space wrap style={{ marginTop: 8 }} className="exit-actions">
            {c.actions.map((a) => (
              <Button key={a.type} className={`exit-action-${a.type}`} disabled={!a.allowed} title={a.reason ?? undefined} onClick={() => act(c, a.type)}>
                {t(`villages.actions.${a.type}`)}
              </Button>
            ))}
          </Space>
          <Table className="exit-history" rowKey="seq" size="small" pagination={false} style={{ marginTop: 8 }} dataSource={c.history}
            columns={[
              { title: t('villages.step'), dataIndex: 'stepLabel', width: 120 },
              { title: t('villages.done'), dataIndex: 'action', width: 100, render: (v: string) => (v === 'start' ? '申请' : t(`villages.actions.${v}`)) },
              { title: t('villages.startsOn'), dataIndex: 'onDate', width: 110 },
              { title: t('villages.objector'), dataIndex: 'actorName', width: 140 },
              { title: t('villages.comment'), dataIndex: 'comment' },
            ]} />
        </div>
      ))}
      {pending && (
        <Modal open title={t(`villages.actions.${pending.type}`)} onOk={() => form.submit()} onCancel={() => setPending(undefined)} destroyOnHidden>
          <Form form={form} layout="vertical" onFinish={submitPending}>
            {pending.type === 'publish' && <Form.Item name="startsOn" label={t('villages.startsOn')} rules={[{ required: true }]}><DatePicker className="exit-starts-on" /></Form.Item>}
            {pending.type === 'object' && <Form.Item name="objector" label={t('villages.objector')}><Input /></Form.Item>}
            {pending.type === 'resolve' && <Form.Item name="upheld" label={t('villages.upheld')} valuePropName="checked"><Switch /></Form.Item>}
            {pending.type !== 'publish' && <Form.Item name="comment" label={t('villages.comment')} rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>}
          </Form>
        </Modal>
      )}
    </Card>
  );
}

export function VillagePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const [year] = useYear();
  const can = useCan();
  const state = useApi(`${code}|${year}`, (signal) => getVillage(code, year, signal));
  const [page, setPage] = useState<Page>();
  useEffect(() => setPage(state.data), [state.data]);
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!page) return <Card loading />;
  const v = page.village;
  const steps = [{ code: v.countyCode, name: v.countyName }, { code: v.townshipCode, name: v.townshipName }, { code: v.code, name: v.name }];
  return (
    <div className="report-page village-page">
      <VillageBreadcrumb steps={steps} year={year} />
      <div className="report-head">
        <h2 className="report-title">{t('villages.pageTitle', { name: v.name, year })}</h2>
        <ReportActions exportUrl={villageExportUrl(code, year)} />
      </div>
      <Card size="small" title={t('villages.figures')} className="village-figures">
        <Descriptions size="small" column={4} items={[
          { key: 'h', label: t('villages.households'), children: page.figures.households },
          { key: 'p', label: t('villages.persons'), children: page.figures.persons },
          { key: 'ph', label: t('villages.poorHouseholds'), children: page.figures.poorHouseholds },
          { key: 'pp', label: t('villages.poorPersons'), children: page.figures.poorPersons },
        ]} />
      </Card>
      <Card size="small" className="village-verdict" title={<Space>{t('villages.verdictTitle')}<VerdictTag passed={page.verdict.passed} /><span className="policy-key">{t('villages.policy', { key: page.policyKey })}</span></Space>}>
        {page.values === null ? <Alert type="info" showIcon title={t('villages.notFilled')} /> : <ConditionTable className="village-conditions" conditions={page.verdict.conditions} />}
        {page.verdict.relativeIdentification && (
          <div style={{ marginTop: 12 }}>
            <h4>{t('villages.relativeTitle')}：{page.verdict.relativeIdentification.met === null ? t('villages.unknown') : t(page.verdict.relativeIdentification.met ? 'villages.met' : 'villages.notMet')}</h4>
            <ConditionTable className="village-relative" conditions={page.verdict.relativeIdentification.conditions} />
          </div>
        )}
        {page.listing && <p className="village-listing" style={{ marginTop: 12 }}>{t('villages.listing')}：<Tag color={page.listing.listed ? 'red' : 'default'}>{t(page.listing.listed ? 'villages.listed' : 'villages.notListed')}</Tag>{page.listing.reason}</p>}
        <Descriptions size="small" title={t('villages.collective')} column={5} items={page.collectiveIncome.sources.map((s) => ({
          key: s.code, label: `${s.label}（${t(s.counted ? 'villages.counted' : 'villages.notCounted')}）`, children: s.value === null ? '—' : s.value.toLocaleString('zh-CN'),
        }))} />
      </Card>
      <ExitCard page={page} reload={state.reload} />
      <Card size="small" title={t('villages.record')} className="village-record">
        {can('ledger.write') ? <RecordForm key={`${page.year}|${page.updatedAt ?? ''}|${page.values?.exitYear ?? ''}`} page={page} onSaved={setPage} /> : (
          <Descriptions size="small" column={3} items={page.fields.map((f) => ({ key: f.key, label: f.label, children: String(page.values?.[f.key] ?? '—') }))} />
        )}
      </Card>
    </div>
  );
}
