import { Card, Empty, Radio, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { comparePolicies, listPolicies, valueText, type Comparison } from './api';

type Difference = Comparison['differences'][number];

/** 版本比较: two versions side by side, only the parameters that differ, the new value highlighted. */
export function PolicyComparePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const a = params.get('a') ?? undefined;
  const b = params.get('b') ?? undefined;
  const mode = params.get('mode') === 'effective' ? 'effective' : 'record';
  const set = (key: string, value: string | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  const versions = useApi('policy-versions', (signal) => listPolicies({}, signal));
  const comparison = useApi(`compare:${a}:${b}:${mode}`, (signal) => (a && b ? comparePolicies(a, b, mode, signal) : Promise.resolve(undefined)));
  const options = (versions.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.regionName} ${p.effectiveYear} 第 ${p.version} 版 · ${p.title}（${t(`policy.status.${p.status}`)}）` }));
  const shown = (v: unknown) => (v === null ? <Typography.Text type="secondary">{t('policy.compare.unset')}</Typography.Text> : <span className="mono">{valueText(v)}</span>);

  return (
    <Card size="small" title={t('policy.compare.title')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select className="policy-compare-a" showSearch optionFilterProp="label" style={{ width: 360 }} placeholder={t('policy.compare.a')} value={a} options={options} onChange={(v) => set('a', v)} loading={versions.loading} />
        <Select className="policy-compare-b" showSearch optionFilterProp="label" style={{ width: 360 }} placeholder={t('policy.compare.b')} value={b} options={options} onChange={(v) => set('b', v)} loading={versions.loading} />
        <Radio.Group value={mode} onChange={(e) => set('mode', e.target.value)} optionType="button">
          <Radio value="record">{t('policy.compare.record')}</Radio>
          <Radio value="effective">{t('policy.compare.effective')}</Radio>
        </Radio.Group>
      </Space>
      {versions.error && <ErrorState error={versions.error} onRetry={versions.reload} />}
      {comparison.error ? (
        <ErrorState error={comparison.error} onRetry={comparison.reload} />
      ) : !a || !b ? (
        <Empty description={t('policy.compare.pick')} />
      ) : (
        <>
          {comparison.data && <Typography.Paragraph className="policy-diff-count">{comparison.data.differences.length ? t('policy.compare.count', { count: comparison.data.differences.length }) : t('policy.compare.same')}</Typography.Paragraph>}
          <Table<Difference>
            className="policy-diff"
            rowKey="path"
            size="small"
            bordered
            loading={comparison.loading}
            pagination={false}
            dataSource={comparison.data?.differences ?? []}
            columns={[
              { title: t('policy.compare.field'), dataIndex: 'field' },
              { title: comparison.data ? `A：${comparison.data.a.title}（第 ${comparison.data.a.version} 版）` : t('policy.compare.a'), dataIndex: 'a', width: '25%', render: shown },
              {
                title: comparison.data ? `B：${comparison.data.b.title}（第 ${comparison.data.b.version} 版）` : t('policy.compare.b'),
                dataIndex: 'b',
                width: '25%',
                onCell: () => ({ className: 'policy-diff-changed', style: { background: '#fff7e6' } }),
                render: (v: unknown) => <strong>{shown(v)}</strong>,
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
