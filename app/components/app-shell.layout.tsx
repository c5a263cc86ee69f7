import {
  ApartmentOutlined,
  BankOutlined,
  BellOutlined,
  BarChartOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  LogoutOutlined,
  UserOutlined,
  KeyOutlined,
  DisconnectOutlined,
  MenuOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Avatar, Button, Drawer, Dropdown, Layout, Menu, Spin, Typography, type ButtonProps } from 'antd';
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import type { CurrentUser } from '../../server/auth/auth.schema.ts';
import { ApiError, errorMessage } from '../api/api-client.ts';
import { CHANGE_PASSWORD_PATH, LOGIN_PATH, NEXT_PARAM, logout, logoutEverywhere, meKey, meQuery } from '../api/auth.api.ts';
import { NOTIFICATION_SETTINGS_PATH } from '../api/notifications.api.ts';
import { adminPagesFor } from '../scenes/admin/admin-pages.ts';
import { NotificationBell } from '../scenes/notifications/notification-bell.tsx';
import { useIsPhone } from '../lib/use-is-phone.ts';
import { OfflineStatus } from '../offline/offline-status.tsx';
import { CurrentUnitBadge } from './current-unit.badge.tsx';
import { NAV_SECTIONS, sectionForPath, sectionsFor } from './nav-sections.ts';

const ICONS: Record<string, ReactNode> = {
  overview: <DashboardOutlined />,
  org: <ApartmentOutlined />,
  members: <TeamOutlined />,
  grassroots: <BankOutlined />,
  employers: <ShopOutlined />,
  agreements: <FileProtectOutlined />,
  documents: <FileTextOutlined />,
  tasks: <CarryOutOutlined />,
  reports: <BarChartOutlined />,
  admin: <SettingOutlined />,
};

/**
 * A menu entry as a real link: open in a new tab, copy the address, middle-click all work as
 * on any web page (issue 22); a plain click stays in the app (react-router's Link).
 */
function NavLink({ to, testId, label }: { to: string; testId: string; label: string }) {
  return (
    <Link to={to} className="app-nav-link" data-testid={testId}>
      {label}
    </Link>
  );
}

/** While a screen's code or the session arrives (a slow phone connection can take seconds). */
const LOADING = (
  <Spin className="app-loading" description="Đang tải…" size="large">
    <div />
  </Spin>
);

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
  const navigate = useNavigate();
  const { modal } = App.useApp();
  // While a password change is forced, logging out is the only way out of the change screen.
  const forced = me.user.mustChangePassword;
  const confirmLogoutAll = () =>
    modal.confirm({
      title: 'Đăng xuất khỏi mọi thiết bị?',
      content:
        'Mọi phiên đăng nhập của bạn (máy này, điện thoại, máy khác) sẽ kết thúc. Dùng khi bạn quên đăng xuất ở máy dùng chung hoặc mất thiết bị.',
      okText: 'Đăng xuất mọi nơi',
      okButtonProps: { danger: true, 'data-testid': 'logout-all-confirm' } as ButtonProps,
      cancelText: 'Hủy',
      onOk: () => logoutEverywhere().finally(() => window.location.assign(LOGIN_PATH)),
    });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', label: <Typography.Text type="secondary">{roles || 'Chưa có vai trò'}</Typography.Text>, disabled: true },
          { type: 'divider' },
          ...(forced
            ? []
            : [
                {
                  key: 'notification-settings',
                  icon: <BellOutlined />,
                  label: <span data-testid="menu-notification-settings">Cài đặt thông báo</span>,
                },
                { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-change-password">Đổi mật khẩu</span> },
                {
                  key: 'logout-all',
                  icon: <DisconnectOutlined />,
                  label: <span data-testid="menu-logout-all">Đăng xuất khỏi mọi thiết bị</span>,
                },
              ]),
          { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="menu-logout">Đăng xuất</span>, danger: true },
        ],
        onClick: ({ key }) => {
          // A full load to the login page drops every cached answer of the previous user.
          if (key === 'logout') void logout().finally(() => window.location.assign(LOGIN_PATH));
          if (key === 'logout-all') confirmLogoutAll();
          if (key === 'password') navigate(CHANGE_PASSWORD_PATH);
          if (key === 'notification-settings') navigate(NOTIFICATION_SETTINGS_PATH);
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
  usePasswordChangeWatch();
  if (me.isSuccess && me.data.user.mustChangePassword) return <ForcedPasswordChange me={me.data} />;
  if (me.isSuccess) return <ShellFrame me={me.data} />;
  if (me.isError && !(me.error instanceof ApiError && me.error.status === 401)) {
    // An Alert, not antd's Result: Result's illustrations would weigh on every first load.
    return (
      <div className="app-error">
        <Alert
          type="error"
          showIcon
          title="Không kết nối được với máy chủ"
          description={errorMessage(me.error)}
          action={<Button onClick={() => void me.refetch()}>Thử lại</Button>}
        />
      </div>
    );
  }
  // Pending, or a 401 on its way to the login page (api-client's session handler).
  return LOADING;
}

/**
 * Any answer "PASSWORD_CHANGE_REQUIRED" (an administrator reset the password while this tab was
 * open) marks the session as needing a change; AppShell then keeps the user on the change screen.
 */
