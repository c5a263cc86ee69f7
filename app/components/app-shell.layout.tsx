import {
  ApartmentOutlined,
  BankOutlined,
  BarChartOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  LogoutOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Avatar, Button, Dropdown, Layout, Menu, Result, Spin, Typography } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import type { CurrentUser } from '../../server/auth/auth.schema.ts';
import { ApiError, errorMessage } from '../api/api-client.ts';
import { LOGIN_PATH, logout, meQuery } from '../api/auth.api.ts';
import { CurrentUnitBadge } from './current-unit.badge.tsx';
import { NAV_SECTIONS, sectionForPath } from './nav-sections.ts';

const ICONS: Record<string, ReactNode> = {
  overview: <DashboardOutlined />,
  org: <ApartmentOutlined />,
  members: <TeamOutlined />,
  grassroots: <BankOutlined />,
  employers: <ShopOutlined />,
  agreements: <FileProtectOutlined />,
  documents: <FileTextOutlined />,
  reports: <BarChartOutlined />,
  admin: <SettingOutlined />,
};

// Remembered per browser: an officer who prefers the narrow menu should not re-collapse it daily.
const COLLAPSED_KEY = 'tiendo.menuCollapsed';

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

function UserMenu({ me }: { me: CurrentUser }) {
  const roles = me.roles.map((role) => role.name).join(', ');
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', label: <Typography.Text type="secondary">{roles || 'Chưa có vai trò'}</Typography.Text>, disabled: true },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: 'Đăng xuất', danger: true },
        ],
        onClick: ({ key }) => {
          // A full load to the login page drops every cached answer of the previous user.
          if (key === 'logout') void logout().finally(() => window.location.assign(LOGIN_PATH));
        },
      }}
    >
      <button type="button" className="app-user" data-testid="current-user">
        <Avatar size="small" icon={<UserOutlined />} />
        <span className="app-user-name">{me.user.fullName}</span>
      </button>
    </Dropdown>
  );
}

/** Nothing inside the shell renders before we know who is looking (and at which unit). */
export function AppShell() {
  const me = useQuery(meQuery());
  if (me.isSuccess) return <ShellFrame me={me.data} />;
  if (me.isError && !(me.error instanceof ApiError && me.error.status === 401)) {
    return (
      <Result
        status="error"
        title="Không kết nối được với máy chủ"
        subTitle={errorMessage(me.error)}
        extra={<Button onClick={() => void me.refetch()}>Thử lại</Button>}
      />
    );
  }
  // Pending, or a 401 on its way to the login page (api-client's session handler).
  return <Spin className="app-loading" description="Đang tải…" size="large"><div /></Spin>;
}

/** The frame of every screen: header (product, current unit, user), left menu, content. */
function ShellFrame({ me }: { me: CurrentUser }) {
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const active = sectionForPath(location.pathname);

  const onCollapse = (value: boolean) => {
    setCollapsed(value);
    try {
      localStorage.setItem(COLLAPSED_KEY, value ? '1' : '0');
    } catch {
      // Private browsing may refuse storage; the menu still works for this visit.
    }
  };

  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header" data-testid="app-header">
        <a
          className="app-brand"
          href="/tong-quan"
          onClick={(event) => {
            event.preventDefault();
            navigate('/tong-quan');
          }}
        >
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="app-brand-name">Tiến Độ</span>
          <span className="app-brand-tagline">Theo dõi thực hiện chỉ tiêu Công đoàn</span>
        </a>
        <div className="app-header-spacer" />
        <CurrentUnitBadge me={me} />
        <UserMenu me={me} />
      </Layout.Header>
      <Layout>
        <Layout.Sider
          className="app-sider"
          theme="light"
          width={232}
          collapsible
          collapsed={collapsed}
          onCollapse={onCollapse}
          data-testid="app-nav"
        >
          <Menu
            mode="inline"
            selectedKeys={active ? [active.key] : []}
            items={NAV_SECTIONS.map((section) => ({
              key: section.key,
              icon: ICONS[section.key],
              label: <span data-testid={`nav-${section.key}`}>{section.label}</span>,
              title: section.label,
            }))}
            onClick={({ key }) => {
              const section = NAV_SECTIONS.find((s) => s.key === key);
              if (section) navigate(section.path);
            }}
          />
        </Layout.Sider>
        <Layout.Content className="app-content">
          <Suspense fallback={<Spin className="app-loading" description="Đang tải…" size="large"><div /></Spin>}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
