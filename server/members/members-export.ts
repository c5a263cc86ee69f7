import { PassThrough } from 'node:stream';
import type { Kysely } from 'kysely';
import { maskCccd, maskPhone } from '../../domain/access/personal-data.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import { can, type Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { findUnit } from '../org/org.repository.ts';
import { writeTable, type TableColumn } from '../tabular/table-writer.ts';
import { listMembers } from './members.repository.ts';

/** Same titles as the import understands, so an exported list can be edited and imported back. */
export const MEMBER_EXPORT_COLUMNS: TableColumn[] = [
  { key: 'fullName', title: 'Họ và tên', width: 28 },
  { key: 'gender', title: 'Giới tính', width: 10 },
  { key: 'birthDate', title: 'Ngày sinh', width: 12, type: 'date' },
  { key: 'cccd', title: 'Số CCCD', width: 16 },
  { key: 'phone', title: 'Số điện thoại', width: 14 },
  { key: 'ethnicity', title: 'Dân tộc', width: 10 },
  { key: 'cardNumber', title: 'Số thẻ đoàn viên', width: 16 },
  { key: 'joinedOn', title: 'Ngày vào Công đoàn', width: 14, type: 'date' },
  { key: 'cdcsCode', title: 'Mã CĐCS', width: 16 },
  { key: 'cdcsName', title: 'Công đoàn cơ sở', width: 40 },
  { key: 'status', title: 'Tình trạng', width: 16 },
];

export interface MemberExportQuery {
  format: 'xlsx' | 'csv';
  unitId?: number;
  status?: 'active' | 'left';
  sector?: string;
  q?: string;
}

/** Streams the filtered list page by page (keyset), so memory stays flat for a million rows. */
/** `read` (the replica when configured) streams the rows; the audit row is written on `db`, the primary. */
export async function exportMembers(
  db: Kysely<DB>,
  principal: Principal,
  actor: AuditActor,
  query: MemberExportQuery,
  read: Kysely<DB> = db,
): Promise<{ stream: PassThrough; fileName: string }> {
  const root = query.unitId ? await findUnit(db, query.unitId, todayInVietnam()) : null;
  const underPath = root?.path ?? principal.scopePath;
  const unmasked = can(principal, 'personal_data.view');
  const words = (query.q ?? '').normalize('NFC').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  await writeAudit(db, actor, {
    action: unmasked ? 'personal_data.export' : 'member.export',
    unitId: root ? Number(root.id) : principal.unitId,
    entityType: 'member_list',
    detail: { format: query.format, status: query.status ?? null, sector: query.sector ?? null, unmasked },
  });
  async function* rows() {
    let after: { key: string; id: number } | null = null;
    for (;;) {
      const page = await listMembers(read, {
        underPath,
        words,
        digits: null,
        status: query.status ?? null,
        sector: query.sector ?? null,
        after,
        limit: 5000,
      });
      for (const m of page) {
        yield {
          fullName: m.full_name,
          gender: m.gender === 'female' ? 'Nữ' : 'Nam',
          birthDate: m.birth_date,
          cccd: unmasked ? m.cccd : maskCccd(m.cccd),
          phone: unmasked ? m.phone : maskPhone(m.phone),
          ethnicity: m.ethnicity,
          cardNumber: m.card_number,
          joinedOn: m.joined_on,
          cdcsCode: m.unit_code,
          cdcsName: m.unit_name,
          status: m.status === 'active' ? 'Đang sinh hoạt' : 'Đã ra khỏi tổ chức',
        };
      }
      if (page.length < 5000) return;
      const last = page.at(-1)!;
      after = { key: last.sort_key, id: Number(last.id) };
    }
  }
  const stream = new PassThrough();
  writeTable(stream, { format: query.format, sheetName: 'Đoàn viên', columns: MEMBER_EXPORT_COLUMNS, rows: rows() })
    .then(() => stream.end())
    .catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))));
  return { stream, fileName: `doan-vien-${todayInVietnam()}.${query.format}` };
}
