/** One county exit case: its steps (县申请 → 市初审 → 省核查 → 公示 → 批准), the verdict it started on, objections, history and the actions the user may take now. */
import { App, Button, Card, DatePicker, Descriptions, Input, List, Space, Steps, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { actOnCase, getCase, type CountyCase } from './api';
import { PlacePath } from './parts';

type History = CountyCase['history'][number];

export function CasePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const state = useApi(`county-case#${id}`, (signal) => getCase(id, signal));
  const [comment, setComment] = useState('');
  const [startsOn, setStartsOn] = useState<Dayjs | null>(dayjs());
  const [objector, setObjector] = useState('');
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState(false);
  const c = state.data;
  if (state.error) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (!c) return <Card loading />;
  const allowed = (type: string) => c.actions.find((a) => a.type === type);
  const act = async (body: Record<string, unknown>) => {
    setBusy(true);
    try {
      await actOnCase(c.id, body);
      setComment('');
      state.reload();
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const button = (type: string, label: string, body: Record<string, unknown>, danger = false) => {
    const a = allowed(type);
    if (!a) return null;
    return (
      <Button key={type} danger={danger} type={type === 'approve' ? 'primary' : 'default'} disabled={!a.allowed || busy} title={a.reason ?? undefined} onClick={() => void act(body)} data-testid={`action-${type}`}>
        {label}
      </Button>
    );
  };
  const isNotice = c.steps[c.stepIndex]?.kind === 'notice';
  return (
    <div className="counties-page" data-testid="county-case-page">
      <PlacePath />
      <Card size="small" title={`${t('counties.caseTitle')} · ${c.countyName} ${c.year}`} extra={<Link to={`/counties/exit?year=${c.year}`}>{t('counties.back')}</Link>}>
        <Steps
          size="small"
          current={c.stepIndex}
          status={c.status === 'rejected' ? 'error' : c.status === 'completed' ? 'finish' : 'process'}
          items={c.steps.map((s) => ({ title: s.label, description: s.level + (s.noticeDays ? ` · ${s.noticeDays} ${t('counties.days')}` : '') }))}
          data-testid="case-steps"
        />
        <Descriptions size="small" column={3} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('counties.status')}><Tag color={c.status === 'completed' ? 'green' : c.status === 'rejected' ? 'red' : 'blue'} data-testid="case-status">{c.statusLabel}</Tag></Descriptions.Item>
          <Descriptions.Item label={t('counties.step')}><span data-testid="case-step">{c.stepLabel}</span></Descriptions.Item>
          <Descriptions.Item label={t('counties.waitingOn')}>{c.waitingOn ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('counties.notice')}>{c.noticeStartsOn ? `${c.noticeStartsOn} — ${c.noticeEndsOn}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('counties.policy')}>{c.policyKey}</Descriptions.Item>
          <Descriptions.Item label={t('counties.startedBy')}>{c.startedBy}</Descriptions.Item>
        </Descriptions>
        {c.actions.length > 0 && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="case-actions">
            {allowed('publish') && (
              <Space>
                <DatePicker value={startsOn} onChange={setStartsOn} />
                {button('publish', t('counties.publish'), { type: 'publish', startsOn: startsOn?.format('YYYY-MM-DD') })}
              </Space>
            )}
            {isNotice && allowed('object') && (
              <Space>
                <Input placeholder={t('counties.objector')} value={objector} onChange={(e) => setObjector(e.target.value)} style={{ width: 140 }} />
                <Input placeholder={t('counties.objection')} value={content} onChange={(e) => setContent(e.target.value)} style={{ width: 320 }} />
                {button('object', t('counties.object'), { type: 'object', objector, content })}
              </Space>
            )}
            <Input.TextArea placeholder={t('counties.comment')} value={comment} onChange={(e) => setComment(e.target.value)} rows={2} data-testid="case-comment" />
            <Space>
              {button('approve', t('counties.approve'), { type: 'approve', comment })}
              {button('return', t('counties.return'), { type: 'return', comment })}
              {button('reject', t('counties.reject'), { type: 'reject', comment }, true)}
            </Space>
          </Space>
        )}
      </Card>
      <Card size="small" title={t('counties.startVerdict')} style={{ marginTop: 12 }}>
        <List size="small" dataSource={c.verdict.conditions} renderItem={(x) => <List.Item>{x.reason}</List.Item>} />
      </Card>
      {c.objections.length > 0 && (
        <Card size="small" title={t('counties.objections')} style={{ marginTop: 12 }}>
          <List
            size="small"
            dataSource={c.objections}
            renderItem={(o) => (
              <List.Item
                actions={o.status === 'open' && allowed('resolve') ? [
                  <Button key="d" size="small" onClick={() => void act({ type: 'resolve', objectionId: o.id, upheld: false, comment: comment || t('counties.dismissed') })} data-testid="dismiss-objection">{t('counties.dismiss')}</Button>,
                  <Button key="u" size="small" danger onClick={() => void act({ type: 'resolve', objectionId: o.id, upheld: true, comment: comment || t('counties.upheld') })}>{t('counties.uphold')}</Button>,
                ] : []}
              >
                {`${o.receivedOn} ${o.objector}：${o.content}`} {o.status === 'resolved' ? <Tag>{`${o.outcome === 'upheld' ? t('counties.upheld') : t('counties.dismissed')}：${o.resolution ?? ''}`}</Tag> : <Tag color="orange">{t('counties.open')}</Tag>}
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card size="small" title={t('counties.history')} style={{ marginTop: 12 }}>
        <Table<History>
          size="small"
          bordered
          rowKey="seq"
          pagination={false}
          dataSource={c.history}
          data-testid="case-history"
          columns={[
            { key: 'seq', title: '#', dataIndex: 'seq', width: 48 },
            { key: 'step', title: t('counties.step'), dataIndex: 'stepLabel' },
            { key: 'result', title: t('counties.result'), dataIndex: 'resultLabel' },
            { key: 'on', title: t('counties.date'), dataIndex: 'onDate', width: 110 },
            { key: 'actor', title: t('counties.actor'), render: (_: unknown, h) => `${h.actor ?? ''}（${h.actorRole ?? ''}）` },
            { key: 'comment', title: t('counties.comment'), dataIndex: 'comment' },
          ]}
        />
      </Card>
    </div>
  );
}
