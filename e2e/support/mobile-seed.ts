import type { AllocationPreview } from '../../app/api/allocation.api.ts';
import type { TargetProgress } from '../../app/api/progress.api.ts';
import type { ReportView } from '../../app/api/reporting.api.ts';
import type { TaskDetail } from '../../app/api/tasks.api.ts';
import { apiGet, apiPost } from './api.ts';
import { postProgramme, postTarget } from './programme.ts';
import { apiSession, type Session } from './session.ts';

async function apiPut(baseUrl: string, path: string, body: unknown, session: { cookie: string; csrfToken: string }): Promise<void> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', accept: 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`PUT ${path} answered ${response.status}: ${await response.text()}`);
}

/** What the phone screens show, made through the API as the officers would have made it. */
export interface MobileData {
  /** The province's members target as given to the commune (its allocation): large figures on the commune's card. */
  communeMembersTargetId: number;
  /** A province target (a share of units) that the commune and the CĐCS see on Tổng quan, with the commune's CĐCS ranked in its drawer. */
  sharedTargetId: number;
  /** The CĐCS's yearly report left as a draft: the form with its inputs. */
  draftReportId: number;
  /** The CĐCS's six-month report, submitted: what the commune reviews. */
  submittedReportId: number;
  /** A commune task given to the CĐCS. */
  taskId: number;
  cdcsUnitId: number;
  communeUnitId: number;
}

/**
 * The demo province has no documents, targets, tasks or reports: the province sets a programme
 * with targets on counted and reported indicators, the commune gives its CĐCS a task, and the CĐCS
 * (cdcs.demo) opens its yearly report (kept as a draft) and submits the six-month one.
 */
export async function seedMobileData(baseUrl: string): Promise<MobileData> {
  const province = await apiSession(baseUrl, 'canbo.tinh');
  const commune = await apiSession(baseUrl, 'canbo.tanninh');
  const cdcs = await apiSession(baseUrl, 'cdcs.demo');
  const post = <T>(s: Session, path: string, body: unknown) => apiPost<T>(baseUrl, path, body, s);

  const doc = await postProgramme(baseUrl, province, {
    symbol: '05-CTr/LĐLĐ',
    title: 'Chương trình hành động thực hiện Nghị quyết Đại hội Công đoàn tỉnh nhiệm kỳ 2023–2028',
  });
  const target = (body: Record<string, unknown>) => postTarget(baseUrl, province, doc.id, body);
  const members = await target({
    indicatorCode: 'members',
    comparator: '>',
    value: 140000,
    deadlineYear: 2028,
    subject: 'Phát triển đoàn viên',
  });
  // Shared out to the communes by their members: the commune's card and drawer show five-digit
  // figures, the kind that once broke one digit per line.
  const proposal = await apiGet<AllocationPreview>(baseUrl, `/api/targets/${members.targetId}/allocation?base=members`, province.cookie);
  await apiPut(
    baseUrl,
    `/api/targets/${members.targetId}/allocation`,
    { method: 'proportional', base: 'members', shares: proposal.children.map((c) => ({ unitId: c.unit.id, value: c.proposed })) },
    province,
  );
  const agreements = await target({
    indicatorCode: 'agreements_share',
    comparator: '>=',
    value: 85,
    deadlineYear: 2028,
    subject: 'Đơn vị có tổ chức công đoàn ký được thỏa ước lao động tập thể',
  });
  await target({
    indicatorCode: 'dissemination_share',
    comparator: '>',
    value: 90,
    annual: true,
    subject: 'Đoàn viên, người lao động được tuyên truyền, quán triệt nghị quyết',
  });

  const task = await post<TaskDetail>(commune, '/api/tasks', {
    unitId: commune.me.unit.id,
    title: 'Tổ chức hội nghị quán triệt Nghị quyết Đại hội Công đoàn tỉnh đến toàn thể đoàn viên, người lao động',
    timing: { kind: 'year', year: Number(new Date().getFullYear()) },
    leadName: 'Ban Tuyên giáo - Nữ công',
  });
  await post(commune, `/api/tasks/${task.id}/assignments`, { assigneeUnitIds: [cdcs.me.unit.id] });

  const mine = await apiGet<{ items: { templateCode: string; periodCode: string; reportId: number | null }[] }>(
    baseUrl,
    '/api/reports/mine',
    cdcs.cookie,
  );
  const yearly = mine.items.find((i) => i.templateCode === 'cdcs-nam')!;
  const halfYear = mine.items.find((i) => i.templateCode === 'cdcs-6-thang')!;
  const draft = await post<ReportView>(cdcs, '/api/reports', {
    templateCode: yearly.templateCode,
    unitId: cdcs.me.unit.id,
    periodCode: yearly.periodCode,
  });
  const submitted = await post<ReportView>(cdcs, '/api/reports', {
    templateCode: halfYear.templateCode,
    unitId: cdcs.me.unit.id,
    periodCode: halfYear.periodCode,
  });
  const values = Object.fromEntries(submitted.template.sections.flatMap((s) => s.fields).map((f) => [f.element, 0]));
  await post(cdcs, `/api/reports/${submitted.id}/submit`, { version: submitted.version, values, explanations: {} });

  const communeTargets = await apiGet<{ items: TargetProgress[] }>(baseUrl, '/api/progress', commune.cookie);
  const communeMembers = communeTargets.items.find((t) => t.indicator.code === 'members')!;
  return {
    communeMembersTargetId: communeMembers.targetId,
    sharedTargetId: agreements.targetId,
    draftReportId: draft.id,
    submittedReportId: submitted.id,
    taskId: task.id,
    cdcsUnitId: cdcs.me.unit.id,
    communeUnitId: commune.me.unit.id,
  };
}
