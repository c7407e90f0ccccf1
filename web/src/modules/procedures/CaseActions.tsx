/**
 * 办理: what the user may do at the case's current step — upload the step's evidence, approve,
 * return or reject with a comment, publish the notice, draw or verify the spot check. Actions
 * the engine refuses now are shown disabled with its reason.
 */
import { CheckOutlined, CloseOutlined, ExperimentOutlined, RollbackOutlined, StopOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Space, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { actOn, drawSpotCheck, uploadEvidence, type CaseDetail, type Evidence } from './api';
import { EvidenceList } from './CaseHistory';
import { PublishNoticeButton } from './PublishNotice';

export function CaseActions({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [comment, setComment] = useState('');
  const [files, setFiles] = useState<Evidence[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const step = c.plan[c.step.index];
  const roles = step.roleLabels.join('、');

  if (c.status !== 'in_progress' || c.actions.length === 0) {
    const closed = c.status !== 'in_progress';
    return (
      <div className="case-actions" data-testid="case-actions">
        <Alert type={closed ? 'success' : 'info'} showIcon title={closed ? t('procedures.case.closed', { status: c.statusLabel }) : t('procedures.case.notMine', { step: step.label, roles })} />
      </div>
    );
  }

  const option = (type: string) => c.actions.find((a) => a.type === type);
  const attempt = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFailure(undefined);
    try {
      await work();
      message.success(done);
      setComment('');
      setFiles([]);
      onDone();
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  const decide = (action: 'approve' | 'return' | 'reject' | 'verify', label: string, passed?: boolean) =>
    attempt(() => actOn({ caseIds: [c.id], action, passed, comment: comment.trim() || undefined, evidenceIds: files.map((f) => f.id) }), t('procedures.case.actionDone', { result: label }));
  const button = (type: string, label: string, icon: ReactNode, run: () => void, extra: { danger?: boolean; primary?: boolean } = {}) => {
    const o = option(type);
    if (!o) return null;
    return (
      <Button key={`${type}-${label}`} icon={icon} type={extra.primary ? 'primary' : 'default'} danger={extra.danger} disabled={!o.allowed} loading={busy} onClick={run} data-testid={`action-${type}${extra.danger && type === 'verify' ? '-fail' : ''}`}>
        {label}
      </Button>
    );
  };
  const refused = c.actions.filter((a) => !a.allowed && a.reason && a.type !== 'object' && a.type !== 'resolve');

  return (
    <div className="case-actions" data-testid="case-actions">
      <p className="case-waiting">{t('procedures.case.waiting', { step: step.label, roles })}</p>
      {step.evidence.length > 0 && (
        <div className="evidence-upload">
          <strong>{t('procedures.case.evidence')}</strong>
          <Space wrap>
            {step.evidence.map((e) => (
              <Upload
                key={e.code}
                showUploadList={false}
                customRequest={({ file, onSuccess, onError }) => {
                  uploadEvidence(c.villageCode, e.code, file as File).then(
                    (stored) => {
                      setFiles((list) => [...list, stored]);
                      onSuccess?.(stored);
                    },
                    (error: unknown) => {
                      message.error(`${t('procedures.case.uploadFailed')}：${error instanceof Error ? error.message : String(error)}`);
                      onError?.(error as Error);
                    },
                  );
                }}
              >
                <Button icon={<UploadOutlined />} data-testid={`upload-${e.code}`}>{t('procedures.case.upload', { label: e.label })}</Button>
              </Upload>
            ))}
          </Space>
          {files.length > 0 && <EvidenceList files={files} />}
        </div>
      )}
      <Input.TextArea rows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('procedures.common.commentPlaceholder')} data-testid="action-comment" className="action-comment" />
      <Space wrap className="action-buttons">
        {option('publish') && (
          <PublishNoticeButton caseIds={[c.id]} label={t('procedures.case.action.publish')} disabled={!option('publish')!.allowed} onDone={onDone} />
        )}
        {button('sample', t('procedures.case.action.sample'), <ExperimentOutlined />, () =>
          attempt(() => drawSpotCheck({ procedure: c.procedure, place: c.villageCode.slice(0, 9) }), t('procedures.case.action.sample')),
        )}
        {button('verify', t('procedures.case.action.verifyPass'), <CheckOutlined />, () => decide('verify', t('procedures.case.action.verifyPass'), true), { primary: true })}
        {button('verify', t('procedures.case.action.verifyFail'), <CloseOutlined />, () => decide('verify', t('procedures.case.action.verifyFail'), false), { danger: true })}
        {button('approve', t('procedures.case.action.approve'), <CheckOutlined />, () => decide('approve', t('procedures.case.action.approve')), { primary: true })}
        {button('return', t('procedures.case.action.return'), <RollbackOutlined />, () => decide('return', t('procedures.case.action.return')))}
        {button('reject', t('procedures.case.action.reject'), <StopOutlined />, () =>
          void modal.confirm({
            title: t('procedures.case.rejectConfirm', { id: c.id }),
            content: t('procedures.case.rejectConfirmHint'),
            okText: t('procedures.case.action.reject'),
            okButtonProps: { danger: true },
            cancelText: t('common.cancel'),
            onOk: () => decide('reject', t('procedures.case.action.reject')),
          }), { danger: true })}
      </Space>
      {refused.length > 0 && (
        <ul className="action-reasons" data-testid="action-reasons">
          {refused.map((a) => <li key={a.type}>{`${t(`procedures.case.action.${a.type}`)}：${a.reason}`}</li>)}
        </ul>
      )}
      {failure && <Alert type="error" showIcon title={failure} closable onClose={() => setFailure(undefined)} data-testid="action-failure" />}
    </div>
  );
}
