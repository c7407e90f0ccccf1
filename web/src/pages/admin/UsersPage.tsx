import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, queryString } from '../../api/client';
import type { User, UserWithPassword } from '../../api/types';
import { changeUser, getRoles, listUsers, resetUserPassword, resetUserTotp, type UserChange, type UserQuery } from '../../api/users';
import { useCan, useMe } from '../../app/auth';
import { formatTime } from '../../app/labels';
import { roleName } from '../../app/roleName';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { OneTimePassword } from './OneTimePassword';
import { UserForm } from './UserForm';
import { FilterButtons } from '../../components/FilterButtons';
import { TableExport } from '../../components/TableExport';

const DONE: Record<UserChange, string> = { disable: 'users.disabledDone', enable: 'users.enabledDone', unlock: 'users.unlockedDone' };

/**
 * 用户管理: the accounts within the administrator's scope. The system administrator creates
 * accounts and resets passwords; he and the security administrator disable, enable and unlock.
 * The server decides (三员分立); its refusals are shown as it words them.
 */
export function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const can = useCan();
  const [query, setQuery] = useState<UserQuery>({ page: 1, pageSize: 20 });
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [password, setPassword] = useState<{ result: UserWithPassword; kind: 'created' | 'reset' }>();
  const [busy, setBusy] = useState<number>();
  const users = useApi(queryString(query), (signal) => listUsers(query, signal));
  const roles = useApi('roles', (signal) => getRoles(signal));
  const manage = can('users.manage');
  const privileged = (u: User) => !!roles.data?.roles.find((r) => r.code === u.role)?.privileged;
  // 三员分立: the three administrative accounts are locked/unlocked only by the security administrator, reset only at the console.
  const mayLock = (u: User) => can('users.lock') || (manage && !privileged(u));
  const mayReset = (u: User) => manage && !privileged(u);

  const act = async (user: User, run: () => Promise<unknown>, done?: string) => {
    setBusy(user.id);
    try {
      await run();
      if (done) message.success(t(done, { name: user.username }));
      users.reload();
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(undefined);
    }
  };
  const change = (user: User, kind: UserChange) => act(user, () => changeUser(user.id, kind), DONE[kind]);
  const reset = (user: User) =>
    act(user, async () => setPassword({ result: await resetUserPassword(user.id), kind: 'reset' }));
  // A lost authenticator: only the security administrator clears another user's TOTP (the server checks it too).
  const mayResetTotp = (u: User) => can('users.lock') && u.totpEnabled;
  const resetTotp = (user: User) => act(user, () => resetUserTotp(user.id), 'users.totpResetDone');

  const state = (u: User) => (
    <Space size={2} wrap>
      {u.disabled ? <Tag color="default">{t('users.disabled')}</Tag> : <Tag color="green">{t('users.active')}</Tag>}
      {u.lockedUntil && <Tag color="red">{t('users.locked', { time: formatTime(u.lockedUntil) })}</Tag>}
      {u.mustChangePassword && <Tag color="orange">{t('users.mustChange')}</Tag>}
      {u.totpEnabled && <Tag color="blue">{t('users.totpOn')}</Tag>}
    </Space>
  );

  const columns: ColumnsType<User> = [
    { title: t('users.username'), dataIndex: 'username', width: 130 },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 120 },
    { title: t('users.role'), dataIndex: 'role', width: 130, render: (v: string, u) => roleName(v, u.roleLabel) },
    { title: t('users.place'), key: 'place', render: (_: unknown, u) => `${u.placeName ?? ''}（${u.placeCode}）` },
    {
      title: t('users.line'),
      dataIndex: 'departmentLine',
      width: 120,
      render: (v: string | null) => (v ? (roles.data?.departmentLines.find((l) => l.code === v)?.label ?? v) : '—'),
    },
    { title: t('users.state'), key: 'state', width: 220, render: (_: unknown, u) => state(u) },
    { title: t('users.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 280,
      render: (_: unknown, u) =>
        u.id === me.id ? null : (
          <Space size={0} wrap>
            {mayLock(u) && u.lockedUntil && (
              <Button size="small" type="link" loading={busy === u.id} onClick={() => change(u, 'unlock')}>
                {t('users.unlock')}
              </Button>
            )}
            {mayLock(u) && !u.disabled && (
              <Popconfirm title={t('users.confirmDisable', { name: u.username })} onConfirm={() => change(u, 'disable')} okText={t('users.disable')} cancelText={t('common.cancel')}>
                <Button size="small" type="link" danger loading={busy === u.id}>
                  {t('users.disable')}
                </Button>
              </Popconfirm>
            )}
            {mayLock(u) && u.disabled && (
              <Button size="small" type="link" loading={busy === u.id} onClick={() => change(u, 'enable')}>
                {t('users.enable')}
              </Button>
            )}
            {mayResetTotp(u) && (
              <Popconfirm title={t('users.confirmTotpReset', { name: u.username })} onConfirm={() => resetTotp(u)} okText={t('users.totpReset')} cancelText={t('common.cancel')}>
                <Button size="small" type="link" loading={busy === u.id}>
                  {t('users.totpReset')}
                </Button>
              </Popconfirm>
            )}
            {mayReset(u) && (
              <Popconfirm title={t('users.confirmReset', { name: u.username })} onConfirm={() => reset(u)} okText={t('users.reset')} cancelText={t('common.cancel')}>
                <Button size="small" type="link" loading={busy === u.id}>
                  {t('users.reset')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('users.title')}
      extra={
        <Space>
          <TableExport />
          {manage && roles.data && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('users.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap className="household-filters">
        <Input
          placeholder={t('users.search')}
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onPressEnter={() => setQuery((prev) => ({ ...prev, q: search.trim() || undefined, page: 1 }))}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          placeholder={t('users.allRoles')}
          style={{ width: 180 }}
          value={query.role}
          options={roles.data?.roles.map((r) => ({ value: r.code, label: roleName(r.code, r.label) }))}
          onChange={(role?: string) => setQuery((prev) => ({ ...prev, role, page: 1 }))}
        />
        <FilterButtons
          onSearch={() => (search.trim() === (query.q ?? '') ? users.reload() : setQuery((prev) => ({ ...prev, q: search.trim() || undefined, page: 1 })))}
          onReset={() => {
            setSearch('');
            setQuery((prev) => ({ ...prev, q: undefined, role: undefined, page: 1 }));
          }}
        />
      </Space>
      {users.error ? (
        <ErrorState error={users.error} onRetry={users.reload} />
      ) : (
        <Table<User>
          className="users-table"
          rowKey="id"
          size="small"
          bordered
          loading={users.loading}
          columns={columns}
          dataSource={users.data?.items ?? []}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: users.data?.total ?? 0,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (page, pageSize) => setQuery((prev) => ({ ...prev, page, pageSize })),
          }}
        />
      )}
      {creating && roles.data && (
        <UserForm
          roles={roles.data}
          scopeCode={me.placeCode}
          onClose={() => setCreating(false)}
          onCreated={(result) => {
            setCreating(false);
            setPassword({ result, kind: 'created' });
            users.reload();
          }}
        />
      )}
      {password && <OneTimePassword result={password.result} kind={password.kind} onClose={() => setPassword(undefined)} />}
    </Card>
  );
}
