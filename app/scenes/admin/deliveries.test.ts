import { describe, expect, it } from 'vitest';
import type { DeliveryItem } from '../../api/notifications.api.ts';
import { DELIVERY_FILTER_OPTIONS, deliveriesEmptyText, deliveryKindLabel, deliveryRow, statusOfFilter } from './deliveries.ts';

const dead: DeliveryItem = {
  id: 7,
  status: 'dead',
  channel: 'email',
  recipient: 'nguyen.van.a@sai-ten-mien.vn',
  attempts: 6,
  lastError: '550 5.1.1 <nguyen.van.a@sai-ten-mien.vn>: Recipient address rejected',
  nextAttemptAt: '2026-12-06T03:00:00Z',
  sentAt: null,
  notification: { id: 3, kind: 'report.returned', title: 'Báo cáo năm 2026 bị trả lại', createdAt: '2026-12-06T01:30:00Z' },
  user: { id: 11, username: 'xa.tanninh', fullName: 'Nguyễn Văn A', unitName: 'Công đoàn phường Tân Ninh' },
};

describe('delivery status filter', () => {
  it('opens on the dead letters and names every status in Vietnamese, then the whole log', () => {
    expect(DELIVERY_FILTER_OPTIONS.map((o) => o.label)).toEqual([
      'Gửi không được',
      'Đang chờ',
      'Đang gửi',
      'Đã gửi',
      'Đã gộp vào thư tổng hợp',
      'Tất cả',
    ]);
    expect(statusOfFilter('dead')).toBe('dead');
    expect(statusOfFilter('all')).toBeNull();
  });

  it('says which list is empty', () => {
    expect(deliveriesEmptyText('dead')).toBe('Không có thư nào gửi không được.');
    expect(deliveriesEmptyText('pending')).toBe('Không có thư nào ở trạng thái “Đang chờ”.');
    expect(deliveriesEmptyText('all')).toBe('Chưa có thư thông báo nào.');
  });
});

describe('delivery rows', () => {
  it('words a dead letter: who, where, what, the server’s answer, and offers Gửi lại', () => {
    expect(deliveryRow(dead)).toEqual({
      id: 7,
      name: 'Nguyễn Văn A',
      username: 'xa.tanninh',
      recipient: 'nguyen.van.a@sai-ten-mien.vn',
      unitName: 'Công đoàn phường Tân Ninh',
      kindLabel: 'Báo cáo của đơn vị bị trả lại',
      title: 'Báo cáo năm 2026 bị trả lại',
      status: { label: 'Gửi không được', color: 'red' },
      attempts: 6,
      lastError: '550 5.1.1 <nguyen.van.a@sai-ten-mien.vn>: Recipient address rejected',
      createdAt: '06/12/2026 08:30',
      // next_attempt_at of a dead mail is a retry that never comes: not shown.
      when: null,
      canResend: true,
    });
  });

  it('shows when a sent mail left and when a pending one is due, and no Gửi lại for either', () => {
    const sent = deliveryRow({ ...dead, status: 'sent', attempts: 1, lastError: null, sentAt: '2026-12-06T01:31:00Z' });
    expect([sent.when, sent.lastError, sent.canResend]).toEqual(['Đã gửi lúc 06/12/2026 08:31', '', false]);
    const pending = deliveryRow({ ...dead, status: 'pending', attempts: 2 });
    expect([pending.status.label, pending.when, pending.canResend]).toEqual(['Đang chờ', 'Gửi lúc 06/12/2026 10:00', false]);
    expect(deliveryRow({ ...dead, status: 'digested' }).status.label).toBe('Đã gộp vào thư tổng hợp');
  });

  it('names the account notices and the digest, and shows an unknown kind by its code', () => {
    expect(deliveryKindLabel('account.locked')).toBe('Tài khoản bị tạm khóa');
    expect(deliveryKindLabel('digest.daily')).toBe('Thư tổng hợp hằng ngày');
    expect(deliveryKindLabel('future.kind')).toBe('future.kind');
  });
});
