/** 结对帮扶: the poor and monitored households without a cadre under the selected place, paired with a cadre (quota refusals shown). */
import { Alert, Button, Card, DatePicker, Select, Space, Spin, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, queryString } from '../../api/client';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { rankLabel } from './ranks';
import { exportUrl, getCadres, getUnpaired, pairHouseholds, type Unpaired } from './api';

export function PairingPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const unpaired = useApi('unpaired' + queryString({ place }), (signal) => getUnpaired(place, signal));
  const cadres = useApi('cadres' + queryString({ place }), (signal) => getCadres(place, signal));
  const [selected, setSelected] = useState<string[]>([]);
  const [cadreId, setCadreId] = useState<number>();
  const [startedOn, setStartedOn] = useState<string>(new Date().toISOString().slice(0, 10));
  const [refusal, setRefusal] = useState<string>();

  const pair = async () => {
    if (!cadreId || selected.length === 0) return;
    setRefusal(undefined);
    try {
      const r = await pairHouseholds({ cadreId, householdNos: selected, startedOn });
      message.success(t('assistance.paired', { count: r.paired }));
      setSelected([]);
      unpaired.reload();
      cadres.reload();
    } catch (e) {
      setRefusal(e instanceof ApiError ? e.message : String(e));
    }
  };

  if (unpaired.error) return <ErrorState error={unpaired.error} onRetry={unpaired.reload} />;
  return (
    <div className="assistance-pairing">
      <h2>{t('assistance.pairingTitle')}</h2>
      <Card size="small">
        <Space wrap>
          <Select
            className="pairing-cadre"
            showSearch
            optionFilterProp="label"
            placeholder={t('assistance.chooseCadre')}
            style={{ width: 320 }}
            value={cadreId}
            onChange={setCadreId}
            options={(cadres.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.unit}，${rankLabel(c.rank)}，${t('assistance.pairedCount', { count: c.households })}）` }))}
          />
          <DatePicker onChange={(d) => d && setStartedOn(d.format('YYYY-MM-DD'))} placeholder={startedOn} />
          <Button href={exportUrl('unpaired', { place })}>{t('assistance.export')}</Button>
          <Link to={`/assistance/pairing/import${queryString({ place })}`}>{t('assistance.pairingImport.open')}</Link>
          <Button type="primary" disabled={!cadreId || selected.length === 0} onClick={pair}>
            {t('assistance.pair', { count: selected.length })}
          </Button>
        </Space>
        {refusal && <Alert className="pairing-refusal" type="error" showIcon message={refusal} style={{ marginTop: 12 }} />}
      </Card>
      {!unpaired.data ? (
        <Spin className="page-loading" />
      ) : (
        <Card size="small" title={t('assistance.unpaired', { count: unpaired.data.total })} style={{ marginTop: 12 }}>
          <Table<Unpaired>
            rowKey="householdNo"
            size="small"
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
            dataSource={unpaired.data.items}
            columns={[
              { title: t('assistance.householdNo'), dataIndex: 'householdNo' },
              { title: t('assistance.head'), dataIndex: 'headName' },
              { title: t('assistance.village'), dataIndex: 'villageName' },
              { title: t('assistance.size'), dataIndex: 'size', align: 'right' },
              { title: t('assistance.status'), dataIndex: 'status', render: (s: string) => <Tag>{t(`assistance.statuses.${s}`, s)}</Tag> },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
