// `tiendo report --unit CODE --document ID --period P --out FILE`: drafts the báo cáo kết quả
// thực hiện of a unit on a programme for six months or a year, as DOCX or XLSX (by the file's
// extension), from the same live data and code as the web button.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { badRequest } from '../domain/errors/app-error.ts';
import { isIsoDate } from '../domain/time/calendar-date.ts';
import { ReportDocumentsService, type ReportFormat } from '../server/report-documents/report-documents.service.ts';
import type { CommandIO } from './main.ts';
import { withUnitDatabase } from './unit-database.ts';

export const REPORT_USAGE =
  'Cách dùng: tiendo report --unit MÃ_ĐƠN_VỊ --document SỐ_VĂN_BẢN --period 2026|2026-H1|2026-H2 --out TỆP.docx|TỆP.xlsx [--date YYYY-MM-DD] [--signer "Họ và tên"] [--signer-title "Chủ tịch"] [--signer-capacity "TM. Ban Thường vụ"]';

export default async function reportCommand(argv: string[], io: CommandIO): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        unit: { type: 'string' },
        document: { type: 'string' },
        period: { type: 'string' },
        out: { type: 'string' },
        date: { type: 'string' },
        signer: { type: 'string' },
        'signer-title': { type: 'string' },
        'signer-capacity': { type: 'string' },
      },
    }));
  } catch (error) {
    // node:util's messages are English: say the same in Vietnamese, naming the option.
    const option = /'(-[^' ]+)[^']*'/.exec(error instanceof Error ? error.message : '')?.[1] ?? '';
    const code = (error as { code?: string }).code;
    const what =
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
        ? `Không có tùy chọn "${option}".`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? `Tùy chọn "${option}" cần một giá trị.`
          : 'Dòng lệnh không hợp lệ.';
    throw badRequest('REPORT_USAGE', `${what} ${REPORT_USAGE}`);
  }
  if (!values.unit || !values.document || !values.period || !values.out) throw badRequest('REPORT_USAGE', REPORT_USAGE);
  const format = path.extname(values.out).slice(1).toLowerCase();
  if (format !== 'docx' && format !== 'xlsx')
    throw badRequest('REPORT_FORMAT', `Tệp kết quả phải có đuôi .docx hoặc .xlsx (nhận được "${values.out}").`);
  if (!/^\d+$/.test(values.document))
    throw badRequest('REPORT_USAGE', `--document cần số hiệu văn bản trong Tiến Độ (một số, ví dụ 12), không phải "${values.document}".`);
  if (values.date !== undefined && !isIsoDate(values.date))
    throw badRequest('INVALID_DATE', `Ngày "${values.date}" không hợp lệ; dùng dạng YYYY-MM-DD.`);

  const { period, out } = values; // still known to be set inside the callback
  return withUnitDatabase(values.unit, async (db, unit) => {
    const started = performance.now();
    const file = await new ReportDocumentsService(db).render(
      {
        unitId: Number(unit.id),
        documentId: Number(values.document),
        periodCode: period,
        date: values.date,
        signer: { name: values.signer, title: values['signer-title'], capacity: values['signer-capacity'] },
      },
      format as ReportFormat,
    );
    await fs.writeFile(out, file.content);
    const seconds = ((performance.now() - started) / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 2 });
    io.stdout.write(
      `Đã lập báo cáo của ${unit.name} (kỳ ${period}) vào tệp ${out} (${file.content.length.toLocaleString('vi-VN')} byte, ${seconds} giây).\n`,
    );
    return 0;
  });
}
