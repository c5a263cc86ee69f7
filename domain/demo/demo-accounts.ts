/**
 * One demo account per role, so a newcomer can see Tiến Độ as each kind of user sees it.
 * They skip the forced first-login password change (accounts made by an administrator do not).
 */
export const DEMO_PASSWORD = 'tiendo-demo-2026';

export interface DemoAccount {
  username: string;
  fullName: string;
  /** Unit code in the demo province, or a function of it for the first CĐCS of a commune. */
  unitCode: string;
  roles: string[];
  phone: string;
  describe: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    username: 'quantri',
    fullName: 'Trần Minh Quân',
    unitCode: 'TNI',
    roles: ['system_admin', 'personal_data_officer'],
    phone: '0912000001',
    describe: 'Quản trị hệ thống, LĐLĐ tỉnh Tây Ninh',
  },
  {
    username: 'canbo.tinh',
    fullName: 'Nguyễn Thị Thu Hà',
    unitCode: 'TNI',
    roles: ['union_staff', 'personal_data_officer'],
    phone: '0912000002',
    describe: 'Cán bộ công đoàn, LĐLĐ tỉnh (xem được dữ liệu cá nhân)',
  },
  {
    username: 'canbo.tanninh',
    fullName: 'Lê Văn Phúc',
    unitCode: 'TNI-P01',
    roles: ['union_staff'],
    phone: '0912000003',
    describe: 'Cán bộ công đoàn, Công đoàn phường Tân Ninh',
  },
  {
    username: 'cdcs.demo',
    fullName: 'Phạm Thị Lan',
    unitCode: 'TNI-P01-0001',
    roles: ['grassroots_officer'],
    phone: '0912000004',
    describe: 'Cán bộ CĐCS, một công đoàn cơ sở của phường Tân Ninh',
  },
  {
    username: 'xem.tinh',
    fullName: 'Võ Hoàng Nam',
    unitCode: 'TNI',
    roles: ['viewer'],
    phone: '0912000005',
    describe: 'Người xem, LĐLĐ tỉnh (chỉ xem)',
  },
];
