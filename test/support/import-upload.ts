import fs from 'node:fs';
import path from 'node:path';
import type { Session, TestApp } from './test-app.ts';

/**
 * Uploads a spreadsheet to `POST /api/imports/:registry` as the browser does (multipart, CSRF
 * header) and, when the job starts, waits for it and returns the finished job with its rejections.
 */
export async function uploadImport(
  t: TestApp,
  session: Session,
  registry: string,
  file: string,
  query: { unitId: number; dryRun?: boolean },
): Promise<{ status: number; body: any }> {
  const boundary = 'tiendo-test-upload';
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/imports/${registry}?unitId=${query.unitId}${query.dryRun ? '&dryRun=true' : ''}`,
    headers: {
      cookie: `tiendo_session=${session.cookie}`,
      'x-csrf-token': session.csrf,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.basename(file)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      fs.readFileSync(file),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  if (response.statusCode !== 202) return { status: response.statusCode, body: response.json() };
  await t.app.imports.waitFor(response.json().id);
  return { status: 202, body: (await session.get(`/api/imports/${response.json().id}`)).body };
}
