import { isAppError } from '../domain/errors/app-error.ts';
import { ConfigError } from '../server/config/config.ts';

/**
 * `tiendo <command>`: each command lives in its own file and is loaded only when called, so
 * `tiendo extract` does not pay for the HTTP server and `tiendo start` not for the extractor.
 */
export interface CommandIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

type CommandModule = { default: (argv: string[], io: CommandIO) => Promise<number> };

const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  start: { summary: 'Chạy máy chủ Tiến Độ (tạo dữ liệu mẫu nếu cơ sở dữ liệu trống)', load: () => import('./start.command.ts') },
  migrate: {
    summary: 'Cập nhật cấu trúc cơ sở dữ liệu lên phiên bản mới nhất (sao lưu trước; --no-backup để bỏ qua)',
    load: () => import('./migrate.command.ts'),
  },
  backup: {
    summary: 'Sao lưu cơ sở dữ liệu và tệp đính kèm vào một tệp: backup [--out TỆP.tar | --dir THƯ_MỤC]',
    load: () => import('./backup.command.ts'),
  },
  restore: {
    summary: 'Khôi phục từ bản sao lưu: restore TỆP.tar [--force] (--force: thay cơ sở dữ liệu đang có dữ liệu)',
    load: () => import('./restore.command.ts'),
  },
  demo: {
    summary: 'Tạo dữ liệu mẫu: một tỉnh sau sắp xếp 2025 (--seed N, --without-registries: chỉ cây tổ chức và tài khoản)',
    load: () => import('./demo.command.ts'),
  },
  import: {
    summary: 'Nhập danh sách từ tệp XLSX/CSV: import members|employers|agreements TỆP --unit MÃ [--dry-run]',
    load: () => import('./import.command.ts'),
  },
  report: {
    summary: 'Lập báo cáo kết quả thực hiện chương trình (DOCX/XLSX): report --unit MÃ --document SỐ --period 2026|2026-H1 --out TỆP.docx',
    load: () => import('./report.command.ts'),
  },
  extract: { summary: 'Đọc văn bản (.docx, .pdf, .txt) và trích xuất chỉ tiêu (--json)', load: () => import('./extract.command.ts') },
  'build-app': { summary: 'Biên dịch giao diện web vào dist/app', load: () => import('./build-app.command.ts') },
};

export function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Tiến Độ — theo dõi thực hiện nghị quyết, chỉ tiêu của tổ chức Công đoàn',
    '',
    'Cách dùng: tiendo <lệnh> [tùy chọn]',
    '',
    'Các lệnh:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Cấu hình qua biến môi trường: PORT, HOST, DATABASE_URL, TIENDO_DATA_DIR, LOG_LEVEL, TIENDO_DEMO, TIENDO_DEMO_REGISTRIES, TIENDO_DEMO_SEED, TIENDO_WEB_APP (xem README.md).',
  ].join('\n');
}

export async function main(argv: string[], io: CommandIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${helpText()}\n`);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`Lệnh "${name}" không tồn tại. Gõ "tiendo --help" để xem các lệnh.\n`);
    return 2;
  }
  try {
    return await (await command.load()).default(rest, io);
  } catch (error) {
    // Mistakes of configuration or input are one clear line; only real bugs get a stack trace.
    if (isAppError(error)) {
      io.stderr.write(`Lỗi: ${error.message}\n`);
      return error instanceof ConfigError ? 2 : 1;
    }
    io.stderr.write(`Lỗi không mong đợi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
