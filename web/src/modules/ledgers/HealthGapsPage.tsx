/**
 * 应签尽签 (卫健: 家庭医生签约) and 应参尽参 (医保: 基本医疗保险, 大病保险): members of registered
 * households whose fact for the year, as the assessment reads it (the health ledger over the
 * registry's field), is not "yes". The year is the header's business year.
 */
import { Alert, Breadcrumb, Card, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useBusinessYear } from '../../app/businessYear';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { ReportActions } from '../reports/parts';
import { INSURANCE_KIND, SIGNING_KIND } from '../../../../src/domain/ledgers/medicalFacts';
import { healthGaps, healthGapsExportUrl, listShapes, type HealthCheck, type HealthGaps } from './api';

type Item = HealthGaps['items'][number];

/** The ledger each check reads. */
const CHECK_KINDS: Record<HealthCheck, string> = { signing: SIGNING_KIND, insurance: INSURANCE_KIND };

const fact = (v: boolean | null) => (v === null ? <Tag>未登记</Tag> : v ? <Tag color="green">是</Tag> : <Tag color="red">否</Tag>);

export function HealthGapsPage() {
  const [place] = usePlaceParam();
  const { year } = useBusinessYear();
  const [chosen, setCheck] = useState<HealthCheck>();
  // The checks of the ledgers this account reads (卫健's 签约, 医保's 参保): another line's user is not sent to a refusal.
  const shapes = useApi('ledger-shapes', (signal) => listShapes(signal));
  const readable = (Object.keys(CHECK_KINDS) as HealthCheck[]).filter((c) => shapes.data?.items.some((s) => s.kind === CHECK_KINDS[c]));
  const check = chosen && readable.includes(chosen) ? chosen : readable[0];
  const list = useApi(`health${place}${year}${check}`, (signal) => (check ? healthGaps({ place, year, check }, signal) : Promise.resolve(undefined)));
  const title = check === 'insurance' ? '应参尽参：未参加基本医疗保险或大病保险的登记户成员' : '应签尽签：未签约家庭医生的登记户成员';
  const label = check === 'insurance' ? '应参尽参' : '应签尽签';
  const options = [{ value: 'signing' as const, label: '应签尽签（卫健）' }, { value: 'insurance' as const, label: '应参尽参（医保）' }].filter((o) => readable.includes(o.value));
  return (
    <div className="report-page ledger-page">
      <Breadcrumb items={[{ title: <Link to="/ledgers">行业部门台账</Link> }, { title: '应签尽签 · 应参尽参' }]} />
      <div className="report-head">
        <h2 className="report-title">{title}（{year}年）</h2>
        {check && <ReportActions exportUrl={healthGapsExportUrl({ place, year, check })} />}
      </div>
      {shapes.error && <ErrorState error={shapes.error} onRetry={shapes.reload} />}
      {shapes.data && !check && (
        <Alert type="info" showIcon data-testid="health-gaps-not-yours" title="您的账户所属行业不能查看卫健（家庭医生签约）和医保（参保）台账：应签尽签、应参尽参由卫健、医保部门和乡村两级查看。" />
      )}
      {check && options.length > 1 && (
        <Space wrap className="no-print" style={{ marginBottom: 8 }}>
          <Segmented<HealthCheck> value={check} onChange={setCheck} options={options} />
        </Space>
      )}
      {check && list.data && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`共 ${list.data.total} 人未达${list.data.label}（含未登记）；有台账记录的以台账为准，否则以建档立卡登记为准`} />}
      {check && <Card size="small">
        {list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Table<Item>
            rowKey={(r) => `${r.countyCode}:${r.householdNo}:${r.idNumber}:${r.name}`} size="small" bordered loading={list.loading} dataSource={list.data?.items ?? []} data-testid="health-gaps"
            locale={{ emptyText: `${year}年本地区登记户成员均已达${label}` }}
            columns={[
              { title: '户编号', dataIndex: 'householdNo', render: (v: string) => <Link to={`/households/${encodeURIComponent(v)}`}>{v}</Link> },
              { title: '姓名', dataIndex: 'name' },
              { title: '身份证号', dataIndex: 'idNumber' },
              { title: '所在地', dataIndex: 'placeName' },
              { title: '家庭医生签约', dataIndex: 'signed', render: fact },
              { title: '慢病卡', dataIndex: 'chronicCard', render: fact },
              { title: '基本医疗保险', dataIndex: 'insuredBasic', render: fact },
              { title: '大病保险', dataIndex: 'insuredSerious', render: fact },
              { title: '来源', dataIndex: 'fromLedger', render: (v: boolean) => (v ? '行业部门台账' : '建档立卡登记') },
            ]}
          />
        )}
      </Card>}
    </div>
  );
}
