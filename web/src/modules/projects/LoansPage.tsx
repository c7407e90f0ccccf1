/** 扶贫小额信贷: loans under the place by state (overdue, due soon…), the schedule of one loan, repayments and extensions. */
import { Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Space, Statistic, Table, Tabs, Tag, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, queryString } from '../../api/client';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { ReportActions } from '../reports/parts';
import { checkOverdue, createLoan, extend, getLoan, listLoans, loansExportUrl, repay, yuan, type Loan, type LoanQuery } from './api';
import { FormModal, todayText } from './parts';
import { moneyRule } from '../../app/formRules';

type DateValue = { format: (f: string) => string } | undefined;
const day = (v: DateValue) => (v ? v.format('YYYY-MM-DD') : todayText());
const STATE_COLORS: Record<string, string> = { active: 'blue', overdue: 'red', repaid: 'green' };

export function LoansPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const can = useCan();
  const [state, setState] = useState<string>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState<number>();
  const [creating, setCreating] = useState(false);
  const query: LoanQuery = { place, state: state === 'all' ? undefined : state, ...page };
  const list = useApi(queryString(query), (signal) => listLoans(query, signal));
  const writable = can('funds.write');
  const counts = list.data?.counts;
  const runCheck = async () => {
    try {
      const result = await checkOverdue(place);
      void message.success(t('projects.checked', { checked: result.checked, changed: result.changes.length }));
      list.reload();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  const columns: ColumnsType<Loan> = [
    { title: t('projects.household'), key: 'h', render: (_: unknown, l) => <a onClick={() => setOpen(l.id)}>{l.headName}（{l.householdNo}）</a> },
    { title: t('projects.village'), dataIndex: 'villageName' },
    { title: t('projects.lender'), dataIndex: 'lender' },
    { title: t('projects.amount'), dataIndex: 'amount', align: 'right', render: yuan },
    { title: t('projects.outstanding'), dataIndex: 'outstanding', align: 'right', render: yuan },
    { title: t('projects.issuedOn'), dataIndex: 'issuedOn', width: 105 },
    { title: t('projects.nextDue'), key: 'next', width: 160, render: (_: unknown, l) => (l.nextDueOn ? `${l.nextDueOn} · ${yuan(l.nextDueAmount)}` : '—') },
    { title: t('projects.state'), key: 'state', width: 200, render: (_: unknown, l) => (
      <Space size={4}>
        <Tag color={STATE_COLORS[l.state]}>{l.stateLabel}</Tag>
        {l.overdueSince && <span>{t('projects.overdueSince', { date: l.overdueSince, amount: yuan(l.overdueAmount) })}</span>}
        {l.dueSoon && <Tag color="orange">{t('projects.dueSoon')}</Tag>}
      </Space>
    ) },
  ];
  return (
    <div className="report-page loans-page">
      <div className="report-head">
        <h2 className="report-title">{t('projects.loansTitle')}</h2>
        <ReportActions exportUrl={loansExportUrl(query)} extra={writable && (
          <Space><Button onClick={runCheck}>{t('projects.overdueCheck')}</Button><Button type="primary" onClick={() => setCreating(true)}>{t('projects.newLoan')}</Button></Space>
        )} />
      </div>
      <div className="big-numbers">
        {(['active', 'overdue', 'due_soon', 'repaid'] as const).map((k) => (
          <div key={k} className={'big-number' + (k === 'overdue' && counts?.overdue ? ' alert' : '')}><Statistic title={t(`projects.states.${k}`)} value={counts?.[k] ?? '—'} /></div>
        ))}
      </div>
      <Card size="small">
        <Tabs activeKey={state} onChange={(k) => { setState(k); setPage((p) => ({ ...p, page: 1 })); }} items={['all', 'overdue', 'due_soon', 'active', 'repaid'].map((k) => ({ key: k, label: t(`projects.states.${k}`) }))} />
        {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : (
          <Table<Loan> className="loans-table" rowKey="id" size="small" bordered loading={list.loading} columns={columns} dataSource={list.data?.items ?? []}
            pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, onChange: (p, pageSize) => setPage({ page: p, pageSize }) }} />
        )}
      </Card>
      {open !== undefined && <LoanModal id={open} writable={writable} onClose={(changed) => { setOpen(undefined); if (changed) list.reload(); }} />}
      {creating && (
        <FormModal<{ householdNo: string; lender: string; amount: number; termMonths: number; installments: number; annualRate: number; subsidyRate: number; purpose: string; issuedOn?: DateValue; contractNo?: string }>
          title={t('projects.newLoan')} initialValues={{ termMonths: 36, installments: 1, annualRate: 0.0435, subsidyRate: 0.0435 }}
          onClose={(done) => { setCreating(false); if (done) list.reload(); }} run={(v) => createLoan({ ...v, issuedOn: day(v.issuedOn) })}
        >
          {() => (
            <>
              <Space wrap><Form.Item name="householdNo" label={t('projects.householdNo')} rules={[{ required: true }]}><Input /></Form.Item>
                <Form.Item name="lender" label={t('projects.lender')} rules={[{ required: true }]}><Input /></Form.Item>
                <Form.Item name="contractNo" label={t('projects.contractNo')}><Input /></Form.Item></Space>
              <Space wrap><Form.Item name="amount" label={t('projects.amount')} rules={[{ required: true }, moneyRule(t('projects.amount'), { positive: true })]}><InputNumber /></Form.Item>
                <Form.Item name="termMonths" label={t('projects.termMonths')}><InputNumber min={1} /></Form.Item>
                <Form.Item name="installments" label={t('projects.installments')}><InputNumber min={1} /></Form.Item></Space>
              <Space wrap><Form.Item name="annualRate" label={t('projects.annualRate')}><InputNumber min={0} step={0.0005} /></Form.Item>
                <Form.Item name="subsidyRate" label={t('projects.subsidyRate')}><InputNumber min={0} step={0.0005} /></Form.Item>
                <Form.Item name="issuedOn" label={t('projects.issuedOn')}><DatePicker /></Form.Item></Space>
              <Form.Item name="purpose" label={t('projects.purpose')} rules={[{ required: true }]}><Input /></Form.Item>
            </>
          )}
        </FormModal>
      )}
    </div>
  );
}

