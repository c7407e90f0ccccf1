/**
 * 扶贫资金: the county's fund rules for the year (pass/fail with the values read), sources with
 * their balances, allocations to projects or households, disbursements with vouchers, and the
 * per-person fund shared 6:3:1. Writing needs 'funds.write'; every amount is in yuan.
 */
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { FUND_KINDS } from '../../../../src/domain/funds/projectTypes';
import { ReportActions } from '../reports/parts';
import { allocate, createSource, disburse, fundsExportUrl, getRules, getSplit, listAllocations, listDisbursements, listProjects, listSources, yuan, type Allocation, type Disbursement, type RulePanel, type Source } from './api';
import { FormModal, todayText, useYear } from './parts';
import { PvRevenueCard } from './PvRevenueCard';
import { moneyRule } from '../../app/formRules';

const KIND_OPTIONS = Object.entries(FUND_KINDS).map(([value, label]) => ({ value, label }));
type DateValue = { format: (f: string) => string } | undefined;
const day = (v: DateValue) => (v ? v.format('YYYY-MM-DD') : todayText());

export function FundsPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const selected = useSelectedPlace();
  const can = useCan();
  const [year] = useYear();
  const [form, setForm] = useState<'source' | 'allocate' | 'disburse'>();
  const key = `${place}/${year}`;
  const sources = useApi('s' + key, (signal) => listSources({ place, year }, signal));
  const allocations = useApi('a' + key, (signal) => listAllocations({ place, year }, signal));
  const disbursements = useApi('d' + key, (signal) => listDisbursements({ place, year }, signal));
  // The fund rules are reckoned for a whole county: read only by users whose scope holds the county.
  const me = useMe();
  const holdsCounty = me.placeCode === '0' || me.placeCode.length <= 6;
  const county = holdsCounty && selected.effectiveCode.length >= 6 ? selected.effectiveCode.slice(0, 6) : undefined;
  const rules = useApi('r' + county + year, (signal) => (county ? getRules({ place: county, year }, signal) : Promise.resolve(undefined)));
  const reload = () => [sources, allocations, disbursements, rules].forEach((s) => s.reload());
  const writable = can('funds.write');

  const sourceColumns: ColumnsType<Source> = [
    { title: t('projects.fundName'), dataIndex: 'name' },
    { title: t('projects.kind'), dataIndex: 'kindLabel', width: 110 },
    { title: t('projects.docNo'), dataIndex: 'docNo', width: 150, render: (v) => v ?? '—' },
    { title: t('projects.amount'), dataIndex: 'amount', align: 'right', render: yuan },
    { title: t('projects.allocated'), dataIndex: 'allocated', align: 'right', render: yuan },
    { title: t('projects.disbursed'), dataIndex: 'disbursed', align: 'right', render: yuan },
    { title: t('projects.unallocated'), dataIndex: 'unallocated', align: 'right', render: yuan },
  ];
  const allocationColumns: ColumnsType<Allocation> = [
    { title: t('projects.target'), key: 'target', render: (_: unknown, a) => a.projectName ?? `${a.headName ?? ''}（${a.householdNo}）` },
    { title: t('projects.source'), dataIndex: 'sourceName' },
    { title: t('projects.allocatedOn'), dataIndex: 'allocatedOn', width: 110 },
    { title: t('projects.amount'), dataIndex: 'amount', align: 'right', render: yuan },
    { title: t('projects.disbursed'), dataIndex: 'disbursed', align: 'right', render: yuan },
    { title: t('projects.balance'), dataIndex: 'balance', align: 'right', render: yuan },
  ];
  const disbursementColumns: ColumnsType<Disbursement> = [
    { title: t('projects.paidOn'), dataIndex: 'paidOn', width: 110 },
    { title: t('projects.voucher'), dataIndex: 'voucherNo', width: 150 },
    { title: t('projects.target'), key: 'target', render: (_: unknown, d) => d.projectName ?? `${d.headName ?? ''}（${d.householdNo}）` },
    { title: t('projects.source'), dataIndex: 'sourceName' },
    { title: t('projects.payee'), dataIndex: 'payee', render: (v) => v ?? '—' },
    { title: t('projects.amount'), dataIndex: 'amount', align: 'right', render: yuan },
  ];
  const table = <T extends { id: number }>(state: { data?: T[]; error?: unknown; loading: boolean; reload: () => void }, columns: ColumnsType<T>, className: string) =>
    state.error ? <ErrorState error={state.error as never} onRetry={state.reload} /> : <Table<T> className={className} rowKey="id" size="small" bordered loading={state.loading} columns={columns} dataSource={state.data ?? []} pagination={{ pageSize: 20 }} />;

  return (
    <div className="report-page funds-page">
      <div className="report-head">
        <h2 className="report-title">{t('projects.fundsTitle')}</h2>
        <ReportActions
          exportUrl={fundsExportUrl({ place, year })}
          extra={writable && (
            <Space>
              <Button onClick={() => setForm('source')}>{t('projects.addSource')}</Button>
              <Button className="allocate-button" onClick={() => setForm('allocate')}>{t('projects.allocate')}</Button>
              <Button className="disburse-button" type="primary" onClick={() => setForm('disburse')}>{t('projects.disburse')}</Button>
            </Space>
          )}
        />
      </div>
      {county && <RulesCard state={rules} />}
      {!holdsCounty && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('projects.rulesCountyOnly')} data-testid="fund-rules-county-only" />}
      {county && writable && <PvRevenueCard place={selected.effectiveCode} year={year} onSaved={rules.reload} />}
      {selected.effectiveCode.length >= 6 && <SplitCard place={selected.effectiveCode} year={year} />}
      <Tabs
        items={[
          { key: 'sources', label: t('projects.tabSources'), children: table(sources, sourceColumns, 'sources-table') },
          { key: 'allocations', label: t('projects.tabAllocations'), children: table(allocations, allocationColumns, 'allocations-table') },
          { key: 'disbursements', label: t('projects.tabDisbursements'), children: table(disbursements, disbursementColumns, 'disbursements-table') },
        ]}
      />
      {form === 'source' && (
        <FormModal<{ kind: string; name: string; docNo?: string; amount: number; receivedOn?: DateValue }>
          title={t('projects.addSource')} initialValues={{ kind: 'central' }} onClose={(done) => { setForm(undefined); if (done) reload(); }}
          run={(v) => createSource({ ...v, placeCode: county ?? selected.effectiveCode, year, receivedOn: v.receivedOn ? day(v.receivedOn) : null })}
        >
          {() => (
            <>
              <Form.Item name="kind" label={t('projects.kind')} rules={[{ required: true }]}><Select options={KIND_OPTIONS} /></Form.Item>
              <Form.Item name="name" label={t('projects.fundName')} rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="docNo" label={t('projects.docNo')}><Input /></Form.Item>
              <Space><Form.Item name="amount" label={t('projects.amount')} rules={[{ required: true }, moneyRule(t('projects.amount'), { positive: true })]}><InputNumber style={{ width: 200 }} /></Form.Item>
                <Form.Item name="receivedOn" label={t('projects.receivedOn')}><DatePicker /></Form.Item></Space>
            </>
          )}
        </FormModal>
      )}
      {form === 'allocate' && <AllocateForm place={place} year={year} sources={sources.data ?? []} onClose={(done) => { setForm(undefined); if (done) reload(); }} />}
      {form === 'disburse' && (
        <FormModal<{ allocationId: number; amount: number; voucherNo: string; payee?: string; paidOn?: DateValue }>
          title={t('projects.disburse')} onClose={(done) => { setForm(undefined); if (done) reload(); }}
          run={(v) => disburse({ ...v, paidOn: day(v.paidOn) })}
        >
          {() => (
            <>
              <Form.Item name="allocationId" label={t('projects.allocation')} rules={[{ required: true }]}>
                <Select className="allocation-select" options={(allocations.data ?? []).map((a) => ({ value: a.id, label: `${a.projectName ?? a.householdNo} · ${a.sourceName} · ${t('projects.balance')} ${yuan(a.balance)}` }))} />
              </Form.Item>
              <Space><Form.Item name="amount" label={t('projects.amount')} rules={[{ required: true }, moneyRule(t('projects.amount'), { positive: true })]}><InputNumber style={{ width: 200 }} /></Form.Item>
                <Form.Item name="paidOn" label={t('projects.paidOn')}><DatePicker /></Form.Item></Space>
              <Form.Item name="voucherNo" label={t('projects.voucher')} rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="payee" label={t('projects.payee')}><Input /></Form.Item>
            </>
          )}
        </FormModal>
      )}
    </div>
  );
}

