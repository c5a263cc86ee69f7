// Tiny helpers for the hand-written OOXML scanners: attribute lookup and entity decoding.

/** Value of attribute `name` inside a start tag's text, or undefined. Handles ' and " quotes. */
export function getAttr(tag: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = tag.indexOf(name + '=', from);
    if (at < 0) return undefined;
    const before = tag.charCodeAt(at - 1);
    // Must be a whole attribute name: preceded by whitespace (avoids matching "cr=" for "r=").
    if (before === 32 || before === 9 || before === 10 || before === 13) {
      const quote = tag[at + name.length + 1];
      if (quote === '"' || quote === "'") {
        const end = tag.indexOf(quote, at + name.length + 2);
        if (end < 0) return undefined;
        return tag.slice(at + name.length + 2, end);
      }
    }
    from = at + name.length + 1;
  }
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entities plus OOXML's `_xHHHH_` escapes (Excel writes a carriage return as `_x000D_`). */
export function decodeXmlText(s: string): string {
  let out = s;
  if (out.indexOf('&') >= 0) {
    out = out.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
      if (body[0] === '#') {
        const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      return NAMED[body] ?? whole;
    });
  }
  if (out.indexOf('_x') >= 0) {
    out = out.replace(/_x([0-9a-fA-F]{4})_/g, (_w, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return out;
}

/** Concatenated text of every `<t>` element in a fragment, skipping phonetic runs (`<rPh>`). */
export function collectTextRuns(fragment: string, prefix: string): string {
  let body = fragment;
  const rph = `<${prefix}rPh`;
  if (body.indexOf(rph) >= 0) body = body.replace(new RegExp(`<${prefix}rPh[\\s\\S]*?</${prefix}rPh>`, 'g'), '');
  const open = `<${prefix}t`;
  const close = `</${prefix}t>`;
  let out = '';
  let p = 0;
  for (;;) {
    const at = body.indexOf(open, p);
    if (at < 0) break;
    const next = body.charCodeAt(at + open.length);
    const tagEnd = body.indexOf('>', at);
    if (tagEnd < 0) break;
    // "<t>" or "<t xml:space=…>", not "<tr…"; "<t/>" is an empty run.
    if (next !== 62 && next !== 32 && next !== 47) {
      p = at + 1;
      continue;
    }
    if (body.charCodeAt(tagEnd - 1) === 47) {
      p = tagEnd + 1;
      continue;
    }
    const end = body.indexOf(close, tagEnd);
    if (end < 0) break;
    out += body.slice(tagEnd + 1, end);
    p = end + close.length;
  }
  return decodeXmlText(out);
}

/** Namespace prefix used by a document ("" or e.g. "x:"), read from its root element. */
export function detectPrefix(head: string, rootName: string): string {
  const match = new RegExp(`<([A-Za-z_][\\w.-]*:)?${rootName}[\\s>]`).exec(head);
  return match?.[1] ?? '';
}
