import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider, type ThemeConfig } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import type { ReactNode } from 'react';
import { ApiError, configureSession } from './api/api-client.ts';
import { LOGIN_PATH, NEXT_PARAM, currentCsrfToken } from './api/auth.api.ts';
import { holdsLoginRedirect } from './offline/session-ended.ts';
import { useIsPhone } from './lib/use-is-phone.ts';

dayjs.locale('vi');

configureSession({
  csrfToken: currentCsrfToken,
  // Any 401 means the session ended (expired, logged out elsewhere): start over at the login
  // page and come back here afterwards. A full load also drops every cached answer.
  onUnauthenticated: () => {
    const { pathname, search } = window.location;
    if (pathname.startsWith(LOGIN_PATH)) return;
    // Figures typed offline still wait on the device: say so on this page first (session-ended.ts).
    if (holdsLoginRedirect()) return;
    window.location.assign(`${LOGIN_PATH}?${new URLSearchParams({ [NEXT_PARAM]: pathname + search })}`);
  },
});

/** One cache for the app; route loaders (app.routes.tsx) start requests in it before a screen renders. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change on retry (bad input, missing unit); a dropped connection might.
      retry: (failureCount, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 1,
      refetchOnWindowFocus: false,
    },
  },
});

// Calm, high-contrast palette: officers read this screen for hours on office monitors.
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d5fa8',
    colorLink: '#1d5fa8',
    borderRadius: 6,
    fontSize: 14,
    fontFamily: '"Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
    colorBgLayout: '#f3f5f8',
    // Text at least 4.5:1 against white and the page's grey (WCAG AA, checked by axe-core in
    // e2e/daily-use): antd's defaults put secondary text, placeholders and status tags at ~3:1.
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    // Status colours dark enough for text on their pale backgrounds (tags, alerts); the pale
    // backgrounds given outright, since antd derives muddy ones from a dark seed.
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorInfo: '#1d5fa8',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    colorWarning: '#8a5300',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorError: '#c41d1d',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
  },
  components: {
    Layout: {
      headerBg: '#12355b',
      headerHeight: 56,
      headerPadding: '0 20px',
      siderBg: '#ffffff',
      triggerBg: '#f0f3f7',
      triggerColor: '#12355b',
    },
    Menu: { itemHeight: 42, itemSelectedBg: '#e6eef8', itemSelectedColor: '#12355b' },
    Tree: { titleHeight: 30 },
  },
};

/**
 * On a phone every control a finger taps (buttons, fields, selects, date pickers, segmented
 * choices, menu items) is at least 44 px tall: antd's 32 px controls are missed with a thumb.
 * Small and large controls too: on a phone there is no mouse to aim the small ones.
 */
const phoneTheme: ThemeConfig = {
  ...theme,
  token: { ...theme.token, controlHeight: 44, controlHeightSM: 44, controlHeightLG: 48 },
  components: { ...theme.components, Menu: { ...theme.components!.Menu, itemHeight: 48 } },
};

export function AppProviders({ children }: { children: ReactNode }) {
  const isPhone = useIsPhone();
  return (
    <ConfigProvider locale={viVN} theme={isPhone ? phoneTheme : theme}>
      <AntdApp>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
