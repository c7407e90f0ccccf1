import { Collapse, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RuleField } from './api';
import { valueWords } from './RuleInput';

/** The field's own name, without its section ("饮水安全 · 缺水地区最低水量" → "缺水地区最低水量"). */
export const fieldName = (f: Pick<RuleField, 'field' | 'group'>) => (f.field.startsWith(f.group + ' · ') ? f.field.slice(f.group.length + 3) : f.field);

/** Rule values in collapsible sections (住房安全, 饮水安全 …), each a table of name and value. */
export function RuleGroups({ fields }: { fields: RuleField[] }) {
  const { t } = useTranslation();
  const groups = [...new Set(fields.map((f) => f.group))];
  return (
    <Collapse
      defaultActiveKey={groups}
      items={groups.map((group) => ({
        key: group,
        label: group,
        children: (
          <Table<RuleField>
            rowKey="path"
            size="small"
            pagination={false}
            dataSource={fields.filter((f) => f.group === group)}
            columns={[
              { title: t('policy.view.field'), key: 'field', render: (_: unknown, f) => fieldName(f) },
              { title: t('policy.view.value'), dataIndex: 'value', width: '40%', render: (v: unknown, f) => <span>{valueWords(f, v, t('common.yes'), t('common.no'))}</span> },
            ]}
          />
        ),
      }))}
    />
  );
}
