/**
 * What the events outside the report workflow tell whom (issue 21): tasks (nhiệm vụ), targets
 * turning chậm tiến độ or không đạt, imports, accounts, and the daily digest. Pure: the server
 * finds the people and writes one notification per person under the event key, so an event
 * computed twice — a retried request, a scheduler run again after a restart — tells nobody twice.
 */
import type { Permission } from '../access/permission.ts';

export type TaskEventKind = 'task.assigned' | 'task.due_soon' | 'task.overdue';
export type TargetEventKind = 'target.behind' | 'target.missed';
export type ImportEventKind = 'import.finished' | 'import.failed';
export type AccountEventKind = 'account.created' | 'account.locked';
export type DigestKind = 'digest.daily';
export type OtherEventKind = TaskEventKind | TargetEventKind | ImportEventKind | AccountEventKind | DigestKind;

export interface EventDraft {
  kind: OtherEventKind;
  eventKey: string;
  title: string;
  body: string;
  link: string | null;
  unitId: number | null;
}

/** Told to a unit's users holding a permission. */
export interface UnitEventDraft extends EventDraft {
  audience: { unitId: number; permission: Permission };
}

/** Told to one person (the account's owner, who started an import). */
export interface UserEventDraft extends EventDraft {
  userId: number;
}

/** A task is due soon this many days before its due day (one reminder). */
export const TASK_DUE_SOON_DAYS = 7;

const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface TaskAssignmentInput {
  assignmentId: number;
  taskId: number;
  taskTitle: string;
  unitId: number;
  fromUnitName: string;
  dueOn: string | null;
}

/** The units given a task are told by those who report on it (reports.submit). */
export function taskAssigned(a: TaskAssignmentInput): UnitEventDraft {
  return {
    kind: 'task.assigned',
    eventKey: `task.assigned:${a.assignmentId}`,
    unitId: a.unitId,
    link: '/nhiem-vu',
    audience: { unitId: a.unitId, permission: 'reports.submit' },
    title: `Nhiệm vụ mới: ${a.taskTitle}`,
    body: [`${a.fromUnitName} giao nhiệm vụ cho đơn vị.`, a.dueOn ? `Hạn hoàn thành: ${viDate(a.dueOn)}.` : ''].filter(Boolean).join(' '),
  };
}

/**
 * Which reminder a one-off task's due day calls for on `today`: "due soon" from seven days
 * before (a scheduler down on the day catches up), "overdue" the day after; nothing once a
 * month past (the task list shows it in red by then).
 */
export function taskReminderDue(dueOn: string, today: string): 'task.due_soon' | 'task.overdue' | null {
  if (today > addDays(dueOn, 30)) return null;
  if (today > dueOn) return 'task.overdue';
  if (today >= addDays(dueOn, -TASK_DUE_SOON_DAYS)) return 'task.due_soon';
  return null;
}

/** The words of a task reminder; the title is the prefix then the task's title (written set-based by the server). */
export function taskReminderText(kind: 'task.due_soon' | 'task.overdue', dueOn: string): { titlePrefix: string; body: string } {
  return kind === 'task.due_soon'
    ? { titlePrefix: 'Sắp đến hạn nhiệm vụ: ', body: `Hạn hoàn thành: ${viDate(dueOn)}. Cập nhật tình hình thực hiện trong mục Nhiệm vụ.` }
    : { titlePrefix: 'Nhiệm vụ đã quá hạn: ', body: `Hạn hoàn thành là ${viDate(dueOn)}; đơn vị chưa báo cáo hoàn thành.` };
}

export interface TargetStatusInput {
  targetId: number;
  indicatorName: string;
  unitId: number;
  unitName: string;
  status: 'behind' | 'missed';
  /** The day the status was first seen: each turn is its own event. */
  day: string;
}

/** The owning unit's staff (targets.read) learn that a target turned chậm tiến độ or không đạt. */
export function targetTurned(t: TargetStatusInput): UnitEventDraft {
  const kind: TargetEventKind = t.status === 'behind' ? 'target.behind' : 'target.missed';
  return {
    kind,
    eventKey: `${kind}:${t.targetId}:${t.day}`,
    unitId: t.unitId,
    link: '/tong-quan',
    audience: { unitId: t.unitId, permission: 'targets.read' },
    title: t.status === 'behind' ? `Chỉ tiêu chậm tiến độ: ${t.indicatorName}` : `Chỉ tiêu không đạt: ${t.indicatorName}`,
    body:
      t.status === 'behind'
        ? `Chỉ tiêu của ${t.unitName} chuyển sang chậm tiến độ ngày ${viDate(t.day)}. Xem tiến độ và các đơn vị cấp dưới còn chậm.`
        : `Chỉ tiêu của ${t.unitName} đã hết hạn mà không đạt (ghi nhận ngày ${viDate(t.day)}).`,
  };
}

