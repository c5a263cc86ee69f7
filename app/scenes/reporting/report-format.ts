/**
 * Pure helpers of the reporting screens: vi-VN figures in inputs ("1.234.567"), status colours
 * and labels, timeliness words, and the text of the reminders list. Free of React (unit-tested).
 */
const VI = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** 1234567 → "1.234.567"; nothing for an empty field. */
export function formatFigure(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const n = typeof value === 'number' ? value : Number(String(value).replace(/\./g, ''));
  return Number.isFinite(n) ? VI.format(n) : String(value);
}

/** What a person types, the Vietnamese way: dots group thousands, spaces are ignored. */
export function parseFigure(text: string | undefined): string {
  return (text ?? '').replace(/[.\s]/g, '').replace(/[^\d-]/g, '');
}

export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
};

export const TIMELINESS_LABELS: Record<string, string> = {
  on_time: 'Đúng hạn',
  late: 'Trễ hạn',
  not_due: 'Chưa đến hạn',
  overdue: 'Quá hạn, chưa gửi',
};

export const STATUS_FILTERS = [
  { value: 'submitted', label: 'Chờ duyệt' },
  { value: 'returned', label: 'Bị trả lại' },
  { value: 'accepted', label: 'Đã duyệt' },
  { value: 'draft', label: 'Đang nhập' },
] as const;

export interface ReminderUnit {
  name: string;
  parentName: string | null;
  phone: string | null;
  email: string | null;
  contacts: { fullName: string; email: string | null }[];
}

/** One line per unit to remind, ready to paste into a message or a phone list. */
export function reminderText(units: ReminderUnit[], periodLabel: string, dueOn: string): string {
  const due = `${dueOn.slice(8, 10)}/${dueOn.slice(5, 7)}/${dueOn.slice(0, 4)}`;
  const lines = units.map((u, i) => {
    const contact = [u.phone, u.email, ...u.contacts.map((c) => (c.email ? `${c.fullName} <${c.email}>` : c.fullName))]
      .filter(Boolean)
      .join('; ');
    return `${i + 1}. ${u.name}${u.parentName ? ` (${u.parentName})` : ''}${contact ? ` — ${contact}` : ' — chưa có thông tin liên hệ'}`;
  });
  return [`Các đơn vị chưa gửi báo cáo ${periodLabel} (hạn ${due}):`, ...lines].join('\n');
}
