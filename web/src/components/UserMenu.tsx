import { DownOutlined, KeyOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth, useMe } from '../app/auth';
import { NATION } from '../api/places';
import { cachedPlace } from '../app/placeCache';
import { roleName } from '../app/roleName';
import { useApi } from '../app/useApi';

/** The signed-in user (name, role, scope) with 修改密码 and 退出登录. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const scope = useApi(me.placeCode, () => (me.placeCode === NATION ? Promise.resolve(undefined) : cachedPlace(me.placeCode)));
  const scopeName = me.placeCode === NATION ? t('place.nation') : (scope.data?.path.map((p) => p.name).join(' / ') ?? me.placeCode);

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'scope', label: t('user.scope', { place: scopeName }), disabled: true },
          { type: 'divider' },
          { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
          { key: 'totp', icon: <SafetyCertificateOutlined />, label: t('user.totp') },
          { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout') },
        ],
        onClick: ({ key }) => {
          if (key === 'password') navigate('/password');
          if (key === 'totp') navigate('/totp');
          if (key === 'logout') void logout().then(() => navigate('/login', { replace: true }));
        },
      }}
    >
      <button type="button" className="user-menu" data-testid="user-menu">
        <UserOutlined />
        <span className="user-name">{me.displayName}</span>
        <span className="user-role">{roleName(me.role, me.roleLabel)}</span>
        <DownOutlined />
      </button>
    </Dropdown>
  );
}
