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
  const url = `/api/imports/${registry}?unitId=${query.unitId}${query.dryRun ? '&dryRun=true' : ''}`;
  const response = await session.upload('POST', url, path.basename(file), fs.readFileSync(file));
  if (response.status !== 202) return response;
  await t.app.imports.waitFor(response.body.id);
  return { status: 202, body: (await session.get(`/api/imports/${response.body.id}`)).body };
}

/** A finished job's rejections, one line per refusal: "<row> <column>: <reason>", for matching line by line. */
export function rejectionLines(job: { rejections: { rowNumber: number; column: string; reason: string }[] }): string {
  return job.rejections.map((r) => `${r.rowNumber} ${r.column}: ${r.reason}`).join('\n');
}