function AllocateForm({ place, year, sources, onClose }: { place?: string; year: number; sources: Source[]; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const projects = useApi(`p${place}/${year}`, (signal) => listProjects({ place, year, pageSize: 500 }, signal));
  const [to, setTo] = useState<'project' | 'household'>('project');
  return (
    <FormModal<{ sourceId: number; projectId?: number; householdNo?: string; amount: number; allocatedOn?: DateValue; note?: string }>
      title={t('projects.allocate')} onClose={onClose}
      run={(v) => allocate({ ...v, projectId: to === 'project' ? v.projectId : null, householdNo: to === 'household' ? v.householdNo : null, allocatedOn: day(v.allocatedOn) })}
    >
      {() => (
        <>
          <Form.Item name="sourceId" label={t('projects.source')} rules={[{ required: true }]}>
            <Select className="source-select" options={sources.map((s) => ({ value: s.id, label: `${s.name} · ${t('projects.unallocated')} ${yuan(s.unallocated)}` }))} />
          </Form.Item>
          <Radio.Group value={to} onChange={(e) => setTo(e.target.value)} style={{ marginBottom: 12 }}>
            <Radio value="project">{t('projects.toProject')}</Radio>
            <Radio value="household">{t('projects.toHousehold')}</Radio>
          </Radio.Group>
          {to === 'project' ? (
            <Form.Item name="projectId" label={t('projects.project')} rules={[{ required: true }]}>
              <Select className="project-select" showSearch optionFilterProp="label" options={(projects.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.placeName}）` }))} />
            </Form.Item>
          ) : (
            <Form.Item name="householdNo" label={t('projects.householdNo')} rules={[{ required: true }]}><Input /></Form.Item>
          )}
          <Space><Form.Item name="amount" label={t('projects.amount')} rules={[{ required: true }, moneyRule(t('projects.amount'), { positive: true })]}><InputNumber style={{ width: 200 }} /></Form.Item>
            <Form.Item name="allocatedOn" label={t('projects.allocatedOn')}><DatePicker /></Form.Item></Space>
          <Form.Item name="note" label={t('projects.note')}><Input /></Form.Item>
        </>
      )}
    </FormModal>
  );
}

function RulesCard({ state }: { state: { data?: RulePanel; error?: unknown; loading: boolean; reload: () => void } }) {
  const { t } = useTranslation();
  const panel = state.data;
  return (
    <Card size="small" className="fund-rules" title={panel ? t('projects.rulesTitleOf', { place: panel.placeName, year: panel.year }) : t('projects.rulesTitle')} loading={state.loading && !panel} style={{ marginBottom: 12 }}>
      {state.error ? <ErrorState error={state.error as never} onRetry={state.reload} /> : (
        <ul className="fund-rule-list">
          {panel?.rules.map((r) => (
            <li key={r.code} className={`fund-rule fund-rule-${r.code}`}>
              <Tag className="fund-rule-result" color={r.pass === null ? 'default' : r.pass ? 'green' : 'red'}>{r.pass === null ? t('projects.noData') : r.pass ? t('projects.pass') : t('projects.fail')}</Tag>
              <strong>{r.label}</strong>：{r.text}
            </li>
          ))}
        </ul>
      )}
      {panel && <div className="report-sub">{t('projects.policyUsed')}：{panel.policyVersions.map((v) => v.title).join(' + ')}</div>}
    </Card>
  );
}

function SplitCard({ place, year }: { place: string; year: number }) {
  const { t } = useTranslation();
  const split = useApi(`split${place}/${year}`, (signal) => getSplit({ place, year }, signal));
  const d = split.data;
  if (split.error) return <ErrorState error={split.error} onRetry={split.reload} />;
  return (
    <Card size="small" className="fund-split" title={t('projects.splitTitle')} loading={split.loading && !d} style={{ marginBottom: 12 }}>
      {d && (
        <p>
          {t('projects.splitText', { place: d.placeName, persons: d.persons.toLocaleString('zh-CN'), perPerson: yuan(d.perPerson), total: yuan(d.total), ratio: d.ratio })}
          {d.shares.map((s) => <Tag key={s.label}>{s.label} {s.share}：{yuan(s.amount)} 元</Tag>)}
        </p>
      )}
    </Card>
  );
}
