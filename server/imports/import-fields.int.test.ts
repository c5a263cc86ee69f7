import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { uploadImport } from '../../test/support/import-upload.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { AGREEMENT_IMPORT_FIELDS } from './agreement-import.ts';
import { EMPLOYER_IMPORT_FIELDS } from './employer-import.ts';
import { GRASSROOTS_IMPORT_FIELDS } from './grassroots-import.ts';
import { MEMBER_IMPORT_FIELDS } from './member-import.fields.ts';

/** Each registry's import definition: what its columns and its template must follow. */
const FIELDS_BY_REGISTRY = {
  members: MEMBER_IMPORT_FIELDS,
  employers: EMPLOYER_IMPORT_FIELDS,
  grassroots: GRASSROOTS_IMPORT_FIELDS,
  agreements: AGREEMENT_IMPORT_FIELDS,
};

interface FieldsBody {
  registry: string;
  noun: string;
  unitHint: string;
  identity: string;
  fields: { key: string; label: string; required: boolean; synonyms: string[] }[];
}

describe.each(testDatabaseTargets())('import fields on $kind', (target) => {
  const { t } = useTestApp(target, `import-fields-${target.kind}`);
  let staff: Session;

  beforeAll(async () => {
    staff = await t.login('canbo.tinh');
  });

  it("gives each registry's own columns in template order, with what is required and the titles recognised", async () => {
    for (const [registry, fields] of Object.entries(FIELDS_BY_REGISTRY)) {
      const { status, body } = await staff.get(`/api/imports/fields/${registry}`);
      expect(status, registry).toBe(200);
      const answer = body as FieldsBody;
      expect(answer.registry).toBe(registry);
      expect(answer.fields.map((f) => f.label)).toEqual(fields.map((f) => f.label));
      expect(answer.fields.filter((f) => f.required).map((f) => f.key)).toEqual(fields.filter((f) => f.required).map((f) => f.key));
    }
    const cdcs = (await staff.get('/api/imports/fields/grassroots')).body as FieldsBody;
    expect(cdcs.noun).toBe('công đoàn cơ sở');
    expect(cdcs.fields[0]).toMatchObject({ key: 'code', label: 'Mã CĐCS', required: true });
    expect(cdcs.fields.find((f) => f.key === 'foundedOn')).toMatchObject({ label: 'Ngày thành lập', required: false });
    expect(cdcs.identity).toContain('cùng mã CĐCS');
    const members = (await staff.get('/api/imports/fields/members')).body as FieldsBody;
    expect(members.fields.find((f) => f.key === 'cccd')!.synonyms).toContain('cmnd/cccd');
    expect(members.unitHint).toContain('không cần cột Mã CĐCS');
  });

  it('uses the same titles as the export, so an exported list is recognised when imported again', async () => {
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/grassroots/export?format=csv',
      headers: { cookie: `tiendo_session=${staff.cookie}` },
    });
    expect(exported.statusCode).toBe(200);
    const header = exported.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
    const labels = ((await staff.get('/api/imports/fields/grassroots')).body as FieldsBody).fields.map((f) => f.label);
    expect(header.split(',')).toEqual(labels);
  });

  /** GET /api/imports/template/:registry as the browser downloads it, parsed back with exceljs. */
  async function template(registry: string) {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/imports/template/${registry}`,
      headers: { cookie: `tiendo_session=${staff.cookie}` },
    });
    expect(r.statusCode, r.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const text = (row: ExcelJS.Row) => (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
    return { response: r, workbook, text, raw: r.rawPayload };
  }

  it('Tải tệp mẫu gives an XLSX with the header row, one example row and a notes sheet, for every registry', async () => {
    for (const [registry, fields] of Object.entries(FIELDS_BY_REGISTRY)) {
      const { response, workbook, text } = await template(registry);
      expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="mau-danh-sach-[a-z-]+\.xlsx"$/);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(['Danh sách', 'Hướng dẫn']);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.rowCount, registry).toBe(2);
      expect(text(sheet.getRow(1))).toEqual(fields.map((f) => f.label));
      // The example row fills every required column.
      const example = text(sheet.getRow(2));
      fields.forEach((f, i) => {
        if (f.required) expect(example[i], `${registry}.${f.key}`).not.toBe('');
      });
      // The notes sheet explains every column: required or not, how to write it, its example.
      const notes = workbook.worksheets[1]!;
      const noteRows = Array.from({ length: notes.rowCount }, (_, i) => text(notes.getRow(i + 1)));
      const tableAt = noteRows.findIndex((r) => r[0] === 'Cột' && r[1] === 'Bắt buộc');
      expect(tableAt, registry).toBeGreaterThan(0);
      const described = noteRows.slice(tableAt + 1);
      expect(described.map((r) => r[0])).toEqual(fields.map((f) => f.label));
      expect(described.map((r) => r[1])).toEqual(fields.map((f) => (f.required ? 'Có' : 'Không')));
      for (const r of described) expect(r[2]!.length, r[0]).toBeGreaterThan(5);
      expect(noteRows.flat().join(' ')).toContain('Chạy thử');
    }
    const members = await template('members');
    const sheet = members.workbook.worksheets[0]!;
    // CCCD keeps its leading zero: written as text in a text-formatted column.
    const cccd = sheet.getRow(2).getCell(MEMBER_IMPORT_FIELDS.findIndex((f) => f.key === 'cccd') + 1);
    expect(cccd.value).toBe('072090012345');
    expect(cccd.numFmt).toBe('@');
  });

  it('a template filled as given is recognised, and its example row passes a dry run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-template-'));
    const unitId = await t.unitId('TNI-P01');
    for (const registry of ['members', 'employers', 'grassroots', 'agreements']) {
      const file = path.join(dir, `${registry}.xlsx`);
      fs.writeFileSync(file, (await template(registry)).raw);
      const { status, body } = await uploadImport(t, staff, registry, file, { unitId, dryRun: true });
      expect(status, JSON.stringify(body)).toBe(202);
      expect(body.status, JSON.stringify(body)).toBe('done');
      expect(body.rowsRead, registry).toBe(1);
      expect(body.rejections, registry).toEqual([]);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names each rejected row: the name column of its registry beside the row, column and reason', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-rejected-names-'));
    const unitId = await t.unitId('TNI-P01-0001');
    const members = path.join(dir, 'doan-vien.csv');
    fs.writeFileSync(
      members,
      [
        'Họ và tên,Giới tính,Ngày sinh,Số CCCD,Ngày vào Công đoàn',
        'Lê Thị Mai,Nữ,02/04/1992,12345,01/05/2016',
        'Phan Văn Tú,Nam,31/02/1988,072088000777,01/05/2016',
      ].join('\r\n'),
    );
    const job = (await uploadImport(t, staff, 'members', members, { unitId, dryRun: true })).body;
    expect(job.nameColumn).toBe('Họ và tên');
    expect(job.rejections.map((r: { rowNumber: number; name: string }) => [r.rowNumber, r.name])).toEqual([
      [2, 'Lê Thị Mai'],
      [3, 'Phan Văn Tú'],
    ]);
    const employers = path.join(dir, 'doanh-nghiep.csv');
    fs.writeFileSync(employers, ['Mã số thuế,Tên đơn vị,Khu vực', '3900123450,Công ty Sai Mã,Doanh nghiệp ngoài nhà nước'].join('\r\n'));
    const employerJob = (await uploadImport(t, staff, 'employers', employers, { unitId: await t.unitId('TNI-P01'), dryRun: true })).body;
    expect(employerJob.nameColumn).toBe('Tên đơn vị');
    expect(employerJob.rejections[0]).toMatchObject({ rowNumber: 2, name: 'Công ty Sai Mã', column: 'Mã số thuế' });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unknown registry in Vietnamese, and people who may not import', async () => {
    const unknown = await staff.get('/api/imports/fields/nguoi-dung');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    expect(unknown.body.error.message).toMatch(/registry/);
    const viewer = await t.login('xem.tinh');
    const forbidden = await viewer.get('/api/imports/fields/members');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    expect((await viewer.get('/api/imports/template/members')).status).toBe(403);
    expect((await staff.get('/api/imports/template/nguoi-dung')).status).toBe(400);
  });
});
