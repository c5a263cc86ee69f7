import Fastify from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../domain/demo/demo-accounts.ts';
import { composeCccd } from '../../domain/registry/identity-codes.ts';
import { createDocument, createTarget } from '../../test/support/document-fixtures.ts';
import { created, enterpriseAgreement, privateEmployer } from '../../test/support/registry-fixtures.ts';
import { openCdcsPeriodCodes, openCdcsReport } from '../../test/support/report-fixtures.ts';
import { createTestApp, type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { requireAccessDeclarations, type RouteRecord } from '../http/route-access.ts';
import { createJob } from '../imports/import-job.repository.ts';
import { buildPdf } from '../documents/intake/intake-test-fixtures.ts';

/** A commune's plan typed in by hand, issued 10/01/2026 for the term 2025–2030. */
const communePlan = (issuerUnitId: number, title: string) => ({
  kind: 'ke_hoach',
  title,
  issuerUnitId,
  issuedOn: '2026-01-10',
  termFrom: 2025,
  termTo: 2030,
});
/** A target "at least `value` members by 2030" of the unit, on the document. */
const membersBy2030 = (documentId: number, unitId: number, value: number, extra: Record<string, unknown> = {}) => ({
  documentId,
  unitId,
  indicatorCode: 'members',
  comparator: '>=',
  value,
  deadlineYear: 2030,
  ...extra,
});

describe.each(testDatabaseTargets())('access control on $kind', (target) => {
  const { database, t } = useTestApp(target, `access-${target.kind}`);
  let p01: number; // Công đoàn phường Tân Ninh: the subtree under test
  let p02: number; // Công đoàn phường Bình Minh: its sibling
  let p01User: number;
  let p01Token: number;
  let p01Member: number;
  let p01Employer: number;
  let p01Agreement: number;
  let p01Import: number;
  let p01Cdcs: number;
  let p01Target: number;
  let p01Document: number;
  let p01Report: number;
  let p01Task: number;
  let p01Delivery: number;
  let p01Assignment: number;
  let p01Status: number;
  let p01Evidence: number;
  /** Records of the sibling P02, so that a P02 user's path is legitimate and only a body id is not. */
  const p02Records: Record<string, number> = {};
  let adminP01: Session; // system_admin at P01
  let adminP02: Session; // system_admin at the sibling commune: sees nothing of P01
  let viewerP01: Session; // read-only at P01

  beforeAll(async () => {
    p01 = await t.unitId('TNI-P01');
    p02 = await t.unitId('TNI-P02');
    await t.addUser('quantri.tanninh', 'TNI-P01', ['system_admin']);
    await t.addUser('quantri.binhminh', 'TNI-P02', ['system_admin']);
    await t.addUser('canbo.binhminh', 'TNI-P02', ['union_staff'], '0987654321');
    p01User = await t.addUser('xem.tanninh', 'TNI-P01', ['viewer'], '0909123456');
    adminP01 = await t.login('quantri.tanninh');
    adminP02 = await t.login('quantri.binhminh');
    viewerP01 = await t.login('xem.tanninh');
    const token = await adminP01.send('POST', '/api/tokens', { name: 'Hệ thống chấm công', unitId: p01, roleCode: 'viewer' });
    expect(token.status, JSON.stringify(token.body)).toBe(200);
    p01Token = token.body.item.id;
    const cdcs = await t.unitId('TNI-P01-0001');
    p01Cdcs = cdcs;
    const member = await created(adminP01, '/api/members', {
      fullName: 'Nguyễn Thị Mẫu',
      gender: 'female',
      birthDate: '1990-01-01',
      cccd: '079190001234',
      phone: '0987654321',
      joinedOn: '2015-01-01',
      cdcsUnitId: cdcs,
    });
    p01Member = member.id;
    const employer = await created(
      adminP01,
      '/api/employers',
      privateEmployer('390123457', 'Công ty TNHH Mẫu Tân Ninh', { areaUnitId: p01, cdcsUnitId: cdcs }, { workers: 100, womenWorkers: 60 }),
    );
    p01Employer = employer.id;
    const agreement = await created(adminP01, '/api/agreements', enterpriseAgreement(cdcs, p01Employer));
    p01Agreement = agreement.id;
    expect(composeCccd('079', 'female', 1990, 1234)).toBe('079190001234');
    p01Document = await createDocument(adminP01, communePlan(p01, 'Kế hoạch thử của phường Tân Ninh'));
    p01Target = (await createTarget(adminP01, membersBy2030(p01Document, p01, 1000))).targetId;
    const reportPeriod = openCdcsPeriodCodes()[0]!;
    p01Report = (await openCdcsReport(adminP01, cdcs, reportPeriod)).id;
    // The sibling P02's own records: its admin's paths are legitimate, only the body ids are not.
    const p02Cdcs = await t.unitId('TNI-P02-0001');
    const p02Member = await created(adminP02, '/api/members', {
      fullName: 'Trần Văn Bên',
      gender: 'male',
      birthDate: '1991-02-02',
      cccd: '079091005678',
      phone: '0912345678',
      joinedOn: '2016-01-01',
      cdcsUnitId: p02Cdcs,
    });
    const p02Employer = await created(
      adminP02,
      '/api/employers',
      privateEmployer(
        '390123458',
        'Công ty TNHH Bên Bình Minh',
        { areaUnitId: p02, cdcsUnitId: p02Cdcs },
        { workers: 50, womenWorkers: 20 },
      ),
    );
    const p02Agreement = await created(adminP02, '/api/agreements', enterpriseAgreement(p02Cdcs, p02Employer.id));
    const p02Doc = await createDocument(adminP02, communePlan(p02, 'Kế hoạch của phường Bình Minh'));
    const p02Target = await createTarget(adminP02, membersBy2030(p02Doc, p02, 800));
    const p02User = await database.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'canbo.binhminh')
      .executeTakeFirstOrThrow();
    Object.assign(p02Records, {
      unit: p02,
      cdcs: p02Cdcs,
      member: p02Member.id,
      employer: p02Employer.id,
      agreement: p02Agreement.id,
      document: p02Doc,
      target: p02Target.targetId,
      user: Number(p02User.id),
    });
    // A task of P01 given to its CĐCS, with a status and an evidence file: the task routes' records.
    p01Task = (
      await created(adminP01, '/api/tasks', { unitId: p01, title: 'Nhiệm vụ thử của phường Tân Ninh', timing: { kind: 'ongoing' } })
    ).id;
    const given = await adminP01.send('POST', `/api/tasks/${p01Task}/assignments`, { assigneeUnitIds: [cdcs] });
    expect(given.status, JSON.stringify(given.body)).toBe(200);
    p01Assignment = given.body.assignees[0].assignmentId;
    const status = await adminP01.send('POST', `/api/task-assignments/${p01Assignment}/statuses`, {
      periodCode: reportPeriod,
      status: 'in_progress',
    });
    expect(status.status, JSON.stringify(status.body)).toBe(200);
    p01Status = status.body.statuses[0].id;
    const evidence = await adminP01.upload('POST', `/api/task-statuses/${p01Status}/evidence`, 'minh-chung.pdf', buildPdf(1, true));
    expect(evidence.status, JSON.stringify(evidence.body)).toBe(200);
    p01Evidence = evidence.body.id;
    p02Records.task = (
      await created(adminP02, '/api/tasks', { unitId: p02, title: 'Nhiệm vụ của phường Bình Minh', timing: { kind: 'ongoing' } })
    ).id;
    p01Import = await createJob(database.db, {
      registry: 'members',
      fileName: 'ds.xlsx',
      sha256: 'x',
      scopeUnitId: p01,
      dryRun: true,
      createdBy: null,
      headerTitles: [],
    });
    // A dead e-mail to a P01 user: the record of the dead-letter resend.
    const mail = await database.db
      .insertInto('notification')
      .values({
        user_id: p01User,
        kind: 'report.returned',
        event_key: 'access-test',
        title: 'Thư thử',
        link: null,
        unit_id: p01,
        read_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    p01Delivery = Number(
      (
        await database.db
          .insertInto('notification_delivery')
          .values({
            notification_id: Number(mail.id),
            channel: 'email',
            recipient: 'xem.tanninh@example.vn',
            status: 'dead',
            last_error: null,
            sent_at: null,
            claimed_by: null,
            digest_id: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  });

  /** Bodies of create-style routes, pointing at P01's subtree. */
  async function sampleBody(route: RouteRecord): Promise<object> {
    const cdcs = await t.unitId('TNI-P01-0001');
    const bodies: Record<string, object> = {
      'POST /api/members': { cdcsUnitId: cdcs },
      'POST /api/members/merge': { keepId: p01Member, dropId: p01Member },
      'POST /api/employers': { areaUnitId: p01 },
      'POST /api/agreements': { cdcsUnitId: cdcs },
      'POST /api/users': { unitId: p01 },
      'POST /api/tokens': { unitId: p01 },
      'POST /api/documents': { issuerUnitId: p01 },
      'POST /api/targets': { unitId: p01 },
      'PATCH /api/targets/:id': { value: 1, reason: 'Thử quyền' },
      'POST /api/targets/:id/withdraw': { reason: 'Thử quyền' },
      'POST /api/reports': { unitId: p01 },
      'POST /api/tasks': { unitId: p01 },
      'POST /api/tasks/:id/assignments': { assigneeUnitIds: [cdcs] },
      'POST /api/tasks/:id/withdraw': { reason: 'Thử quyền' },
      'POST /api/task-assignments/:id/statuses': { periodCode: '2026', status: 'done' },
      'POST /api/documents/:id/tasks/confirm': { tasks: [{ items: [], title: 'Thử quyền', timing: { kind: 'ongoing' } }] },
    };
    return bodies[`${route.method} ${route.url}`] ?? {};
  }

  /** Values for the path parameters of every route, pointing at records of P01's subtree. */
  function sampleUrl(route: RouteRecord): string {
    const samples: Record<string, string> = {
      '/api/org/units/:id': `/api/org/units/${p01}`,
      '/api/org/units/:id/children': `/api/org/units/${p01}/children`,
      '/api/org/units/:id/ancestors': `/api/org/units/${p01}/ancestors`,
      '/api/org/search': `/api/org/search?q=cong+doan&under=${p01}`,
      '/api/org/units/:id/history': `/api/org/units/${p01}/history`,
      '/api/users/:id': `/api/users/${p01User}`,
      '/api/users/:id/reset-password': `/api/users/${p01User}/reset-password`,
      '/api/users/:id/lock': `/api/users/${p01User}/lock`,
      '/api/users/:id/unlock': `/api/users/${p01User}/unlock`,
      '/api/tokens/:id': `/api/tokens/${p01Token}`,
      '/api/members': `/api/members?unitId=${p01}`,
      '/api/members/count': `/api/members/count?unitId=${p01}`,
      '/api/members/:id': `/api/members/${p01Member}`,
      '/api/members/:id/history': `/api/members/${p01Member}/history`,
      '/api/members/:id/transfer': `/api/members/${p01Member}/transfer`,
      '/api/members/:id/leave': `/api/members/${p01Member}/leave`,
      '/api/employers': `/api/employers?unitId=${p01}`,
      '/api/employers/:id': `/api/employers/${p01Employer}`,
      '/api/agreements': `/api/agreements?unitId=${p01}`,
      '/api/agreements/count': `/api/agreements/count?unitId=${p01}`,
      '/api/agreements/:id': `/api/agreements/${p01Agreement}`,
      '/api/agreements/:id/renew': `/api/agreements/${p01Agreement}/renew`,
      '/api/agreements/:id/file': `/api/agreements/${p01Agreement}/file`,
      '/api/members/export': `/api/members/export?unitId=${p01}&format=csv`,
      '/api/employers/export': `/api/employers/export?unitId=${p01}&format=csv`,
      '/api/agreements/export': `/api/agreements/export?unitId=${p01}&format=csv`,
      '/api/grassroots/export': `/api/grassroots/export?unitId=${p01}&format=csv`,
      '/api/imports/:registry': `/api/imports/members?unitId=${p01}`,
      '/api/imports/:id': `/api/imports/${p01Import}`,
      '/api/imports/:id/rejections': `/api/imports/${p01Import}/rejections`,
      '/api/imports/fields/:registry': '/api/imports/fields/members',
      '/api/imports/template/:registry': '/api/imports/template/members',
      '/api/grassroots': `/api/grassroots?unitId=${p01}`,
      '/api/grassroots/:id': `/api/grassroots/${p01Cdcs}`,
      '/api/progress': `/api/progress?unitId=${p01}`,
      '/api/targets/:id/progress': `/api/targets/${p01Target}/progress`,
      '/api/targets/:id/breakdown': `/api/targets/${p01Target}/breakdown`,
      '/api/targets/:id/series': `/api/targets/${p01Target}/series`,
      '/api/targets/:id': `/api/targets/${p01Target}`,
      '/api/targets/:id/withdraw': `/api/targets/${p01Target}/withdraw`,
      '/api/targets/:id/versions': `/api/targets/${p01Target}/versions`,
      '/api/documents': `/api/documents?unitId=${p01}`,
      '/api/documents/upload': `/api/documents/upload?unitId=${p01}`,
      '/api/documents/search': `/api/documents/search?unitId=${p01}`,
      '/api/documents/:id': `/api/documents/${p01Document}`,
      '/api/documents/:id/review': `/api/documents/${p01Document}/review`,
      '/api/documents/:id/review/draft': `/api/documents/${p01Document}/review/draft`,
      '/api/documents/:id/file': `/api/documents/${p01Document}/file`,
      '/api/documents/:id/cascade': `/api/documents/${p01Document}/cascade`,
      '/api/documents/:id/links': `/api/documents/${p01Document}/links`,
      '/api/documents/:id/links/:linkId': `/api/documents/${p01Document}/links/1`,
      '/api/reports': `/api/reports?unitId=${p01}`,
      '/api/reports/mine': `/api/reports/mine?unitId=${p01}`,
      '/api/reports/completeness': `/api/reports/completeness?unitId=${p01}&templateCode=cdcs-nam&periodCode=2026`,
      '/api/reports/workbooks': `/api/reports/workbooks?unitId=${p01}`,
      '/api/reports/:id': `/api/reports/${p01Report}`,
      '/api/reports/:id/submit': `/api/reports/${p01Report}/submit`,
      '/api/reports/:id/return': `/api/reports/${p01Report}/return`,
      '/api/reports/:id/accept': `/api/reports/${p01Report}/accept`,
      '/api/reports/:id/reopen': `/api/reports/${p01Report}/reopen`,
      '/api/reports/:id/workbook': `/api/reports/${p01Report}/workbook`,
      '/api/report-templates/:code/rules': '/api/report-templates/cdcs-nam/rules',
      '/api/report-documents': `/api/report-documents?unitId=${p01}&documentId=${p01Document}&period=2026&format=docx`,
      '/api/targets/:id/allocation': `/api/targets/${p01Target}/allocation`,
      '/api/targets/:id/allocation/file': `/api/targets/${p01Target}/allocation/file?dryRun=true`,
      '/api/targets/:id/allocation/template': `/api/targets/${p01Target}/allocation/template`,
      '/api/tasks': `/api/tasks?unitId=${p01}`,
      '/api/tasks/export': `/api/tasks/export?unitId=${p01}&format=csv`,
      '/api/tasks/periods': `/api/tasks/periods?unitId=${p01}`,
      '/api/tasks/:id': `/api/tasks/${p01Task}`,
      '/api/tasks/:id/withdraw': `/api/tasks/${p01Task}/withdraw`,
      '/api/tasks/:id/assignments': `/api/tasks/${p01Task}/assignments`,
      '/api/tasks/:id/rollup': `/api/tasks/${p01Task}/rollup`,
      '/api/task-assignments/:id': `/api/task-assignments/${p01Assignment}`,
      '/api/task-assignments/:id/statuses': `/api/task-assignments/${p01Assignment}/statuses`,
      '/api/task-statuses/:id/evidence': `/api/task-statuses/${p01Status}/evidence`,
      '/api/task-evidence/:id/file': `/api/task-evidence/${p01Evidence}/file`,
      '/api/task-evidence/:id': `/api/task-evidence/${p01Evidence}`,
      '/api/documents/:id/tasks': `/api/documents/${p01Document}/tasks`,
      '/api/documents/:id/tasks/confirm': `/api/documents/${p01Document}/tasks/confirm`,
      '/api/reports/:id/tasks': `/api/reports/${p01Report}/tasks`,
      '/api/measures/elements/:code': '/api/measures/elements/members_active',
      '/api/measures/indicators/:code': '/api/measures/indicators/members',
      '/api/measures/:kind/:code/versions': '/api/measures/elements/members_active/versions',
      '/api/measures/indicators/preview': `/api/measures/indicators/preview?unit=count&numerator=${encodeURIComponent('#{members_active}')}&unitId=${p01}&date=2026-06-30`,
      '/api/report-templates/:code/versions': '/api/report-templates/cdcs-nam/versions',
      '/api/report-templates/:code/versions/:version': '/api/report-templates/cdcs-nam/versions/1',
      '/api/report-templates/:code/versions/:version/publish': '/api/report-templates/cdcs-nam/versions/1/publish',
      '/api/notifications/:id/read': '/api/notifications/1/read',
      '/api/notifications/deliveries/:id/resend': `/api/notifications/deliveries/${p01Delivery}/resend`,
    };
    const url = samples[route.url] ?? route.url;
    if (url.includes(':')) throw new Error(`The access test needs a sample for ${route.method} ${route.url}: add one to sampleUrl().`);
    return url;
  }

  const apiRoutes = () => t.app.routeTable.filter((r) => r.url.startsWith('/api') && !r.url.startsWith('/api/docs'));

  it('walks every registered route: no session → 401, except the declared public ones', async () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(18);
    const publicRoutes = routes.filter((r) => 'public' in r.access).map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.sort()).toEqual(['GET /api/health', 'GET /api/health/live', 'GET /api/health/ready', 'POST /api/auth/login']);
    for (const route of routes) {
      if ('public' in route.access) continue;
      const { status, body } = await t.anonymous(route.method, sampleUrl(route), route.method === 'GET' ? undefined : {});
      expect(status, `${route.method} ${route.url}`).toBe(401);
      expect(body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('walks every route on a unit: a user of the sibling subtree gets 404, for reads and writes', async () => {
    const scoped = apiRoutes().filter((r) => 'permission' in r.access && r.access.unit);
    expect(scoped.length).toBeGreaterThanOrEqual(9);
    for (const route of scoped) {
      const { status, body } =
        route.method === 'GET'
          ? await adminP02.get(sampleUrl(route))
          : await adminP02.send(route.method as 'POST', sampleUrl(route), await sampleBody(route));
      expect(status, `${route.method} ${route.url}`).toBe(404);
      // The answer names nothing of what exists there.
      expect(JSON.stringify(body)).not.toMatch(/Tân Ninh|xem\.tanninh|chấm công|Mẫu/);
    }
  });

  it('walks every id in every write body: a sibling-subtree id answers its 404, field by field, and nothing changes', async () => {
    const kindOf = (field: string) => {
      const name = field.split('.').at(-1)!;
      if (name === 'cdcsUnitId') return 'cdcs';
      if (/UnitIds?$|^unitId$/.test(name)) return 'unit';
      return (
        {
          employerId: 'employer',
          documentId: 'document',
          linkedDocumentId: 'document',
          parentTargetId: 'target',
          targetIds: 'target',
          keepId: 'member',
          dropId: 'member',
        } as Record<string, string>
      )[name];
    };
    const p01Records: Record<string, number> = {
      unit: p01,
      cdcs: p01Cdcs,
      member: p01Member,
      employer: p01Employer,
      document: p01Document,
      target: p01Target,
    };
    /** The route's path on P02's own records. */
    const p02Url = (url: string) =>
      url.replace(/\/api\/(\w+)\/:id/, (_m, resource: string) => {
        const kind = (
          {
            users: 'user',
            members: 'member',
            employers: 'employer',
            agreements: 'agreement',
            grassroots: 'cdcs',
            documents: 'document',
            reports: 'report',
            targets: 'target',
            tasks: 'task',
          } as Record<string, string>
        )[resource]!;
        return `/api/${resource}/${p02Records[kind]}`;
      });
    const body = (fields: string[], outside: string) => {
      const b: Record<string, unknown> = {};
      for (const field of fields) {
        const value = (field === outside ? p01Records : p02Records)[kindOf(field)!];
        const path = field.split('.');
        // Fields of one array's items go into the same item (tasks[].leadUnitId, tasks[].targetIds…).
        if (path[1] === '[]') b[path[0]!] = [{ ...((b[path[0]!] as object[] | undefined)?.[0] ?? {}), [path[2]!]: value }];
        else b[field] = value;
      }
      return b;
    };
    const routes = apiRoutes().filter((r) => r.method !== 'GET' && r.bodyIds.length > 0);
    const checked: string[] = [];
    for (const route of routes) {
      const exempt = 'permission' in route.access ? (route.access.checkedInService ?? {}) : {};
      const fields = route.bodyIds.filter((f) => !(f.split('.').at(-1)! in exempt));
      for (const field of fields) {
        expect(kindOf(field), `${route.url} ${field}: the walk needs to know its record kind`).toBeDefined();
        const before = await database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        const { status, body: answer } = await adminP02.send(route.method as 'POST', p02Url(route.url), body(fields, field));
        expect(status, `${route.method} ${route.url} ${field}: ${JSON.stringify(answer)}`).toBe(404);
        // The field is named, unless the route's own unit locator already refused it (merge's keepId).
        expect([field.replaceAll('.[]', '[]'), undefined], `${route.method} ${route.url}`).toContain(answer.error.issues[0]?.path);
        expect(JSON.stringify(answer)).not.toMatch(/Tân Ninh|Mẫu/);
        const after = await database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(after.n), `${route.method} ${route.url} wrote something`).toBe(Number(before.n));
        checked.push(`${route.method} ${route.url} ${field}`);
      }
    }
    // The findings: a target on another commune's document or parent target, another commune's employer.
    expect(checked).toEqual(
      expect.arrayContaining([
        'POST /api/targets documentId',
        'POST /api/targets parentTargetId',
        'PATCH /api/grassroots/:id employerId',
        'POST /api/agreements employerId',
        'POST /api/agreements/:id/renew employerId',
        'POST /api/tasks/:id/assignments assigneeUnitIds',
        'POST /api/tasks leadUnitId',
        'POST /api/tasks partnerUnitIds',
        'POST /api/tasks targetIds',
        'POST /api/documents/:id/tasks/confirm tasks.[].leadUnitId',
      ]),
    );
    expect(checked.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses the findings’ requests whole: a target on another commune’s document, another commune’s employer on a CĐCS or an agreement', async () => {
    const staffP02 = await t.login('quantri.binhminh');
    const targetsBefore = await database.db
      .selectFrom('target')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const target = await staffP02.send('POST', '/api/targets', membersBy2030(p01Document, p02, 10));
    expect(target.status).toBe(404);
    expect(target.body.error.code).toBe('DOCUMENT_NOT_FOUND');
    expect(JSON.stringify(target.body)).not.toContain('Kế hoạch thử của phường Tân Ninh');
    const parent = await staffP02.send('POST', '/api/targets', membersBy2030(p02Records.document!, p02, 10, { parentTargetId: p01Target }));
    expect(parent.status).toBe(404);
    expect(parent.body.error.code).toBe('TARGET_NOT_FOUND');
    const targetsAfter = await database.db
      .selectFrom('target')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(targetsAfter.n)).toBe(Number(targetsBefore.n));

    const profile = await staffP02.send('PATCH', `/api/grassroots/${p02Records.cdcs}`, { employerId: p01Employer });
    expect(profile.status).toBe(404);
    expect(profile.body.error.code).toBe('EMPLOYER_NOT_FOUND');
    expect(JSON.stringify(profile.body)).not.toMatch(/390123457|Mẫu Tân Ninh/);
    expect((await staffP02.get(`/api/grassroots/${p02Records.cdcs}`)).body.employer?.id ?? null).not.toBe(p01Employer);
    const agreement = await staffP02.send('POST', '/api/agreements', {
      cdcsUnitId: p02Records.cdcs,
      employerId: p01Employer,
      kind: 'enterprise',
      signedOn: '2025-06-01',
      effectiveFrom: '2025-06-01',
      expiresOn: '2028-05-31',
      qualityClass: 'A',
    });
    expect(agreement.status).toBe(404);
    const renew = await staffP02.send('POST', `/api/agreements/${p02Records.agreement}/renew`, {
      cdcsUnitId: p02Records.cdcs,
      employerId: p01Employer,
      kind: 'enterprise',
      signedOn: '2026-06-01',
      effectiveFrom: '2026-06-01',
      expiresOn: '2029-05-31',
      qualityClass: 'A',
    });
    expect(renew.status).toBe(404);
  });

  it('shows a target only on its own unit and the units below it: a sibling commune’s target is not found', async () => {
    for (const view of ['breakdown', 'series', 'progress']) {
      const own = await adminP02.get(`/api/targets/${p01Target}/${view}?unitId=${p02}`);
      expect(own.status, `${view}: ${JSON.stringify(own.body)}`).toBe(404);
      expect(own.body.error.code).toBe('TARGET_NOT_FOUND');
      expect((await adminP01.get(`/api/targets/${p01Target}/${view}`)).status).toBe(200);
    }
    // The province's target seen on a commune below it is what a commune's Tổng quan shows.
    const quantri = await t.login('quantri');
    const provinceDoc = await createDocument(quantri, {
      kind: 'chuong_trinh',
      title: 'Chương trình của tỉnh',
      issuerUnitId: await t.unitId('TNI'),
      issuedOn: '2026-01-05',
      termFrom: 2025,
      termTo: 2030,
    });
    const provinceTarget = await createTarget(quantri, {
      documentId: provinceDoc,
      unitId: await t.unitId('TNI'),
      indicatorCode: 'members',
      comparator: '>=',
      value: 50000,
      deadlineYear: 2030,
    });
    expect((await adminP02.get(`/api/targets/${provinceTarget.targetId}/breakdown?unitId=${p02}`)).status).toBe(200);
  });

  it('refuses a target whose parent target is not above its unit, or whose document is not its issuer’s or above', async () => {
    const quantri = await t.login('quantri');
    const parentBelow = await quantri.send('POST', '/api/targets', membersBy2030(p01Document, p01, 10, { parentTargetId: p01Target }));
    expect(parentBelow.status).toBe(400);
    expect(parentBelow.body.error.code).toBe('PARENT_TARGET_NOT_ABOVE');
    const sideways = await quantri.send('POST', '/api/targets', membersBy2030(p01Document, p02, 10));
    expect(sideways.status).toBe(400);
    expect(sideways.body.error.code).toBe('TARGET_UNIT_OUTSIDE_DOCUMENT');
  });

  it('walks every write route: a read-only role gets 403 inside its own subtree', async () => {
    const writes = apiRoutes().filter((r) => r.method !== 'GET' && 'permission' in r.access);
    expect(writes.length).toBeGreaterThanOrEqual(7);
    for (const route of writes) {
      const { status, body } = await viewerP01.send(route.method as 'POST', sampleUrl(route), await sampleBody(route));
      expect(status, `${route.method} ${route.url}`).toBe(403);
      expect(body.error.code).toBe('FORBIDDEN');
    }
  });

  it('refuses to start a server with a route that declares no access', async () => {
    const app = Fastify();
    requireAccessDeclarations(app);
    expect(() => app.get('/api/undeclared', async () => ({}))).toThrow(/GET \/api\/undeclared has no access declaration/);
    app.get('/api/declared', { config: { access: { permission: 'org.read' } } }, async () => ({}));
    // An id in a body with no scope rule is a route that would trust it: refused at start too.
    const body = { type: 'object', properties: { widgetId: { type: 'integer' } } };
    expect(() => app.post('/api/widgets', { schema: { body }, config: { access: { permission: 'org.read' } } }, async () => ({}))).toThrow(
      /POST \/api\/widgets: body field\(s\) widgetId name records but have no scope rule/,
    );
    app.post(
      '/api/widgets',
      { schema: { body }, config: { access: { permission: 'org.read', checkedInService: { widgetId: 'test' } } } },
      async () => ({}),
    );
    await app.close();
  });

  it('keeps lists, searches and counts inside the caller’s subtree (two sibling communes)', async () => {
    const staffP02 = await t.login('canbo.binhminh');
    const roots = await staffP02.get('/api/org/roots');
    expect(roots.body.items.map((u: { id: number }) => u.id)).toEqual([p02]);
    const search = await staffP02.get('/api/org/search?q=cong+doan&limit=100');
    expect(search.body.items.length).toBeGreaterThan(0);
    for (const hit of search.body.items) expect([hit.id, ...hit.ancestors.map((a: { id: number }) => a.id)]).toContain(p02);
    expect(search.body.items.some((u: { name: string }) => u.name.includes('Tân Ninh'))).toBe(false);
    const detail = await staffP02.get(`/api/org/units/${p02}`);
    const ownCdcs = (await staffP02.get(`/api/org/units/${p02}/children`)).body.items.length;
    expect(detail.body.descendantsByKind).toEqual({ grassroots: ownCdcs });
    expect(detail.body.ancestors).toEqual([]); // nothing above one's own unit is shown

    const users = await adminP02.get('/api/users?pageSize=200');
    expect(users.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['canbo.binhminh', 'quantri.binhminh']);
    expect(users.body.total).toBe(2);
    const tokens = await adminP02.get('/api/tokens');
    expect(tokens.body.items).toEqual([]);
    const audit = await adminP02.get('/api/audit?limit=200');
    const p02Subtree = [p02, ...(await staffP02.get(`/api/org/units/${p02}/children`)).body.items.map((u: { id: number }) => u.id)];
    for (const row of audit.body.items) expect(p02Subtree).toContain(row.unit?.id);
    expect((await adminP01.get('/api/tokens')).body.items.map((x: { id: number }) => x.id)).toEqual([p01Token]);
  });

  it('locks an account after ten wrong passwords, refuses the right one during the lockout, and audits it', async () => {
    await t.addUser('bi.khoa', 'TNI-P01', ['viewer']);
    for (let i = 1; i <= 9; i++) {
      const r = await t.anonymous('POST', '/api/auth/login', { username: 'bi.khoa', password: `sai-mat-khau-${i}` });
      expect(r.status).toBe(401);
      expect(r.body.error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    const tenth = await t.anonymous('POST', '/api/auth/login', { username: 'bi.khoa', password: 'sai-mat-khau-10' });
    expect(tenth.status).toBe(429);
    expect(tenth.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(tenth.body.error.message).toMatch(/thử lại sau 15 phút/);
    const right = await t.anonymous('POST', '/api/auth/login', { username: 'bi.khoa', password: DEMO_PASSWORD });
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('ACCOUNT_LOCKED');
    const audit = await adminP01.get('/api/audit?action=auth.lockout');
    expect(audit.body.items.map((r: { actor: string }) => r.actor)).toContain('bi.khoa');
    const refused = await adminP01.get('/api/audit?action=auth.login_refused_locked');
    expect(refused.body.items.length).toBe(1);
  });

  it('refuses a state-changing request made with the session cookie but without the CSRF token', async () => {
    const session = await t.login('quantri.tanninh');
    const refused = await session.send('PATCH', `/api/users/${p01User}`, { fullName: 'Đổi tên không có CSRF' }, { csrf: false });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CSRF_INVALID');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `tiendo_session=${session.cookie}`, 'x-csrf-token': 'gia-mao' },
    });
    expect(wrong.statusCode).toBe(403);
    expect((await session.get(`/api/users/${p01User}`)).body.fullName).toBe('Người thử xem.tanninh');
    const accepted = await session.send('PATCH', `/api/users/${p01User}`, { fullName: 'Người xem Tân Ninh' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.fullName).toBe('Người xem Tân Ninh');
  });

  it('masks phone numbers without the personal-data permission, shows and audits them with it', async () => {
    const masked = await adminP01.get(`/api/users/${p01User}`);
    expect(masked.body.phone).toBe('090****456');
    expect(masked.body.phoneMasked).toBe(true);
    const list = await adminP01.get('/api/users?pageSize=200');
    expect(JSON.stringify(list.body)).not.toContain('0909123456');

    const quantri = await t.login('quantri'); // province admin with the personal-data role
    const before = (await quantri.get('/api/audit?action=personal_data.view')).body.items.length;
    const full = await quantri.get(`/api/users/${p01User}`);
    expect(full.body.phone).toBe('0909123456');
    expect(full.body.phoneMasked).toBe(false);
    const after = (await quantri.get('/api/audit?action=personal_data.view')).body.items;
    expect(after.length).toBe(before + 1);
    expect(after[0].entityId).toBe(String(p01User));
    expect(JSON.stringify(after)).not.toContain('0909123456');
  });

  it('masks CCCD and phone of members in lists and details without the permission; shows and audits them with it', async () => {
    const staffP01 = await t.login('xem.tanninh'); // viewer at P01: may read the registry, not personal data
    const list = (await staffP01.get(`/api/members?unitId=${p01}`)).body.items.find((m: { id: number }) => m.id === p01Member);
    expect(list).toMatchObject({ cccd: '0791******34', phone: '098****321', personalDataMasked: true });
    const detail = (await staffP01.get(`/api/members/${p01Member}`)).body;
    expect(detail).toMatchObject({ cccd: '0791******34', phone: '098****321' });
    const quantri = await t.login('quantri');
    const full = (await quantri.get(`/api/members/${p01Member}`)).body;
    expect(full).toMatchObject({ cccd: '079190001234', phone: '0987654321', personalDataMasked: false });
    const audit = (await quantri.get('/api/audit?action=personal_data.view')).body.items;
    expect(audit.some((r: { entityType: string; entityId: string }) => r.entityType === 'member' && r.entityId === String(p01Member))).toBe(
      true,
    );
    // Searching by a full CCCD is personal data too: without the permission it finds nothing.
    expect((await staffP01.get(`/api/members?unitId=${p01}&q=079190001234`)).body.items).toEqual([]);
    expect((await quantri.get(`/api/members?unitId=${p01}&q=079190001234`)).body.items.map((m: { id: number }) => m.id)).toEqual([
      p01Member,
    ]);
    // Exports of a sibling subtree's user contain nothing of P01.
    const sibling = await t.login('canbo.binhminh');
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/members/export?format=csv',
      headers: { cookie: `tiendo_session=${sibling.cookie}` },
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain('Nguyễn Thị Mẫu');
  });

  it('commits a change and its audit row together, or neither (a failure forced after the write)', async () => {
    await sql`CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit write failed (test)'; END $$`.execute(
      database.db,
    );
    await sql`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION fail_audit()`.execute(database.db);
    try {
      const failed = await adminP01.send('PATCH', `/api/users/${p01User}`, { fullName: 'Không được lưu' });
      expect(failed.status).toBe(500);
      expect(failed.body.error.message).toMatch(/Đã xảy ra lỗi hệ thống/);
      expect(JSON.stringify(failed.body)).not.toContain('audit write failed');
    } finally {
      await sql`DROP TRIGGER fail_audit ON audit_log`.execute(database.db);
      await sql`DROP FUNCTION fail_audit()`.execute(database.db);
    }
    expect((await adminP01.get(`/api/users/${p01User}`)).body.fullName).not.toBe('Không được lưu');
    const ok = await adminP01.send('PATCH', `/api/users/${p01User}`, { fullName: 'Được lưu' });
    expect(ok.status).toBe(200);
    const audit = (await adminP01.get('/api/audit?action=user.update')).body.items[0];
    expect(audit.after.fullName).toBe('Được lưu');
    expect(audit.before.fullName).not.toBe('Được lưu');
  });

  it('forces a password change at first login and applies the password policy in Vietnamese', async () => {
    const created = await adminP01.send('POST', '/api/users', {
      username: 'moi.tanninh',
      fullName: 'Đặng Thị Mới',
      unitId: p01,
      roles: ['viewer'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const session = await t.login('moi.tanninh', created.body.temporaryPassword);
    expect((await session.get('/api/auth/me')).body.user.mustChangePassword).toBe(true);
    const blocked = await session.get('/api/org/roots');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await session.send('POST', '/api/auth/change-password', {
      currentPassword: created.body.temporaryPassword,
      newPassword: 'ngan1',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/^Mật khẩu cần từ 10 đến 128 ký tự/);
    const changed = await session.send('POST', '/api/auth/change-password', {
      currentPassword: created.body.temporaryPassword,
      newPassword: 'Sen hồng 2026 nở',
    });
    expect(changed.status).toBe(200);
    expect((await session.get('/api/org/roots')).status).toBe(200);
  });

  it('refuses to grant a role with permissions the granter lacks, and duplicate usernames', async () => {
    const addUser = (username: string, fullName: string, roles: string[], unitId: number) =>
      adminP01.send('POST', '/api/users', { username, fullName, unitId, roles });
    const escalate = await addUser('leo.quyen', 'Leo Quyền', ['personal_data_officer'], p01);
    expect(escalate.status).toBe(403);
    expect(escalate.body.error.code).toBe('ROLE_NOT_GRANTABLE');
    const duplicate = await addUser('xem.tanninh', 'Trùng tên', ['viewer'], p01);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toMatch(/đã có người dùng/);
    const outside = await addUser('ngoai.pham.vi', 'Ngoài phạm vi', ['viewer'], p02);
    expect(outside.status).toBe(404);
  });

  it('ends sessions: logout server-side, and everywhere', async () => {
    const a = await t.login('xem.tanninh');
    const b = await t.login('xem.tanninh');
    expect((await a.send('POST', '/api/auth/logout')).status).toBe(200);
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect((await b.get('/api/auth/me')).status).toBe(200);
    const c = await t.login('xem.tanninh');
    expect((await c.send('POST', '/api/auth/logout-all')).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect((await c.get('/api/auth/me')).status).toBe(401);
  });

  it('lets a machine client use an API token: shown once, stored hashed, scoped, revocable, last use recorded', async () => {
    const created = await adminP01.send('POST', '/api/tokens', { name: 'Phần mềm nhân sự', unitId: p01, roleCode: 'viewer' });
    const token: string = created.body.token;
    expect(token).toMatch(/^tdk_/);
    const stored = await database.db
      .selectFrom('api_token')
      .select(['token_hash'])
      .where('id', '=', created.body.item.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.slice(4));
    const call = (url: string, value = token) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${value}` } });
    expect((await call(`/api/org/units/${p01}/children`)).statusCode).toBe(200);
    expect((await call(`/api/org/units/${p02}`)).statusCode).toBe(404);
    const listed = (await adminP01.get('/api/tokens')).body.items.find((x: { id: number }) => x.id === created.body.item.id);
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await adminP01.send('DELETE', `/api/tokens/${created.body.item.id}`)).status).toBe(200);
    const revoked = await call(`/api/org/units/${p01}/children`);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.code).toBe('TOKEN_INVALID');
  });
});

describe('login rate limit per IP', () => {
  it('slows down guessing across accounts from one address with a clear message', async () => {
    const [target] = testDatabaseTargets();
    const database = await target!.open({ demo: 'province' });
    const t = await createTestApp(database, 'ratelimit', { loginRateLimitPerIp: 5 });
    try {
      for (let i = 0; i < 5; i++) await t.anonymous('POST', '/api/auth/login', { username: `khong.co.${i}`, password: 'sai' });
      const limited = await t.anonymous('POST', '/api/auth/login', { username: 'quantri', password: DEMO_PASSWORD });
      expect(limited.status).toBe(429);
      expect(limited.body.error.message).toMatch(/Quá nhiều lần thử từ địa chỉ này/);
    } finally {
      await t.close();
      await database.close();
    }
  }, 180_000); // opens its own database and demo province (a fresh limiter): ~50 s on a loaded 2-core machine
});
