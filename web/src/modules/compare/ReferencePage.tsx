/**
 * 比对数据导入: choose the kind (its declared columns shown), the county and the as-of date,
 * upload the department's file (.xlsx/.csv, UTF-8 or GBK), follow the import job, read the
 * refused rows and download the error report; below, the batches (current, replaced, refused)
 * and a batch's rows, masked.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Progress, Select, Space, Table, Tag, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useMe } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { followJob, getBatchRows, getKinds, listBatches, uploadReference, type Batch, type CompareJob } from './api';

interface ImportResultView {
  status: string;
  rows: number;
  refusedRows: number;
  warnings: string[];
  problems: { row: number; field: string; value: string; message: string }[];
}

export function ReferencePage() {
  const { t } = useTranslation();
  const me = useMe();
  const kinds = useApi('kinds', (signal) => getKinds(signal));
  const [kind, setKind] = useState<string>();
  const [county, setCounty] = useState(me.placeCode.length === 6 ? me.placeCode : '');
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [job, setJob] = useState<CompareJob>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [kindFilter, setKindFilter] = useState<string>();
  const batches = useApi('batches' + (kindFilter ?? ''), (signal) => listBatches({ kind: kindFilter }, signal));
  const [viewing, setViewing] = useState<Batch>();
  const importable = (kinds.data?.kinds ?? []).filter((k) => k.mayImport);
  const chosen = importable.find((k) => k.code === kind);

  const start = async (file: File) => {
    if (!kind || !county) return;
    setBusy(true);
    setError(undefined);
    setJob(undefined);
    try {
      const id = await uploadReference(file, { kind, county, asOf: asOf?.format('YYYY-MM-DD'), dryRun });
      await followJob(id, setJob);
      batches.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const result = job?.result as ImportResultView | null | undefined;

  return (
    <div className="report-page compare-reference">
      <Breadcrumb items={[{ title: t('compare.breadcrumb') }, { title: t('compare.menu.reference') }]} />
      <h2 className="report-title">{t('compare.referenceTitle')}</h2>
      <Card size="small">
        {kinds.error && <ErrorState error={kinds.error} onRetry={kinds.reload} />}
        <Form layout="inline">
          <Form.Item label={t('compare.kind')}>
            <Select style={{ width: 200 }} value={kind} onChange={setKind} data-testid="compare-kind" options={importable.map((k) => ({ value: k.code, label: `${k.label}（${k.department}）` }))} />
          </Form.Item>
          <Form.Item label={t('compare.county')}>
            <Input style={{ width: 120 }} value={county} onChange={(e) => setCounty(e.target.value.trim())} disabled={me.placeCode.length === 6} />
          </Form.Item>
          <Form.Item label={t('compare.asOf')}><DatePicker value={asOf} onChange={setAsOf} /></Form.Item>
          <Form.Item><Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)}>{t('compare.dryRun')}</Checkbox></Form.Item>
          <Form.Item>
            <Upload accept=".xlsx,.csv" showUploadList={false} disabled={!kind || !county || busy} beforeUpload={(file) => { void start(file); return false; }}>
              <Button type="primary" icon={<UploadOutlined />} disabled={!kind || !county || busy} data-testid="compare-upload">{t('compare.chooseFile')}</Button>
            </Upload>
          </Form.Item>
        </Form>
        {chosen && (
          <p className="report-sub">
            {t('compare.columnsOf', { kind: chosen.label })}：{chosen.columns.map((c) => `${c.header}${c.required ? '*' : ''}${c.sensitive ? '🔒' : ''}`).join('、')}
          </p>
        )}
        {error && <Alert type="error" showIcon title={error} />}
        {job && (
          <div className="compare-job" data-testid="compare-import-job">
            {job.status !== 'done' && job.status !== 'failed' && <Progress percent={Math.round(job.progress * 100)} />}
            <Alert type={job.status === 'done' ? 'success' : job.status === 'failed' ? 'error' : 'info'} showIcon title={job.message ?? t('compare.importing')} />
            {result?.warnings?.length ? <Alert type="warning" showIcon title={result.warnings.join('；')} /> : null}
            {job.errorReport && <Button href={job.errorReport} download>{t('compare.errorReport')}</Button>}
            {result?.problems?.length ? (
              <Table rowKey={(p) => `${p.row}-${p.field}`} size="small" pagination={false} dataSource={result.problems} title={() => t('compare.problems')}
                columns={[{ title: '行', dataIndex: 'row', width: 60 }, { title: '列', dataIndex: 'field', width: 140 }, { title: '值', dataIndex: 'value', width: 180 }, { title: '问题', dataIndex: 'message' }]} />
            ) : null}
          </div>
        )}
      </Card>
      <Card size="small" title={t('compare.batches')} extra={<Select allowClear placeholder={t('compare.kind')} style={{ width: 160 }} value={kindFilter} onChange={setKindFilter} options={(kinds.data?.kinds ?? []).filter((k) => k.mayImport).map((k) => ({ value: k.code, label: k.label }))} />}>
        {batches.error ? <ErrorState error={batches.error} onRetry={batches.reload} /> : (
          <Table<Batch> rowKey="id" size="small" bordered loading={batches.loading} dataSource={batches.data?.items ?? []} pagination={{ pageSize: 20 }}
            columns={[
              { title: t('compare.batchId'), dataIndex: 'id', width: 70, render: (v: number, b) => <a onClick={() => setViewing(b)}>{v}</a> },
              { title: t('compare.kind'), dataIndex: 'kindLabel', width: 110 },
              { title: t('compare.county'), dataIndex: 'countyCode', width: 90 },
              { title: t('compare.source'), dataIndex: 'source', width: 120 },
              { title: t('compare.fileName'), dataIndex: 'fileName', ellipsis: true },
              { title: t('compare.asOf'), dataIndex: 'asOf', width: 110 },
              { title: t('compare.rowCount'), dataIndex: 'rowCount', width: 80, align: 'right' },
              { title: t('compare.errorCount'), dataIndex: 'errorCount', width: 80, align: 'right' },
              { title: t('compare.status'), dataIndex: 'statusLabel', width: 130, render: (v: string, b) => <Tag color={b.current ? 'green' : b.status === 'refused' ? 'red' : undefined}>{v}</Tag> },
              { title: t('compare.importedBy'), dataIndex: 'importedBy', width: 110 },
            ]} />
        )}
      </Card>
      {viewing && <BatchRowsModal batch={viewing} onClose={() => setViewing(undefined)} />}
    </div>
  );
}

function BatchRowsModal({ batch, onClose }: { batch: Batch; onClose: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const rows = useApi(`${batch.id}-${page}`, (signal) => getBatchRows(batch.id, page, signal));
  const columns = (rows.data?.columns ?? []).map((c) => ({ title: c.header, key: c.header, render: (_: unknown, r: { values: Record<string, string | null> }) => r.values[c.header] ?? '' }));
  return (
    <Modal open width={1000} footer={null} onCancel={onClose} title={`${batch.kindLabel} · ${t('compare.batchId')} ${batch.id} · ${t('compare.rows')}`}>
      {rows.error ? <ErrorState error={rows.error} onRetry={rows.reload} /> : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Table rowKey="rowNo" size="small" loading={rows.loading} dataSource={rows.data?.rows ?? []} columns={[{ title: '行', dataIndex: 'rowNo', width: 60 }, ...columns]}
            pagination={{ current: page, pageSize: 50, total: rows.data?.total ?? 0, onChange: setPage }} />
        </Space>
      )}
    </Modal>
  );
}
