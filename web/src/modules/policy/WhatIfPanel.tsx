import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Progress, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readableValue } from './readable';
import { ApiError } from '../../api/client';
import { useBusinessYear } from '../../app/businessYear';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { PlacePicker } from '../../components/PlacePicker';
import { getPolicy, getWhatIfJob, startWhatIf, whatIfListUrl, type Job, type PlaceImpact, type TargetChanges, type WhatIfResult } from './api';

const POLL_MS = 500;

/** Follows a what-if job until it ends (the server keeps its progress). */
function useJob(jobId: number | undefined) {
  const [job, setJob] = useState<Job<WhatIfResult>>();
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    if (jobId === undefined) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const poll = () =>
      getWhatIfJob(jobId, controller.signal).then(
        (j) => {
          setJob(j);
          if (j.status === 'queued' || j.status === 'running') timer = setTimeout(poll, POLL_MS);
        },
        (e: unknown) => {
          if (!controller.signal.aborted) setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
        },
      );
    setJob(undefined);
    setError(undefined);
    poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [jobId]);
  return { job, error };
}

/** 政策测算: the saved draft against the registry of a place, counts by place and the list of changed households. */
export function WhatIfPanel({ policyId, scopeCode, defaultPlace, dirty }: { policyId: string; scopeCode: string; defaultPlace: string; dirty: boolean }) {
  const { t } = useTranslation();
  const [place, setPlace] = useState<string | undefined>(defaultPlace);
  const { year } = useBusinessYear();
  const draft = useApi(`policy#${policyId}`, (signal) => getPolicy(policyId, signal));
  const [jobId, setJobId] = useState<number>();
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<ApiError>();
  const { job, error } = useJob(jobId);
  const result = job?.status === 'done' ? job.result : null;

  async function run() {
    setStarting(true);
    setStartError(undefined);
    try {
      setJobId((await startWhatIf(policyId, place, year)).jobId);
    } catch (e) {
      setStartError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
    } finally {
      setStarting(false);
    }
  }

  const grade = (g: 'red' | 'yellow', when: 'before' | 'after') => (p: PlaceImpact) => p[when].grades[g].households;
  return (
    <Card size="small" title={t('policy.whatIf.title')} className="policy-what-if">
      {dirty && <Alert type="warning" showIcon title={t('policy.whatIf.saveFirst')} style={{ marginBottom: 12 }} />}
      <Form layout="inline" style={{ marginBottom: 12 }}>
        <Form.Item label={t('policy.whatIf.place')}>
          <div style={{ width: 320 }}>
            <PlacePicker within={scopeCode} value={place} onChange={setPlace} />
          </div>
        </Form.Item>
        <Form.Item label={t('policy.whatIf.year')} tooltip={t('policy.whatIf.yearHint')}>
          <span className="policy-what-if-year">{year}</span>
        </Form.Item>
        <Button type="primary" className="policy-what-if-run" loading={starting || job?.status === 'running' || job?.status === 'queued'} onClick={run}>
          {t('policy.whatIf.run')}
        </Button>
      </Form>
      {startError && <ErrorState error={startError} />}
      {error && <ErrorState error={error} />}
      {job && (job.status === 'running' || job.status === 'queued') && <Progress percent={Math.round(job.progress * 100)} status="active" />}
      {job?.status === 'failed' && <Alert type="error" showIcon title={t('policy.whatIf.failed')} description={job.message} />}
      {result && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph className="policy-what-if-summary">
            {t('policy.whatIf.summary', {
              year: result.year,
              place: result.place.name,
              households: result.households,
              persons: result.persons,
              changedHouseholds: result.changed.households,
              changedPersons: result.changed.persons,
            })}
          </Typography.Paragraph>
          {result.changed.households === 0 && (
            <Alert
              type="info"
              showIcon
              className="policy-what-if-zero"
              title={zeroReason(t, result, year, draft.data?.effectiveYear)}
            />
          )}
          <Table<PlaceImpact>
            className="policy-what-if-by-place"
            rowKey="code"
            size="small"
            bordered
            pagination={false}
            dataSource={result.byPlace}
            columns={[
              { title: t('policy.whatIf.placeName'), dataIndex: 'name' },
              { title: t('policy.whatIf.households'), dataIndex: 'households' },
              { title: t('policy.whatIf.changedHouseholds'), dataIndex: 'changedHouseholds', render: (v: number) => <strong>{v}</strong> },
              { title: t('policy.whatIf.changedPersons'), dataIndex: 'changedPersons' },
              { title: t('policy.whatIf.redBefore'), key: 'rb', render: (_: unknown, p) => grade('red', 'before')(p) },
              { title: t('policy.whatIf.redAfter'), key: 'ra', render: (_: unknown, p) => grade('red', 'after')(p) },
              { title: t('policy.whatIf.yellowBefore'), key: 'yb', render: (_: unknown, p) => grade('yellow', 'before')(p) },
              { title: t('policy.whatIf.yellowAfter'), key: 'ya', render: (_: unknown, p) => grade('yellow', 'after')(p) },
            ]}
          />
          {result.targets && <TargetChangeList targets={result.targets} />}
          <Button icon={<DownloadOutlined />} href={whatIfListUrl(job!.id)}>
            {t('policy.whatIf.download')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

/** Why a what-if changes nothing: no households of the year, a draft not yet in force that year, or rules that change no result. */
function zeroReason(t: (key: string, values?: Record<string, unknown>) => string, result: WhatIfResult, year: number, effectiveYear: number | undefined): string {
  if (result.households === 0) return t('policy.whatIf.zeroNoHouseholds', { year: result.year ?? year, place: result.place.name });
  if (effectiveYear !== undefined && effectiveYear > (result.year ?? year)) return t('policy.whatIf.zeroNotInForce', { year: result.year ?? year, effective: effectiveYear });
  return t('policy.whatIf.zeroSame', { year: result.year ?? year });
}

/** What the draft changes besides grades: counties against the monitoring cap, industry verdicts, procedure settings. */
function TargetChangeList({ targets }: { targets: TargetChanges }) {
  const { t } = useTranslation();
  const items = [
    ...targets.capCounties.map((c) => ({ key: `cap-${c.code}`, title: t('policy.whatIf.capCounty', { name: c.name }), text: `${c.before} → ${c.after}` })),
    ...targets.industryPlaces.map((p) => ({ key: `ip-${p.code}`, title: t('policy.whatIf.industryPlace', { name: p.name, before: p.meetingBefore, after: p.meetingAfter }), text: '' })),
    ...targets.industryHouseholds.map((h) => ({ key: `ih-${h.householdNo}`, title: t('policy.whatIf.industryHousehold', { no: h.householdNo, head: h.headName }), text: `${h.before} → ${h.after}` })),
  ];
  const settings = targets.procedureSettings;
  return (
    <Card size="small" type="inner" title={t('policy.whatIf.targetsTitle')} className="policy-what-if-targets">
      {settings.length > 0 && (
        <Table
          size="small"
          bordered
          rowKey="path"
          pagination={false}
          className="policy-what-if-settings"
          dataSource={settings}
          columns={[
            { title: t('policy.whatIf.settingField'), dataIndex: 'field', width: 200 },
            { title: t('policy.whatIf.settingBefore'), key: 'before', render: (_: unknown, x) => readableValue(x.before, t('common.yes'), t('common.no')) },
            { title: t('policy.whatIf.settingAfter'), key: 'after', render: (_: unknown, x) => readableValue(x.after, t('common.yes'), t('common.no')) },
            { title: t('policy.whatIf.settingNote'), dataIndex: 'note' },
          ]}
        />
      )}
      {items.length === 0 && settings.length === 0 ? (
        <Typography.Text type="secondary">{t('policy.whatIf.noTargetChanges')}</Typography.Text>
      ) : (
        <ul>
          {items.map((i) => (
            <li key={i.key}>
              <strong>{i.title}</strong>
              {i.text && <div>{i.text}</div>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
