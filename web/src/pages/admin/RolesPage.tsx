import { Card, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { RoleInfo } from '../../api/types';
import { getRoles } from '../../api/users';
import { roleName } from '../../app/roleName';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { TableExport } from '../../components/TableExport';

/** 角色权限: every role with its permissions and the place levels it may be scoped to (read-only: roles are data on the server). */
export function RolesPage() {
  const { t } = useTranslation();
  const roles = useApi('roles', (signal) => getRoles(signal));
  if (roles.error) return <ErrorState error={roles.error} onRetry={roles.reload} />;
  const permissionLabel = (code: string) => roles.data?.permissions.find((p) => p.code === code)?.label ?? code;

  const columns: ColumnsType<RoleInfo> = [
    {
      title: t('roles.label'),
      dataIndex: 'label',
      width: 170,
      render: (_: string, r) => (
        <Space size={4}>
          {/* The code (for the console's --role) on hover, not on the page. */}
          <Tooltip title={`${t('roles.code')}：${r.code}`}>
            <span>{roleName(r.code, r.label)}</span>
          </Tooltip>
          {r.privileged && (
            <Tooltip title={t('roles.privilegedNote')}>
              <Tag color="gold">{t('roles.privileged')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('roles.permissions'),
      dataIndex: 'permissions',
      render: (codes: string[]) => (
        <Space size={[4, 4]} wrap>
          {codes.map((c) => (
            <Tooltip key={c} title={c}>
              <Tag>{permissionLabel(c)}</Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
    {
      title: t('roles.scopeLevels'),
      dataIndex: 'scopeLevels',
      width: 200,
      render: (levels: string[]) => levels.map((l) => t(`roles.levels.${l}`)).join(' / '),
    },
  ];

  return (
    <Card size="small" title={t('roles.title')} extra={<TableExport />}>
      <Table<RoleInfo> className="roles-table" rowKey="code" size="small" bordered loading={roles.loading} columns={columns} dataSource={roles.data?.roles ?? []} pagination={false} />
    </Card>
  );
}
