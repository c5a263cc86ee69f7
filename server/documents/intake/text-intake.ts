// Plain text files: UTF-8 (with or without BOM), UTF-16 with BOM, and the legacy 8-bit
// Vietnamese encodings (TCVN3/ABC, VNI) that old files still use.
import { decodeLatin1 } from '../../../domain/text/legacy-encoding.ts';
import { guessUtf16WithoutBom } from '../../../domain/text/utf16-without-bom.ts';
import { IntakeError } from './intake-error.ts';

export interface DecodedText {
  text: string;
  encoding: string;
}

export function decodeTextFile(buf: Uint8Array): DecodedText {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: utf8(buf.subarray(3)) ?? '', encoding: 'utf-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  const utf16 = guessUtf16WithoutBom(buf, { minBytes: 8, zeroShare: 0.4 });
  if (utf16) return { text: new TextDecoder(utf16).decode(buf), encoding: utf16 };
  if (looksBinary(buf)) {
    throw new IntakeError('CORRUPT_FILE', 'Tệp không phải là văn bản (có dữ liệu nhị phân). Hãy tải lên tệp .docx, .pdf hoặc .txt.');
  }
  const asUtf8 = utf8(buf);
  if (asUtf8 !== null) return { text: asUtf8, encoding: 'utf-8' };
  // Not UTF-8: an 8-bit legacy file. Latin-1 keeps every byte, the caller detects TCVN3/VNI.
  return { text: decodeLatin1(buf), encoding: '8-bit' };
}

function utf8(buf: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

/** Control characters other than tab/newline/form feed mean this is not a text file. */
function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i] as number;
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c)) control++;
  }
  return control > n * 0.01;
}
