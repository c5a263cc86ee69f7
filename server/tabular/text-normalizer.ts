// Text clean-up shared by readers, header detection and cell parsers.

/** Trim + NFC; empty becomes null. Every string that enters from a file goes through this. */
export function cleanCellText(raw: string): string | null {
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  // ASCII needs no normalisation; skipping it keeps the million-row path fast.
  return isAscii(trimmed) ? trimmed : trimmed.normalize('NFC');
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** "Nguyễn Đức" → "nguyen duc": đ/Đ fold to d, marks stripped, lower case. */
export function foldAccents(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Folded, punctuation turned into single spaces: the form titles and answers are compared in. */
export function looseKey(s: string): string {
  return foldAccents(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
