// `tiendo extract FILE [--json]`: reads a plan document and prints what it commits to.
// With --json, exactly one JSON object on stdout (a contract other tools rely on); errors are
// one Vietnamese line on stderr and a non-zero exit code.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { extractDocument } from '../domain/extraction/extract-document.ts';
import type { ExtractionResult } from '../domain/extraction/extraction-types.ts';
import { isIntakeError } from '../server/documents/intake/intake-error.ts';
import { DEFAULT_MAX_BYTES, readDocument } from '../server/documents/intake/read-document.ts';

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 64;
export const EXIT_UNREADABLE = 65;

export default async function extractCommand(argv: string[], io: CommandIo): Promise<number> {
  const json = argv.includes('--json');
  const files = argv.filter((a) => !a.startsWith('--'));
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--json');
  if (files.length !== 1 || unknown.length > 0) {
    io.stderr.write('Cách dùng: tiendo extract <tệp .docx|.pdf|.txt> [--json]\n');
    return EXIT_USAGE;
  }
  const file = files[0] as string;
  let buffer: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile()) return fail(io, `Không phải là tệp: ${file}`);
    if (info.size > DEFAULT_MAX_BYTES) {
      return fail(io, `Tệp quá lớn (${(info.size / 1048576).toFixed(1)} MB); giới hạn là ${DEFAULT_MAX_BYTES / 1048576} MB.`);
    }
    buffer = await readFile(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    return fail(
      io,
      code === 'ENOENT'
        ? `Không tìm thấy tệp: ${file}`
        : code === 'EACCES'
          ? `Không có quyền đọc tệp: ${file}`
          : `Không đọc được tệp: ${file}`,
    );
  }
  try {
    const intake = await readDocument(buffer, basename(file));
    const result = extractDocument(intake.text);
    io.stdout.write(json ? `${JSON.stringify(toContract(result))}\n` : summary(result, intake.warnings));
    return EXIT_OK;
  } catch (e) {
    if (isIntakeError(e)) return fail(io, e.message);
    return fail(io, `Lỗi khi đọc văn bản: ${(e as Error).message ?? String(e)}`);
  }
}

function fail(io: CommandIo, message: string): number {
  io.stderr.write(`${message.replace(/\s*\n\s*/g, ' ')}\n`);
  return EXIT_UNREADABLE;
}

/** The JSON contract: top-level keys fixed, target keys typed exactly (extra keys allowed). */
export function toContract(r: ExtractionResult) {
  return {
    document: r.document,
    references: r.references,
    targets: r.targets.map((t) => ({
      value: t.value,
      unit: t.unit,
      comparator: t.comparator,
      deadlineYear: t.deadlineYear,
      recurrence: t.recurrence,
      subject: t.subject,
      quote: t.quote,
      start: t.start,
      end: t.end,
      scope: t.scope,
      change: t.change,
      currency: t.currency,
      timingSource: t.timingSource,
    })),
    baselines: r.baselines,
    qualitativeTargets: r.qualitativeTargets,
    tasks: r.tasks,
  };
}

const KIND_LABELS: Record<string, string> = {
  nghi_quyet: 'Nghị quyết',
  chuong_trinh_hanh_dong: 'Chương trình hành động',
  chuong_trinh: 'Chương trình',
  ke_hoach: 'Kế hoạch',
  chi_thi: 'Chỉ thị',
  ket_luan: 'Kết luận',
  quyet_dinh: 'Quyết định',
  huong_dan: 'Hướng dẫn',
  bao_cao: 'Báo cáo',
  de_an: 'Đề án',
  thong_bao: 'Thông báo',
  quy_che: 'Quy chế',
  quy_dinh: 'Quy định',
  cong_van: 'Công văn',
  to_trinh: 'Tờ trình',
};

const viDate = (iso: string) => iso.split('-').reverse().join('/');

const COMPARATOR_WORDS: Record<string, string> = { '>': 'trên', '>=': 'từ', '=': '', '<=': 'không quá', '<': 'dưới' };

function summary(r: ExtractionResult, warnings: string[]): string {
  const d = r.document;
  const lines: string[] = [];
  const kind = d.kind ? (KIND_LABELS[d.kind] ?? d.kind) : 'Văn bản (không rõ loại)';
  lines.push(
    `${kind}${d.symbol ? ` số ${d.symbol.value}` : ''}${d.date ? `, ngày ${viDate(d.date.value)}` : ''}${d.place ? ` (${d.place.value})` : ''}`,
  );
  if (d.issuer) lines.push(`Cơ quan ban hành: ${d.issuer.value}`);
  if (d.title) lines.push(`Trích yếu: ${d.title.value}`);
  if (d.term) lines.push(`Nhiệm kỳ: ${d.term.from}–${d.term.to}`);
  if (d.signer) lines.push(`Người ký: ${[d.signer.capacity, d.signer.title, d.signer.name].filter(Boolean).join(' – ')}`);
  for (const w of warnings) lines.push(`Lưu ý: ${w}`);
  lines.push('', `Chỉ tiêu (${r.targets.length}):`);
  for (const t of r.targets) {
    const value = `${COMPARATOR_WORDS[t.comparator] ?? ''} ${t.value.toLocaleString('vi-VN')}${t.unit === 'percent' ? '%' : ''}`.trim();
    const when = t.recurrence === 'annual' ? 'hằng năm' : t.deadlineYear ? `đến năm ${t.deadlineYear}` : 'chưa rõ thời hạn';
    lines.push(`  • ${value} ${t.subject} (${when})`);
  }
  if (r.qualitativeTargets.length) {
    lines.push('', `Mục tiêu định tính (${r.qualitativeTargets.length}):`);
    for (const q of r.qualitativeTargets) lines.push(`  • ${q.text}${q.deadlineYear ? ` (đến năm ${q.deadlineYear})` : ''}`);
  }
  if (r.baselines.length) {
    lines.push('', `Số liệu hiện trạng (${r.baselines.length}):`);
    for (const b of r.baselines) lines.push(`  • ${b.value.toLocaleString('vi-VN')}${b.unit === 'percent' ? '%' : ''} ${b.subject}`);
  }
  lines.push('', `Văn bản được dẫn chiếu (${r.references.length}):`);
  for (const ref of r.references) {
    const rel = ref.relation === 'implements' ? ' – văn bản này thực hiện' : ref.relation === 'replaces' ? ' – bị thay thế' : '';
    lines.push(`  • ${ref.symbol}${ref.date ? ` ngày ${viDate(ref.date)}` : ''}${rel}`);
  }
  lines.push('', `Nhiệm vụ: ${r.tasks.length}${d.reporting ? `; báo cáo ${d.reporting.cadence ?? ''} về ${d.reporting.to ?? '…'}` : ''}`);
  return `${lines.join('\n')}\n`;
}
