/** Students in school by stage per place (the shape of seed 002: 小学765人 …), with the registered and the aided. */
import { Card, Table } from 'antd';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { ReportActions } from '../reports/parts';
import { coverage, coverageExportUrl, type Coverage } from './api';
import { useLedgerYear, YearField } from './parts';

type Line = Coverage['lines'][number];

export function CoveragePage() {
  const [place] = usePlaceParam();
  const [year, setYear] = useLedgerYear();
  const data = useApi(`coverage${place}${year}`, (signal) => coverage({ place, year }, signal));
  const c = data.data;
  const rows: (Line & { key: string })[] = c ? [...c.lines.map((l) => ({ ...l, key: l.placeCode })), { ...c.total, placeCode: '', placeName: '合计', key: 'total' }] : [];
  return (
    <div className="report-page ledger-page">
      <div className="report-head">
        <h2 className="report-title">分学段在校学生（{year}学年）</h2>
        <ReportActions exportUrl={coverageExportUrl({ place, year })} />
      </div>
      <div className="no-print" style={{ marginBottom: 8 }}>
        <YearField label="学年" value={year} onChange={(v) => v && setYear(v)} />
      </div>
      <Card size="small">
        {data.error ? (
          <ErrorState error={data.error} onRetry={data.reload} />
        ) : (
          <Table
            rowKey="key" size="small" bordered pagination={false} loading={data.loading} dataSource={rows}
            columns={[
              { title: '地区', dataIndex: 'placeName' },
              ...(c?.stages ?? []).map((s) => ({ title: s.label, key: s.code, align: 'right' as const, render: (_: unknown, l: Line) => l.byStage[s.code] ?? 0 })),
              { title: '在校学生合计', dataIndex: 'students', align: 'right' as const },
              { title: '其中建档立卡', dataIndex: 'registered', align: 'right' as const },
              { title: '已资助', dataIndex: 'aided', align: 'right' as const },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
