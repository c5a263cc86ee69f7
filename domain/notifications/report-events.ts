/**
 * What a periodic-report event tells whom (issue 21). Pure: the server finds the people (the
 * audience's unit and permission) and writes one notification per person under the event key,
 * so telling them twice is impossible by construction.
 */
import type { Permission } from '../access/permission.ts';

export type ReportEventKind = 'report.submitted' | 'report.resubmitted' | 'report.returned' | 'report.accepted' | 'report.reopened';

export interface ReportEventInput {
  kind: ReportEventKind;
  reportId: number;
  /** The report's version after the change: each submission, return… is its own event. */
  version: number;
  unit: { id: number; name: string };
  parent: { id: number; name: string } | null;
  templateName: string;
  periodLabel: string;
  /** The reason of a return or reopening, the note of a submission. */
  comment: string | null;
  actorLabel: string;
}

export interface NotificationDraft {
  kind: ReportEventKind;
  eventKey: string;
  title: string;
  body: string;
  link: string;
  /** Who is told: the users of this unit holding this permission. */
  audience: { unitId: number; permission: Permission };
  unitId: number;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function reportNotification(e: ReportEventInput): NotificationDraft | null {
  const report = `${lower(e.templateName)} kỳ ${lower(e.periodLabel)}`;
  const base = {
    kind: e.kind,
    eventKey: `${e.kind}:${e.reportId}:v${e.version}`,
    link: `/bao-cao-dinh-ky/${e.reportId}`,
    unitId: e.unit.id,
  };
  const reason = e.comment ? `Lý do: ${e.comment}` : '';
  switch (e.kind) {
    case 'report.submitted':
    case 'report.resubmitted': {
      // Sent up: the level above reviews it. A unit at the top has nobody above to tell.
      if (!e.parent) return null;
      const verb = e.kind === 'report.submitted' ? 'đã gửi' : 'đã gửi lại';
      return {
        ...base,
        audience: { unitId: e.parent.id, permission: 'reports.review' },
        title: `${e.unit.name} ${verb} ${report}`,
        body: [`${e.actorLabel} ${verb} báo cáo; mở để duyệt hoặc trả lại.`, e.comment ? `Ghi chú: ${e.comment}` : '']
          .filter(Boolean)
          .join(' '),
      };
    }
    case 'report.returned':
      return {
        ...base,
        audience: { unitId: e.unit.id, permission: 'reports.submit' },
        title: `Báo cáo bị trả lại: ${report}`,
        body: [reason, 'Hãy sửa theo lý do rồi gửi lại.'].filter(Boolean).join(' '),
      };
    case 'report.accepted':
      return {
        ...base,
        audience: { unitId: e.unit.id, permission: 'reports.submit' },
        title: `Báo cáo đã được duyệt: ${report}`,
        body: `${e.parent?.name ?? 'Cấp trên'} đã duyệt; số liệu được đưa vào Tổng quan.`,
      };
    case 'report.reopened':
      return {
        ...base,
        audience: { unitId: e.unit.id, permission: 'reports.submit' },
        title: `Báo cáo được mở lại để sửa: ${report}`,
        body: [reason, 'Sửa xong hãy gửi lại.'].filter(Boolean).join(' '),
      };
  }
}
