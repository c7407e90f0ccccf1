/**
 * 疑点 detail: what the comparison found (rule, facts, the department's name), the steps so far,
 * and the work the user's role may do now: 下发 (county), 村核实 with photos and the proposed
 * outcome (village; 纳入监测 starts the monitoring entry procedure), 乡镇审核 (pass or return),
 * 县确认 (the outcome, or return).
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Tag, Timeline, Upload, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { OUTCOMES } from '../../../../src/domain/compare/rules';
import { uploadEvidence } from '../procedures/api';
import { actOnHit, getHit, type HitDetail } from './api';

const OUTCOME_OPTIONS = Object.entries(OUTCOMES).map(([value, label]) => ({ value, label }));
const CATEGORY_OPTIONS = [{ value: 'unstable', label: '脱贫不稳定户' }, { value: 'marginal', label: '边缘易致贫户' }, { value: 'sudden', label: '突发严重困难户' }];
const NEEDS_OUTCOME = new Set(['verify', 'confirm']);

type StepForm = { note?: string; outcome?: string; year?: number; monitorCategory?: string };

export function HitDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const hit = useApi(String(id), (signal) => getHit(id, signal));
  const d = hit.data;
  return (
    <div className="report-page compare-hit">
      <Breadcrumb items={[{ title: t('compare.breadcrumb') }, { title: <Link to="/compare/hits">{t('compare.menu.hits')}</Link> }, { title: t('compare.detailTitle', { id }) }]} />
      {hit.error ? <ErrorState error={hit.error} onRetry={hit.reload} /> : d ? (
        <>
          <Card size="small" title={<span>{t('compare.detailTitle', { id })} · {d.ruleLabel} <Tag data-testid="compare-hit-status">{d.statusLabel}</Tag>{d.overdue && <Tag color="red">{t('compare.overdue')}</Tag>}</span>}>
            <Descriptions size="small" column={3} bordered>
              <Descriptions.Item label={t('compare.household')}><Link to={`/households/${encodeURIComponent(d.householdNo)}`}>{d.householdNo}</Link>（{d.headName}）</Descriptions.Item>
              <Descriptions.Item label={t('compare.village')}>{d.placeName}</Descriptions.Item>
              <Descriptions.Item label={t('compare.person')}>{d.personName ?? '—'} {d.idNumber ?? ''}</Descriptions.Item>
              <Descriptions.Item label={t('compare.referenceName')}>{d.referenceName ?? '—'}{d.nameDiffers && <Tag color="orange">{t('compare.nameDiffers')}</Tag>}</Descriptions.Item>
              <Descriptions.Item label={t('compare.suggested')}>{d.suggestedOutcomeLabel}</Descriptions.Item>
              <Descriptions.Item label={t('compare.outcome')}><span data-testid="compare-hit-outcome">{d.outcomeLabel ?? '—'}</span></Descriptions.Item>
              <Descriptions.Item label={t('compare.foundOn')}>{d.foundOn}</Descriptions.Item>
              <Descriptions.Item label={t('compare.deadline')}>{d.deadline ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('compare.procedure')}>{d.procedureCaseId ? <Link to={`/procedures/cases/${d.procedureCaseId}`}>{d.procedureCaseId}</Link> : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('compare.facts')} span={3}>{d.facts.withheld ? t('compare.withheld') : <FactsText facts={d.facts} />}（{t('compare.batch')} {d.batchId}）</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('compare.steps')}>
            <Timeline items={d.steps.map((s) => ({
              key: s.seq,
              color: s.action.endsWith('return') ? 'red' : s.action === 'confirm' ? 'green' : 'blue',
              children: <><strong>{s.onDate} {s.label}</strong> {s.outcomeLabel && <Tag>{s.outcomeLabel}</Tag>} {s.note} {s.actorName && <span className="report-sub">（{s.actorName}）</span>}
                {s.evidenceIds.length > 0 && <div>{s.evidenceIds.map((e) => <a key={e} href={`/api/v1/procedures/evidence/${e}`} target="_blank" rel="noreferrer"><Tag>{t('compare.photos')} {e}</Tag></a>)}</div>}</>,
            }))} />
          </Card>
          {d.actions.length > 0 && <StepCard hit={d} onDone={hit.reload} />}
        </>
      ) : null}
    </div>
  );
}

function FactsText({ facts }: { facts: Record<string, unknown> }) {
  const detail = (facts.detail ?? {}) as Record<string, string>;
  const parts = [
    ...Object.entries(detail).map(([k, v]) => `${k}：${v}`),
    ...(['category', 'role', 'status'] as const).filter((k) => facts[k]).map((k) => String(facts[k])),
    facts.amount !== undefined ? `金额 ${facts.amount} 元` : '',
    facts.grade !== undefined ? `残疾等级 ${facts.grade} 级（登记 ${facts.registryGrade ?? '无'}）` : '',
    facts.onDate ? `日期 ${facts.onDate}` : '',
    facts.attribute ? `登记为${facts.attribute === 'dibao' ? '低保户' : '特困户'}` : '',
  ].filter(Boolean);
  return <>{parts.join('；')}</>;
}

function StepCard({ hit, onDone }: { hit: HitDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<string>();
  const [photos, setPhotos] = useState<{ id: number; name: string }[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<StepForm>();
  const outcome = Form.useWatch('outcome', form);
  const submit = async (v: StepForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await actOnHit(hit.id, { action, note: v.note ?? '', outcome: v.outcome, evidence: photos.map((p) => p.id), year: v.year, monitorCategory: v.monitorCategory });
      void message.success(t('compare.done'));
      setAction(undefined);
      setPhotos([]);
      form.resetFields();
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const upload = async (file: File) => {
    try {
      const stored = await uploadEvidence(hit.villageCode, 'compare_photo', file);
      setPhotos((p) => [...p, { id: stored.id, name: stored.name }]);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 8 }}>
        {hit.actions.map((a) => <Button key={a.action} type={action === a.action ? 'primary' : 'default'} danger={a.action.endsWith('return')} onClick={() => setAction(a.action)} data-testid={`compare-action-${a.action}`}>{a.label}</Button>)}
      </Space>
      {action && (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ outcome: action === 'verify' ? hit.suggestedOutcome : hit.proposedOutcome ?? undefined, year: Number(hit.foundOn.slice(0, 4)) }}>
          {error && <Alert type="error" showIcon title={error} />}
          {NEEDS_OUTCOME.has(action) && <Form.Item name="outcome" label={t('compare.outcome')}><Select options={OUTCOME_OPTIONS} style={{ width: 200 }} data-testid="compare-outcome" /></Form.Item>}
          {NEEDS_OUTCOME.has(action) && (outcome === 'removed' || outcome === 'monitoring') && <Form.Item name="year" label={t('compare.year')}><InputNumber min={2014} max={2100} /></Form.Item>}
          {action === 'verify' && outcome === 'monitoring' && <Form.Item name="monitorCategory" label={t('compare.monitorCategory')}><Select options={CATEGORY_OPTIONS} style={{ width: 200 }} /></Form.Item>}
          <Form.Item name="note" label={t('compare.note')}><Input.TextArea rows={2} data-testid="compare-note" /></Form.Item>
          {action === 'verify' && (
            <Form.Item label={t('compare.photos')}>
              <Upload accept="image/jpeg,image/png" showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
                <Button icon={<UploadOutlined />} data-testid="compare-photo">{t('compare.upload')}</Button>
              </Upload>
              <div>{photos.map((p) => <Tag key={p.id}>{p.name}</Tag>)}</div>
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="compare-submit">{t('compare.submit')}</Button>
        </Form>
      )}
    </Card>
  );
}
