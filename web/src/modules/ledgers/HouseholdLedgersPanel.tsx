/** The household card's 行业部门台账: each ledger's records of the household the user may read. */
import { Card, Descriptions, Empty, Tag } from 'antd';
import { useApi } from '../../app/useApi';
import { householdLedgers } from './api';

export function HouseholdLedgersPanel({ householdNo }: { householdNo: string }) {
  const data = useApi(`ledgers-${householdNo}`, (signal) => householdLedgers(householdNo, signal));
  if (data.error) return null;
  const ledgers = data.data?.ledgers ?? [];
  return (
    <Card size="small" title="行业部门台账" className="household-ledgers" loading={data.loading}>
      {!ledgers.length && <Empty description="暂无行业部门台账记录" />}
      {ledgers.map((l) => (
        <div key={l.kind} style={{ marginBottom: 12 }}>
          <h4>{l.group} · {l.label}</h4>
          {l.items.map((r) => (
            <Descriptions
              key={r.id} size="small" bordered column={3} style={{ marginBottom: 6 }}
              title={<span>{r.name ?? r.householdNo} <Tag>{r.year}</Tag><Tag color="blue">记录 {r.id}</Tag></span>}
              items={l.fields.filter((f) => r.text[f.key]).map((f) => ({ key: f.key, label: f.label, children: r.text[f.key] }))}
            />
          ))}
        </div>
      ))}
    </Card>
  );
}

