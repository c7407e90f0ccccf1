/**
 * 应助尽助: registered students (poor, returned or exited households) in school in the school year
 * without an aid item their stage counts (policy data, with its version and source shown); the
 * education department records the aid from the row.
 */
import { Alert, Button, Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { ReportActions } from '../reports/parts';
import { aidGaps, aidGapsExportUrl, listShapes, recordAid, type LedgerRecord } from './api';
import { useLedgerYear, YearField } from './parts';
import { RecordForm } from './RecordForm';

export function AidGapsPage() {
  const [place] = usePlaceParam();
  const [year, setYear] = useLedgerYear();
  const [aiding, setAiding] = useState<LedgerRecord>();
  const list = useApi(`gaps${place}${year}`, (signal) => aidGaps({ place, year }, signal));
  const shapes = useApi('shapes', (signal) => listShapes(signal));
  const aidShape = shapes.data?.items.find((s) => s.kind === 'edu_aid');
  const columns: ColumnsType<LedgerRecord> = [
    { title: '姓名', dataIndex: 'name', width: 90 },
    { title: '身份证号', dataIndex: 'idNumber', width: 170 },
    { title: '户编号', dataIndex: 'householdNo', width: 150, render: (v: string) => <Link to={`/households/${encodeURIComponent(v)}`}>{v}</Link> },
    { title: '所在地', dataIndex: 'placeName', width: 140 },
    { title: '学段', key: 'stage', width: 70, render: (_: unknown, r) => r.text.stage },
    { title: '学校', key: 'school', render: (_: unknown, r) => r.text.school },
    { title: '寄宿生', key: 'boarder', width: 70, render: (_: unknown, r) => r.text.boarder || '否' },
    ...(aidShape?.writable
      ? [{ title: '', key: 'act', width: 100, render: (_: unknown, r: LedgerRecord) => <Button size="small" type="link" onClick={() => setAiding(r)}>登记资助</Button> }]
      : []),
  ];
  return (
    <div className="report-page ledger-page">
      <div className="report-head">
        <h2 className="report-title">应助尽助：应资助未资助的学生（{year}学年）</h2>
        <ReportActions exportUrl={aidGapsExportUrl({ place, year })} />
      </div>
      <div className="no-print" style={{ marginBottom: 8 }}>
        <YearField label="学年" value={year} onChange={(v) => v && setYear(v)} />
      </div>
      {list.data && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={`共 ${list.data.total} 名学生未享受其学段应有的资助`} description={`口径：${list.data.policy.source}（版本 ${list.data.policy.version}）`} />}
      <Card size="small">
        {list.error ? <ErrorState error={list.error} onRetry={list.reload} /> : <Table<LedgerRecord> rowKey={(r) => `${r.countyCode}:${r.id}`} size="small" bordered loading={list.loading} columns={columns} dataSource={list.data?.items ?? []} />}
      </Card>
      {aiding && aidShape && (
        <RecordForm
          shape={aidShape}
          title={`为 ${aiding.name ?? ''}（${aiding.text.stage}，${aiding.year}学年）登记资助`}
          only={['item', 'amount', 'paidOn']}
          send={(body) => recordAid(aiding, body)}
          initial={{}}
          onClose={(saved) => { setAiding(undefined); if (saved) list.reload(); }}
        />
      )}
    </div>
  );
}
