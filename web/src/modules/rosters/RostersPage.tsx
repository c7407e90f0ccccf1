/**
 * 名单比对: choose the place, the source and how long to keep the result, upload any roster;
 * a source without a column mapping (or whose file lacks a mapped column) gets the mapping form
 * with the file's headers, saved once and matched again; refused rows listed with their error
 * report; below, the rosters uploaded inside the user's scope.
 */
import { UploadOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Breadcrumb, Button, Card, Form, Input, InputNumber, Progress, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useMe } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { followRosterJob, getMappings, listRosters, saveMapping, uploadRoster, type Roster, type RosterJob } from './api';

export function RostersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [place, setPlace] = useState(me.placeCode.length >= 6 ? me.placeCode : '');
  const [source, setSource] = useState('');
  const [retentionDays, setRetentionDays] = useState(30);
  const [file, setFile] = useState<File>();
  const [job, setJob] = useState<RosterJob>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [columns, setColumns] = useState<Record<string, string>>({});
  const mappings = useApi('mappings' + place, (signal) => (place.length >= 6 ? getMappings(place, signal) : Promise.resolve(undefined)));
  const rosters = useApi('rosters', (signal) => listRosters(signal));
  const result = job?.result;
  const needsMapping = job?.status === 'failed' && result?.mapping;

  const start = async (chosen: File) => {
    setFile(chosen);
    setBusy(true);
    setError(undefined);
    setJob(undefined);
    try {
      const id = await uploadRoster(chosen, { place, source, retentionDays });
      const ended = await followRosterJob(id, setJob);
      const offered = ended.result?.mapping;
      if (offered) setColumns(Object.fromEntries(Object.entries({ ...offered.suggested, ...(offered.saved ?? {}) }).filter(([, h]) => offered.headers.includes(h as string))) as Record<string, string>);
      rosters.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const saveAndRetry = async () => {
    try {
      await saveMapping(place, source, columns);
      mappings.reload();
      if (file) await start(file);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  const ready = place.length >= 6 && source.trim() !== '' && !busy;
  return (
    <div className="report-page rosters">
      <Breadcrumb items={[{ title: t('rosters.menu.rosters') }]} />
      <h2 className="report-title">{t('rosters.title')}</h2>
      <Card size="small">
        <p className="report-sub">{t('rosters.hint')}</p>
        <Form layout="inline">
          <Form.Item label={t('rosters.place')}><Input style={{ width: 140 }} value={place} onChange={(e) => setPlace(e.target.value.trim())} data-testid="roster-place" /></Form.Item>
          <Form.Item label={t('rosters.source')}>
            <AutoComplete style={{ width: 220 }} value={source} onChange={setSource} data-testid="roster-source"
              options={(mappings.data?.items ?? []).map((m) => ({ value: m.source }))} />
          </Form.Item>
          <Form.Item label={t('rosters.retention')}><InputNumber min={1} max={365} value={retentionDays} onChange={(v) => setRetentionDays(v ?? 30)} /></Form.Item>
          <Form.Item>
            <Upload accept=".xlsx,.csv" showUploadList={false} disabled={!ready} beforeUpload={(f) => { void start(f); return false; }}>
              <Button type="primary" icon={<UploadOutlined />} disabled={!ready} data-testid="roster-upload">{t('rosters.chooseFile')}</Button>
            </Upload>
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
        {job && (
          <div className="roster-job" data-testid="roster-job">
            {job.status !== 'done' && job.status !== 'failed' && <Progress percent={Math.round(job.progress * 100)} />}
            <Alert type={job.status === 'done' ? 'success' : job.status === 'failed' ? 'error' : 'info'} showIcon title={job.message ?? t('rosters.uploading')} />
            {job.status === 'done' && result?.rosterId && <Link to={`/rosters/${result.rosterId}`} data-testid="roster-open">{t('rosters.openReport')}</Link>}
            {job.errorReport && !needsMapping && <Button href={job.errorReport} download>{t('rosters.errorReport')}</Button>}
            {result?.problems?.length && !needsMapping ? (
              <Table rowKey={(p) => `${p.row}-${p.field}`} size="small" pagination={false} dataSource={result.problems} title={() => t('rosters.problems')}
                columns={[{ title: '行', dataIndex: 'row', width: 60 }, { title: '列', dataIndex: 'field', width: 140 }, { title: '值', dataIndex: 'value', width: 180 }, { title: '问题', dataIndex: 'message' }]} />
            ) : null}
          </div>
        )}
        {needsMapping && (
          <Card size="small" type="inner" title={t('rosters.mappingTitle', { source })} data-testid="roster-mapping">
            <p>{t('rosters.mappingHint')}</p>
            <Form layout="horizontal" labelCol={{ span: 6 }} wrapperCol={{ span: 10 }}>
              {(mappings.data?.fields ?? []).map((f) => (
                <Form.Item key={f.field} label={`${f.label}${f.required ? ' *' : ''}`}>
                  <Select allowClear placeholder={t('rosters.notMapped')} value={columns[f.field]} data-testid={`roster-map-${f.field}`}
                    onChange={(h?: string) => setColumns((c) => { const next = { ...c }; if (h) next[f.field] = h; else delete next[f.field]; return next; })}
                    options={result.mapping!.headers.filter((h) => h !== '').map((h) => ({ value: h, label: h }))} />
                </Form.Item>
              ))}
            </Form>
            <Button type="primary" disabled={!columns.idNumber || busy} onClick={() => void saveAndRetry()} data-testid="roster-save-mapping">{t('rosters.saveMapping')}</Button>
          </Card>
        )}
      </Card>
      <Card size="small" title={t('rosters.rosters')}>
        {rosters.error ? <ErrorState error={rosters.error} onRetry={rosters.reload} /> : (
          <Table<Roster> rowKey="id" size="small" bordered loading={rosters.loading} dataSource={rosters.data?.items ?? []} pagination={{ pageSize: 20 }}
            columns={[
              { title: t('rosters.id'), dataIndex: 'id', width: 70, render: (v: number, r) => (r.purgedAt ? v : <Link to={`/rosters/${v}`}>{v}</Link>) },
              { title: t('rosters.place'), dataIndex: 'placeCode', width: 110 },
              { title: t('rosters.source'), dataIndex: 'source', width: 150 },
              { title: t('rosters.fileName'), dataIndex: 'fileName', ellipsis: true },
              { title: t('rosters.rows'), dataIndex: 'rowCount', width: 80, align: 'right' },
              { title: t('rosters.matched'), dataIndex: 'matchedCount', width: 80, align: 'right' },
              { title: t('rosters.unmatched'), dataIndex: 'unmatchedCount', width: 80, align: 'right' },
              { title: t('rosters.conflicts'), dataIndex: 'conflictCount', width: 80, align: 'right' },
              { title: t('rosters.uploadedBy'), dataIndex: 'uploadedBy', width: 110 },
              { title: t('rosters.purgeAfter'), dataIndex: 'purgeAfter', width: 110, render: (v: string) => String(v).slice(0, 10) },
              { title: t('rosters.status'), dataIndex: 'statusLabel', width: 130, render: (v: string, r) => <Tag color={r.purgedAt ? undefined : 'green'}>{v}</Tag> },
            ]} />
        )}
      </Card>
      <Space />
    </div>
  );
}
