// `tiendo report`: mistakes in the command line are one Vietnamese line before any database is opened.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

async function run(args: string[]) {
  const out = sink();
  const err = sink();
  const code = await main(['report', ...args], { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('tiendo report (command line)', () => {
  it('explains the usage when an option is missing', async () => {
    const r = await run(['--unit', 'TNI-P01', '--period', '2026', '--out', 'bao-cao.docx']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^Lỗi: Cách dùng: tiendo report --unit MÃ_ĐƠN_VỊ --document SỐ_VĂN_BẢN --period 2026\|2026-H1\|2026-H2 --out TỆP.docx\|TỆP.xlsx/,
    );
  });

  it('refuses an output that is neither .docx nor .xlsx, and a document that is not a number', async () => {
    expect((await run(['--unit', 'TNI', '--document', '3', '--period', '2026', '--out', 'bao-cao.pdf'])).stderr).toBe(
      'Lỗi: Tệp kết quả phải có đuôi .docx hoặc .xlsx (nhận được "bao-cao.pdf").\n',
    );
    expect((await run(['--unit', 'TNI', '--document', '05/CTr-LĐLĐ', '--period', '2026', '--out', 'a.docx'])).stderr).toContain(
      '--document cần số hiệu văn bản trong Tiến Độ (một số, ví dụ 12), không phải "05/CTr-LĐLĐ".',
    );
    expect((await run(['--unit', 'TNI', '--document', '3', '--period', '2026', '--out', 'a.docx', '--date', '2026-02-30'])).stderr).toBe(
      'Lỗi: Ngày "2026-02-30" không hợp lệ; dùng dạng YYYY-MM-DD.\n',
    );
  });

  it('names an unknown option and an option left without its value, in Vietnamese', async () => {
    const r = await run(['--unit', 'TNI', '--documents', '3']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Lỗi: Không có tùy chọn "--documents"\. Cách dùng: tiendo report/);
    expect((await run(['--unit'])).stderr).toMatch(/^Lỗi: Tùy chọn "--unit" cần một giá trị\./);
  });
});
