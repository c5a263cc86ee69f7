import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { SYSTEM_ACTOR } from '../audit/audit.repository.ts';
import { runImport } from '../imports/import-runner.ts';
import { memberImport } from '../imports/member-import.ts';
import { validMemberRows, writeMemberFile } from '../../test/support/member-files.ts';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink.ts';
import { createTestApp, type Session, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';
import { EmailDelivery } from './email-delivery.ts';
import { setEmailMode, writeDailyDigests } from './email-digest.ts';
import { setEmailChannel } from './notify.ts';
import { writeTargetStatusChanges } from './target-notifications.ts';
import { writeTaskReminders } from './task-notifications.ts';
import { ProgressService } from '../progress/progress.service.ts';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const today = todayInVietnam();
const due = addDays(today, 20);

describe.each(testDatabaseTargets())(
  'notifications of tasks, targets, imports and accounts; the digest; dead letters ($kind)',
  (target) => {
    let database: TestDatabase;
    let t: TestApp;
    let sink: SmtpSink;
    let delivery: EmailDelivery;
    let clock = new Date();
    let province: Session; // canbo.tinh
    let commune: Session; // canbo.tanninh
    let admin: Session; // quantri, system administrator of the province
    let taskId: number;
    const kinds = async (username: string) =>
      (
        await sql<{ kind: string; title: string; body: string; event_key: string }>`
    SELECT n.kind, n.title, n.body, n.event_key FROM notification n JOIN app_user us ON us.id = n.user_id WHERE us.username = ${username} ORDER BY n.id`.execute(
          database.db,
        )
      ).rows;
    const send = async () => {
      clock = new Date(Math.max(clock.getTime(), Date.now() + 1_000));
      const before = sink.mails.length;
      await delivery.drain();
      return sink.mails.slice(before);
    };

    beforeAll(async () => {
      sink = await startSmtpSink();
      database = await target.open({ demo: 'province' });
      t = await createTestApp(database, `other-events-${target.kind}`, { smtpUrl: sink.url });
      setEmailChannel(true);
      delivery = new EmailDelivery(database.db, {
        smtpUrl: sink.url,
        from: 'Tiến Độ <khong-tra-loi@tiendo.test>',
        now: () => clock,
        maxAttempts: 1,
      });
      for (const u of ['cdcs.demo', 'canbo.tanninh', 'canbo.tinh', 'quantri'])
        await sql`UPDATE app_user SET email = ${`${u}@example.vn`} WHERE username = ${u}`.execute(database.db);
      province = await t.login('canbo.tinh');
      commune = await t.login('canbo.tanninh');
      admin = await t.login('quantri');
    }, 240_000);

    afterAll(async () => {
      setEmailChannel(false);
      await delivery?.stop();
      await t?.close();
      await database?.close();
      await sink?.close();
    });

    it('tells the units given a task, once, and reminds them before and after its due day until it is done', async () => {
      const tni = await t.unitId('TNI');
      const p01 = await t.unitId('TNI-P01');
      const created = await province.send('POST', '/api/tasks', {
        unitId: tni,
        title: 'Tổ chức Tháng Công nhân',
        timing: { kind: 'deadline', deadline: due },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      taskId = created.body.id;
      expect((await province.send('POST', `/api/tasks/${taskId}/assignments`, { assigneeUnitIds: [p01] })).status).toBe(200);
      const down = await commune.send('POST', `/api/tasks/${taskId}/assignments?unitId=${p01}`, {
        assigneeUnitIds: [await t.unitId('TNI-P01-0001')],
      });
      expect(down.status, JSON.stringify(down.body)).toBe(200);
      const [assigned] = (await kinds('cdcs.demo')).filter((n) => n.kind === 'task.assigned');
      expect(assigned).toMatchObject({
        title: 'Nhiệm vụ mới: Tổ chức Tháng Công nhân',
        body: `Công đoàn phường Tân Ninh giao nhiệm vụ cho đơn vị. Hạn hoàn thành: ${due.slice(8, 10)}/${due.slice(5, 7)}/${due.slice(0, 4)}.`,
      });
      expect((await kinds('canbo.tanninh')).filter((n) => n.kind === 'task.assigned')).toHaveLength(1);
      const mails = await send();
      expect(mails.map((m) => `${(m.to as { text: string }).text} | ${m.subject}`).sort()).toEqual([
        'canbo.tanninh@example.vn | Nhiệm vụ mới: Tổ chức Tháng Công nhân',
        'cdcs.demo@example.vn | Nhiệm vụ mới: Tổ chức Tháng Công nhân',
      ]);

      // Reminders: nothing 8 days before, "due soon" 7 days before (once), "overdue" after, to both units.
      expect(await writeTaskReminders(database.db, addDays(due, -8), { email: true })).toBe(0);
      expect(await writeTaskReminders(database.db, addDays(due, -7), { email: true })).toBe(2);
      expect(await writeTaskReminders(database.db, addDays(due, -3), { email: true })).toBe(0);
      expect(await writeTaskReminders(database.db, addDays(due, 1), { email: true })).toBe(2);
      expect(await writeTaskReminders(database.db, addDays(due, 2), { email: true })).toBe(0);
      expect((await kinds('cdcs.demo')).map((n) => n.kind)).toEqual(['task.assigned', 'task.due_soon', 'task.overdue']);
      expect((await kinds('cdcs.demo')).at(-1)!.title).toBe('Nhiệm vụ đã quá hạn: Tổ chức Tháng Công nhân');
      // A unit that reported it done is not reminded (a moved due day is a new event).
      await sql`UPDATE task_assignment SET last_status = 'done' WHERE task_id = ${taskId} AND assignee_unit_id = ${await t.unitId('TNI-P01-0001')}`.execute(
        database.db,
      );
      await sql`UPDATE task SET due_on = ${addDays(due, 5)} WHERE id = ${taskId}`.execute(database.db);
      expect(await writeTaskReminders(database.db, addDays(due, 6), { email: true })).toBe(1);
      expect((await kinds('canbo.tanninh')).at(-1)!.kind).toBe('task.overdue');
      expect((await send()).length).toBe(5);
    });

    it('tells the owning unit’s staff when a target turns chậm tiến độ or không đạt, once per turn', async () => {
      const tni = await t.unitId('TNI');
      const [doc] = (
        await sql<{ id: number }>`INSERT INTO plan_document (kind, symbol, title, issuer_unit_id, issued_on, term_from, term_to)
      VALUES ('nghi_quyet', '09-NQ/LĐLĐ', 'Nghị quyết thử', ${tni}, '2023-12-01', 2023, 2030) RETURNING id`.execute(database.db)
      ).rows;
      // Out of reach: one whose deadline has passed (không đạt), one still running (chậm tiến độ, or no forecast yet).
      const [missedTarget] = (
        await sql<{ id: number }>`INSERT INTO target (document_id, unit_id, indicator_code, comparator, value, timing, deadline)
      VALUES (${doc!.id}, ${tni}, 'members', '>=', 50000000, 'deadline', ${addDays(today, -2)}) RETURNING id`.execute(database.db)
      ).rows;
      await sql`INSERT INTO target (document_id, unit_id, indicator_code, comparator, value, timing, deadline)
      VALUES (${doc!.id}, ${tni}, 'members', '>=', 50000000, 'deadline', '2030-12-31')`.execute(database.db);
      const judged = (await new ProgressService(database.db).forUnit(tni, today)).filter((p) => p.owner.id === tni);
      const turned = judged.filter((p) => p.progress.status === 'behind' || p.progress.status === 'missed');
      expect(judged.find((p) => p.targetId === Number(missedTarget!.id))!.progress.status).toBe('missed');

      expect(await writeTargetStatusChanges(database.db, today, { email: true })).toBeGreaterThanOrEqual(turned.length); // each of the province's users with targets.read
      const told = (await kinds('canbo.tinh')).filter((n) => n.kind.startsWith('target.'));
      expect(told.map((n) => n.event_key).sort()).toEqual(turned.map((p) => `target.${p.progress.status}:${p.targetId}:${today}`).sort());
      expect(told.find((n) => n.kind === 'target.missed')!.title).toMatch(/^Chỉ tiêu không đạt: /);
      // Judged again (the hourly scheduler, a restart): nobody is told twice.
      expect(await writeTargetStatusChanges(database.db, today, { email: true })).toBe(0);
      // It was on track, then turns again on another day: a new event.
      await sql`UPDATE notification_target_status SET status = 'on_track' WHERE target_id = ${missedTarget!.id}`.execute(database.db);
      expect(await writeTargetStatusChanges(database.db, addDays(today, 1), { email: true })).toBeGreaterThanOrEqual(1);
      expect(
        (await kinds('canbo.tinh')).filter((n) => n.event_key === `target.missed:${missedTarget!.id}:${addDays(today, 1)}`),
      ).toHaveLength(1);
    });

    it('tells whoever started an import how it ended, and a failed one why', async () => {
      const user = (await sql<{ id: number }>`SELECT id FROM app_user WHERE username = 'canbo.tanninh'`.execute(database.db)).rows[0]!;
      const codes = ['TNI-P01-0001', 'TNI-P01-0002'];
      const file = await writeMemberFile(validMemberRows(5, codes, 900_000), 'csv');
      const base = {
        filePath: file,
        fileName: 'doan-vien-thu.csv',
        scopeUnitId: await t.unitId('TNI-P01'),
        actor: SYSTEM_ACTOR,
        createdBy: Number(user.id),
      };
      const dry = await runImport(database.db, memberImport, { ...base, dryRun: true });
      const done = await runImport(database.db, memberImport, { ...base, dryRun: false });
      const mine = (await kinds('canbo.tanninh')).filter((n) => n.kind.startsWith('import.'));
      expect(mine).toEqual([
        {
          kind: 'import.finished',
          event_key: `import.finished:${done.jobId}`,
          title: 'Đã nhập xong đoàn viên: doan-vien-thu.csv',
          body: 'Thêm mới 5, cập nhật 0, từ chối 0 dòng.',
        },
      ]);
      expect(mine.some((n) => n.event_key.endsWith(`:${dry.jobId}`))).toBe(false); // a dry run tells nobody
    });

    it('tells a new account’s owner it was created, and that it was locked, by an administrator or by wrong passwords', async () => {
      const created = await admin.send('POST', '/api/users', {
        username: 'canbo.moi',
        fullName: 'Đỗ Thị Mới',
        unitId: await t.unitId('TNI-P01'),
        roles: ['union_staff'],
        email: 'canbo.moi@example.vn',
      });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
      expect((await admin.send('POST', `/api/users/${created.body.user.id}/lock`, {})).status).toBe(200);
      expect((await kinds('canbo.moi')).map((n) => [n.kind, n.title])).toEqual([
        ['account.created', 'Tài khoản Tiến Độ của bạn đã được tạo'],
        ['account.locked', 'Tài khoản Tiến Độ của bạn đã bị khóa'],
      ]);
      const mails = (await send()).filter((m) => (m.to as { text: string }).text === 'canbo.moi@example.vn');
      expect(mails.map((m) => m.subject)).toEqual(['Tài khoản Tiến Độ của bạn đã được tạo', 'Tài khoản Tiến Độ của bạn đã bị khóa']);
      // Locked by too many wrong passwords: the owner is told once per lock.
      await sql`UPDATE app_user SET email = 'xem.tinh@example.vn' WHERE username = 'xem.tinh'`.execute(database.db);
      for (let i = 0; i < 12; i++) await t.anonymous('POST', '/api/auth/login', { username: 'xem.tinh', password: 'Sai-mat-khau-2026' });
      const locked = (await kinds('xem.tinh')).filter((n) => n.kind === 'account.locked');
      expect(locked).toHaveLength(1);
      expect(locked[0]!.body).toMatch(/^Tài khoản bị tạm khóa vì đăng nhập sai mật khẩu nhiều lần/);
      expect((await send()).map((m) => (m.to as { text: string }).text)).toEqual(['xem.tinh@example.vn']);
    });

    it('bundles the e-mail copies of someone who chose the digest into one mail a day, from 07:00 in Vietnam', async () => {
      const user = (await sql<{ id: number }>`SELECT id FROM app_user WHERE username = 'cdcs.demo'`.execute(database.db)).rows[0]!;
      const officer = await t.login('cdcs.demo');
      expect((await officer.get('/api/notifications/email-mode')).body).toEqual({ mode: 'immediate' });
      expect((await officer.send('PUT', '/api/notifications/email-mode', { mode: 'daily' })).body).toEqual({ mode: 'daily' });
      await sql`UPDATE task SET due_on = ${addDays(due, 40)} WHERE id = ${taskId}`.execute(database.db);
      await sql`UPDATE task_assignment SET last_status = NULL WHERE task_id = ${taskId}`.execute(database.db);
      expect(await writeTaskReminders(database.db, addDays(due, 34), { email: true })).toBe(2); // due soon, both units
      const titles = ['Sắp đến hạn nhiệm vụ: Tổ chức Tháng Công nhân'];
      const immediate = await send();
      expect(immediate.map((m) => (m.to as { text: string }).text)).toEqual(['canbo.tanninh@example.vn']); // cdcs.demo's waits
      const day = '2030-01-02';
      expect(await writeDailyDigests(database.db, new Date(`${day}T06:00:00+07:00`))).toBe(0); // before 07:00
      expect(await writeDailyDigests(database.db, new Date(`${day}T07:30:00+07:00`))).toBe(1);
      expect(await writeDailyDigests(database.db, new Date(`${day}T09:30:00+07:00`))).toBe(0); // once a day
      const digest = await send();
      expect(digest.map((m) => [(m.to as { text: string }).text, m.subject])).toEqual([
        ['cdcs.demo@example.vn', 'Tóm tắt thông báo ngày 02/01/2030: 1 thông báo'],
      ]);
      expect(digest[0]!.text).toContain(`• ${titles[0]}`);
      const statuses = await sql<{ status: string; n: number }>`
      SELECT d.status, count(*)::int AS n FROM notification_delivery d JOIN notification n ON n.id = d.notification_id JOIN app_user us ON us.id = n.user_id
      WHERE us.username = 'cdcs.demo' AND n.kind = 'task.due_soon' AND n.event_key LIKE ${`%:${addDays(due, 40)}`} GROUP BY 1`.execute(
        database.db,
      );
      expect(statuses.rows).toEqual([{ status: 'digested', n: 1 }]);
      await setEmailMode(database.db, Number(user.id), 'immediate');
    });

    it('lists dead letters to administrators of the recipient’s subtree, sends one again, and audits each delivery', async () => {
      sink.refuse(true);
      const p01 = await t.unitId('TNI-P01');
      // An officer whose mail server refuses everything: the mail dies after its one attempt.
      await sql`INSERT INTO app_user (username, full_name, unit_id, email, password_hash) SELECT 'cdcs.ba', 'Cán bộ ba', id, 'khong-nhan@example.vn', 'x' FROM org_unit WHERE code = 'TNI-P01-0002'`.execute(
        database.db,
      );
      await sql`INSERT INTO user_role (user_id, role_code) SELECT id, 'grassroots_officer' FROM app_user WHERE username = 'cdcs.ba'`.execute(
        database.db,
      );
      const own = await commune.send('POST', '/api/tasks', { unitId: p01, title: 'Rà soát đoàn viên', timing: { kind: 'ongoing' } });
      expect(own.status, JSON.stringify(own.body)).toBe(200);
      expect(
        (
          await commune.send('POST', `/api/tasks/${own.body.id}/assignments?unitId=${p01}`, {
            assigneeUnitIds: [await t.unitId('TNI-P01-0002')],
          })
        ).status,
      ).toBe(200);
      await send();
      sink.refuse(false);

      const dead = await admin.get('/api/notifications/deliveries?status=dead');
      expect(dead.status, JSON.stringify(dead.body)).toBe(200);
      const letter = dead.body.items.find((d: { recipient: string }) => d.recipient === 'khong-nhan@example.vn');
      expect(letter).toMatchObject({
        status: 'dead',
        attempts: 1,
        notification: { kind: 'task.assigned', title: 'Nhiệm vụ mới: Rà soát đoàn viên' },
        user: { username: 'cdcs.ba' },
      });
      expect(letter.lastError).toContain('451');
      // Not for a non-administrator; not for an administrator of another subtree (404, as every scoped route).
      expect((await commune.get('/api/notifications/deliveries?status=dead')).status).toBe(403);
      const resent = await admin.send('POST', `/api/notifications/deliveries/${letter.id}/resend`, {});
      expect(resent.status, JSON.stringify(resent.body)).toBe(200);
      expect(resent.body).toEqual({ id: letter.id, status: 'pending', recipient: 'khong-nhan@example.vn' });
      expect((await admin.send('POST', `/api/notifications/deliveries/${letter.id}/resend`, {})).body.error.code).toBe('DELIVERY_NOT_DEAD');
      const again = await send();
      expect(again.map((m) => (m.to as { text: string }).text)).toContain('khong-nhan@example.vn');
      const audit = await sql<{
        action: string;
        n: number;
      }>`SELECT action, count(*)::int AS n FROM audit_log WHERE action LIKE 'notification.email_%' GROUP BY 1 ORDER BY 1`.execute(
        database.db,
      );
      const byAction = Object.fromEntries(audit.rows.map((r) => [r.action, Number(r.n)]));
      expect(byAction['notification.email_dead']).toBeGreaterThanOrEqual(1);
      expect(byAction['notification.email_resend']).toBe(1);
      const sentRows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notification_delivery WHERE status = 'sent'`.execute(
        database.db,
      );
      expect(byAction['notification.email_sent']).toBe(Number(sentRows.rows[0]!.n));
    });
  },
);