function LoanModal({ id, writable, onClose }: { id: number; writable: boolean; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const detail = useApi(String(id), (signal) => getLoan(id, signal));
  const [changed, setChanged] = useState(false);
  const [form, setForm] = useState<'repay' | 'extend'>();
  const d = detail.data;
  const done = (ok: boolean) => { setForm(undefined); if (ok) { setChanged(true); detail.reload(); } };
  return (
    <Modal open width={860} footer={null} title={d ? `${d.headName}（${d.householdNo}）· ${d.lender}` : '…'} onCancel={() => onClose(changed)}>
      {detail.error ? <ErrorState error={detail.error} onRetry={detail.reload} /> : d && (
        <>
          <Descriptions size="small" column={3} items={[
            { label: t('projects.amount'), children: yuan(d.amount) }, { label: t('projects.termMonths'), children: d.termMonths }, { label: t('projects.issuedOn'), children: d.issuedOn },
            { label: t('projects.outstanding'), children: yuan(d.outstanding) }, { label: t('projects.extended'), children: `${d.extendedMonths} / ${d.limits.maxExtensionMonths}` },
            { label: t('projects.state'), children: <Tag color={STATE_COLORS[d.state]}>{d.stateLabel}</Tag> },
          ]} />
          <Table rowKey="seq" size="small" bordered pagination={false} dataSource={d.schedule} columns={[
            { title: t('projects.seq'), dataIndex: 'seq' }, { title: t('projects.dueOn'), dataIndex: 'dueOn' }, { title: t('projects.principal'), dataIndex: 'principal', align: 'right', render: yuan },
            { title: t('projects.interest'), dataIndex: 'interest', align: 'right', render: yuan }, { title: t('projects.subsidy'), dataIndex: 'subsidy', align: 'right', render: yuan },
            { title: t('projects.outstanding'), dataIndex: 'outstanding', align: 'right', render: yuan }, { title: '', dataIndex: 'paid', render: (p: boolean) => (p ? <Tag color="green">{t('projects.paid')}</Tag> : null) },
          ]} />
          <h4>{t('projects.repayments')}</h4>
          <Table rowKey="seq" size="small" pagination={false} dataSource={d.repayments} columns={[{ title: t('projects.paidOn'), dataIndex: 'paidOn' }, { title: t('projects.principal'), dataIndex: 'principal', render: yuan }, { title: t('projects.interest'), dataIndex: 'interest', render: yuan }]} />
          <h4>{t('projects.extensions')}</h4>
          <Table rowKey="seq" size="small" pagination={false} dataSource={d.extensions} columns={[{ title: t('projects.grantedOn'), dataIndex: 'grantedOn' }, { title: t('projects.months'), dataIndex: 'months' }, { title: t('projects.reason'), dataIndex: 'reason' }]} />
          {writable && d.state !== 'repaid' && (
            <Space style={{ marginTop: 12 }}><Button type="primary" onClick={() => setForm('repay')}>{t('projects.repay')}</Button><Button onClick={() => setForm('extend')}>{t('projects.extend')}</Button></Space>
          )}
          {form === 'repay' && (
            <FormModal<{ principal: number; interest?: number; paidOn?: DateValue }> title={t('projects.repay')} onClose={done} run={(v) => repay(id, { ...v, interest: v.interest ?? 0, paidOn: day(v.paidOn) })}>
              {() => (<Space wrap><Form.Item name="principal" label={t('projects.principal')} rules={[{ required: true }, moneyRule(t('projects.principal'))]}><InputNumber /></Form.Item>
                <Form.Item name="interest" label={t('projects.interest')} rules={[moneyRule(t('projects.interest'))]}><InputNumber /></Form.Item><Form.Item name="paidOn" label={t('projects.paidOn')}><DatePicker /></Form.Item></Space>)}
            </FormModal>
          )}
          {form === 'extend' && (
            <FormModal<{ months: number; reason: string; grantedOn?: DateValue }> title={t('projects.extend')} onClose={done} run={(v) => extend(id, { ...v, grantedOn: day(v.grantedOn) })}>
              {() => (<><Space wrap><Form.Item name="months" label={t('projects.months')} rules={[{ required: true }]}><InputNumber min={1} max={d.limits.maxExtensionMonths} /></Form.Item>
                <Form.Item name="grantedOn" label={t('projects.grantedOn')}><DatePicker /></Form.Item></Space>
                <Form.Item name="reason" label={t('projects.reason')} rules={[{ required: true }]}><Input /></Form.Item></>)}
            </FormModal>
          )}
        </>
      )}
    </Modal>
  );
}
