import http from 'node:http';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../domain/reporting/builtin-templates.ts';
import { openPeriods } from '../../domain/reporting/report-template.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { created, enterpriseAgreement, privateEmployer } from '../../test/support/registry-fixtures.ts';
import { openCdcsPeriodCodes, openCdcsReport } from '../../test/support/report-fixtures.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { buildDocx, buildZipBomb } from '../documents/intake/intake-test-fixtures.ts';
import { writeTable } from '../tabular/table-writer.ts';

const MB = 1024 * 1024;

/**
 * Every upload path, sent the way a browser sends a file (FormData with a Blob, over a real
 * socket, in chunks): a file over the limit is refused whole with 413 and the limit, never
 * stored cut; a file is judged by its content, not its name.
 */
describe.each(testDatabaseTargets())('uploads are whole or refused on $kind', (target) => {
  const { database, t } = useTestApp(target, `uploads-${target.kind}`);
  let address: string;
  let province: Session;
  let tni: number;
  let agreementId: number;
  let reportId: number;
  let taskStatusId: number;

  beforeAll(async () => {
    address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    province = await t.login('quantri');
    tni = await t.unitId('TNI');
    const [p01, cdcs] = await t.unitIds('TNI-P01', 'TNI-P01-0001');
    const employer = await created(
      province,
      '/api/employers',
      privateEmployer('390555444', 'Công ty TNHH Tải Tệp', { areaUnitId: p01, cdcsUnitId: cdcs }, { workers: 80, womenWorkers: 30 }),
    );
    agreementId = (await created(province, '/api/agreements', enterpriseAgreement(cdcs, employer.id))).id;
    reportId = (await openCdcsReport(province, cdcs, openCdcsPeriodCodes()[0]!)).id;
    // A status of the province's own task, to attach evidence to.
    const task = await created(province, '/api/tasks', { unitId: tni, title: 'Nhiệm vụ thử tải minh chứng', timing: { kind: 'ongoing' } });
    const provincePeriod = openPeriods(
      BUILTIN_TEMPLATES.find((x) => x.code === 'tinh-nam')!,
      todayInVietnam(),
    )[0]!.code;
    const status = await province.send('POST', `/api/task-assignments/${task.viewedAs.assignment.id}/statuses`, {
      periodCode: provincePeriod,
      status: 'in_progress',
    });
    expect(status.status, JSON.stringify(status.body)).toBe(200);
    taskStatusId = status.body.statuses[0].id;
  });

  /** As a browser: FormData with one Blob, chunked over the socket by fetch. */
  async function sendFile(method: string, url: string, content: Buffer, fileName: string) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(content)]), fileName);
    const response = await fetch(`${address}${url}`, {
      method,
      body: form,
      headers: { cookie: `tiendo_session=${province.cookie}`, 'x-csrf-token': province.csrf },
    });
    return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
  }

  const count = async (table: 'stored_file' | 'plan_document' | 'import_job') =>
    Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(database.db)).rows[0]!.n);

  const uploads = [
    {
      name: 'a planning document',
      method: 'POST',
      url: () => `/api/documents/upload?unitId=${tni}`,
      limit: 20 * MB,
      fileName: 'chuong-trinh.txt',
    },
    {
      name: 'an agreement file',
      method: 'PUT',
      url: () => `/api/agreements/${agreementId}/file`,
      limit: 20 * MB,
      fileName: 'thoa-uoc.pdf',
    },
    {
      name: 'a restructuring plan',
      method: 'POST',
      url: () => '/api/org/restructure-plans?dryRun=true',
      limit: 20 * MB,
      fileName: 'ke-hoach.csv',
    },
    { name: 'a report workbook', method: 'POST', url: () => `/api/reports/${reportId}/workbook`, limit: 2 * MB, fileName: 'bao-cao.xlsx' },
    {
      name: 'a task evidence file',
      method: 'POST',
      url: () => `/api/task-statuses/${taskStatusId}/evidence`,
      limit: 20 * MB,
      fileName: 'minh-chung.pdf',
    },
  ];

  it.each(uploads)('refuses $name a little over its limit with 413 and stores nothing of it', async (upload) => {
    const files = await count('stored_file');
    const documents = await count('plan_document');
    // One long line, as in the finding: just over the limit, so only the truncation flag tells.
    const content = Buffer.alloc(upload.limit + 10 * 1024, 'a');
    if (upload.fileName.endsWith('.pdf')) content.write('%PDF-1.4\n');
    const { status, body } = await sendFile(upload.method, upload.url(), content, upload.fileName);
    expect(status, JSON.stringify(body).slice(0, 300)).toBe(413);
    expect(body.error!.code).toBe('FILE_TOO_LARGE');
    expect(body.error!.message).toContain(`${upload.limit / MB} MB`);
    expect(await count('stored_file')).toBe(files);
    expect(await count('plan_document')).toBe(documents);
  });

  it('refuses a body declared far over the limit before reading it (150 MB document, 250 MB import)', async () => {
    for (const url of [`/api/documents/upload?unitId=${tni}`, `/api/imports/members?unitId=${tni}&dryRun=true`]) {
      const declared = url.includes('imports') ? 250 * MB : 150 * MB;
      const jobs = await count('import_job');
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(
          `${address}${url}`,
          {
            method: 'POST',
            headers: {
              cookie: `tiendo_session=${province.cookie}`,
              'x-csrf-token': province.csrf,
              'content-type': 'multipart/form-data; boundary=b',
              'content-length': declared,
            },
          },
          (response) => {
            let body = '';
            response.on('data', (c) => {
              body += c;
            });
            response.on('end', () => resolve({ status: response.statusCode!, body }));
          },
        );
        request.on('error', reject);
        const body = new PassThrough();
        body.pipe(request);
        // Only the start of the body is ever sent: the answer must not wait for the rest.
        body.write('--b\r\nContent-Disposition: form-data; name="file"; filename="lon.txt"\r\n\r\n');
        body.write(Buffer.alloc(64 * 1024, 'a'));
      });
      expect(answer.status, answer.body).toBe(413);
      expect(JSON.parse(answer.body).error.code).toBe('FILE_TOO_LARGE');
      expect(await count('import_job')).toBe(jobs);
    }
  });

  it('keeps an agreement file only when its content is a PDF or a Word document, whatever its name', async () => {
    const spreadsheet = new PassThrough();
    const chunks: Buffer[] = [];
    spreadsheet.on('data', (c: Buffer) => chunks.push(c));
    await writeTable(spreadsheet, {
      format: 'xlsx',
      sheetName: 'Trang 1',
      columns: [{ key: 'a', title: 'Cột A' }],
      rows: (async function* () {
        yield { a: 'x' };
      })(),
    });
    spreadsheet.end();
    const xlsx = Buffer.concat(chunks);
    const files = await count('stored_file');

    const renamed = await sendFile('PUT', `/api/agreements/${agreementId}/file`, xlsx, 'thoa-uoc.docx');
    expect(renamed.status).toBe(400);
    expect(renamed.body.error!.code).toBe('FILE_TYPE');
    expect(renamed.body.error!.message).toMatch(/PDF hoặc Word.*Excel/);

    const bomb = await sendFile('PUT', `/api/agreements/${agreementId}/file`, buildZipBomb(300), 'thoa-uoc.docx');
    expect(bomb.status).toBe(413);
    expect(bomb.body.error!.code).toBe('FILE_BOMB');

    const cutPdf = await sendFile(
      'PUT',
      `/api/agreements/${agreementId}/file`,
      Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n'),
      'thoa-uoc.pdf',
    );
    expect(cutPdf.status).toBe(400);
    expect(cutPdf.body.error!.code).toBe('FILE_CORRUPT');
    expect(await count('stored_file')).toBe(files);
    expect((await province.get(`/api/agreements/${agreementId}`)).body.file).toBeNull();

    const word = await sendFile(
      'PUT',
      `/api/agreements/${agreementId}/file`,
      await buildDocx('Thỏa ước lao động tập thể\nĐiều 1. Tiền lương'),
      'thoa-uoc.bin',
    );
    expect(word.status, JSON.stringify(word.body).slice(0, 300)).toBe(200);
    expect(await count('stored_file')).toBe(files + 1);
  });
});
