/**
 * 考核 page: a county's schemes of a year, the results of one (score of each indicator, total,
 * band, rank, the evidence behind each score), forms for a scheme (weights adding up to 100) and
 * an inspector's score; 导出Excel and print.
 */
import { Breadcrumb, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { ASSESSMENT_METRICS, ASSESSMENT_RULES } from '../../../../src/domain/rhythm/assessment';
import { FormModal, todayText } from '../projects/parts';
import { ReportActions } from '../reports/parts';
import { createScheme, enterScore, getResults, listSchemes, resultsExportUrl, type Results } from './api';

const options = (t: Record<string, string>) => Object.entries(t).map(([value, label]) => ({ value, label }));
type Row = Results['rows'][number];
type IndicatorForm = { code: string; name: string; weight: number; source: 'entered' | 'computed'; metric?: keyof typeof ASSESSMENT_METRICS; rule?: keyof typeof ASSESSMENT_RULES; target?: number; k?: number };

export function AssessmentPage() {
  const [place] = usePlaceParam();
  const selected = useSelectedPlace();
  const can = useCan();
  const [year, setYear] = useState(Number(todayText().slice(0, 4)));
  const [picked, setPicked] = useState<{ county: string; id: number }>();
  const [form, setForm] = useState<'scheme' | 'score'>();
  const schemes = useApi(`${place}|${year}`, (signal) => listSchemes(place, year, signal));
  const current = picked ?? (schemes.data?.items[0] && { county: schemes.data.items[0].countyCode, id: schemes.data.items[0].id });
  const results = useApi(current ? `${current.county}-${current.id}` : 'none', (signal) => (current ? getResults(current.county, current.id, signal) : Promise.resolve(undefined)));
  const r = results.data;
  const county = (place ?? selected.scopeCode).slice(0, 6);
  return (
    <div className="report-page assessment">
      <Breadcrumb items={[{ title: '工作调度' }, { title: '考核' }]} />
      <div className="report-head">
        <h2 className="report-title">{r ? `${r.countyName}${r.title}` : '考核'}</h2>
        <ReportActions
          exportUrl={current && resultsExportUrl(current.county, current.id)}
          extra={can('supervision.manage') && (
            <>
              <Button onClick={() => setForm('scheme')}>制定考核方案</Button>
              {r && <Button onClick={() => setForm('score')}>录入得分</Button>}
            </>
          )}
        />
      </div>
      <Space className="no-print" style={{ marginBottom: 12 }} wrap>
        年度 <InputNumber min={2000} max={2100} value={year} onChange={(y) => y && setYear(y)} />
        <Select style={{ width: 320 }} placeholder="考核方案" value={current ? `${current.county}-${current.id}` : undefined}
          options={(schemes.data?.items ?? []).map((s) => ({ value: `${s.countyCode}-${s.id}`, label: `${s.title}（考核日 ${s.assessOn}）` }))}
          onChange={(v: string) => { const [c, i] = v.split('-'); setPicked({ county: c, id: Number(i) }); }} />
      </Space>
      {results.error ? <ErrorState error={results.error} onRetry={results.reload} /> : r && (
        <Card size="small" title={`考核日期 ${r.assessOn}；计算指标取 ${r.snapshotMonth?.slice(0, 7) ?? '（无）'} 月末快照${r.source ? `；${r.source}` : ''}`}>
          <Table<Row>
            className="assessment-table" rowKey="placeCode" size="small" bordered pagination={false} dataSource={r.rows} scroll={{ x: true }}
            columns={[
              { title: '名次', dataIndex: 'rank', width: 60 },
              { title: '乡镇', dataIndex: 'placeName', width: 140 },
              ...r.indicators.map((ind, i) => ({
                title: `${ind.name}（${ind.weight}分）`, key: ind.code, align: 'right' as const,
                render: (_: unknown, row: Row) => <Tooltip title={row.lines[i].evidence}>{row.lines[i].score ?? <Tag>未录入</Tag>}</Tooltip>,
              })),
              { title: '总分', dataIndex: 'total', width: 80, align: 'right' },
              { title: '等次', dataIndex: 'band', width: 70 },
            ]}
          />
        </Card>
      )}
      {form === 'scheme' && (
        <FormModal<{ title: string; assessOn: string; source?: string; indicators: IndicatorForm[] }>
          width={900} title="制定考核方案（各项分值合计须为 100 分）" initialValues={{ assessOn: `${year}-12-31`, indicators: [{ code: 'work', name: '日常工作', weight: 100, source: 'entered' }] }}
          onClose={(done) => { setForm(undefined); if (done) schemes.reload(); }}
          run={(v) => createScheme({ county, year, title: v.title, assessOn: v.assessOn, source: v.source, indicators: v.indicators })}
        >
          {() => (
            <>
              <Space wrap><Form.Item name="title" label="方案名称" rules={[{ required: true }]}><Input style={{ width: 300 }} /></Form.Item>
                <Form.Item name="assessOn" label="考核日期（YYYY-MM-DD）" rules={[{ required: true }]}><Input /></Form.Item>
                <Form.Item name="source" label="出处"><Input /></Form.Item></Space>
              <Form.List name="indicators">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} wrap align="start">
                        <Form.Item name={[f.name, 'code']} rules={[{ required: true }]}><Input placeholder="代码" style={{ width: 90 }} /></Form.Item>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true }]}><Input placeholder="指标名称" style={{ width: 140 }} /></Form.Item>
                        <Form.Item name={[f.name, 'weight']} rules={[{ required: true }]}><InputNumber placeholder="分值" min={0} max={100} /></Form.Item>
                        <Form.Item name={[f.name, 'source']}><Select style={{ width: 110 }} options={[{ value: 'entered', label: '录入' }, { value: 'computed', label: '系统计算' }]} /></Form.Item>
                        <Form.Item name={[f.name, 'metric']}><Select allowClear placeholder="计算依据" style={{ width: 200 }} options={options(ASSESSMENT_METRICS)} /></Form.Item>
                        <Form.Item name={[f.name, 'rule']}><Select allowClear placeholder="计分规则" style={{ width: 140 }} options={options(ASSESSMENT_RULES)} /></Form.Item>
                        <Form.Item name={[f.name, 'target']}><InputNumber placeholder="目标值" /></Form.Item>
                        <Form.Item name={[f.name, 'k']}><InputNumber placeholder="每次扣分" /></Form.Item>
                        <Button onClick={() => remove(f.name)}>删除</Button>
                      </Space>
                    ))}
                    <Button onClick={() => add({ source: 'entered' })}>添加指标</Button>
                  </>
                )}
              </Form.List>
            </>
          )}
        </FormModal>
      )}
      {form === 'score' && r && current && (
        <FormModal<{ placeCode: string; indicatorCode: string; score: number; evidence: string }>
          title="录入考核得分" onClose={(done) => { setForm(undefined); if (done) results.reload(); }}
          run={(v) => enterScore(current.county, current.id, v)}
        >
          {() => (
            <>
              <Form.Item name="placeCode" label="乡镇" rules={[{ required: true }]}><Select options={r.rows.map((row) => ({ value: row.placeCode, label: row.placeName }))} /></Form.Item>
              <Form.Item name="indicatorCode" label="指标" rules={[{ required: true }]}><Select options={r.indicators.filter((i) => i.source === 'entered').map((i) => ({ value: i.code, label: `${i.name}（${i.weight}分）` }))} /></Form.Item>
              <Form.Item name="score" label="得分" rules={[{ required: true }]}><InputNumber min={0} max={100} step={0.5} /></Form.Item>
              <Form.Item name="evidence" label="评分依据" rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
            </>
          )}
        </FormModal>
      )}
    </div>
  );
}
