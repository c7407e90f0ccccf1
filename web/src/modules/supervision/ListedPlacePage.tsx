/**
 * One listed place: why it is listed, its supervising leader, its remaining poor by cause, the
 * trend by year and month, and its open rectifications; findings handed (交办) to a department
 * become rectifications. The leader and 交办 forms need 'supervision.manage'.
 */
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, message, Modal, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { causeExportUrl } from '../reports/api';
import { CauseReportBody } from '../reports/CauseReportPage';
import { barOption, Chart, lineOption } from '../reports/Chart';
import { DrillPath, ReportActions } from '../reports/parts';
import { getListedPlace, postFinding, putLeader, type FindingInput, type LeaderInput } from './api';
import { useAsOfParam } from './ListingPage';

export function ListedPlacePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const [asOf] = useAsOfParam();
  const can = useCan();
  const detail = useApi(`${code}|${asOf ?? ''}`, (signal) => getListedPlace(code, asOf, signal));
  const [form, setForm] = useState<'leader' | 'finding' | null>(null);
  const data = detail.data;
  const listed = data?.listing;

  return (
    <div className="report-page listed-place">
      <div className="report-head">
        <div>
          <h2 className="report-title">{data ? t('supervision.detailHeading', { place: data.place.name }) : t('supervision.title')}</h2>
          <DrillPath place={data?.place} />
        </div>
        <ReportActions
          exportUrl={causeExportUrl({ place: code })}
          extra={
            can('supervision.manage') && (
              <>
                <Button onClick={() => setForm('leader')}>{t('supervision.setLeader')}</Button>
                <Button type="primary" onClick={() => setForm('finding')}>{t('supervision.assign')}</Button>
              </>
            )
          }
        />
      </div>
      {detail.error ? (
        <ErrorState error={detail.error} onRetry={detail.reload} />
      ) : !data ? (
        <Spin className="page-loading" />
      ) : (
        <>
          {listed ? (
            <Descriptions bordered size="small" column={3}>
              <Descriptions.Item label={t('supervision.reason')} span={3}>{listed.reason}</Descriptions.Item>
              <Descriptions.Item label={t('supervision.leader')}>{listed.leader ? `${listed.leader.name}${listed.leader.title ? '（' + listed.leader.title + '）' : ''}` : t('supervision.noLeader')}</Descriptions.Item>
              <Descriptions.Item label={t('supervision.latest')}>{`${listed.latestPersons}（${listed.latestYear}）`}</Descriptions.Item>
              <Descriptions.Item label={t('supervision.open')}>
                <Link to={`/rectifications?place=${code}&status=open`}>{t('supervision.openOverdue', { open: listed.openRectifications, overdue: listed.overdueRectifications })}</Link>
                {listed.delistable && <Tag color="green" style={{ marginLeft: 8 }}>{t('supervision.delistable')}</Tag>}
              </Descriptions.Item>
            </Descriptions>
          ) : (
            <Alert type="info" showIcon title={t('supervision.notListed', { date: data.asOf ?? '—' })} />
          )}
          <div className="report-grid">
            <Card size="small" title={t('supervision.trend')}>
              <Chart
                height={240}
                option={lineOption(
                  data.trend.map((y) => y.year),
                  [
                    { name: t('supervision.remainingPersons'), values: data.trend.map((y) => y.remainingPersons) },
                    { name: t('supervision.exitsPersons'), values: data.trend.map((y) => y.exitsPersons) },
                  ],
                )}
              />
            </Card>
            <Card size="small" title={t('supervision.monthly')}>
              {data.snapshots.length > 0 ? (
                <Chart height={240} option={barOption(data.snapshots.map((s) => s.month), [{ name: t('supervision.remainingPersons'), values: data.snapshots.map((s) => s.persons) }])} />
              ) : (
                <span className="report-sub">{t('supervision.noSnapshots')}</span>
              )}
            </Card>
          </div>
          <CauseReportBody report={data.causes} />
        </>
      )}
      <LeaderForm open={form === 'leader'} code={code} year={Number((asOf ?? new Date().toISOString()).slice(0, 4))} onClose={(saved) => { setForm(null); if (saved) detail.reload(); }} />
      <FindingForm open={form === 'finding'} code={code} onClose={(saved) => { setForm(null); if (saved) detail.reload(); }} />
    </div>
  );
}

function useSubmit<T>(send: (values: T) => Promise<unknown>, onClose: (saved: boolean) => void) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async (values: T) => {
    setBusy(true);
    setError(undefined);
    try {
      await send(values);
      void message.success(t('supervision.saved'));
      onClose(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

function LeaderForm({ open, code, year, onClose }: { open: boolean; code: string; year: number; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<LeaderInput>();
  const { busy, error, submit } = useSubmit<LeaderInput>((v) => putLeader(code, v), onClose);
  return (
    <Modal open={open} title={t('supervision.setLeader')} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      <Form form={form} layout="vertical" initialValues={{ year }} onFinish={submit}>
        <Form.Item name="year" label={t('supervision.year')} rules={[{ required: true }]}><InputNumber min={2000} max={2100} /></Form.Item>
        <Form.Item name="leaderName" label={t('supervision.leaderName')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="leaderTitle" label={t('supervision.leaderTitle')}><Input /></Form.Item>
        <Form.Item name="note" label={t('supervision.note')}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

function FindingForm({ open, code, onClose }: { open: boolean; code: string; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FindingInput>();
  const { busy, error, submit } = useSubmit<FindingInput>((v) => postFinding(code, { ...v, foundOn: v.foundOn || undefined }), onClose);
  return (
    <Modal open={open} title={t('supervision.assign')} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="finding" label={t('supervision.finding')} rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
        <Space wrap>
          <Form.Item name="responsibleUnit" label={t('supervision.unit')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="responsibleLeader" label={t('supervision.responsibleLeader')}><Input /></Form.Item>
          <Form.Item name="responsiblePerson" label={t('supervision.person')}><Input /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="deadline" label={t('supervision.deadline')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
          <Form.Item name="foundOn" label={t('supervision.foundOn')}><Input type="date" /></Form.Item>
          <Form.Item name="sourceRef" label={t('supervision.sourceRef')}><Input /></Form.Item>
        </Space>
        <Form.Item name="measures" label={t('supervision.measures')}><Input.TextArea rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
