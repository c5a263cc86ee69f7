import { describe, expect, it } from 'vitest';
import {
  cdcsTemplate,
  completeCdcsValues as complete,
  openCdcsPeriodCodes,
  openCdcsReport,
  useReportingDemo,
} from '../../test/support/report-fixtures.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';

const [current, previous] = openCdcsPeriodCodes() as [string, string];

describe.each(testDatabaseTargets())('periodic reporting ($kind)', (target) => {
  const { database, t } = useTestApp(target, `reporting-${target.kind}`);
  const demo = useReportingDemo(t);

  const open = (session: Session, unitId: number, periodCode = current) => openCdcsReport(session, unitId, periodCode);

  it('lists what a CĐCS has to report and opens the draft with its derived figures beside', async () => {
    const mine = await demo.officer.get('/api/reports/mine');
    expect(mine.status).toBe(200);
    const codes = mine.body.items.map((i: { templateCode: string; periodCode: string }) => `${i.templateCode} ${i.periodCode}`);
    expect(codes).toContain(`cdcs-nam ${current}`);
    expect(codes.some((c: string) => c.startsWith('cap-tren-co-so-nam'))).toBe(false);
    const report = await open(demo.officer, demo.cdcs1);
    expect(report).toMatchObject({ status: 'draft', version: 1, unit: { id: demo.cdcs1 }, can: { edit: true, review: false } });
    expect(report.template.sections[0].title).toBe('I. Tuyên truyền, học tập');
    expect(report.context.items.find((i: { code: string }) => i.code === 'members_active')).toMatchObject({
      name: 'Đoàn viên đang sinh hoạt',
    });
    // Opening again gives the same report, not a second one.
    expect((await open(demo.commune, demo.cdcs1)).id).toBe(report.id);
    // A form that is not for this kind of unit is refused clearly.
    const wrong = await demo.officer.send('POST', '/api/reports', {
      templateCode: 'cap-tren-co-so-nam',
      unitId: demo.cdcs1,
      periodCode: current,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/^Biểu mẫu «Báo cáo năm của công đoàn cấp trên trực tiếp cơ sở» không dành cho/);
  });

  it('blocks submission on errors that name the field and the rule, and changes nothing', async () => {
    const report = await open(demo.officer, demo.cdcs1);
    const r = await demo.officer.send('POST', `/api/reports/${report.id}/submit`, {
      version: report.version,
      values: { ...complete, dissemination_reached: 1200, dues_due: null, lawsuits_requested: 1, lawsuits_supported: 2 },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('REPORT_INVALID');
    expect(r.body.error.message).toMatch(/^Báo cáo còn 3 lỗi cần sửa trước khi gửi/);
    expect(r.body.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'dues_due', message: '«Đoàn phí phải thu»: chưa nhập (quy tắc: chỉ tiêu bắt buộc).' },
        {
          path: 'dissemination_reached',
          message:
            '«Đoàn viên, NLĐ được tuyên truyền, phổ biến nghị quyết» (1.200) lớn hơn «Đoàn viên, NLĐ thuộc diện tuyên truyền» (1.000) (quy tắc: phần không vượt quá tổng).',
        },
        {
          path: 'lawsuits_supported',
          message:
            '«Vụ việc được công đoàn hỗ trợ» (2) lớn hơn «Vụ việc khởi kiện có yêu cầu công đoàn hỗ trợ» (1) (quy tắc: tử số không vượt quá mẫu số).',
        },
      ]),
    );
    const after = await demo.officer.get(`/api/reports/${report.id}`);
    expect(after.body).toMatchObject({ status: 'draft', version: report.version, values: {} });
    // A draft may be incomplete: saving it works, and the findings come back for the form.
    const saved = await demo.officer.send('PUT', `/api/reports/${report.id}`, {
      version: report.version,
      values: { dissemination_reached: 1200, dissemination_base: 1000 },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const view = (await demo.officer.get(`/api/reports/${report.id}`)).body;
    expect(view.findings.errors.map((e: { ruleId: string }) => e.ruleId)).toContain('tuyen-truyen');
    // Not a number of the form: refused even in a draft.
    const junk = await demo.officer.send('PUT', `/api/reports/${report.id}`, { version: saved.body.version, values: { skills_base: -5 } });
    expect(junk.status).toBe(400);
    expect(junk.body.error.issues[0]).toEqual({
      path: 'skills_base',
      message: '«Tổng số CNLĐ tại đơn vị»: phải là số nguyên không âm (quy tắc: kiểu số).',
    });
  });

  it('refuses the second of two saves started from the same version, with a Vietnamese message naming who saved', async () => {
    const report = (await demo.officer.get(`/api/reports/${(await open(demo.officer, demo.cdcs1)).id}`)).body;
    const first = await demo.officer.send('PUT', `/api/reports/${report.id}`, { version: report.version, values: { skills_learners: 10 } });
    expect(first.status).toBe(200);
    const second = await demo.commune.send('PUT', `/api/reports/${report.id}`, {
      version: report.version,
      values: { skills_learners: 99 },
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('REPORT_VERSION_CONFLICT');
    expect(second.body.error.message).toMatch(
      /^Báo cáo vừa được cdcs\.demo cập nhật lúc .+ Thay đổi của bạn chưa được lưu để không ghi đè lên họ/,
    );
    expect((await demo.officer.get(`/api/reports/${report.id}`)).body.values.skills_learners).toBe(10);

    // Truly at the same moment: exactly one of the two wins, the other is told.
    const now = (await demo.officer.get(`/api/reports/${report.id}`)).body;
    const race = await Promise.all([
      demo.officer.send('PUT', `/api/reports/${report.id}`, { version: now.version, values: { skills_base: 100 } }),
      demo.commune.send('PUT', `/api/reports/${report.id}`, { version: now.version, values: { skills_base: 200 } }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = race.find((r) => r.status === 200)!.body;
    const final = (await demo.officer.get(`/api/reports/${report.id}`)).body;
    expect(final.version).toBe(now.version + 1);
    expect(final.values.skills_base).toBe(winner === race[0]!.body ? 100 : 200);
  });

  it('runs the cycle: submit, return with a reason, correct, resubmit, accept (locked), reopen — audited, and the dashboard follows', async () => {
    const draft = (await demo.officer.get(`/api/reports/${(await open(demo.officer, demo.cdcs1)).id}`)).body;
    const submitted = await demo.officer.send('POST', `/api/reports/${draft.id}/submit`, {
      version: draft.version,
      values: { ...complete, skills_learners: null, skills_base: null },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', statusLabel: 'Đã gửi, chờ duyệt', timeliness: 'on_time' });
    const reported = () =>
      database.db
        .selectFrom('reported_value')
        .select(['element_code', 'value', 'state'])
        .where('unit_id', '=', demo.cdcs1)
        .where('period_code', '=', current)
        .orderBy('element_code')
        .execute();
    expect((await reported()).find((r) => r.element_code === 'dissemination_reached')).toMatchObject({ value: 900, state: 'submitted' });

    // The officer cannot review their own report; nor edit it while it waits.
    expect((await demo.officer.send('POST', `/api/reports/${draft.id}/accept`, { version: submitted.body.version })).status).toBe(403);
    const locked = await demo.officer.send('PUT', `/api/reports/${draft.id}`, {
      version: submitted.body.version,
      values: { dissemination_reached: 1 },
    });
    expect(locked.status).toBe(409);
    expect(locked.body.error.message).toBe('Báo cáo đã gửi, đang chờ cấp trên duyệt: không sửa được nữa.');

    const toReview = await demo.commune.get(`/api/reports?status=submitted`);
    expect(toReview.body.items.map((i: { id: number }) => i.id)).toContain(draft.id);
    const noReason = await demo.commune.send('POST', `/api/reports/${draft.id}/return`, { version: submitted.body.version, reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/^Cần ghi lý do trả lại/);
    const returned = await demo.commune.send('POST', `/api/reports/${draft.id}/return`, {
      version: submitted.body.version,
      reason: 'Số được tuyên truyền chưa khớp biên bản hội nghị, đề nghị kiểm tra lại.',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');
    expect(await reported()).toEqual([]); // returned figures are not counted anywhere

    const view = (await demo.officer.get(`/api/reports/${draft.id}`)).body;
    expect(view.comments.map((c: { kind: string; author: string; body: string }) => [c.kind, c.author, c.body])).toEqual([
      ['return', 'canbo.tanninh', 'Số được tuyên truyền chưa khớp biên bản hội nghị, đề nghị kiểm tra lại.'],
    ]);
    const resubmitted = await demo.officer.send('POST', `/api/reports/${draft.id}/submit`, {
      version: view.version,
      values: { dissemination_reached: 850 },
      note: 'Đã sửa theo biên bản.',
    });
    expect(resubmitted.status, JSON.stringify(resubmitted.body)).toBe(200);

    // The province dashboard counts submitted figures only when asked to.
    const dissemination = async (includeSubmitted: boolean) => {
      const r = await demo.province.get(
        `/api/reports/completeness?templateCode=cdcs-nam&periodCode=${current}&includeSubmitted=${includeSubmitted}`,
      );
      return r.body.figures.find((f: { element: string }) => f.element === 'dissemination_reached').value;
    };
    expect(await dissemination(false)).toBeNull();
    expect(await dissemination(true)).toBe(850);

    const accepted = await demo.commune.send('POST', `/api/reports/${draft.id}/accept`, { version: resubmitted.body.version });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', reviewedBy: 'canbo.tanninh' });
    expect((await reported()).every((r) => r.state === 'accepted')).toBe(true);
    expect(await dissemination(false)).toBe(850);
    const edit = await demo.officer.send('PUT', `/api/reports/${draft.id}`, {
      version: accepted.body.version,
      values: { dissemination_reached: 1 },
    });
    expect(edit.body.error.message).toBe('Báo cáo đã được duyệt và khóa: cần cấp trên mở lại mới sửa được.');

    const reopened = await demo.commune.send('POST', `/api/reports/${draft.id}/reopen`, {
      version: accepted.body.version,
      reason: 'Mở lại để bổ sung số liệu tài chính quý IV.',
    });
    expect(reopened.body.status).toBe('returned');
    expect(await reported()).toEqual([]);

    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('entity_type', '=', 'report')
      .where('entity_id', '=', String(draft.id))
      .orderBy('id')
      .execute();
    expect(audit.filter((a) => a.action !== 'report.save').map((a) => `${a.action} ${a.actor_label}`)).toEqual([
      'report.submit cdcs.demo',
      'report.return canbo.tanninh',
      'report.submit cdcs.demo',
      'report.accept canbo.tanninh',
      'report.reopen canbo.tanninh',
    ]);
  });

  it('demands an explanation for a jump against the last accepted period; bulk accept reports each result', async () => {
    const before = await open(demo.commune, demo.cdcs2, previous);
    const sent = await demo.commune.send('POST', `/api/reports/${before.id}/submit`, { version: before.version, values: complete });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const bulk = await demo.commune.send('POST', '/api/reports/accept-bulk', { ids: [before.id, 987654] });
    expect(bulk.body.accepted).toBe(1);
    expect(bulk.body.results).toEqual([
      { id: before.id, ok: true, message: 'Đã duyệt.' },
      { id: 987654, ok: false, message: 'Không tìm thấy báo cáo.' },
    ]);

    const now = await open(demo.commune, demo.cdcs2);
    const jump = { ...complete, dissemination_base: 3000, dissemination_reached: 2500 };
    const refused = await demo.commune.send('POST', `/api/reports/${now.id}/submit`, { version: now.version, values: jump });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('REPORT_WARNINGS_UNEXPLAINED');
    expect(refused.body.error.issues).toEqual([
      {
        path: 'bien-dong:dissemination_base',
        message:
          '«Đoàn viên, NLĐ thuộc diện tuyên truyền» tăng 200% so với kỳ trước (1.000 → 3.000), vượt ngưỡng 50%: cần giải thích (quy tắc: biến động so với kỳ trước).',
      },
    ]);
    const explained = await demo.commune.send('POST', `/api/reports/${now.id}/submit`, {
      version: now.version,
      values: jump,
      explanations: { 'bien-dong:dissemination_base': 'Công ty tuyển thêm 2.000 lao động cho nhà máy mới.' },
    });
    expect(explained.status, JSON.stringify(explained.body)).toBe(200);
    expect((await demo.commune.get(`/api/reports/${now.id}`)).body.explanations).toEqual({
      'bien-dong:dissemination_base': 'Công ty tuyển thêm 2.000 lao động cho nhà máy mới.',
    });
  });

  it('shows completeness: expected, submitted, on time, accepted, returned, missing, by child, with the units to remind', async () => {
    const board = await demo.commune.get(`/api/reports/completeness?templateCode=cdcs-nam&periodCode=${current}`);
    expect(board.status, JSON.stringify(board.body)).toBe(200);
    const expected = board.body.total.expected;
    expect(expected).toBeGreaterThan(2);
    expect(board.body.total).toMatchObject({ submitted: 2, onTime: 2, late: 0, accepted: 0, returned: 1, missing: expected - 2 });
    expect(board.body.missing.total).toBe(expected - 2);
    expect(board.body.missing.items.map((u: { id: number }) => u.id)).not.toContain(demo.cdcs1);
    const atProvince = (await demo.province.get(`/api/reports/completeness?templateCode=cdcs-nam&periodCode=${current}`)).body;
    const p01Row = atProvince.children.find((c: { unit: { id: number } }) => c.unit.id === demo.p01);
    expect(p01Row).toMatchObject({ expected, submitted: 2, returned: 1 });
    expect(atProvince.total.expected).toBeGreaterThan(expected);
    // A user of the sibling commune sees none of it.
    await t.addUser('canbo.binhminh.bc', 'TNI-P02', ['union_staff']);
    const sibling = await t.login('canbo.binhminh.bc');
    expect((await sibling.get(`/api/reports/completeness?unitId=${demo.p01}&templateCode=cdcs-nam&periodCode=${current}`)).status).toBe(
      404,
    );
    expect((await sibling.get('/api/reports?status=submitted,returned')).body.items).toEqual([]);
  });

  it('lets a top-level administrator change a rule as data: a new version, old reports keep theirs', async () => {
    const admin = await t.login('quantri');
    const rules = [
      ...cdcsTemplate.rules.filter((r) => r.kind !== 'jump'),
      { id: 'bien-dong', kind: 'jump', elements: ['dissemination_base'], maxShare: 0.3 },
    ];
    const updated = await admin.send('PUT', '/api/report-templates/cdcs-nam/rules', { rules });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.version).toBe(2);
    const bad = await admin.send('PUT', '/api/report-templates/cdcs-nam/rules', {
      rules: [{ id: 'x', kind: 'part_of', part: 'members_active', whole: 'dissemination_base' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('Quy tắc chưa hợp lệ: Quy tắc "x" nói đến "members_active", không có trong biểu mẫu.');
    const old = (await demo.officer.get(`/api/reports/${(await open(demo.officer, demo.cdcs1)).id}`)).body;
    expect(old.template.version).toBe(1);
    expect((await demo.commune.send('PUT', '/api/report-templates/cdcs-nam/rules', { rules })).status).toBe(403);
  });
});
