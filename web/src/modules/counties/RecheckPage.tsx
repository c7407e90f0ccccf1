/** 摘帽县抽查复查: draw last year's exited counties (nation or province users), list the draws and re-checks, record a county's findings; 导出Excel. */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { drawRechecks, recordFindings, rechecks, rechecksExportUrl, type Findings, type Overview, type Recheck } from './api';
import { ConditionCell, PlacePath, useYear, YearPicker } from './parts';

const KEYS = ['incidence', 'wrongExitRate', 'missedRate', 'approval'] as const;
const FIELDS = ['ruralPopulation', 'personsSampled', 'missedPersons', 'exitedPersonsSampled', 'wronglyExitedPersons', 'respondents', 'satisfied'] as const;

export function RecheckPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const selected = useSelectedPlace();
  const [year, setYear] = useYear();
  const [seed, setSeed] = useState('');
  const [editing, setEditing] = useState<Recheck | null>(null);
  const [form] = Form.useForm<Omit<Findings, 'checkedOn'> & { checkedOn: Dayjs }>();
  const query = { place: selected.code, year };
  const state = useApi(`county-rechecks#${JSON.stringify(query)}`, (signal) => rechecks(query, signal));
  const o = state.data;
  const centre = me !== undefined && me !== null && (me.placeCode === '0' || me.placeCode.length === 2) && (me.permissions.includes('procedures.act') || me.permissions.includes('policy.manage'));
  const draw = async () => {
    try {
      const d = await drawRechecks({ year, place: selected.effectiveCode, seed: seed || undefined });
      void message.success(t('counties.drawn', { sample: d.sample.length, population: d.population.length }));
      state.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const save = async () => {
    if (!editing) return;
    const v = await form.validateFields();
    try {
      const r = await recordFindings(editing.countyCode, year, { ...v, checkedOn: v.checkedOn.format('YYYY-MM-DD') });
      void message[r.passed ? 'success' : 'warning'](r.passed ? t('counties.recheckPassed') : r.verdict.failing.join('；'));
      setEditing(null);
      state.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const columns: ColumnsType<Recheck> = [
    { key: 'county', title: t('counties.county'), dataIndex: 'countyName', width: 140 },
    { key: 'status', title: t('counties.status'), width: 130, render: (_: unknown, r) => <Tag color={r.status === 'failed' ? 'red' : r.status === 'passed' ? 'green' : 'blue'} data-testid="recheck-status">{r.statusLabel}</Tag> },
    { key: 'on', title: t('counties.checkedOn'), dataIndex: 'checkedOn', width: 110 },
    ...KEYS.map((k) => ({ key: k, title: t(`counties.conditions.${k}`), width: 140, render: (_: unknown, r: Recheck) => <ConditionCell c={r.conditions.find((c) => c.key === k)} /> })),
    { key: 'rect', title: t('counties.rectifications'), render: (_: unknown, r) => r.rectificationIds.join('、') },
    { key: 'act', title: '', width: 120, render: (_: unknown, r) => (centre && r.status === 'drawn' ? <Button size="small" onClick={() => { form.setFieldsValue({ checkedOn: dayjs() }); setEditing(r); }} data-testid="record-findings">{t('counties.record')}</Button> : null) },
  ];
  const drawColumns: ColumnsType<Overview['draws'][number]> = [
    { key: 'id', title: t('counties.drawNo'), dataIndex: 'id', width: 70 },
    { key: 'place', title: t('counties.drawPlace'), dataIndex: 'placeName' },
    { key: 'exitYear', title: t('counties.exitYear'), dataIndex: 'exitYear' },
    { key: 'share', title: t('counties.share'), render: (_: unknown, d) => `${Math.round(d.share * 100)}%` },
    { key: 'count', title: t('counties.drawCount'), render: (_: unknown, d) => `${d.sampleCount} / ${d.populationCount}` },
    { key: 'seed', title: t('counties.seed'), dataIndex: 'seed' },
    { key: 'by', title: t('counties.drawnBy'), render: (_: unknown, d) => `${d.drawnBy}（${d.drawnAt.slice(0, 19).replace('T', ' ')}）` },
  ];
  return (
    <div className="counties-page" data-testid="county-recheck-page">
      <PlacePath />
      <Card
        size="small"
        title={`${t('counties.recheckTitle')} · ${o?.place.name ?? ''} ${year}`}
        extra={
          <Space>
            <YearPicker year={year} onChange={setYear} />
            {centre && <Input placeholder={t('counties.seedHint')} value={seed} onChange={(e) => setSeed(e.target.value)} style={{ width: 180 }} />}
            {centre && <Button type="primary" onClick={() => void draw()} data-testid="draw-rechecks">{t('counties.draw', { year: year - 1 })}</Button>}
            <Button icon={<DownloadOutlined />} href={rechecksExportUrl(query)}>{t('counties.export')}</Button>
          </Space>
        }
      >
        {state.error ? <ErrorState error={state.error} onRetry={state.reload} /> : (
          <>
            <Table size="small" bordered rowKey="id" pagination={false} columns={drawColumns} dataSource={o?.draws ?? []} loading={state.loading} data-testid="recheck-draws" />
            <Table<Recheck> style={{ marginTop: 12 }} size="small" bordered rowKey="countyCode" pagination={false} columns={columns} dataSource={o?.rechecks ?? []} loading={state.loading} scroll={{ x: 'max-content' }} data-testid="rechecks" />
          </>
        )}
      </Card>
      <Modal open={editing !== null} title={`${t('counties.record')} · ${editing?.countyName ?? ''}`} onOk={() => void save()} onCancel={() => setEditing(null)} okText={t('counties.save')}>
        <Form form={form} layout="horizontal" labelCol={{ span: 10 }}>
          <Form.Item name="checkedOn" label={t('counties.checkedOn')} rules={[{ required: true }]}><DatePicker /></Form.Item>
          {FIELDS.map((f) => (
            <Form.Item key={f} name={f} label={t(`counties.fields.${f}`)} rules={[{ required: true, message: t('counties.required') }]}><InputNumber min={0} precision={0} style={{ width: 160 }} /></Form.Item>
          ))}
        </Form>
      </Modal>
    </div>
  );
}
