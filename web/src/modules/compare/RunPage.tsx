/** 大数据比对: start the comparison for a county (or every county in reach), follow its progress, read the rules in force. */
import { Alert, Breadcrumb, Button, Card, Form, Input, Progress, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useMe } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { OUTCOMES, RULE_GROUPS } from '../../../../src/domain/compare/rules';
import { followJob, getRules, startRun, type CompareJob } from './api';

interface RuleLine {
  code: string;
  label: string;
  group: string;
  meaning: string;
  source: string;
  localDefault: boolean;
  suggestedOutcome: string;
  enabled: boolean;
}

const GROUPS: Record<string, string> = RULE_GROUPS;
const OUTCOME_LABELS: Record<string, string> = OUTCOMES;

export function RunPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [place, setPlace] = useState(me.placeCode);
  const [job, setJob] = useState<CompareJob>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const rules = useApi('rules', (signal) => getRules(signal));
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { jobId } = await startRun(place);
      await followJob(jobId, setJob);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const ruleLines: RuleLine[] = rules.data ? Object.entries((rules.data.rules as { rules: Record<string, Omit<RuleLine, 'code'>> }).rules).map(([code, r]) => ({ code, ...r })) : [];
  const result = job?.result as { added: number; resolved: number } | null | undefined;
  return (
    <div className="report-page compare-run">
      <Breadcrumb items={[{ title: t('compare.breadcrumb') }, { title: t('compare.menu.run') }]} />
      <h2 className="report-title">{t('compare.runTitle')}</h2>
      <Card size="small">
        <Form layout="inline">
          <Form.Item label={t('compare.runPlace')}><Input style={{ width: 140 }} value={place} onChange={(e) => setPlace(e.target.value.trim())} /></Form.Item>
          <Form.Item><Button type="primary" loading={busy} onClick={() => void run()} data-testid="compare-run">{t('compare.start')}</Button></Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
        {job && (
          <Space direction="vertical" style={{ width: '100%', marginTop: 8 }} data-testid="compare-run-job">
            <Progress percent={Math.round((job.status === 'done' ? 1 : job.progress) * 100)} status={job.status === 'failed' ? 'exception' : undefined} />
            <Alert type={job.status === 'done' ? 'success' : job.status === 'failed' ? 'error' : 'info'} showIcon title={job.message ?? (job.stage ? `${t('compare.running')} ${job.stage}` : t('compare.running'))} />
            {result && <span>{t('compare.added')}：{result.added}　{t('compare.resolved')}：{result.resolved}　<Link to={`/compare/hits?place=${place}`}>{t('compare.goHits')}</Link></span>}
          </Space>
        )}
      </Card>
      <Card size="small" title={rules.data ? t('compare.rulesTitle', { version: rules.data.version }) : ''}>
        {rules.error ? <ErrorState error={rules.error} onRetry={rules.reload} /> : (
          <Table<RuleLine> rowKey="code" size="small" bordered pagination={false} loading={rules.loading} dataSource={ruleLines}
            columns={[
              { title: t('compare.rule'), dataIndex: 'label', width: 150, render: (v: string, r) => <>{v}{!r.enabled && <Tag>停用</Tag>}</> },
              { title: t('compare.group'), dataIndex: 'group', width: 110, render: (v: string) => GROUPS[v] ?? v },
              { title: t('compare.meaning'), dataIndex: 'meaning' },
              { title: t('compare.suggested'), dataIndex: 'suggestedOutcome', width: 90, render: (v: string) => OUTCOME_LABELS[v] ?? v },
              { title: t('compare.ruleSource'), dataIndex: 'source', width: 260, render: (v: string, r) => <>{v}{r.localDefault && <Tag color="orange">{t('compare.localDefault')}</Tag>}</> },
            ]} />
        )}
      </Card>
    </div>
  );
}
