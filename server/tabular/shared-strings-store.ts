// sharedStrings.xml, loaded before the sheet. Real Excel files put every text cell here, so a
// million-member file holds millions of distinct strings; keeping them as JS strings would cost
// ~40 bytes of overhead each. They are stored instead as one UTF-8 buffer plus offsets, already
// decoded, trimmed and NFC-normalised, and turned back into strings only when a cell uses them.
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { collectTextRuns, detectPrefix } from './xml-text.ts';
import { cleanCellText } from './text-normalizer.ts';
import { tableErrors } from './table-errors.ts';

export class SharedStringsStore {
  private bytes: Buffer;
  private ends: Uint32Array = new Uint32Array(1024);
  private used = 0;
  count = 0;
  /** Indexes of strings cut at the cell length limit, so the row can flag them. */
  readonly truncated = new Set<number>();

  /**
   * Decoded text is never longer in UTF-8 than the XML it came from, so reserving the declared
   * XML size up front avoids doubling copies (a 300 MB table would briefly need 900 MB). The
   * reservation is not zero-filled, so only the pages actually written count in RSS.
   */
  constructor(expectedBytes = 1024 * 1024) {
    this.bytes = Buffer.allocUnsafeSlow(Math.max(1024, expectedBytes));
  }

  push(text: string | null): void {
    if (this.count === this.ends.length) this.ends = growUint32(this.ends);
    if (text !== null) {
      const needed = Buffer.byteLength(text, 'utf8');
      if (this.used + needed > this.bytes.length) this.bytes = growBuffer(this.bytes, this.used + needed);
      this.used += this.bytes.write(text, this.used, 'utf8');
    }
    this.ends[this.count++] = this.used;
  }

  /** The string at `index`; null for an empty string; undefined for an index out of range. */
  get(index: number): string | null | undefined {
    if (index < 0 || index >= this.count || !Number.isInteger(index)) return undefined;
    const start = index === 0 ? 0 : this.ends[index - 1]!;
    const end = this.ends[index]!;
    return start === end ? null : this.bytes.toString('utf8', start, end);
  }
}

function growUint32(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

function growBuffer(a: Buffer, atLeast: number): Buffer {
  const b = Buffer.alloc(Math.max(a.length * 2, atLeast));
  a.copy(b);
  return b;
}

/** Streams `<si>` items into the store; each item's rich-text runs are joined into plain text. */
export async function loadSharedStrings(stream: Readable, maxCellLength: number, expectedBytes: number): Promise<SharedStringsStore> {
  const store = new SharedStringsStore(expectedBytes);
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let prefix: string | null = null;
  for await (const chunk of stream) {
    pending += decoder.write(chunk as Buffer);
    prefix ??= detectPrefix(pending, 'sst');
    pending = consumeItems(pending, prefix, store, maxCellLength);
    if (pending.length > 64 * 1024 * 1024) throw tableErrors.tooLarge('một chuỗi dùng chung');
  }
  consumeItems(pending + decoder.end(), prefix ?? '', store, maxCellLength);
  return store;
}

function consumeItems(text: string, prefix: string, store: SharedStringsStore, maxCellLength: number): string {
  const open = `<${prefix}si`;
  const close = `</${prefix}si>`;
  let p = 0;
  for (;;) {
    const at = text.indexOf(open, p);
    if (at < 0) return text.slice(Math.max(p, text.length - open.length));
    const tagEnd = text.indexOf('>', at);
    if (tagEnd < 0) return text.slice(at);
    if (text.charCodeAt(tagEnd - 1) === 47) {
      store.push(null);
      p = tagEnd + 1;
      continue;
    }
    const end = text.indexOf(close, tagEnd);
    if (end < 0) return text.slice(at);
    const value = cleanCellText(collectTextRuns(text.slice(tagEnd + 1, end), prefix));
    if (value !== null && value.length > maxCellLength) {
      store.truncated.add(store.count);
      store.push(value.slice(0, maxCellLength));
    } else store.push(value);
    p = end + close.length;
  }
}
