import { describe, expect, it } from 'vitest';
import { reportNotification, type ReportEventInput } from './report-events.ts';

const event = (over: Partial<ReportEventInput>): ReportEventInput => ({
  kind: 'report.returned',
  reportId: 41,
  version: 3,
  unit: { id: 7, name: 'Công đoàn cơ sở Trường Tiểu học Hòa Bình' },
  parent: { id: 2, name: 'Công đoàn xã Hòa Bình' },
  templateName: 'Báo cáo sơ kết 6 tháng của công đoàn cơ sở',
  periodLabel: '6 tháng đầu năm 2027',
  comment: null,
  actorLabel: 'canbo.hoabinh',
  ...over,
});

describe('what a report event tells whom', () => {
  it('tells the unit’s officers a return with its reason, linking the form', () => {
    const n = reportNotification(event({ comment: 'Số nữ lớn hơn tổng số đoàn viên' }))!;
    expect(n.title).toBe('Báo cáo bị trả lại: báo cáo sơ kết 6 tháng của công đoàn cơ sở kỳ 6 tháng đầu năm 2027');
    expect(n.body).toBe('Lý do: Số nữ lớn hơn tổng số đoàn viên Hãy sửa theo lý do rồi gửi lại.');
    expect(n.audience).toEqual({ unitId: 7, permission: 'reports.submit' });
    expect(n.link).toBe('/bao-cao-dinh-ky/41');
  });

  it('tells the level above that a unit sent, then sent again — two events, two keys', () => {
    const first = reportNotification(event({ kind: 'report.submitted', version: 2 }))!;
    const again = reportNotification(event({ kind: 'report.resubmitted', version: 4 }))!;
    expect(first.audience).toEqual({ unitId: 2, permission: 'reports.review' });
    expect(first.title).toBe(
      'Công đoàn cơ sở Trường Tiểu học Hòa Bình đã gửi báo cáo sơ kết 6 tháng của công đoàn cơ sở kỳ 6 tháng đầu năm 2027',
    );
    expect(again.title).toContain('đã gửi lại');
    expect(new Set([first.eventKey, again.eventKey]).size).toBe(2);
    // The same event computed twice has the same key: written once.
    expect(reportNotification(event({ kind: 'report.submitted', version: 2 }))!.eventKey).toBe(first.eventKey);
  });

  it('tells nobody above the top of the tree', () => {
    expect(reportNotification(event({ kind: 'report.submitted', parent: null }))).toBeNull();
  });
});
