// Intake of an uploaded planning document: .docx, .pdf (text layer) or .txt → normalised
// Vietnamese text. Every failure is an IntakeError with a Vietnamese message; hostile files
// (zip bombs, huge PDFs, binary garbage, empty files) are refused within bounded time and memory.
import { detectLegacyEncoding, LEGACY_ENCODING_NAMES } from '../../../domain/text/legacy-encoding.ts';
import { normalizeVietnamese } from '../../../domain/text/vietnamese-normalize.ts';
import { DEFAULT_DOCX_LIMITS, readDocx, type DocxLimits } from './docx-intake.ts';
import { IntakeError } from './intake-error.ts';
import { DEFAULT_PDF_LIMITS, readPdf, type PdfLimits } from './pdf-intake.ts';
import { decodeTextFile } from './text-intake.ts';

export type DocumentFormat = 'docx' | 'pdf' | 'txt';

export interface IntakeResult {
  /** NFC, marks re-joined, legacy encodings converted: the text all offsets refer to. */
  text: string;
  format: DocumentFormat;
  pages?: number;
  /** Vietnamese notes for the reviewer (e.g. "converted from TCVN3"). */
  warnings: string[];
  /** Set when the text was converted from a legacy 8-bit encoding. */
  legacyEncoding?: 'tcvn3' | 'vni';
}

export interface IntakeOptions {
  maxBytes?: number;
  pdf?: Partial<PdfLimits>;
  docx?: Partial<DocxLimits>;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export async function readDocument(buffer: Uint8Array, filename: string, options: IntakeOptions = {}): Promise<IntakeResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (buffer.length === 0) throw new IntakeError('EMPTY_FILE', 'Tệp rỗng (0 byte): không có nội dung để đọc.');
  if (buffer.length > maxBytes) {
    throw new IntakeError(
      'TOO_LARGE',
      `Tệp quá lớn (${(buffer.length / 1048576).toFixed(1)} MB); giới hạn là ${Math.round(maxBytes / 1048576)} MB.`,
    );
  }
  const format = detectFormat(buffer, filename);
  const buf = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (format === 'docx') {
    const { text, warnings } = await readDocx(buf, { ...DEFAULT_DOCX_LIMITS, ...options.docx });
    return finish(text, 'docx', warnings);
  }
  if (format === 'pdf') {
    const { text, pages, warnings } = await readPdf(buffer, { ...DEFAULT_PDF_LIMITS, ...options.pdf });
    return { ...finish(text, 'pdf', warnings), pages };
  }
  const decoded = decodeTextFile(buffer);
  return finish(decoded.text, 'txt', [], decoded.encoding === '8-bit');
}

/** Content decides over the file name: a PDF renamed .txt is still a PDF. */
function detectFormat(buf: Uint8Array, filename: string): DocumentFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  const head = String.fromCharCode(...buf.subarray(0, 8));
  if (head.startsWith('%PDF')) return 'pdf';
  if (head.startsWith('PK\u0003\u0004') || head.startsWith('PK\u0005\u0006')) {
    if (ext === 'xlsx' || ext === 'pptx' || ext === 'odt') throw unsupported(ext);
    return 'docx';
  }
  if (buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) {
    throw new IntakeError(
      'UNSUPPORTED_TYPE',
      'Tệp Word cũ (.doc, Word 97–2003) chưa được hỗ trợ; hãy mở bằng Word và lưu lại thành .docx.',
    );
  }
  if (ext === 'docx') throw new IntakeError('CORRUPT_FILE', 'Tệp .docx bị hỏng hoặc không phải định dạng Word (.docx).');
  if (ext === 'pdf') throw new IntakeError('CORRUPT_FILE', 'Tệp PDF bị hỏng hoặc không đúng định dạng PDF.');
  if (ext === '' || ext === 'txt' || ext === 'text' || ext === 'md') return 'txt';
  throw unsupported(ext);
}

function unsupported(ext: string): IntakeError {
  return new IntakeError('UNSUPPORTED_TYPE', `Định dạng tệp .${ext} chưa được hỗ trợ; hãy tải lên tệp .docx, .pdf hoặc .txt.`);
}

function finish(raw: string, format: DocumentFormat, warnings: string[], eightBit = false): IntakeResult {
  const text = normalizeVietnamese(raw);
  const legacy = detectLegacyEncoding(text);
  if (legacy) {
    const name = LEGACY_ENCODING_NAMES[legacy.encoding];
    if (legacy.confidence < 0.05) {
      throw new IntakeError(
        'LEGACY_ENCODING',
        `Văn bản dùng bảng mã cũ ${name}, không chuyển được sang Unicode; hãy chuyển mã (ví dụ bằng Unikey) rồi tải lên lại.`,
      );
    }
    return {
      text: normalizeVietnamese(legacy.converted),
      format,
      warnings: [...warnings, `Văn bản dùng bảng mã cũ ${name}; đã tự động chuyển sang Unicode, hãy kiểm tra lại dấu tiếng Việt.`],
      legacyEncoding: legacy.encoding,
    };
  }
  if (eightBit) {
    throw new IntakeError(
      'LEGACY_ENCODING',
      'Tệp văn bản không dùng mã Unicode (UTF-8) và không nhận ra bảng mã TCVN3 hay VNI; hãy lưu lại dưới dạng UTF-8.',
    );
  }
  if (text.trim() === '') throw new IntakeError('EMPTY_FILE', 'Tệp không có nội dung chữ để đọc.');
  return { text, format, warnings };
}
