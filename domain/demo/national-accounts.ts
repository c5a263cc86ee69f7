import { DEMO_ACCOUNTS, type DemoAccount } from './demo-accounts.ts';

/**
 * Demo accounts of the national-shaped datasets: the province-scale ones (their units exist at
 * every scale: Tây Ninh keeps the demo codes) plus accounts at the confederation, so the whole
 * country can be read and benchmarked with a session.
 */
export const NATIONAL_ACCOUNTS: DemoAccount[] = [
  ...DEMO_ACCOUNTS,
  {
    username: 'quantri.tw',
    fullName: 'Đỗ Quang Huy',
    unitCode: 'TLD',
    roles: ['system_admin', 'personal_data_officer'],
    phone: '0912000011',
    describe: 'Quản trị hệ thống, Tổng Liên đoàn',
  },
  {
    username: 'canbo.tw',
    fullName: 'Bùi Thị Minh Thư',
    unitCode: 'TLD',
    roles: ['union_staff', 'personal_data_officer'],
    phone: '0912000012',
    describe: 'Cán bộ công đoàn, Tổng Liên đoàn (xem được dữ liệu cá nhân)',
  },
  {
    username: 'xem.tw',
    fullName: 'Hoàng Văn Khải',
    unitCode: 'TLD',
    roles: ['viewer'],
    phone: '0912000013',
    describe: 'Người xem, Tổng Liên đoàn (chỉ xem)',
  },
];
