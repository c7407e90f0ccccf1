import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import { Button, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Member } from '../../api/types';
import { RevealNumber } from '../../components/RevealNumber';
import { education, ethnicity, health, labelOrDash, labourCapacity, relation, schooling, sex, workStatus } from '../../app/labels';

type FlagKey = 'insuredBasic' | 'insuredSerious' | 'insuredCommercial' | 'insuredPension' | 'familyDoctor' | 'chronicCard';

const FLAGS: FlagKey[] = ['insuredBasic', 'insuredSerious', 'insuredCommercial', 'insuredPension', 'familyDoctor', 'chronicCard'];

function Flag({ value, yes, no }: { value: boolean | null; yes: string; no: string }) {
  if (value === true) return <CheckOutlined className="flag-yes" aria-label={yes} />;
  return <span className="flag-no">{value === false ? no : '—'}</span>;
}

interface Props {
  members: Member[];
  /** The household (for 查看完整号码). */
  householdNo?: string;
  /** Given when the user may correct members: opens the editor for the member at `index`. */
  onEdit?: (index: number) => void;
}

/** 家庭成员: one row per person, ID numbers as the server masked them. */
export function MembersTable({ members, householdNo, onEdit }: Props) {
  const { t } = useTranslation();
  /** 健康状况, with the disability grade for disabled members ("残疾（2级）"). */
  const healthText = (m: Member) => {
    if (m.healthWithheld) return <span className="health-withheld" title={t('members.healthWithheldHint')}>{t('members.healthWithheld')}</span>;
    const text = labelOrDash(health, m.health);
    return m.disabilityGrade ? `${text}（${t('members.grade', { grade: m.disabilityGrade })}）` : text;
  };
  /** 在校生状况, noting home teaching (送教上门) for a child who cannot attend school. */
  const schoolingText = (m: Member) => {
    const text = labelOrDash(schooling, m.schooling);
    return m.homeSchooling ? `${text}（${t('members.homeSchooling')}）` : text;
  };

  const columns: ColumnsType<Member> = [
    { title: t('fields.name'), dataIndex: 'name', width: 72, fixed: 'left' },
    {
      title: t('fields.idNumber'),
      dataIndex: 'idNumber',
      width: 176,
      render: (v: string, m) => (householdNo ? <RevealNumber householdNo={householdNo} field="idNumber" memberKey={m.memberKey} masked={v} name={m.name} /> : <span className="mono">{v}</span>),
    },
    { title: t('fields.sex'), dataIndex: 'sex', width: 44, render: (v: string) => labelOrDash(sex, v) },
    { title: t('fields.age'), dataIndex: 'age', width: 48, align: 'right' },
    { title: t('fields.relation'), dataIndex: 'relation', width: 76, render: (v: string) => labelOrDash(relation, v) },
    { title: t('fields.ethnicity'), dataIndex: 'ethnicity', width: 52, render: (v: string | null) => labelOrDash(ethnicity, v) },
    { title: t('fields.education'), dataIndex: 'education', width: 84, render: (v: string | null) => labelOrDash(education, v) },
    { title: t('fields.schooling'), key: 'schooling', width: 84, render: (_: unknown, m) => schoolingText(m) },
    { title: t('fields.health'), key: 'health', width: 84, render: (_: unknown, m) => healthText(m) },
    { title: t('fields.labour'), dataIndex: 'labour', width: 128, render: (v: string | null) => labelOrDash(labourCapacity, v) },
    { title: t('fields.workStatus'), dataIndex: 'workStatus', width: 88, render: (v: string | null) => labelOrDash(workStatus, v) },
    {
      title: t('members.insurance'),
      children: FLAGS.map((key) => ({
        title: <span title={t(`fields.${key}`)}>{t(`members.flags.${key}`)}</span>,
        dataIndex: key,
        width: key === 'chronicCard' ? 54 : 44,
        align: 'center' as const,
        render: (v: boolean | null, m: Member) =>
          key === 'chronicCard' && m.healthWithheld ? '—' : <Flag value={v} yes={t('common.yes')} no={t('common.no')} />,
      })),
    },
  ];
  if (onEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 76,
      fixed: 'right',
      render: (_: unknown, m, index) => (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(index)} aria-label={`${t('members.edit')} ${m.name}`}>
          {t('members.edit')}
        </Button>
      ),
    });
  }

  return (
    <Table<Member>
      className="members-table"
      rowKey="memberKey"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={members}
      scroll={{ x: onEdit ? 1236 : 1160 }}
      locale={{ emptyText: t('members.empty') }}
    />
  );
}
