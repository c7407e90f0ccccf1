/**
 * 督查 pages: the rounds of a year (明察 / 暗访) and planning one; a round with its findings, each
 * opening a rectification whose state shows beside it, and 印发通报; the 通报 as a print view
 * (frozen items with their live follow-up); the 问责 ledger with its form.
 */
import { Breadcrumb, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { PlacePicker } from '../../components/PlacePicker';
import { ACCOUNTABILITY_MEASURES, CAUSE_KINDS, INSPECTION_MODES } from '../../../../src/domain/rhythm/labels';
import { FormModal, todayText } from '../projects/parts';
import { ReportActions } from '../reports/parts';
import {
  accountabilityExportUrl, addFinding, createAccountability, createRound, getBulletin, getRound, issueBulletin, listAccountability, listBulletins, listRounds, roundExportUrl,
  type Accountability, type Round, type RoundLine,
} from './api';

type DateValue = { format: (f: string) => string } | undefined;
const day = (v: DateValue) => (v ? v.format('YYYY-MM-DD') : todayText());
const options = (t: Record<string, string>) => Object.entries(t).map(([value, label]) => ({ value, label }));
const lines = (text: string | undefined) => (text ?? '').split(/[\n、,，]/).map((s) => s.trim()).filter(Boolean);

function YearBox({ year, setYear }: { year: number; setYear: (y: number) => void }) {
  return <Space className="no-print" style={{ marginBottom: 12 }}>年度 <InputNumber min={2000} max={2100} value={year} onChange={(y) => y && setYear(y)} /></Space>;
}

export function InspectionsPage() {
  const [place] = usePlaceParam();
  const selected = useSelectedPlace();
  const can = useCan();
  const [year, setYear] = useState(Number(todayText().slice(0, 4)));
  const [creating, setCreating] = useState(false);
  const rounds = useApi(`${place}|${year}`, (signal) => listRounds(place, year, signal));
  const bulletins = useApi(`b${place}|${year}`, (signal) => listBulletins(place, year, signal));
  return (
    <div className="report-page inspections">
      <div className="report-head">
        <h2 className="report-title">督查与通报</h2>
        <ReportActions extra={can('supervision.manage') && <Button type="primary" className="round-create" onClick={() => setCreating(true)}>安排督查</Button>} />
      </div>
      <YearBox year={year} setYear={setYear} />
      {rounds.error ? <ErrorState error={rounds.error} onRetry={rounds.reload} /> : (
        <Table<RoundLine>
          className="rounds-table" rowKey={(r) => `${r.countyCode}-${r.id}`} size="small" bordered loading={rounds.loading} pagination={false} dataSource={rounds.data?.items ?? []}
          columns={[
            { title: '督查名称', dataIndex: 'title', render: (v: string, r) => <Link className="round-open" to={`/inspections/${r.countyCode}/${r.id}`}>{v}</Link> },
            { title: '方式', dataIndex: 'modeLabel', width: 70, render: (v: string, r) => <Tag color={r.mode === 'covert' ? 'purple' : 'blue'}>{v}</Tag> },
            { title: '对象', dataIndex: 'placeNames', render: (v: string[]) => v.join('、') },
            { title: '督查组', dataIndex: 'team', render: (v: string[], r) => `${r.leader ? r.leader + '带队；' : ''}${v.join('、')}` },
            { title: '时间', key: 'dates', width: 200, render: (_: unknown, r) => `${r.startsOn} 至 ${r.endsOn}` },
          ]}
        />
      )}
      <Card size="small" title="通报" style={{ marginTop: 12 }}>
        <Table
          className="bulletins-table" rowKey={(b) => `${b.countyCode}-${b.id}`} size="small" pagination={false} dataSource={bulletins.data?.items ?? []}
          columns={[
            { title: '标题', dataIndex: 'title', render: (v: string, b) => <Link to={`/bulletins/${b.countyCode}/${b.id}`}>{v}</Link> },
            { title: '文号', dataIndex: 'docNo' }, { title: '印发日期', dataIndex: 'issuedOn' }, { title: '表扬', dataIndex: 'praise' }, { title: '批评', dataIndex: 'criticism' },
          ]}
        />
      </Card>
      {creating && (
        <FormModal<{ title: string; mode: 'open' | 'covert'; place: string; team: string; leader?: string; startsOn: DateValue; endsOn: DateValue }>
          title="安排督查" initialValues={{ mode: 'open' }} onClose={(done) => { setCreating(false); if (done) rounds.reload(); }}
          run={(v) => createRound({ title: v.title, mode: v.mode, places: [v.place], team: lines(v.team), leader: v.leader, startsOn: day(v.startsOn), endsOn: day(v.endsOn) })}
        >
          {() => (
            <>
              <Form.Item name="title" label="督查名称" rules={[{ required: true }]}><Input /></Form.Item>
              <Form.Item name="mode" label="督查方式"><Radio.Group options={options(INSPECTION_MODES)} /></Form.Item>
              <Form.Item name="place" label="督查对象" rules={[{ required: true }]}><PlacePicker within={selected.scopeCode} /></Form.Item>
              <Form.Item name="team" label="督查组成员（顿号或换行分隔）" rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>
              <Form.Item name="leader" label="带队领导"><Input /></Form.Item>
              <Space><Form.Item name="startsOn" label="开始日期" rules={[{ required: true }]}><DatePicker /></Form.Item><Form.Item name="endsOn" label="结束日期" rules={[{ required: true }]}><DatePicker /></Form.Item></Space>
            </>
          )}
        </FormModal>
      )}
    </div>
  );
}

type Finding = Round['findings'][number];

export function InspectionPage() {
  const { county = '', id = '' } = useParams();
  const can = useCan();
  const round = useApi(`${county}-${id}`, (signal) => getRound(county, id, signal));
  const [form, setForm] = useState<'finding' | 'bulletin'>();
  const [issued, setIssued] = useState<{ id: number; title: string }[]>([]);
  const r = round.data;
  return (
    <div className="report-page inspection">
      <Breadcrumb className="no-print" items={[{ title: <Link to="/inspections">督查与通报</Link> }, { title: r?.title ?? '…' }]} />
      <div className="report-head">
        <h2 className="report-title">{r ? `${r.title}（${r.modeLabel}）` : '…'}</h2>
        <ReportActions
          exportUrl={roundExportUrl(county, id)}
          extra={can('supervision.manage') && (
            <>
              <Button type="primary" className="finding-add" onClick={() => setForm('finding')}>登记发现问题</Button>
              <Button className="bulletin-issue" onClick={() => setForm('bulletin')}>印发通报</Button>
            </>
          )}
        />
      </div>
      {round.error ? <ErrorState error={round.error} onRetry={round.reload} /> : r && (
        <>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label="对象">{r.placeNames.join('、')}</Descriptions.Item>
            <Descriptions.Item label="时间">{r.startsOn} 至 {r.endsOn}</Descriptions.Item>
            <Descriptions.Item label="带队领导">{r.leader ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="督查组">{r.team.join('、')}</Descriptions.Item>
          </Descriptions>
          {issued.map((b) => <p key={b.id}>已印发：<Link className="bulletin-link" to={`/bulletins/${county}/${b.id}`}>{b.title}</Link></p>)}
          <Table<Finding>
            className="findings-table" rowKey="seq" size="small" bordered pagination={false} dataSource={r.findings} style={{ marginTop: 12 }}
            columns={[
              { title: '序号', dataIndex: 'seq', width: 60 },
              { title: '地区', dataIndex: 'placeName', width: 160 },
              { title: '发现日期', dataIndex: 'foundOn', width: 110 },
              { title: '问题', dataIndex: 'finding' },
              { title: '责任单位', dataIndex: 'responsibleUnit', width: 120 },
              { title: '整改', key: 'rect', width: 220, render: (_: unknown, f) => <><Link to={`/rectifications?status=${f.rectificationStatus}`}>第 {f.rectificationId} 号</Link> <Tag color={f.rectificationStatus === 'closed' ? 'green' : f.overdue ? 'red' : 'blue'}>{f.rectificationStatusLabel}</Tag></> },
            ]}
          />
        </>
      )}
      {form === 'finding' && r && (
        <FormModal<{ placeCode: string; foundOn: DateValue; finding: string; responsibleUnit: string; responsibleLeader?: string; deadline: DateValue; measures?: string }>
          title="登记督查发现问题" onClose={(done) => { setForm(undefined); if (done) round.reload(); }}
          run={(v) => addFinding(county, id, { ...v, foundOn: day(v.foundOn), deadline: day(v.deadline) })}
        >
          {() => (
            <>
              <Form.Item name="placeCode" label="问题所在地区" rules={[{ required: true }]}><PlacePicker within={r.places[0]} /></Form.Item>
              <Form.Item name="finding" label="问题描述" rules={[{ required: true }]}><Input.TextArea rows={3} /></Form.Item>
              <Space wrap>
                <Form.Item name="responsibleUnit" label="责任单位" rules={[{ required: true }]}><Input /></Form.Item>
                <Form.Item name="responsibleLeader" label="责任领导"><Input /></Form.Item>
              </Space>
              <Space><Form.Item name="foundOn" label="发现日期" rules={[{ required: true }]}><DatePicker /></Form.Item><Form.Item name="deadline" label="整改时限" rules={[{ required: true }]}><DatePicker /></Form.Item></Space>
              <Form.Item name="measures" label="整改措施"><Input.TextArea rows={2} /></Form.Item>
            </>
          )}
        </FormModal>
      )}
      {form === 'bulletin' && (
        <FormModal<{ title: string; docNo?: string; issuedOn: DateValue; body?: string; praise?: string }>
          title="印发通报" onClose={() => setForm(undefined)}
          run={async (v) => {
            const b = await issueBulletin(county, id, { title: v.title, docNo: v.docNo, issuedOn: day(v.issuedOn), body: v.body, praise: lines(v.praise).map((text) => ({ text })) });
            setIssued((list) => [...list, { id: b.id, title: b.title }]);
          }}
        >
          {() => (
            <>
              <Form.Item name="title" label="通报标题" rules={[{ required: true }]}><Input /></Form.Item>
              <Space><Form.Item name="docNo" label="文号"><Input /></Form.Item><Form.Item name="issuedOn" label="印发日期" rules={[{ required: true }]}><DatePicker /></Form.Item></Space>
              <Form.Item name="body" label="正文"><Input.TextArea rows={3} /></Form.Item>
              <Form.Item name="praise" label="表扬事项（每行一项；发现问题自动列为批评事项）"><Input.TextArea rows={2} /></Form.Item>
            </>
          )}
        </FormModal>
      )}
    </div>
  );
}

export function BulletinPage() {
  const { county = '', id = '' } = useParams();
  const bulletin = useApi(`${county}-${id}`, (signal) => getBulletin(county, id, signal));
  const b = bulletin.data;
  const items = (kind: 'praise' | 'criticism') => b?.items.filter((i) => i.kind === kind) ?? [];
  return (
    <div className="report-page bulletin print-view">
      <Breadcrumb className="no-print" items={[{ title: <Link to="/inspections">督查与通报</Link> }, { title: '通报' }]} />
      <div className="report-head"><span /><ReportActions /></div>
      {bulletin.error ? <ErrorState error={bulletin.error} onRetry={bulletin.reload} /> : b && (
        <article className="bulletin-body">
          <h2 style={{ textAlign: 'center' }}>{b.title}</h2>
          {b.docNo && <p style={{ textAlign: 'center' }}>{b.docNo}</p>}
          {b.body && <p>{b.body}</p>}
          {items('praise').length > 0 && <><h3>一、表扬</h3><ol>{items('praise').map((i, n) => <li key={n}>{i.placeName ? `${i.placeName}：` : ''}{i.text}</li>)}</ol></>}
          <h3>{items('praise').length > 0 ? '二' : '一'}、发现的问题</h3>
          <Table
            className="bulletin-items" rowKey={(i) => String(i.findingSeq)} size="small" bordered pagination={false} dataSource={items('criticism')}
            columns={[
              { title: '序号', dataIndex: 'findingSeq', width: 60 },
              { title: '地区', dataIndex: 'placeName', width: 160 },
              { title: '问题（印发时）', dataIndex: 'text' },
              { title: '整改跟踪（当前）', key: 'follow', width: 180, render: (_: unknown, i) => i.followUp ? `${i.followUp.statusLabel}${i.followUp.closedOn ? `（${i.followUp.closedOn}）` : ''}${i.followUp.overdue ? '，已逾期' : ''}` : '—' },
            ]}
          />
          <p style={{ textAlign: 'right', marginTop: 24 }}>{b.countyName}　{b.issuedOn}</p>
        </article>
      )}
    </div>
  );
}

export function AccountabilityPage() {
  const [place] = usePlaceParam();
  const selected = useSelectedPlace();
  const can = useCan();
  const [year, setYear] = useState(Number(todayText().slice(0, 4)));
  const [creating, setCreating] = useState(false);
  const ledger = useApi(`${place}|${year}`, (signal) => listAccountability(place, year, signal));
  return (
    <div className="report-page accountability">
      <Breadcrumb items={[{ title: '工作调度' }, { title: '问责台账' }]} />
      <div className="report-head">
        <h2 className="report-title">问责台账</h2>
        <ReportActions exportUrl={accountabilityExportUrl(place, year)} extra={can('supervision.manage') && <Button type="primary" onClick={() => setCreating(true)}>登记问责</Button>} />
      </div>
      <YearBox year={year} setYear={setYear} />
      {ledger.error ? <ErrorState error={ledger.error} onRetry={ledger.reload} /> : (
        <Table<Accountability>
          rowKey={(a) => `${a.countyCode}-${a.id}`} size="small" bordered loading={ledger.loading} pagination={false} dataSource={ledger.data?.items ?? []}
          columns={[
            { title: '决定日期', dataIndex: 'decidedOn', width: 110 }, { title: '地区', dataIndex: 'placeName', width: 140 }, { title: '被问责人', dataIndex: 'person', width: 90 },
            { title: '职务', dataIndex: 'position', width: 110 }, { title: '事由', dataIndex: 'causeText' }, { title: '问责方式', dataIndex: 'measureLabel', width: 110 },
          ]}
        />
      )}
      {creating && (
        <FormModal<{ placeCode: string; person: string; position?: string; unit?: string; causeKind: keyof typeof CAUSE_KINDS; causeRef?: string; basis?: string; measure: keyof typeof ACCOUNTABILITY_MEASURES; decidedOn: DateValue }>
          title="登记问责" initialValues={{ causeKind: 'rectification', measure: 'reminder' }} onClose={(done) => { setCreating(false); if (done) ledger.reload(); }}
          run={(v) => createAccountability({ ...v, decidedOn: day(v.decidedOn) })}
        >
          {() => (
            <>
              <Form.Item name="placeCode" label="所在地区" rules={[{ required: true }]}><PlacePicker within={selected.scopeCode} /></Form.Item>
              <Space wrap><Form.Item name="person" label="被问责人" rules={[{ required: true }]}><Input /></Form.Item><Form.Item name="position" label="职务"><Input /></Form.Item><Form.Item name="unit" label="单位"><Input /></Form.Item></Space>
              <Space wrap><Form.Item name="causeKind" label="事由类别"><Select style={{ width: 160 }} options={options(CAUSE_KINDS)} /></Form.Item>
                <Form.Item name="causeRef" label="事由编号（整改、任务编号或 督查-序号）"><Input /></Form.Item></Space>
              <Form.Item name="basis" label="依据"><Input.TextArea rows={2} /></Form.Item>
              <Space><Form.Item name="measure" label="问责方式"><Select style={{ width: 160 }} options={options(ACCOUNTABILITY_MEASURES)} /></Form.Item><Form.Item name="decidedOn" label="决定日期" rules={[{ required: true }]}><DatePicker /></Form.Item></Space>
            </>
          )}
        </FormModal>
      )}
    </div>
  );
}
