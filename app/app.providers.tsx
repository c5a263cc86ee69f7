import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider, type ThemeConfig } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import type { ReactNode } from 'react';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/api-client.ts';

dayjs.locale('vi');

const queryClient = new QueryClient({
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
  },
  components: {
    Layout: { headerBg: '#12355b', headerHeight: 56, headerPadding: '0 20px', siderBg: '#ffffff', triggerBg: '#f0f3f7', triggerColor: '#12355b' },
    Menu: { itemHeight: 42, itemSelectedBg: '#e6eef8', itemSelectedColor: '#12355b' },
    Tree: { titleHeight: 30 },
  },
};

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={viVN} theme={theme}>
      <AntdApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>{children}</BrowserRouter>
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>
  );
}