function usePasswordChangeWatch() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const onError = (error: unknown) => {
      if (!(error instanceof ApiError && error.code === 'PASSWORD_CHANGE_REQUIRED')) return;
      queryClient.setQueryData<CurrentUser>(meKey, (me) => (me ? { ...me, user: { ...me.user, mustChangePassword: true } } : me));
    };
    const offQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    const offMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
    });
    return () => {
      offQueries();
      offMutations();
    };
  }, [queryClient]);
}

/** Only the change-password form and the logout: every other page waits until the password is changed. */
function ForcedPasswordChange({ me }: { me: CurrentUser }) {
  const location = useLocation();
  if (location.pathname !== CHANGE_PASSWORD_PATH) {
    const next = new URLSearchParams({ [NEXT_PARAM]: location.pathname + location.search });
    return <Navigate to={`${CHANGE_PASSWORD_PATH}?${next}`} replace />;
  }
  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header" data-testid="app-header">
        <span className="app-brand">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="app-brand-name">Tiến Độ</span>
        </span>
        <div className="app-header-spacer" />
        <CurrentUnitBadge me={me} />
        <UserMenu me={me} />
      </Layout.Header>
      <ShellContent />
    </Layout>
  );
}

/**
 * The frame of every screen: header (product, current unit, user), the sections' menu, content.
 * On a laptop the menu is a sider (collapsible, the choice remembered); on a phone it lives in a
 * drawer behind the header's menu button, so the content keeps the whole width, and choosing a
 * section closes it.
 */
function ShellFrame({ me }: { me: CurrentUser }) {
  const location = useLocation();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const [collapsed, setCollapsed] = useState(readCollapsed);
  const [isDrawerOpen, setDrawerOpen] = useState(false);
  const active = sectionForPath(location.pathname);
  // Đổi mật khẩu (the one page open to everyone) lives in the user menu, not under Quản trị.
  const adminPages = adminPagesFor(me.permissions).filter((page) => page.permission !== null);
  const adminPage = adminPages.find((page) => location.pathname === page.path || location.pathname.startsWith(`${page.path}/`));

  // A link inside a screen (not the menu) also lands on a new page: the drawer must not stay over it.
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const onCollapse = (value: boolean, type: 'clickTrigger' | 'responsive') => {
    if (type === 'responsive') return;
    setCollapsed(value);
    try {
      localStorage.setItem(COLLAPSED_KEY, value ? '1' : '0');
    } catch {
      // Private browsing may refuse storage; the menu still works for this visit.
    }
  };

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={adminPage ? [adminPage.key] : active ? [active.key] : []}
      defaultOpenKeys={adminPage ? ['admin'] : []}
      items={sectionsFor(me.permissions, { adminPageCount: adminPages.length }).map((section) =>
        // Quản trị opens into the pages this user's permissions allow; it is a heading, not a page.
        section.key === 'admin'
          ? {
              key: section.key,
              icon: ICONS[section.key],
              title: section.label,
              label: <span data-testid={`nav-${section.key}`}>{section.label}</span>,
              children: adminPages.map((page) => ({
                key: page.key,
                title: page.label,
                label: <NavLink to={page.path} testId={`subnav-${page.key}`} label={page.label} />,
              })),
            }
          : {
              key: section.key,
              icon: ICONS[section.key],
              title: section.label,
              label: <NavLink to={section.path} testId={`nav-${section.key}`} label={section.label} />,
            },
      )}
      onClick={({ key, domEvent }) => {
        setDrawerOpen(false);
        // The link inside the item navigated (or the browser opened a new tab for Ctrl/⌘-click).
        if ((domEvent.target as Element).closest('a')) return;
        // A click beside the text (the icon, the item's padding, the narrow menu) still opens the page.
        const target = adminPages.find((p) => p.key === key) ?? NAV_SECTIONS.find((s) => s.key === key);
        if (target) navigate(target.path);
      }}
    />
  );

  return (
    <Layout className="app-shell">
      <Layout.Header className="app-header" data-testid="app-header">
        {isPhone && (
          <Button
            type="text"
            className="app-menu-button"
            icon={<MenuOutlined />}
            aria-label="Mở danh mục chức năng"
            aria-expanded={isDrawerOpen}
            onClick={() => setDrawerOpen(true)}
            data-testid="nav-open"
          />
        )}
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
        <NotificationBell />
        <UserMenu me={me} />
      </Layout.Header>
      <OfflineStatus me={me} />
      <Layout>
        {isPhone ? (
          <Drawer
            open={isDrawerOpen}
            placement="left"
            size={288}
            title="Tiến Độ"
            className="app-nav-drawer"
            onClose={() => setDrawerOpen(false)}
            closable={{ 'aria-label': 'Đóng danh mục' }}
            data-testid="app-nav"
          >
            {menu}
          </Drawer>
        ) : (
          <Layout.Sider
            className="app-sider"
            theme="light"
            width={232}
            collapsible
            collapsedWidth={80}
            collapsed={collapsed}
            onCollapse={onCollapse}
            data-testid="app-nav"
          >
            {menu}
          </Layout.Sider>
        )}
        <ShellContent />
      </Layout>
    </Layout>
  );
}

/** Where the screen of the current route shows, with the spinner while its code loads. */
function ShellContent() {
  return (
    <Layout.Content className="app-content">
      <Suspense fallback={LOADING}>
        <Outlet />
      </Suspense>
    </Layout.Content>
  );
}
