/**
 * 我的待办: cases waiting on the user's role within his area. Several may be approved or
 * returned at once (a township's batch), each recorded separately; cases at a village's notice
 * step are published together; the county draws its spot-check sample here.
 */
import { CheckOutlined, ExperimentOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Space } from 'antd';
import { useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, queryString } from '../../api/client';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { actOn, drawSpotCheck, listCases, type CaseSummary } from './api';
import { CaseTable } from './CaseTable';
import { PublishNoticeButton } from './PublishNotice';
import { StartProcedureButton } from './StartProcedure';
import { useCaseQuery } from './useCaseQuery';
import { TableExport } from '../../components/TableExport';

/** Spot-check batches among the listed cases: one per procedure and township not yet drawn. */
function undrawnBatches(items: CaseSummary[]): { procedure: string; place: string }[] {
  const keys = new Set(items.filter((c) => c.step.kind === 'spot_check' && c.sampled === null).map((c) => `${c.procedure}|${c.villageCode.slice(0, 9)}`));
  return [...keys].map((k) => {
    const [procedure, place] = k.split('|');
    return { procedure, place };
  });
}

export function TodoPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { query, update } = useCaseQuery({ mine: 'true', status: 'in_progress' });
  const [version, setVersion] = useState(0);
  const list = useApi(`${queryString(query)}#${version}`, (signal) => listCases(query, signal));
  const [selected, setSelected] = useState<Key[]>([]);
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [form] = Form.useForm<{ comment: string }>();

  const items = list.data?.items ?? [];
  const chosen = items.filter((c) => selected.includes(c.id));
  const atNotice = chosen.filter((c) => c.step.kind === 'notice' && c.noticeId === null);
  const batches = undrawnBatches(items);
  const refresh = () => {
    setSelected([]);
    setVersion((v) => v + 1);
  };

  const run = async (action: 'approve' | 'return', comment?: string) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await actOn({ caseIds: chosen.map((c) => c.id), action, comment });
      message.success(t('procedures.common.done', { count: result.done }));
      setReturning(false);
      refresh();
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const draw = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      for (const b of batches) {
        const d = await drawSpotCheck(b);
        message.success(t('procedures.todo.drawn', { place: b.place, sample: d.sample.length, population: d.population.length, seed: d.seed }));
      }
      refresh();
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('procedures.todo.title')}
      extra={<Space><TableExport /><StartProcedureButton place={query.place} /></Space>}
      className="procedures-page"
      data-testid="todo-page"
    >
      <Alert type="info" showIcon title={t('procedures.todo.hint')} className="page-hint" />
      <Space wrap className="bulk-actions">
        <Button type="primary" icon={<CheckOutlined />} disabled={chosen.length === 0} loading={busy} onClick={() => run('approve')} data-testid="bulk-approve">
          {t('procedures.todo.approve', { count: chosen.length })}
        </Button>
        <Button icon={<RollbackOutlined />} disabled={chosen.length === 0} onClick={() => setReturning(true)} data-testid="bulk-return">
          {t('procedures.todo.return', { count: chosen.length })}
        </Button>
        <PublishNoticeButton caseIds={atNotice.map((c) => c.id)} label={t('procedures.todo.publish', { count: atNotice.length })} onDone={refresh} />
        {batches.length > 0 && (
          <Button icon={<ExperimentOutlined />} loading={busy} onClick={draw} data-testid="draw-sample">
            {t('procedures.todo.draw')}
          </Button>
        )}
      </Space>
      {failure && <Alert type="error" showIcon title={failure} closable onClose={() => setFailure(undefined)} className="action-failure" data-testid="action-failure" />}
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <CaseTable
          page={list.data}
          loading={list.loading}
          current={query.page ?? 1}
          pageSize={query.pageSize ?? 50}
          onPage={(page, pageSize) => update({ page, pageSize })}
          selected={selected}
          onSelect={setSelected}
        />
      )}
      <Modal
        open={returning}
        title={t('procedures.todo.returnTitle', { count: chosen.length })}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setReturning(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => run('return', v.comment.trim())}>
          <Form.Item name="comment" label={t('procedures.todo.returnReason')} rules={[{ required: true, whitespace: true, message: t('procedures.todo.returnRequired') }]}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
