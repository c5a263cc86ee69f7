import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../domain/reporting/builtin-templates.ts';
import { openPeriods } from '../../domain/reporting/report-template.ts';
import { dueState } from '../../domain/tasks/task-timing.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { cdcsTemplate, completeCdcsValues as complete } from '../../test/support/report-fixtures.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { buildDocx, buildPdf, buildZipBomb } from '../documents/intake/intake-test-fixtures.ts';

const SEED_003 = new URL('../../../shared/documents/003_4e25b5efc129902e.txt', import.meta.url);
const communeTemplate = BUILTIN_TEMPLATES.find((x) => x.code === 'cap-tren-co-so-nam')!;
const today = todayInVietnam();
const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86400_000).toISOString().slice(0, 10);
/** A period every unit kind can report on today, whose report can be opened (the latest open annual one). */
const cdcsPeriod = openPeriods(cdcsTemplate, today)[0]!.code;
const communePeriod = openPeriods(communeTemplate, today)[0]!.code;

describe.each(testDatabaseTargets())('tasks: model, cascade, statuses, evidence, reporting on $kind', (target) => {
  const { database, t } = useTestApp(target, `tasks-${target.kind}`);
  let province: Session; // canbo.tinh at TNI
  let commune: Session; // canbo.tanninh at TNI-P01
  let p02Staff: Session;
  let p03Staff: Session;
  let officer: Session; // cdcs.demo at TNI-P01-0001
  let viewer: Session; // xem.tinh
  let tni: number;
  let p01: number;
  let p02: number;
  let p03: number;
  let cdcs1: number;
  let taskId: number;
  const assignment: Record<string, number> = {};

  const upload = (session: Session, url: string, fileName: string, content: Buffer) => session.upload('POST', url, fileName, content);
  const count = async (table: 'stored_file' | 'task_evidence' | 'task_status' | 'task_assignment' | 'task') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    province = await t.login('canbo.tinh');
    commune = await t.login('canbo.tanninh');
    officer = await t.login('cdcs.demo');
    viewer = await t.login('xem.tinh');
    await t.addUser('canbo.p02', 'TNI-P02', ['union_staff']);
    await t.addUser('canbo.p03', 'TNI-P03', ['union_staff']);
    p02Staff = await t.login('canbo.p02');
    p03Staff = await t.login('canbo.p03');
    [tni, p01, p02, p03, cdcs1] = (await Promise.all(['TNI', 'TNI-P01', 'TNI-P02', 'TNI-P03', 'TNI-P01-0001'].map((c) => t.unitId(c)))) as [
      number,
      number,
      number,
      number,
      number,
    ];
  }, 240_000);

  it('creates a task by hand with lead, partners and timing, and refuses bad input in Vietnamese', async () => {
    const created = await province.send('POST', '/api/tasks', {
      unitId: tni,
      title: '  Tổ chức tuyên truyền Nghị quyết 43  ',
      leadName: 'Ban Tuyên giáo - Nữ công',
      partnerUnitIds: [p01],
      partnerNames: ['Sở Lao động'],
      timing: { kind: 'deadline', deadline: day(-10) },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    taskId = created.body.id;
    expect(created.body).toMatchObject({
      title: 'Tổ chức tuyên truyền Nghị quyết 43',
      owner: { id: tni },
      lead: { unitId: null, name: 'Ban Tuyên giáo - Nữ công' },
      partners: [{ unitId: p01 }, { unitId: null, name: 'Sở Lao động' }],
      timing: { kind: 'deadline', deadline: day(-10) },
      can: { edit: true, assign: true },
      viewedAs: { unit: { id: tni }, assignment: { depth: 0, overdue: true } },
      rollUp: { assignees: 0, label: 'Chưa giao cho đơn vị nào' },
    });
    const both = await province.send('POST', '/api/tasks', {
      unitId: tni,
      title: 'Nhiệm vụ thử',
      leadName: 'Ban Tổ chức',
      leadUnitId: p01,
      timing: { kind: 'ongoing' },
    });
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('TASK_LEAD_INVALID');
    const badDay = await province.send('POST', '/api/tasks', {
      unitId: tni,
      title: 'Nhiệm vụ thử',
      timing: { kind: 'deadline', deadline: '2026-02-30' },
    });
    expect(badDay.status).toBe(400);
    expect(badDay.body.error.message).toMatch(/ngày hết hạn hợp lệ/);
    expect((await viewer.send('POST', '/api/tasks', { unitId: tni, title: 'Không được', timing: { kind: 'ongoing' } })).status).toBe(403);
  });

  it('assigns down the tree: province → three communes → a CĐCS; refuses units not below and outside the subtree', async () => {
    const given = await province.send('POST', `/api/tasks/${taskId}/assignments`, { assigneeUnitIds: [p01, p02, p03] });
    expect(given.status, JSON.stringify(given.body)).toBe(200);
    expect(given.body.created).toBe(3);
    for (const a of given.body.assignees) assignment[a.unit.id === p01 ? 'p01' : a.unit.id === p02 ? 'p02' : 'p03'] = a.assignmentId;
    const twice = await province.send('POST', `/api/tasks/${taskId}/assignments`, { assigneeUnitIds: [p01] });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('TASK_ALREADY_ASSIGNED');
    // The commune passes it on to one of its CĐCS, from its own assignment.
    const down = await commune.send('POST', `/api/tasks/${taskId}/assignments?unitId=${p01}`, { assigneeUnitIds: [cdcs1] });
    expect(down.status, JSON.stringify(down.body)).toBe(200);
    assignment.cdcs1 = down.body.assignees[0].assignmentId;
    const row = await database.db
      .selectFrom('task_assignment')
      .select(['parent_assignment_id', 'depth'])
      .where('id', '=', assignment.cdcs1!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ parent_assignment_id: assignment.p01, depth: 2 });
    // Not below the assigning unit (the commune itself, the province above), or outside the caller's subtree.
    const up = await commune.send('POST', `/api/tasks/${taskId}/assignments?unitId=${p01}`, { assigneeUnitIds: [tni] });
    expect(up.status).toBe(404);
    const sideways = await commune.send('POST', `/api/tasks/${taskId}/assignments?unitId=${p01}`, { assigneeUnitIds: [p02] });
    expect(sideways.status).toBe(404);
    expect(sideways.body.error.issues[0].path).toBe('assigneeUnitIds');
    const self = await province.send('POST', `/api/tasks/${taskId}/assignments?unitId=${p01}`, { assigneeUnitIds: [p01] });
    expect(self.status).toBe(400);
    expect(self.body.error.code).toBe('TASK_ASSIGNEE_NOT_BELOW');
    // A sibling commune cannot act from P01's assignment, nor see it.
    expect((await p02Staff.send('POST', `/api/tasks/${taskId}/assignments?unitId=${p01}`, { assigneeUnitIds: [cdcs1] })).status).toBe(404);
    expect((await p02Staff.get(`/api/tasks/${taskId}?unitId=${p01}`)).status).toBe(404);
    expect((await p02Staff.get(`/api/tasks/${taskId}`)).status).toBe(404);
    expect((await p02Staff.get(`/api/task-assignments/${assignment.p01}`)).status).toBe(404);
    // Its own assignment it sees, with where it came from.
    const mine = await p02Staff.get(`/api/tasks?unitId=${p02}&view=assigned`);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({
      taskId,
      isOwn: false,
      assignedFrom: { id: tni },
      lead: { name: 'Ban Tuyên giáo - Nữ công' },
      statusLabel: 'Chưa báo cáo',
      overdue: true,
    });
  });

  it('records each assignee’s status per period and rolls up by counting assignees (1/3 completed, overdue flagged)', async () => {
    const done = await commune.send('POST', `/api/task-assignments/${assignment.p01}/statuses`, {
      periodCode: communePeriod,
      status: 'done',
      comment: 'Đã tổ chức 12 buổi tuyên truyền.',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({
      status: 'done',
      statusLabel: 'Hoàn thành',
      overdue: false,
      statuses: [{ periodCode: communePeriod, comment: 'Đã tổ chức 12 buổi tuyên truyền.', isCurrent: true }],
    });
    const going = await p02Staff.send('POST', `/api/task-assignments/${assignment.p02}/statuses`, {
      periodCode: communePeriod,
      status: 'in_progress',
      comment: 'Đang triển khai.',
    });
    expect(going.status).toBe(200);
    expect(going.body.overdue).toBe(true);
    // A period of the wrong kind for a commune (it reports yearly), a period not begun.
    const half = await p03Staff.send('POST', `/api/task-assignments/${assignment.p03}/statuses`, {
      periodCode: `${communePeriod}-H1`,
      status: 'late',
    });
    expect(half.status).toBe(400);
    expect(half.body.error.code).toBe('TASK_PERIOD_INVALID');
    const future = await p03Staff.send('POST', `/api/task-assignments/${assignment.p03}/statuses`, {
      periodCode: String(Number(today.slice(0, 4)) + 3),
      status: 'late',
    });
    expect(future.body.error.message).toMatch(/chưa bắt đầu/);
    // A sibling sets nothing on another commune's assignment; a viewer sets nothing at all.
    expect(
      (await p02Staff.send('POST', `/api/task-assignments/${assignment.p01}/statuses`, { periodCode: communePeriod, status: 'late' }))
        .status,
    ).toBe(404);
    expect(
      (await viewer.send('POST', `/api/task-assignments/${assignment.p01}/statuses`, { periodCode: communePeriod, status: 'late' })).status,
    ).toBe(403);

    const roll = await province.get(`/api/tasks/${taskId}/rollup`);
    expect(roll.status, JSON.stringify(roll.body)).toBe(200);
    expect(roll.body.counts).toMatchObject({
      assignees: 3,
      completed: 1,
      overdue: 2,
      label: '1/3 hoàn thành (33,3%)',
      byStatus: { done: 1, in_progress: 1, none: 1 },
    });
    expect(roll.body.items.map((i: { unit: { id: number } }) => i.unit.id).slice(-1)).toEqual([p01]); // overdue first
    expect(roll.body.items.find((i: { unit: { id: number } }) => i.unit.id === p01)).toMatchObject({
      status: 'done',
      comment: 'Đã tổ chức 12 buổi tuyên truyền.',
      overdue: false,
    });
    const all = await province.get(`/api/tasks/${taskId}/rollup?level=all`);
    expect(all.body.counts).toMatchObject({ assignees: 4, completed: 1, overdue: 3 });
    const period = await province.get(`/api/tasks/${taskId}/rollup?periodCode=${communePeriod}`);
    expect(period.body.counts.completed).toBe(1);

    const list = await province.get(`/api/tasks?unitId=${tni}&view=owned`);
    expect(list.body.items[0]).toMatchObject({
      taskId,
      isOwn: true,
      direct: { assignees: 3, completed: 1, overdue: 2, label: '1/3 hoàn thành (33,3%)' },
      below: { assignees: 4, completed: 1, overdue: 3 },
    });
    // The commune's view counts its own CĐCS.
    const communeList = await commune.get(`/api/tasks?unitId=${p01}`);
    expect(communeList.body.items[0]).toMatchObject({
      taskId,
      status: 'done',
      overdue: false,
      direct: { assignees: 1, completed: 0, overdue: 1 },
    });
    // The SQL flags agree with the domain rule.
    const rows = await database.db
      .selectFrom('task_assignment')
      .select(['id', 'starts_on', 'settled_through'])
      .where('task_id', '=', taskId)
      .execute();
    for (const r of rows) {
      const state = dueState({ kind: 'deadline', deadline: day(-10) }, { startsOn: r.starts_on, settledThrough: r.settled_through }, today);
      const item = all.body.items.find((i: { assignmentId: number }) => i.assignmentId === Number(r.id));
      if (item) expect(item.overdue).toBe(state.overdue);
    }
  });

  it('filters the list: overdue, due within 30 days, status, lead, document; pages on the server; exports Excel', async () => {
    const soon = await province.send('POST', '/api/tasks', {
      unitId: tni,
      title: 'Sơ kết 6 tháng phong trào thi đua',
      leadUnitId: p01,
      timing: { kind: 'deadline', deadline: day(10) },
    });
    expect(soon.status, JSON.stringify(soon.body)).toBe(200);
    await province.send('POST', '/api/tasks', {
      unitId: tni,
      title: 'Kiểm tra tài chính công đoàn thường xuyên',
      timing: { kind: 'ongoing' },
    });
    const ids = (r: { body: { items: { taskId: number }[] } }) => r.body.items.map((i) => i.taskId);
    expect(ids(await province.get(`/api/tasks?unitId=${tni}&overdue=true`))).toEqual([taskId]);
    expect(ids(await province.get(`/api/tasks?unitId=${tni}&dueSoon=true`))).toEqual([soon.body.id]);
    expect(ids(await province.get(`/api/tasks?unitId=${tni}&leadUnitId=${p01}`))).toEqual([soon.body.id]);
    expect(ids(await province.get(`/api/tasks?unitId=${tni}&lead=ban+tuyen+giao`))).toEqual([taskId]);
    expect(ids(await province.get(`/api/tasks?unitId=${tni}&status=none`))).toHaveLength(3);
    const page = await province.get(`/api/tasks?unitId=${tni}&limit=2&offset=2`);
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.body.items).toHaveLength(1);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/tasks/export?unitId=${tni}`,
      headers: { cookie: `tiendo_session=${province.cookie}` },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const csv = await t.app.inject({
      method: 'GET',
      url: `/api/tasks/export?unitId=${tni}&format=csv&overdue=true`,
      headers: { cookie: `tiendo_session=${province.cookie}` },
    });
    expect(csv.body).toContain('Tổ chức tuyên truyền Nghị quyết 43');
    expect(csv.body).toContain('Quá hạn');
    expect(csv.body).not.toContain('Sơ kết 6 tháng');
    // Outside the subtree: nothing.
    expect((await p02Staff.get(`/api/tasks?unitId=${tni}`)).status).toBe(404);
  });

  it('keeps evidence by content: a PDF is stored and downloads; hostile files are refused and nothing is stored', async () => {
    const detail = await commune.get(`/api/tasks/${taskId}?unitId=${p01}`);
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    const statusId = detail.body.viewedAs.assignment.statuses[0].id;
    const before = { files: await count('stored_file'), evidence: await count('task_evidence') };
    const refusals: [string, Buffer, number, string][] = [
      ['rong.pdf', Buffer.alloc(0), 400, 'FILE_EMPTY'],
      ['chuong-trinh.pdf', Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(2000, 7)]), 400, 'FILE_TYPE'],
      ['bao-cao.docx', buildZipBomb(60), 413, 'FILE_BOMB'],
      [
        'qua-lon.pdf',
        Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]),
        413,
        'FILE_TOO_LARGE',
      ],
      ['nhieu-trang.pdf', buildPdf(301, false), 413, 'FILE_TOO_MANY_PAGES'],
      ['hong.pdf', Buffer.from('%PDF-1.4\nrac rac rac\n%%EOF\n'), 400, 'FILE_CORRUPT'],
    ];
    for (const [name, content, status, code] of refusals) {
      const r = await upload(commune, `/api/task-statuses/${statusId}/evidence`, name, content);
      expect(r.status, `${name}: ${JSON.stringify(r.body)}`).toBe(status);
      expect(r.body.error.code, name).toBe(code);
      expect(r.body.error.message, name).toMatch(/^Tệp minh chứng/);
    }
    expect({ files: await count('stored_file'), evidence: await count('task_evidence') }).toEqual(before);

    const pdf = buildPdf(2, true);
    const ok = await upload(commune, `/api/task-statuses/${statusId}/evidence`, 'Biên bản tuyên truyền.pdf', pdf);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ fileName: 'Biên bản tuyên truyền.pdf', mimeType: 'application/pdf', sizeBytes: pdf.length });
    const docx = await upload(
      commune,
      `/api/task-statuses/${statusId}/evidence`,
      'danh-sach.docx',
      await buildDocx('Danh sách người tham dự'),
    );
    expect(docx.status).toBe(200);
    const png = await upload(
      commune,
      `/api/task-statuses/${statusId}/evidence`,
      'anh.png',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]),
    );
    expect(png.body.mimeType).toBe('image/png');
    const down = await t.app.inject({ method: 'GET', url: ok.body.downloadUrl, headers: { cookie: `tiendo_session=${province.cookie}` } });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(pdf)).toBe(true);
    expect(down.headers['content-disposition']).toContain(encodeURIComponent('Biên bản tuyên truyền.pdf'));
    // Drill-down from the province: the commune's comment and its evidence.
    const drill = await province.get(`/api/task-assignments/${assignment.p01}`);
    expect(drill.body.statuses[0]).toMatchObject({
      comment: 'Đã tổ chức 12 buổi tuyên truyền.',
      evidence: [{ fileName: 'Biên bản tuyên truyền.pdf' }, { fileName: 'danh-sach.docx' }, { fileName: 'anh.png' }],
    });
    expect((await province.get(`/api/task-statuses/${statusId}/evidence`)).body.items).toHaveLength(3);
    // A sibling neither downloads nor lists it.
    expect((await p02Staff.get(ok.body.downloadUrl)).status).toBe(404);
    expect((await p02Staff.get(`/api/task-statuses/${statusId}/evidence`)).status).toBe(404);
    expect((await upload(p02Staff, `/api/task-statuses/${statusId}/evidence`, 'a.pdf', pdf)).status).toBe(404);
    const removed = await commune.send('DELETE', `/api/task-evidence/${png.body.id}`);
    expect(removed.status).toBe(200);
  });

  it('carries a period’s statuses with the periodic report: closed when sent, open when returned, locked when accepted', async () => {
    await commune.send('POST', `/api/tasks/${taskId}/assignments?unitId=${p01}`, { assigneeUnitIds: [await t.unitId('TNI-P01-0002')] });
    const set = await officer.send('POST', `/api/task-assignments/${assignment.cdcs1}/statuses`, {
      periodCode: cdcsPeriod,
      status: 'in_progress',
      comment: 'Đã phổ biến tại 3 tổ công đoàn.',
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const opened = await officer.send('POST', '/api/reports', { templateCode: 'cdcs-nam', unitId: cdcs1, periodCode: cdcsPeriod });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    const inForm = await officer.get(`/api/reports/${opened.body.id}/tasks`);
    expect(inForm.status, JSON.stringify(inForm.body)).toBe(200);
    expect(
      inForm.body.items.find((i: { taskId: number }) => i.taskId === taskId),
      JSON.stringify(inForm.body),
    ).toBeDefined();
    expect(inForm.body.items.find((i: { taskId: number }) => i.taskId === taskId)).toMatchObject({
      status: 'in_progress',
      comment: 'Đã phổ biến tại 3 tổ công đoàn.',
      reportState: null,
    });
    const submitted = await officer.send('POST', `/api/reports/${opened.body.id}/submit`, {
      version: opened.body.version,
      values: complete,
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const stateOf = async () =>
      await database.db
        .selectFrom('task_status')
        .select(['report_state', 'report_id'])
        .where('assignment_id', '=', assignment.cdcs1!)
        .where('is_current', '=', true)
        .executeTakeFirstOrThrow();
    expect(await stateOf()).toEqual({ report_state: 'submitted', report_id: opened.body.id });
    const closed = await officer.send('POST', `/api/task-assignments/${assignment.cdcs1}/statuses`, {
      periodCode: cdcsPeriod,
      status: 'done',
    });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('TASK_PERIOD_CLOSED');
    expect(closed.body.error.message).toMatch(/đang chờ duyệt/);
    const periods = await officer.get(`/api/tasks/periods?unitId=${cdcs1}`);
    expect(periods.body.items.find((p: { code: string }) => p.code === cdcsPeriod).closedReason).toMatch(/đang chờ duyệt/);
    expect((await officer.get(`/api/reports/${opened.body.id}/tasks`)).body.closedReason).toMatch(/đang chờ duyệt/);

    const returned = await commune.send('POST', `/api/reports/${opened.body.id}/return`, {
      version: submitted.body.version,
      reason: 'Bổ sung minh chứng nhiệm vụ tuyên truyền.',
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect((await stateOf()).report_state).toBe('returned');
    const corrected = await officer.send('POST', `/api/task-assignments/${assignment.cdcs1}/statuses`, {
      periodCode: cdcsPeriod,
      status: 'done',
      comment: 'Hoàn thành, có biên bản.',
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(corrected.body.statuses.map((s: { status: string; isCurrent: boolean }) => `${s.status}:${s.isCurrent}`)).toEqual([
      'done:true',
      'in_progress:false',
    ]);
    const resent = await officer.send('POST', `/api/reports/${opened.body.id}/submit`, {
      version: returned.body.version,
      values: complete,
    });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    const accepted = await commune.send('POST', `/api/reports/${opened.body.id}/accept`, { version: resent.body.version });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(await stateOf()).toEqual({ report_state: 'accepted', report_id: opened.body.id });
    const locked = await officer.send('POST', `/api/task-assignments/${assignment.cdcs1}/statuses`, {
      periodCode: cdcsPeriod,
      status: 'late',
    });
    expect(locked.status).toBe(409);
    expect(locked.body.error.message).toMatch(/mở lại/);
    const statusId = corrected.body.statuses[0].id;
    const evidence = await upload(officer, `/api/task-statuses/${statusId}/evidence`, 'bien-ban.pdf', buildPdf(1, true));
    expect(evidence.status).toBe(409);
    expect(evidence.body.error.code).toBe('TASK_PERIOD_CLOSED');
  });

  it('confirms tasks from a document review: edit one, merge two, drop the rest; each item once', async () => {
    const text = readFileSync(SEED_003);
    const up = await upload(province, `/api/documents/upload?unitId=${tni}`, 'ke-hoach-003.txt', text);
    expect(up.status, JSON.stringify(up.body).slice(0, 300)).toBe(200);
    const documentId = up.body.document?.id ?? up.body.id;
    const items = await province.get(`/api/documents/${documentId}/tasks`);
    expect(items.status, JSON.stringify(items.body)).toBe(200);
    expect(items.body.items.length).toBeGreaterThanOrEqual(10);
    const [a, b, c] = items.body.items;
    const confirmed = await province.send('POST', `/api/documents/${documentId}/tasks/confirm`, {
      tasks: [
        {
          items: [a.index],
          title: 'Quán triệt Nghị quyết 43 đến cán bộ, đoàn viên',
          leadName: 'Ban Tuyên giáo',
          timing: { kind: 'year', year: Number(today.slice(0, 4)) },
        },
        { items: [b.index, c.index], title: b.text, timing: { kind: 'yearly' } },
        { items: [], title: 'Nhiệm vụ thêm tay từ văn bản', timing: { kind: 'ongoing' } },
      ],
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.created.map((x: { items: number[] }) => x.items)).toEqual([[a.index], [b.index, c.index], []]);
    const merged = await province.get(`/api/tasks/${confirmed.body.created[1].taskId}`);
    expect(merged.body).toMatchObject({
      document: { id: documentId },
      source: { items: [b.index, c.index] },
      timing: { kind: 'yearly', label: 'Hằng năm' },
    });
    expect(merged.body.source.quote).toContain(c.text.slice(0, 20));
    const again = await province.send('POST', `/api/documents/${documentId}/tasks/confirm`, {
      tasks: [{ items: [a.index], title: 'Lần hai', timing: { kind: 'ongoing' } }],
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('TASK_REVIEW_ITEM_CONFIRMED');
    const twice = await province.send('POST', `/api/documents/${documentId}/tasks/confirm`, {
      tasks: [
        { items: [5, 5], title: 'x', timing: { kind: 'ongoing' } },
        { items: [5], title: 'y', timing: { kind: 'ongoing' } },
      ],
    });
    expect(twice.body.error.code).toBe('TASK_REVIEW_ITEM_TWICE');
    expect((await province.get(`/api/documents/${documentId}/tasks`)).body.items[a.index].confirmedTaskId).toBe(
      confirmed.body.created[0].taskId,
    );
    expect((await province.get(`/api/tasks?unitId=${tni}&documentId=${documentId}`)).body.total).toBe(3);
    expect(
      (
        await p02Staff.send('POST', `/api/documents/${documentId}/tasks/confirm`, {
          tasks: [{ items: [], title: 'x', timing: { kind: 'ongoing' } }],
        })
      ).status,
    ).toBe(404);
  });

  it('edits, withdraws with a reason and deletes only what nobody reported on, with audit rows', async () => {
    const edited = await province.send('PATCH', `/api/tasks/${taskId}`, {
      title: 'Tổ chức tuyên truyền Nghị quyết 43-NQ/TW',
      leadUnitId: p01,
      version: 1,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({
      title: 'Tổ chức tuyên truyền Nghị quyết 43-NQ/TW',
      lead: { unitId: p01 },
      version: 2,
      partners: [{ unitId: p01 }, { name: 'Sở Lao động' }],
    });
    const stale = await province.send('PATCH', `/api/tasks/${taskId}`, { title: 'Cũ', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('TASK_VERSION_CONFLICT');
    expect((await commune.send('PATCH', `/api/tasks/${taskId}`, { title: 'Xã sửa nhiệm vụ tỉnh' })).status).toBe(404);
    const refused = await province.send('DELETE', `/api/tasks/${taskId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('TASK_HAS_STATUSES');
    const noReason = await province.send('POST', `/api/tasks/${taskId}/withdraw`, { reason: '' });
    expect(noReason.body.error.code).toBe('REASON_REQUIRED');
    const withdrawn = await province.send('POST', `/api/tasks/${taskId}/withdraw`, { reason: 'Trùng với nhiệm vụ của kế hoạch khác.' });
    expect(withdrawn.body.withdrawn.reason).toBe('Trùng với nhiệm vụ của kế hoạch khác.');
    expect((await p02Staff.get(`/api/tasks?unitId=${p02}`)).body.total).toBe(0);
    expect(
      (await p02Staff.send('POST', `/api/task-assignments/${assignment.p02}/statuses`, { periodCode: communePeriod, status: 'done' })).body
        .error.code,
    ).toBe('TASK_WITHDRAWN');

    const scratch = await province.send('POST', '/api/tasks', { unitId: tni, title: 'Nhập nhầm', timing: { kind: 'ongoing' } });
    await province.send('POST', `/api/tasks/${scratch.body.id}/assignments`, { assigneeUnitIds: [p02] });
    const back = (await p02Staff.get(`/api/tasks?unitId=${p02}`)).body.items[0].assignmentId;
    expect((await p02Staff.send('DELETE', `/api/task-assignments/${back}`)).status).toBe(404); // taken back by the giver only
    expect((await province.send('DELETE', `/api/task-assignments/${back}`)).status).toBe(200);
    expect((await p02Staff.get(`/api/tasks?unitId=${p02}`)).body.total).toBe(0);
    expect((await province.send('DELETE', `/api/tasks/${scratch.body.id}`)).status).toBe(200);
    expect((await province.get(`/api/tasks/${scratch.body.id}`)).status).toBe(404);
    const actions = (await database.db.selectFrom('audit_log').select('action').where('action', 'like', 'task.%').execute()).map(
      (r) => r.action,
    );
    expect(new Set(actions)).toEqual(
      new Set([
        'task.create',
        'task.assign',
        'task.status',
        'task.evidence_add',
        'task.evidence_delete',
        'task.confirm',
        'task.update',
        'task.withdraw',
        'task.unassign',
        'task.delete',
      ]),
    );
  });
});
