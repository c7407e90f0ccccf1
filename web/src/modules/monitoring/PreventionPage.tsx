/**
 * 防止返贫致贫对象: for the selected place and the business year (the header's), every household
 * in the monitoring range of its province with its kind and the reason (no cap), 导出Excel, the
 * household's 自付 costs as a form, and the what-if of another range or 口径.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, InputNumber, Modal, Space, Table, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/client';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { useBusinessYear } from '../../app/businessYear';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { COST_ITEMS, getCosts, getScreening, putCosts, screeningExportUrl, type ScreenedHousehold } from './preventionApi';
import { PreventionWhatIf } from './PreventionWhatIf';
import { HouseholdActions } from './HouseholdActions';

const KIND_COLORS: Record<string, string> = { unstable: 'orange', marginal: 'gold', sudden: 'red' };

function CostsModal({ householdNo, year, onClose }: { householdNo: string; year: string; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [amounts, setAmounts] = useState<Record<string, number | null>>({});
  const [error, setError] = useState<string>();
  const loaded = useApi(`costs:${householdNo}:${year}`, async () => {
    const v = await getCosts(householdNo, year);
    setAmounts(Object.fromEntries(v.lines.map((l) => [l.item, l.amount])));
    return v;
  });
  const save = async () => {
    try {
      await putCosts(householdNo, year, COST_ITEMS.map((item) => ({ item, amount: amounts[item] ?? 0 })));
      message.success(t('monitoring.prevention.saved'));
      onClose(true);
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  return (
    <Modal open title={t('monitoring.prevention.costsTitle', { no: householdNo, year })} onOk={save} okText={t('monitoring.prevention.save')} onCancel={() => onClose(false)} confirmLoading={loaded.loading}>
      {error && <Alert type="error" message={error} data-testid="costs-error" />}
      {COST_ITEMS.map((item) => (
        <div key={item} style={{ marginTop: 8 }}>
          <Typography.Text style={{ display: 'inline-block', width: 160 }}>{t(`monitoring.prevention.items.${item}`)}</Typography.Text>
          <InputNumber min={0} value={amounts[item] ?? null} onChange={(v) => setAmounts({ ...amounts, [item]: v })} data-testid={`cost-${item}`} />
        </div>
      ))}
    </Modal>
  );
}

export function PreventionPage() {
  const { t } = useTranslation();
  const can = useCan();
  const place = useSelectedPlace().effectiveCode;
  const year = String(useBusinessYear().year);
  const [all, setAll] = useState(false);
  const [costsOf, setCostsOf] = useState<string>();
  const query = { place, year, ...(all ? { all: 'true' } : {}) };
  const screening = useApi(`prevention:${place}:${year}:${all}:${can('registry.read')}`, (signal) => (can('registry.read') ? getScreening(query, signal) : Promise.resolve(undefined)));
  const r = screening.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('registry.read') && <Card size="small" title={t('monitoring.prevention.title')} data-testid="prevention-screening"
        extra={<Space>
          <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)}>{t('monitoring.prevention.showAll')}</Checkbox>
          {can('registry.export') && <Button icon={<DownloadOutlined />} href={screeningExportUrl(query)} data-testid="prevention-export">{t('monitoring.prevention.export')}</Button>}
        </Space>}>
        {screening.error ? <ErrorState error={screening.error} onRetry={screening.reload} /> : null}
        {r && <Typography.Paragraph data-testid="prevention-counts">{t('monitoring.prevention.counts', r.counts)}</Typography.Paragraph>}
        {r?.ranges.map((line) => <Typography.Paragraph key={line} type="secondary">{line}</Typography.Paragraph>)}
        <Table<ScreenedHousehold>
          size="small" rowKey="householdNo" loading={screening.loading} dataSource={r?.items ?? []}
          locale={{ emptyText: r?.ranges.length ? `${t('monitoring.prevention.noneInRange')}：${r.ranges.join('；')}` : t('monitoring.prevention.noneInRange') }}
          columns={[
            { key: 'no', title: t('monitoring.prevention.householdNo'), dataIndex: 'householdNo' },
            { key: 'head', title: t('monitoring.prevention.head'), dataIndex: 'headName' },
            { key: 'kind', title: t('monitoring.prevention.kind'), render: (_: unknown, h) => (h.kind ? <Tag color={KIND_COLORS[h.kind]}>{h.kindLabel}</Tag> : <Tag>{t('monitoring.prevention.outside')}</Tag>) },
            { key: 'pc', title: t('monitoring.prevention.perCapita'), dataIndex: 'perCapita', align: 'right' },
            { key: 'after', title: t('monitoring.prevention.afterCosts'), dataIndex: 'afterCosts', align: 'right' },
            { key: 'mon', title: t('monitoring.prevention.monitored'), render: (_: unknown, h) => (h.monitored ? t('monitoring.prevention.yes') : t('monitoring.prevention.no')) },
            { key: 'reason', title: t('monitoring.prevention.reason'), dataIndex: 'reason' },
            ...(can('procedures.act') ? [{ key: 'act', title: t('monitoring.prevention.actions.title'), render: (_: unknown, h: ScreenedHousehold) => <HouseholdActions householdNo={h.householdNo} status={h.status} year={Number(year)} /> }] : []),
            ...(can('registry.write') ? [{ key: 'costs', title: t('monitoring.prevention.costs'), render: (_: unknown, h: ScreenedHousehold) => <Button size="small" onClick={() => setCostsOf(h.householdNo)} data-testid={`costs-${h.householdNo}`}>{t('monitoring.prevention.costs')}</Button> }] : []),
          ]}
        />
      </Card>}
      {can('policy.manage') && <PreventionWhatIf place={place} year={Number(year)} />}
      {costsOf && <CostsModal householdNo={costsOf} year={year} onClose={(saved) => { setCostsOf(undefined); if (saved) screening.reload(); }} />}
    </Space>
  );
}
