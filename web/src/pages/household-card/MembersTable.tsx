import { CheckOutlined } from '@ant-design/icons';
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Member } from '../../api/types';
import { education, ethnicity, health, labelOrDash, labourCapacity, relation, schooling, sex, workStatus } from '../../app/labels';

type FlagKey = 'insuredBasic' | 'insuredSerious' | 'insuredCommercial' | 'insuredPension' | 'familyDoctor' | 'chronicCard';

const FLAGS: [FlagKey, string, string][] = [
  ['insuredBasic', '医保', '基本医疗保险'],
  ['insuredSerious', '大病', '大病保险'],
  ['insuredCommercial', '商保', '商业补充保险'],
  ['insuredPension', '养老', '养老保险'],
  ['familyDoctor', '签约', '家庭医生签约'],
  ['chronicCard', '慢病卡', '慢性病卡'],
];

function Flag({ value }: { value: boolean | null }) {
  if (value === true) return <CheckOutlined className="flag-yes" aria-label="是" />;
  return <span className="flag-no">{value === false ? '否' : '—'}</span>;
}

/** 健康状况, with the disability grade for disabled members ("残疾（2级）"). */
function healthText(m: Member): string {
  const text = labelOrDash(health, m.health);
  return m.disabilityGrade ? `${text}（${m.disabilityGrade}级）` : text;
}

/** 在校生状况, noting home teaching (送教上门) for a child who cannot attend school. */
function schoolingText(m: Member): string {
  const text = labelOrDash(schooling, m.schooling);
  return m.homeSchooling ? `${text}（送教上门）` : text;
}

const columns: ColumnsType<Member> = [
  { title: '姓名', dataIndex: 'name', width: 72, fixed: 'left' },
  { title: '身份证号', dataIndex: 'idNumber', width: 128, className: 'mono' },
  { title: '性别', dataIndex: 'sex', width: 44, render: (v: string) => labelOrDash(sex, v) },
  { title: '年龄', dataIndex: 'age', width: 48, align: 'right' },
  { title: '与户主关系', dataIndex: 'relation', width: 76, render: (v: string) => labelOrDash(relation, v) },
  { title: '民族', dataIndex: 'ethnicity', width: 52, render: (v: string | null) => labelOrDash(ethnicity, v) },
  { title: '文化程度', dataIndex: 'education', width: 84, render: (v: string | null) => labelOrDash(education, v) },
  { title: '在校生状况', key: 'schooling', width: 84, render: (_: unknown, m) => schoolingText(m) },
  { title: '健康状况', key: 'health', width: 84, render: (_: unknown, m) => healthText(m) },
  { title: '劳动技能', dataIndex: 'labour', width: 128, render: (v: string | null) => labelOrDash(labourCapacity, v) },
  { title: '务工状况', dataIndex: 'workStatus', width: 88, render: (v: string | null) => labelOrDash(workStatus, v) },
  {
    title: '参保及签约',
    children: FLAGS.map(([key, short, full]) => ({
      title: <span title={full}>{short}</span>,
      dataIndex: key,
      width: key === 'chronicCard' ? 54 : 44,
      align: 'center' as const,
      render: (v: boolean | null) => <Flag value={v} />,
    })),
  },
];

/** 家庭成员: one row per person, ID numbers as the server masked them. */
export function MembersTable({ members }: { members: Member[] }) {
  return (
    <Table<Member>
      className="members-table"
      rowKey="idNumber"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={members}
      scroll={{ x: 1160 }}
      locale={{ emptyText: '没有家庭成员记录' }}
    />
  );
}
