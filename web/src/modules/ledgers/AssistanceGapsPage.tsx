/**
 * 应保尽保 (to verify): registered households whose per-capita income of the year is below the
 * county's 农村低保 standard (as 民政's file gives it) and with no member 在保 in 低保 or 特困.
 */
import { Alert, Card, InputNumber, Space, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { ReportActions } from '../reports/parts';
import { assistanceGaps, assistanceGapsExportUrl, type AssistanceGaps } from './api';
import { useLedgerYear, YearField } from './parts';

type Item = AssistanceGaps['items'][number];

export function AssistanceGapsPage() {
  const [place] = usePlaceParam();
  const [year, setYear] = useLedgerYear();
  const [standard, setStandard] = useState<number>();
  const list = useApi(`assistance${place}${year}${standard}`, (signal) => (standard ? assistanceGaps({ place, year, standard }, signal) : Promise.resolve(undefined)));
  return (
    <div className="report-page ledger-page">
      <div className="report-head">
        <h2 className="report-title">应保尽保：低于低保标准而未在保的登记户（待核实）</h2>
        <ReportActions exportUrl={standard ? assistanceGapsExportUrl({ place, year, standard }) : undefined} />
      </div>
      <Space wrap className="no-print" style={{ marginBottom: 8 }}>
        <YearField label="年度" value={year} onChange={(v) => v && setYear(v)} />
        <span>农村低保标准（元/人·年）</span>
        <InputNumber aria-label="农村低保标准" min={1} max={100000} value={standard} onChange={(v) => setStandard(v ?? undefined)} />
      </Space>
      {!standard && <Alert type="info" showIcon title="请填写民政部门公布的本县该年度农村低保标准" />}
      {list.data && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`共 ${list.data.total} 户人均纯收入低于 ${list.data.standard} 元且无成员在保（低保或特困），请村级核实财产等条件`} />}
      <Card size="small">
        {list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Item>
            rowKey={(r) => `${r.countyCode}:${r.householdNo}`} size="small" bordered loading={list.loading && !!standard} dataSource={list.data?.items ?? []}
            columns={[
              { title: '户编号', dataIndex: 'householdNo', render: (v: string) => <Link to={`/households/${encodeURIComponent(v)}`}>{v}</Link> },
              { title: '户主', dataIndex: 'headName' },
              { title: '所在地', dataIndex: 'placeName' },
              { title: '人口', dataIndex: 'size', align: 'right' },
              { title: '人均纯收入（元）', dataIndex: 'perCapitaNet', align: 'right' },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
