import { describe, expect, it } from 'vitest';
import { errorCode, readAll, tempDir, writeTemp } from './xlsx-test-fixtures.ts';

const dir = tempDir('csv');

function utf16(text: string, endian: 'le' | 'be', bom = true): Buffer {
  const le = Buffer.from((bom ? '\ufeff' : '') + text, 'utf16le');
  return endian === 'le' ? le : Buffer.from(le).swap16();
}

describe('CSV reader', () => {
  it('follows RFC 4180: quoted delimiters, doubled quotes, embedded line breaks, CRLF/LF/CR', async () => {
    const text = 'Họ tên,Ghi chú\r\n"Lê, Văn A","Nói ""xin chào""\r\ndòng 2"\nB,\rC,"x"\r\n';
    const { rows, summary } = await readAll(writeTemp(dir, 'rfc.csv', text));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Họ tên', 'Ghi chú'] },
      { rowNumber: 2, cells: ['Lê, Văn A', 'Nói "xin chào"\r\ndòng 2'] },
      { rowNumber: 3, cells: ['B'] },
      { rowNumber: 4, cells: ['C', 'x'] },
    ]);
    expect(summary).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', rowsYielded: 4 });
  });

  it('strips a UTF-8 BOM, trims and NFC-normalises, and keeps leading zeros as text', async () => {
    const { rows } = await readAll(writeTemp(dir, 'bom.csv', '\ufeffMã;Tên\r\n 00123 ;' + 'Nguyễn'.normalize('NFD') + '\r\n'));
    expect(rows[0]!.cells).toEqual(['Mã', 'Tên']);
    expect(rows[1]!.cells).toEqual(['00123', 'Nguyễn']);
  });

  it('reads UTF-16 LE and BE with a BOM, and LE without one', async () => {
    const text = 'Họ tên\tNăm sinh\r\nĐặng Thị Ếch\t1990\r\n';
    for (const [name, data] of [
      ['le', utf16(text, 'le')],
      ['be', utf16(text, 'be')],
      ['nobom', utf16(text, 'le', false)],
    ] as const) {
      const { rows, summary } = await readAll(writeTemp(dir, `u16-${name}.csv`, data));
      expect(rows[1]!.cells, name).toEqual(['Đặng Thị Ếch', '1990']);
      expect(summary.delimiter).toBe('\t');
    }
  });

  it('sniffs the delimiter from the first lines, ignoring delimiters inside quotes', async () => {
    const semicolon = 'a;b;c\r\n"1,5";"2,5";"x,y"\r\n3;4;5\r\n';
    expect((await readAll(writeTemp(dir, 'semi.csv', semicolon))).rows[1]!.cells).toEqual(['1,5', '2,5', 'x,y']);
    expect((await readAll(writeTemp(dir, 'forced.csv', semicolon), { delimiter: ',' })).rows[0]!.cells).toEqual(['a;b;c']);
  });

  it('refuses legacy Windows-1258 bytes with TABLE_ENCODING', async () => {
    // "Nguyễn Văn Ân" in Windows-1258: ă = 0xE3, Â = 0xC2; not valid UTF-8.
    const bytes = Buffer.from([
      ...Buffer.from('Ho ten,Don vi\r\nNguy'),
      0xea,
      0xde,
      ...Buffer.from('n V'),
      0xe3,
      ...Buffer.from('n '),
      0xc2,
      ...Buffer.from('n,CD\r\n'),
    ]);
    expect(await errorCode(readAll(writeTemp(dir, 'cp1258.csv', bytes)))).toBe('TABLE_ENCODING');
  });

  it('refuses invalid UTF-8 found beyond the sniffed sample', async () => {
    const good = 'a,b\r\n'.repeat(40_000);
    const data = Buffer.concat([Buffer.from(good), Buffer.from([0x4e, 0xe3, 0x2c, 0x31, 0x0d, 0x0a])]);
    expect(await errorCode(readAll(writeTemp(dir, 'late-bad.csv', data)))).toBe('TABLE_ENCODING');
  });

  it('parses identically whatever the chunk boundaries (quotes and CRLF split across 1 MiB reads)', async () => {
    const rows: string[][] = [];
    let text = '';
    for (let i = 0; i < 60_000; i++) {
      const row = [`${i}`, `Tên "số" ${i}`, `dòng\r\nhai ${i}`, 'ổn'];
      rows.push(row);
      text += row.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\r\n';
    }
    const read = await readAll(writeTemp(dir, 'chunks.csv', text));
    expect(read.rows.length).toBe(rows.length);
    expect(read.rows.map((r) => r.cells)).toEqual(rows);
  });
});
