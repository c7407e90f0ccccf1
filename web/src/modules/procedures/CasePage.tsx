/** 案件详情: one case — household, steps of its procedure, what the user may do now, its step history and objections. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Spin, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { formatTime } from '../../app/labels';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { StatusTag } from '../../components/StatusTag';
import { NotFoundPage } from '../../pages/errors/NotFoundPage';
import { getCase } from './api';
import { CaseActions } from './CaseActions';
import { CaseHistory } from './CaseHistory';
import { CaseStatusTag } from './CaseTable';
import { Objections } from './Objections';

export function CasePage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [version, setVersion] = useState(0);
  const detail = useApi(`${id}#${version}`, (signal) => getCase(id, signal));
  const reload = () => setVersion((v) => v + 1);

  if (detail.error?.status === 404) return <NotFoundPage message={detail.error.message} />;
  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  const c = detail.data;
  if (!c || c.id !== id) return <Spin size="large" className="page-loading" />;
  const current = c.plan.findIndex((s) => s.state === 'current');
  // A rejected case stopped at its first step not done: that step is shown refused, the later ones not reached.
  const stopped = c.status === 'rejected' ? Math.max(0, c.plan.findIndex((s) => s.state !== 'done')) : -1;

  return (
    <div className="case-page" data-testid="case-page">
      <Card
        size="small"
        title={<span data-testid="case-title">{t('procedures.case.title', { procedure: c.procedureLabel, id: c.id })}</span>}
        extra={<Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>{t('procedures.common.back')}</Button>}
      >
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label={t('procedures.case.household')}>
            <Link to={`/households/${encodeURIComponent(c.householdNo)}`}>{c.householdNo}</Link> {c.headName} <StatusTag status={c.householdStatus} compact />
          </Descriptions.Item>
          <Descriptions.Item label={t('procedures.case.place')}>{c.placeName}</Descriptions.Item>
          <Descriptions.Item label={t('procedures.case.persons')}>{c.persons}</Descriptions.Item>
          <Descriptions.Item label={t('procedures.case.year')}>{c.year}</Descriptions.Item>
          <Descriptions.Item label={t('procedures.case.status')}>
            <span data-testid="case-status"><CaseStatusTag c={c} /></span>
          </Descriptions.Item>
          <Descriptions.Item label={t('procedures.case.started')}>{formatTime(c.startedAt)}</Descriptions.Item>
          {c.noticeStartsOn && (
            <Descriptions.Item label={t('procedures.columns.notice')} span={3}>
              {t('procedures.case.noticePeriod', { from: c.noticeStartsOn, to: c.noticeEndsOn })}{' '}
              {c.noticeId !== null && <Link to={`/procedures/notices/${c.noticeId}`}>{t('procedures.case.openNotice')}</Link>}
            </Descriptions.Item>
          )}
          {c.reason && <Descriptions.Item label={t('procedures.case.reason')} span={3}>{c.reason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={t('procedures.case.plan')} className="card-section">
        {stopped === -1 ? (
          <Steps
            size="small"
            current={current === -1 ? c.plan.length : current}
            items={c.plan.map((s) => ({ title: s.label, description: s.roleLabels.join('、') }))}
          />
        ) : (
          <Steps
            size="small"
            className="case-steps-stopped"
            current={stopped}
            items={c.plan.map((s, i) => ({
              title: s.label,
              status: i < stopped ? 'finish' : i === stopped ? 'error' : 'wait',
              className: i === stopped ? 'case-step-stopped' : undefined,
              description: i === stopped ? <span data-testid="case-stopped-step">{t('procedures.case.stoppedAt')}</span> : s.roleLabels.join('、'),
            }))}
          />
        )}
      </Card>
      {can('procedures.act') && (
        <Card size="small" title={t('procedures.case.actions')} className="card-section">
          <CaseActions c={c} onDone={reload} />
        </Card>
      )}
      <Card size="small" title={t('procedures.case.history')} className="card-section">
        <CaseHistory history={c.history} />
      </Card>
      {(c.noticeId !== null || c.objections.length > 0) && (
        <Card size="small" title={t('procedures.objection.title')} className="card-section">
          <Objections caseId={c.id} noticeId={c.noticeId} objections={c.objections} mayAct={can('procedures.act') && c.status === 'in_progress'} onChange={reload} />
        </Card>
      )}
    </div>
  );
}
