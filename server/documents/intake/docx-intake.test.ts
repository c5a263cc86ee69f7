// htmlToText (mammoth's HTML → text) on a document with tens of thousands of paragraphs. Such a
// file is small (a 128 KB .docx) but a per-paragraph scan of the whole output made this
// quadratic: 25,000 paragraphs held the server for minutes. The timeout fails a slow version.
import { describe, expect, it } from 'vitest';
import { htmlToText } from './docx-intake.ts';

const PARAGRAPHS = 25_000;

function paragraph(i: number): string {
  return `Đoạn ${i + 1}: tổ chức công đoàn cơ sở số ${i % 97} &amp; đoàn viên.`;
}

/** Plain paragraphs, with a bulleted and a numbered list (items wrapping a <p>) every 1,000. */
function hostileHtml(): string {
  const parts: string[] = [];
  for (let i = 0; i < PARAGRAPHS; i++) {
    parts.push(`<p>${paragraph(i)}</p>`);
    if (i % 1000 === 999) parts.push('<ul><li><p>Ý một</p></li><li>Ý hai</li></ul><ol><li><p>Bước đầu</p></li><li>Bước sau</li></ol>');
  }
  return parts.join('');
}

function expectedText(): string {
  const lines: string[] = [];
  for (let i = 0; i < PARAGRAPHS; i++) {
    lines.push(paragraph(i).replace('&amp;', '&'));
    if (i % 1000 === 999) lines.push('- Ý một', '- Ý hai', '1. Bước đầu', '2. Bước sau');
  }
  return `${lines.join('\n\n')}\n`;
}

describe('htmlToText on a hostile number of paragraphs', () => {
  it('gives one block per paragraph and list item for 25,000 paragraphs', { timeout: 4_000 }, async () => {
    const html = hostileHtml();
    await Promise.resolve(); // let vitest arm the timeout before the conversion runs
    const text = htmlToText(html);
    expect(text).toBe(expectedText());
  });
});