export interface ImportInput {
  jobId: number;
  userId: number;
  unitId: number | null;
  registryLabel: string;
  fileName: string;
  /** The registry's import screen, where the job and its rejected rows are listed. */
  link: string | null;
  outcome: { ok: true; inserted: number; updated: number; rejected: number } | { ok: false; reason: string };
}

/** The person who started an import learns how it ended. */
export function importEnded(i: ImportInput): UserEventDraft {
  const base = { userId: i.userId, unitId: i.unitId, link: i.link };
  if (i.outcome.ok) {
    const { inserted, updated, rejected } = i.outcome;
    return {
      ...base,
      kind: 'import.finished',
      eventKey: `import.finished:${i.jobId}`,
      title: `Đã nhập xong ${i.registryLabel}: ${i.fileName}`,
      body: `Thêm mới ${inserted}, cập nhật ${updated}, từ chối ${rejected} dòng.${rejected > 0 ? ' Tải danh sách dòng bị từ chối để sửa rồi nhập lại.' : ''}`,
    };
  }
  return {
    ...base,
    kind: 'import.failed',
    eventKey: `import.failed:${i.jobId}`,
    title: `Nhập ${i.registryLabel} không thành công: ${i.fileName}`,
    body: `Lý do: ${i.outcome.reason}`,
  };
}

export function accountCreated(a: { userId: number; unitId: number; username: string; unitName: string }): UserEventDraft {
  return {
    kind: 'account.created',
    eventKey: `account.created:${a.userId}`,
    userId: a.userId,
    unitId: a.unitId,
    link: '/tai-khoan',
    title: 'Tài khoản Tiến Độ của bạn đã được tạo',
    body: `Tên đăng nhập: ${a.username}, thuộc ${a.unitName}. Mật khẩu ban đầu do quản trị viên cung cấp; hãy đổi mật khẩu ở lần đăng nhập đầu tiên.`,
  };
}

/**
 * The account's owner learns it was locked: by an administrator (each locking its own event,
 * keyed by when) or after too many failed logins (keyed by the lock's end).
 */
export function accountLocked(a: {
  userId: number;
  unitId: number;
  by: 'administrator' | 'failed_logins';
  at: string;
  until?: string | null;
}): UserEventDraft {
  return {
    kind: 'account.locked',
    eventKey: `account.locked:${a.userId}:${a.by}:${a.until ?? a.at}`,
    userId: a.userId,
    unitId: a.unitId,
    link: null,
    title: 'Tài khoản Tiến Độ của bạn đã bị khóa',
    body:
      a.by === 'administrator'
        ? 'Quản trị viên đã khóa tài khoản này. Nếu bạn không rõ lý do, hãy liên hệ quản trị viên của đơn vị.'
        : 'Tài khoản bị tạm khóa vì đăng nhập sai mật khẩu nhiều lần. Nếu không phải bạn, hãy báo ngay cho quản trị viên và đổi mật khẩu.',
  };
}

/** The digest of a day: one mail per person and day (event key), listing what they were told. */
export function dailyDigest(userId: number, day: string, titles: readonly string[]): UserEventDraft {
  const shown = titles.slice(0, 50);
  return {
    kind: 'digest.daily',
    eventKey: `digest.daily:${day}`,
    userId,
    unitId: null,
    link: null,
    title: `Tóm tắt thông báo ngày ${viDate(day)}: ${titles.length} thông báo`,
    body: [
      ...shown.map((t) => `• ${t}`),
      ...(titles.length > shown.length ? [`… và ${titles.length - shown.length} thông báo khác.`] : []),
    ].join('\n'),
  };
}

/**
 * The day whose digest is due at `now`: from 07:00 in Vietnam (UTC+7, no daylight saving) the
 * digest of that day bundles everything not yet sent; before 07:00, none.
 */
export function digestDay(now: Date): string | null {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  return local.getUTCHours() >= 7 ? local.toISOString().slice(0, 10) : null;
}

/**
 * The day whose targets may be judged at `now`: only from 00:00 to 06:00 in Vietnam. Judging
 * every target is the heaviest work a server does (at national scale, 133,400 allocated targets:
 * over an hour of a core), so it runs at night, not beside the officers' dashboards after a
 * restart in office hours; what turns behind then reaches the 07:00 digest the same morning.
 */
export function targetJudgingDay(now: Date): string | null {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  return local.getUTCHours() < 6 ? local.toISOString().slice(0, 10) : null;
}
