/** 项目详情: a project's fields, status steps, its allocations and disbursements, and its beneficiary households (editable with funds.write). */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Drawer, Form, Input, InputNumber, Space, Spin, Steps, Table, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { householdStatus, labelOf } from '../../../../src/domain/enums';
import { PROJECT_STATUSES } from '../../../../src/domain/funds/projectTypes';
import { getProject, listAllocations, listDisbursements, setBeneficiaries, yuan, type Allocation, type Disbursement, type ProjectDetail as Detail } from './api';
import { moneyRule } from '../../app/formRules';

type Row = { householdNo?: string; incomeGain?: number | null };
type FieldDetail = { field?: string; value?: unknown; message?: string };

export function ProjectDetail({ id, onClose }: { id: number; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const [changed, setChanged] = useState(false);
  const detail = useApi(`project-${id}`, (signal) => getProject(id, signal));
  const p = detail.data;
  const funds = useApi(`project-funds-${id}-${p?.placeCode ?? ''}`, (signal) =>
    p ? Promise.all([listAllocations({ place: p.placeCode, projectId: id }, signal), listDisbursements({ place: p.placeCode, projectId: id }, signal)]) : Promise.resolve(undefined),
  );
  const writable = useCan()('funds.write');
  return (
    <Drawer open width={900} title={p ? p.name : t('projects.detail')} onClose={() => onClose(changed)} className="project-detail" destroyOnHidden>
      {detail.error ? (
        <ErrorState error={detail.error} onRetry={detail.reload} />
      ) : !p ? (
        <Spin />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Fields p={p} />
          <Steps size="small" current={Object.keys(PROJECT_STATUSES).indexOf(p.status)} items={statusSteps(p)} />
          <section>
            <h3>{t('projects.tabAllocations')}</h3>
            {funds.error ? <ErrorState error={funds.error} onRetry={funds.reload} /> : (
              <Table<Allocation> rowKey="id" size="small" bordered pagination={false} loading={funds.loading} dataSource={funds.data?.[0] ?? []} columns={[
                { title: t('projects.source'), dataIndex: 'sourceName' }, { title: t('projects.allocatedOn'), dataIndex: 'allocatedOn', width: 110 },
                { title: t('projects.amount'), dataIndex: 'amount', align: 'right', render: yuan }, { title: t('projects.disbursed'), dataIndex: 'disbursed', align: 'right', render: yuan },
                { title: t('projects.balance'), dataIndex: 'balance', align: 'right', render: yuan },
              ]} />
            )}
          </section>
          <section>
            <h3>{t('projects.tabDisbursements')}</h3>
            {!funds.error && (
              <Table<Disbursement> rowKey="id" size="small" bordered pagination={false} loading={funds.loading} dataSource={funds.data?.[1] ?? []} columns={[
                { title: t('projects.paidOn'), dataIndex: 'paidOn', width: 110 }, { title: t('projects.voucher'), dataIndex: 'voucherNo' }, { title: t('projects.payee'), dataIndex: 'payee' },
                { title: t('projects.amount'), dataIndex: 'amount', align: 'right', render: yuan },
              ]} />
            )}
          </section>
          <section>
            <h3>{t('projects.beneficiaryTitle', { count: p.beneficiaryList.length })}</h3>
            <Table rowKey="householdNo" size="small" bordered pagination={false} className="beneficiary-table" dataSource={p.beneficiaryList} columns={[
              { title: t('projects.householdNo'), dataIndex: 'householdNo' }, { title: t('projects.headName'), dataIndex: 'headName' }, { title: t('projects.village'), dataIndex: 'villageName', render: (name: string, b: { villageCode: string }) => <span title={b.villageCode}>{name}</span> },
              { title: t('projects.householdStatus'), dataIndex: 'status', render: (v: string) => labelOf(householdStatus, v) }, { title: t('projects.incomeGain'), dataIndex: 'incomeGain', align: 'right', render: yuan },
            ]} />
            {writable && <BeneficiaryForm p={p} onSaved={() => { setChanged(true); detail.reload(); }} />}
          </section>
        </Space>
      )}
    </Drawer>
  );
}

function Fields({ p }: { p: Detail }) {
  const { t } = useTranslation();
  const items: [string, unknown][] = [
    ['place', `${p.placeName}（${p.placeCode}）`], ['year', p.year], ['industry', p.industry], ['type', p.typeLabel],
    ['scale', p.scale === null ? '—' : `${p.scale.toLocaleString('zh-CN')} ${p.scaleUnit ?? ''}`], ['lead', p.leadDepartment],
    ['plannedOutput', yuan(p.plannedOutput)], ['actualOutput', yuan(p.actualOutput)], ['plannedStart', p.plannedStart ?? '—'], ['plannedCompletion', p.plannedCompletion ?? '—'],
    ['benefitLink', p.benefitLinkLabel ?? '—'], ['coveredHouseholds', p.coveredHouseholds ?? '—'], ['avgIncomeGain', yuan(p.avgIncomeGain)], ['status', p.statusLabel],
    ['allocated', yuan(p.allocated)], ['disbursed', yuan(p.disbursed)], ['balance', yuan(p.balance)], ['note', p.note ?? '—'],
  ];
  return <Descriptions size="small" bordered column={2} items={items.map(([key, value]) => ({ key, label: t(`projects.${key}`), children: String(value) }))} />;
}

function statusSteps(p: Detail) {
  const dates: Record<string, string | null> = { started: p.startedOn, completed: p.completedOn, accepted: p.acceptedOn };
  return Object.entries(PROJECT_STATUSES).map(([key, title]) => ({ title, description: dates[key] ?? undefined }));
}

/** Edit the whole beneficiary list; the server's errors land on the row and field they name. */
function BeneficiaryForm({ p, onSaved }: { p: Detail; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ households: Row[] }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ households }: { households: Row[] }) => {
    setBusy(true);
    setError(undefined);
    try {
      await setBeneficiaries(p.id, households.map((h) => ({ householdNo: (h.householdNo ?? '').trim(), incomeGain: h.incomeGain ?? null })));
      void message.success(t('projects.saved'));
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      if (e instanceof ApiError && Array.isArray(e.details)) form.setFields(fieldErrors(e.details as FieldDetail[], households, e.message, (v) => t('projects.notBeneficiary', { value: v })));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} className="beneficiary-form" onFinish={submit} initialValues={{ households: p.beneficiaryList.map((b) => ({ householdNo: b.householdNo, incomeGain: b.incomeGain })) }} style={{ marginTop: 12 }}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Form.List name="households">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'householdNo']} rules={[{ required: true, message: t('projects.householdNoRequired') }]}><Input className="beneficiary-no" placeholder={t('projects.householdNo')} style={{ width: 220 }} /></Form.Item>
                <Form.Item name={[f.name, 'incomeGain']} rules={[moneyRule(t('projects.incomeGain'))]}><InputNumber className="beneficiary-gain" placeholder={t('projects.incomeGain')} style={{ width: 160 }} /></Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Space>
              <Button icon={<PlusOutlined />} className="beneficiary-add" onClick={() => add({})}>{t('projects.addBeneficiary')}</Button>
              <Button type="primary" htmlType="submit" className="beneficiary-save" loading={busy}>{t('projects.saveBeneficiaries')}</Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}

/** Server details → form field errors: zod paths ('households.2.incomeGain') or a householdNo value. */
type RowField = ['households', number, 'householdNo' | 'incomeGain'];
function fieldErrors(details: FieldDetail[], rows: Row[], fallback: string, notHere: (value: string) => string): { name: RowField; errors: string[] }[] {
  return details.flatMap((d) => {
    const path = /^households\.(\d+)\.(householdNo|incomeGain)$/.exec(d.field ?? '');
    if (path) return [{ name: ['households', Number(path[1]), path[2] as RowField[2]] as RowField, errors: [d.message ?? fallback] }];
    if (d.field === 'householdNo') {
      return rows.flatMap((r, i) => (r.householdNo?.trim() === d.value ? [{ name: ['households', i, 'householdNo'] as RowField, errors: [notHere(String(d.value))] }] : []));
    }
    return [];
  });
}
