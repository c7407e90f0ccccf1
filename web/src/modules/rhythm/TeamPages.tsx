/**
 * 驻村工作队 page: each village's team in a month with every member's days on post against the
 * policy minimum, teams under the minimum size, poor villages without a team; forms to add a
 * member (from the cadres), record a day, leave, a replacement and a 民情日记 entry.
 */
import { Breadcrumb, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { PlacePicker } from '../../components/PlacePicker';
import { PRESENCE_KINDS, TEAM_ROLES } from '../../../../src/domain/rhythm/onPost';
import { getCadres } from '../assistance/api';
import { FormModal, todayText } from '../projects/parts';
import { ReportActions } from '../reports/parts';
import { addDiary, addTeamMember, getDiary, getTeamMonth, recordLeave, recordPresence, replaceMember, teamMonthExportUrl, type TeamMonth } from './api';

type DateValue = { format: (f: string) => string } | undefined;
const day = (v: DateValue) => (v ? v.format('YYYY-MM-DD') : todayText());
type Village = TeamMonth['villages'][number];
type Member = Village['members'][number];
type FormKind = 'member' | 'presence' | 'leave' | 'replace' | 'diary';
const TITLES: Record<FormKind, string> = { member: '添加队员', presence: '记录在岗', leave: '登记请假', replace: '替换队员', diary: '写民情日记' };

export function WorkTeamsPage() {
  const [place] = usePlaceParam();
  const selected = useSelectedPlace();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : todayText().slice(0, 7);
  const report = useApi(`${place}|${month}`, (signal) => getTeamMonth(place, month, signal));
  const diary = useApi(`d${place}|${month}`, (signal) => getDiary(place, month, signal));
  const cadres = useApi(`c${place}`, (signal) => getCadres(place, signal));
  const [form, setForm] = useState<{ kind: FormKind; member?: Member; village?: string }>();
  const r = report.data;
  const reload = () => { report.reload(); diary.reload(); };
  const memberOptions = (r?.villages ?? []).flatMap((v) => v.members.filter((m) => !m.endedOn).map((m) => ({ value: m.id, label: `${v.villageName} ${m.roleLabel} ${m.cadreName}` })));
  const cadreOptions = (cadres.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.unit}）` }));
  const memberColumns = [
    { title: '姓名', dataIndex: 'cadreName', width: 90 },
    { title: '职务', dataIndex: 'roleLabel', width: 80 },
    { title: '单位', dataIndex: 'unit' },
    { title: '驻村期间', key: 'period', width: 200, render: (_: unknown, m: Member) => `${m.startedOn} 至 ${m.endedOn ?? '今'}` },
    { title: '应在岗', dataIndex: 'required', width: 70, align: 'right' as const },
    { title: '在岗', dataIndex: 'onPost', width: 60, align: 'right' as const, render: (v: number, m: Member) => (m.below ? <Tag color="red">{v}</Tag> : v) },
    { title: '请假', dataIndex: 'leave', width: 60, align: 'right' as const },
    ...(can('assistance.manage') ? [{ title: '', key: 'act', width: 90, render: (_: unknown, m: Member) => !m.endedOn && <a onClick={() => setForm({ kind: 'replace', member: m })}>替换</a> }] : []),
  ];
  return (
    <div className="report-page work-teams">
      <Breadcrumb items={[{ title: '帮扶' }, { title: '驻村工作队' }]} />
      <div className="report-head">
        <h2 className="report-title">驻村工作队在岗情况</h2>
        <ReportActions
          exportUrl={teamMonthExportUrl(place, month)}
          extra={
            <>
              {can('assistance.manage') && <Button onClick={() => setForm({ kind: 'member' })}>添加队员</Button>}
              {can('assistance.write') && <Button onClick={() => setForm({ kind: 'presence' })}>记录在岗</Button>}
              {can('assistance.manage') && <Button onClick={() => setForm({ kind: 'leave' })}>登记请假</Button>}
              {can('assistance.write') && <Button onClick={() => setForm({ kind: 'diary' })}>写民情日记</Button>}
            </>
          }
        />
      </div>
      <Space className="no-print" style={{ marginBottom: 12 }}>
        月份 <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(v) => v && setParams((p) => { const n = new URLSearchParams(p); n.set('month', v.format('YYYY-MM')); return n; })} />
      </Space>
      {report.error ? <ErrorState error={report.error} onRetry={report.reload} /> : r && (
        <>
          <p>每月最少在岗 {r.rules.monthlyMinDays} 天（按当月在任天数折算；在岗 + 因公外出），每队至少 {r.rules.minMembers} 人。</p>
          {(r.withoutTeam.length > 0 || r.smallTeams.length > 0) && (
            <Card size="small" title="需要关注" className="team-flags" style={{ marginBottom: 12 }}>
              {r.withoutTeam.map((v) => <Tag color="red" key={v.villageCode}>{v.villageName}：未派驻工作队（剩余贫困人口 {v.remainingPersons} 人）</Tag>)}
              {r.smallTeams.map((v) => <Tag color="orange" key={v.villageCode}>{v.villageName}：在任队员 {v.activeMembers} 人</Tag>)}
              {r.belowMinimum.map((m) => <Tag color="volcano" key={m.id}>{m.villageName} {m.cadreName}：在岗 {m.onPost} 天，少于 {m.required} 天</Tag>)}
            </Card>
          )}
          {r.villages.filter((v) => v.members.length > 0).map((v) => (
            <Card size="small" key={v.villageCode} title={`${v.villageName}（在任 ${v.activeMembers} 人）`} style={{ marginBottom: 12 }}>
              <Table<Member> rowKey="id" size="small" bordered pagination={false} dataSource={v.members} columns={memberColumns} />
            </Card>
          ))}
        </>
      )}
      <Card size="small" title="民情日记">
        <Table rowKey={(d) => `${d.countyCode}-${d.id}`} size="small" pagination={false} dataSource={diary.data?.items ?? []}
          columns={[{ title: '日期', dataIndex: 'onDate', width: 110 }, { title: '村', dataIndex: 'villageName', width: 160 }, { title: '内容', dataIndex: 'content' }, { title: '记录人', dataIndex: 'createdBy', width: 120 }]} />
      </Card>
      {form && (
        <FormModal<Record<string, unknown>>
          title={TITLES[form.kind]} initialValues={{ role: 'team_member', kind: 'present' }} onClose={(done) => { setForm(undefined); if (done) reload(); }}
          run={async (v) => {
            const memberId = (v.memberId as number | undefined) ?? form.member?.id ?? 0;
            if (form.kind === 'member') return addTeamMember({ villageCode: v.villageCode as string, cadreId: v.cadreId as number, role: v.role as string, startedOn: day(v.startedOn as DateValue) });
            if (form.kind === 'presence') return recordPresence({ memberId, onDate: day(v.onDate as DateValue), kind: v.kind as 'present', note: v.note as string | undefined });
            if (form.kind === 'leave') return recordLeave({ memberId, fromOn: day(v.fromOn as DateValue), toOn: day(v.toOn as DateValue), reason: v.reason as string });
            if (form.kind === 'replace') return replaceMember({ memberId, endedOn: day(v.endedOn as DateValue), reason: v.reason as string, cadreId: v.cadreId as number, startedOn: day(v.startedOn as DateValue) });
            return addDiary({ memberId, onDate: day(v.onDate as DateValue), content: v.content as string });
          }}
        >
          {() => (
            <>
              {form.kind === 'member' && (
                <>
                  <Form.Item name="villageCode" label="村" rules={[{ required: true }]}><PlacePicker within={selected.scopeCode} /></Form.Item>
                  <Form.Item name="cadreId" label="干部" rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={cadreOptions} /></Form.Item>
                  <Space><Form.Item name="role" label="职务"><Select style={{ width: 140 }} options={Object.entries(TEAM_ROLES).map(([value, label]) => ({ value, label }))} /></Form.Item>
                    <Form.Item name="startedOn" label="到岗日期" rules={[{ required: true }]}><DatePicker /></Form.Item></Space>
                </>
              )}
              {form.kind !== 'member' && form.kind !== 'replace' && <Form.Item name="memberId" label="队员" rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={memberOptions} /></Form.Item>}
              {form.kind === 'replace' && <p>原队员：{form.member?.cadreName}（{form.member?.roleLabel}）</p>}
              {form.kind === 'presence' && (
                <Space><Form.Item name="onDate" label="日期" rules={[{ required: true }]}><DatePicker /></Form.Item>
                  <Form.Item name="kind" label="类别"><Select style={{ width: 120 }} options={Object.entries(PRESENCE_KINDS).map(([value, label]) => ({ value, label }))} /></Form.Item>
                  <Form.Item name="note" label="说明"><Input /></Form.Item></Space>
              )}
              {form.kind === 'leave' && (
                <><Space><Form.Item name="fromOn" label="开始日期" rules={[{ required: true }]}><DatePicker /></Form.Item><Form.Item name="toOn" label="结束日期" rules={[{ required: true }]}><DatePicker /></Form.Item></Space>
                  <Form.Item name="reason" label="事由" rules={[{ required: true }]}><Input /></Form.Item></>
              )}
              {form.kind === 'replace' && (
                <><Space><Form.Item name="endedOn" label="原队员离任日期" rules={[{ required: true }]}><DatePicker /></Form.Item><Form.Item name="startedOn" label="接替到岗日期" rules={[{ required: true }]}><DatePicker /></Form.Item></Space>
                  <Form.Item name="cadreId" label="接替干部" rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={cadreOptions} /></Form.Item>
                  <Form.Item name="reason" label="替换原因" rules={[{ required: true }]}><Input /></Form.Item></>
              )}
              {form.kind === 'diary' && (
                <><Form.Item name="onDate" label="日期" rules={[{ required: true }]}><DatePicker /></Form.Item>
                  <Form.Item name="content" label="民情日记" rules={[{ required: true }]}><Input.TextArea rows={4} /></Form.Item></>
              )}
            </>
          )}
        </FormModal>
      )}
    </div>
  );
}
