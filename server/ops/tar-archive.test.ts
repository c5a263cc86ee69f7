import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTar, readTarEntry, tarEntryStream, writeTar } from './tar-archive.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-tar-'));

describe('tar archive', () => {
  it('writes a tar that GNU tar reads, and reads back each entry at its offset', async () => {
    const big = Buffer.alloc(70_000, 7);
    const source = path.join(dir, 'payload.bin');
    fs.writeFileSync(source, big);
    const file = path.join(dir, 'a.tar');
    await writeTar(file, [
      { name: 'manifest.json', content: Buffer.from('{"tiếng":"Việt"}') },
      { name: 'empty', content: Buffer.alloc(0) },
      { name: 'database.pgdump', path: source, size: big.length },
    ]);
    const entries = await listTar(file);
    expect(entries.map((e) => [e.name, e.size])).toEqual([
      ['manifest.json', Buffer.byteLength('{"tiếng":"Việt"}')],
      ['empty', 0],
      ['database.pgdump', 70_000],
    ]);
    expect((await readTarEntry(file, entries[0]!)).toString('utf8')).toBe('{"tiếng":"Việt"}');
    const streamed: Buffer[] = [];
    for await (const chunk of tarEntryStream(file, entries[2]!)) streamed.push(chunk as Buffer);
    expect(Buffer.concat(streamed).equals(big)).toBe(true);
    for await (const chunk of tarEntryStream(file, entries[1]!)) expect(chunk).toBeUndefined();
    const gnu = spawnSync('tar', ['tvf', file], { encoding: 'utf8' });
    expect(gnu.status, gnu.stderr).toBe(0);
    expect(gnu.stdout).toMatch(/manifest\.json\n.*empty\n.*70000 .*database\.pgdump\n$/);
  });

  it('never overwrites, and refuses a damaged or truncated file with a Vietnamese message', async () => {
    const file = path.join(dir, 'b.tar');
    await writeTar(file, [{ name: 'manifest.json', content: Buffer.from('{}') }]);
    await expect(writeTar(file, [])).rejects.toThrow(/EEXIST/);
    const bytes = fs.readFileSync(file);
    bytes[10] = bytes[10]! ^ 0xff;
    fs.writeFileSync(path.join(dir, 'c.tar'), bytes);
    await expect(listTar(path.join(dir, 'c.tar'))).rejects.toThrow(/không phải là bản sao lưu Tiến Độ hợp lệ \(phần đầu tar bị hỏng\)/);
    fs.writeFileSync(path.join(dir, 'd.tar'), 'xin chào');
    await expect(listTar(path.join(dir, 'd.tar'))).rejects.toThrow(/không đọc được nội dung tar/);
  });
});
