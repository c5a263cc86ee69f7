import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Converts a file with headless LibreOffice, as a user of Calc or Writer would open and save it,
 * and hands the folder it wrote into to `read`. Everything (file, profile, output) lives in a
 * scratch folder removed afterwards, so parallel test files never share a LibreOffice profile.
 */
export async function convertWithLibreOffice<T>(
  input: { name: string; content: Buffer },
  convertTo: string,
  read: (outDir: string) => Promise<T>,
): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-soffice-'));
  try {
    await fs.writeFile(path.join(dir, input.name), input.content);
    const outDir = path.join(dir, 'out');
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        convertTo,
        '--outdir',
        outDir,
        path.join(dir, input.name),
      ],
      { timeout: 120_000 },
    );
    return await read(outDir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
