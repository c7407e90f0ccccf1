/**
 * 行业部门台账: the ledgers the user reads as tabs (a department user: his line's), each with its
 * filters (year, place, name / ID / household number, 建档立卡, its enum fields), the list, 导出Excel,
 * and for the department keeping it: the import (template, 试导入, errors row by row, 导入) and the form.
 */
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Modal, Select, Space, Table, Tabs, Tag, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, queryString } from '../../api/client';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { ReportActions } from '../reports/parts';
import { downloadErrorReport, exportUrl, importLedger, listRecords, listShapes, templateUrl, type ImportResult, type LedgerQuery, type LedgerRecord, type LedgerShape } from './api';
import { useLedgerYear, YearField } from './parts';
import { RecordForm } from './RecordForm';
import { FilterButtons } from '../../components/FilterButtons';


export function LedgerPage() {
  const { kind } = useParams();
  const navigate = useNavigate();
  const shapes = useApi('shapes', (signal) => listShapes(signal));
  if (shapes.error) return <ErrorState error={shapes.error} onRetry={shapes.reload} />;
  const items = shapes.data?.items ?? [];
  const current = items.find((s) => s.kind === kind) ?? items[0];
  return (
    <div className="report-page ledger-page">
      {shapes.data && !items.length && <Alert type="info" showIcon title="您的账户没有可查看的行业部门台账" />}
      {current && (
        <Tabs
          activeKey={current.kind}
          onChange={(k) => navigate(`/ledgers/${k}`)}
          items={items.map((s) => ({ key: s.kind, label: `${s.group} · ${s.label}`, children: s.kind === current.kind ? <LedgerTab shape={s} /> : null }))}
        />
      )}
    </div>
  );
}

function LedgerTab({ shape }: { shape: LedgerShape }) {
  const [place] = usePlaceParam();
  const [businessYear] = useLedgerYear();
  const [filter, setFilter] = useState<LedgerQuery>({ year: businessYear });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [importing, setImporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const query: LedgerQuery = { place, ...filter, ...page };
  const list = useApi(shape.kind + queryString(query), (signal) => listRecords(shape.kind, query, signal));
  const narrow = (next: LedgerQuery) => {
    setFilter(next);
    setPage((p) => ({ ...p, page: 1 }));
  };
  const columns: ColumnsType<LedgerRecord> = [
    { title: shape.yearLabel, dataIndex: 'year', width: 70 },
    ...(shape.subject === 'person'
      ? [
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '身份证号', dataIndex: 'idNumber', width: 170 },
        ]
      : []),
    { title: '户编号', dataIndex: 'householdNo', width: 140, render: (v: string | null) => (v ? <Link to={`/households/${encodeURIComponent(v)}`}>{v}</Link> : <Tag>非建档立卡</Tag>) },
    { title: '所在地', dataIndex: 'placeName', width: 140 },
    ...shape.fields.map((f) => ({ title: f.label, key: f.key, render: (_: unknown, r: LedgerRecord) => r.text[f.key] || '—' })),
    { title: '核查', key: 'flags', width: 220, render: (_: unknown, r: LedgerRecord) => (r.flags.length ? r.flags.map((x) => <Tag key={x} color="orange">{x}</Tag>) : '—') },
  ];
  return (
    <Card size="small">
      <div className="report-head">
        <h2 className="report-title">{shape.label}</h2>
        <ReportActions
          exportUrl={exportUrl(shape.kind, { place, ...filter })}
          extra={
            shape.writable && (
              <>
                <Button icon={<DownloadOutlined />} href={templateUrl(shape.kind)} download>下载导入模板</Button>
                <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入</Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>登记</Button>
              </>
            )
          }
        />
      </div>
      <Space wrap className="no-print" style={{ marginBottom: 8 }}>
        <YearField label={shape.yearLabel} value={filter.year} onChange={(year) => narrow({ ...filter, year })} />
        <Input.Search key={filter.q ?? ''} defaultValue={filter.q} allowClear placeholder="姓名、身份证号或户编号" style={{ width: 220 }} onSearch={(q) => narrow({ ...filter, q: q || undefined })} />
        <Select allowClear placeholder="建档立卡" style={{ width: 130 }} value={filter.registered} options={[{ value: 'true', label: '建档立卡' }, { value: 'false', label: '非建档立卡' }]} onChange={(registered) => narrow({ ...filter, registered })} />
        {shape.fields.filter((f) => f.filter).map((f) => (
          <Select key={f.key} allowClear placeholder={f.label} style={{ width: 150 }} value={filter[f.key] as string | undefined} options={(f.options ?? []).map((o) => ({ value: o.code, label: o.label }))} onChange={(v) => narrow({ ...filter, [f.key]: v })} />
        ))}
        <FilterButtons onSearch={list.reload} onReset={() => narrow({ year: filter.year })} />
      </Space>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<LedgerRecord>
          rowKey={(r) => `${r.countyCode}:${r.id}`} size="small" bordered loading={list.loading} columns={columns} dataSource={list.data?.items ?? []} scroll={{ x: true }}
          pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showTotal: (n) => `共 ${n} 条`, onChange: (p, pageSize) => setPage({ page: p, pageSize }) }}
        />
      )}
      {importing && <ImportModal shape={shape} onClose={(done) => { setImporting(false); if (done) list.reload(); }} />}
      {creating && <RecordForm shape={shape} initial={{ year: String(filter.year ?? businessYear) }} onClose={(saved) => { setCreating(false); if (saved) list.reload(); }} />}
    </Card>
  );
}

