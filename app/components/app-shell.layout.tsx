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
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Layout, Menu, Spin, Tooltip, Typography } from 'antd';
import { Suspense, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
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

/** The frame of every screen: header (product, current unit, user), left menu, content. */
export function AppShell() {
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
        <CurrentUnitBadge />
        <Tooltip title="Đăng nhập và phân quyền sẽ có ở phiên bản tiếp theo.">
          <div className="app-user" data-testid="current-user">
            <Avatar size="small" icon={<UserOutlined />} />
            <Typography.Text className="app-user-name">Chưa đăng nhập</Typography.Text>
          </div>
        </Tooltip>
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