type Problem = ImportResult['problems'][number];

/** Choose a file, 试导入 (check only), then 导入: every bad row is listed; nothing is written while any is left. */
function ImportModal({ shape, onClose }: { shape: LedgerShape; onClose: (done: boolean) => void }) {
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult>();
  const [error, setError] = useState<{ message: string; problems: Problem[] }>();
  const [done, setDone] = useState(false);
  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      const r = await importLedger(shape.kind, file, dryRun);
      setResult(r);
      if (!dryRun) setDone(true);
    } catch (e) {
      const details = e instanceof ApiError ? (e.details as { problems?: Problem[] } | undefined) : undefined;
      setError({ message: e instanceof Error ? e.message : String(e), problems: details?.problems ?? [] });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open width={860} title={`导入${shape.label}`} footer={null} onCancel={() => onClose(done)}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Upload accept=".xlsx,.csv" maxCount={1} beforeUpload={(f) => { setFile(f); setResult(undefined); setError(undefined); return false; }} onRemove={() => setFile(undefined)}>
          <Button icon={<UploadOutlined />}>选择文件（.xlsx 或 .csv）</Button>
        </Upload>
        <Button disabled={!file} loading={busy} onClick={() => run(true)}>试导入</Button>
        <Button type="primary" disabled={!file || done} loading={busy} onClick={() => run(false)}>导入</Button>
      </Space>
      {result && (
        <Alert
          type="success" showIcon style={{ marginBottom: 8 }}
          title={result.dryRun ? `试导入通过：${result.rows} 行均无错误，未写入（点“导入”写入）` : `已导入 ${result.rows} 行：新增 ${result.created} 条，更新 ${result.updated} 条`}
        />
      )}
      {error && (
        <Alert
          type="error" showIcon title={error.message} style={{ marginBottom: 8 }}
          action={error.problems.length > 0 && file ? <Button size="small" icon={<DownloadOutlined />} onClick={() => void downloadErrorReport(shape, file)}>下载错误报告</Button> : undefined}
        />
      )}
      {(error?.problems.length ?? 0) + (result?.warnings.length ?? 0) > 0 && (
        <Table<Problem & { kind: string }>
          size="small" bordered rowKey={(p) => `${p.kind}${p.row}${p.field}${p.message}`} pagination={{ pageSize: 10 }}
          dataSource={[...(error?.problems ?? []).map((p) => ({ ...p, kind: '错误' })), ...(result?.warnings ?? []).map((p) => ({ ...p, kind: '提示' }))]}
          columns={[
            { title: '', dataIndex: 'kind', width: 60, render: (v: string) => <Tag color={v === '错误' ? 'red' : 'gold'}>{v}</Tag> },
            { title: '行', dataIndex: 'row', width: 60 },
            { title: '列', dataIndex: 'field', width: 140 },
            { title: '值', dataIndex: 'value', width: 180 },
            { title: '原因', dataIndex: 'message' },
          ]}
        />
      )}
    </Modal>
  );
}
