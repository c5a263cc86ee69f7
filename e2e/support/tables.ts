import path from 'node:path';
import type { Download } from 'playwright-core';
import type { OrgSearchResult } from '../../server/org/org.schema.ts';
import { openTable } from '../../server/tabular/tabular-api.ts';
import { apiGet } from './api.ts';

/** Saves a download into `dir` under the name the server gave it (the reader knows a file by its extension). */
export async function saveDownload(download: Download, dir: string): Promise<string> {
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

/** An Excel or CSV file's rows, header first, read with the server's own reader. */
export async function readRows(file: string): Promise<(string | null)[][]> {
  const rows: (string | null)[][] = [];
  for await (const row of openTable({ path: file })) rows.push(row.cells);
  return rows;
}

/** The id of the unit named `name`, found through the organisation search as an officer types `query`. */
export async function unitIdByName(baseUrl: string, cookie: string, query: string, name: string): Promise<number> {
  const hits = await apiGet<OrgSearchResult>(baseUrl, `/api/org/search?q=${encodeURIComponent(query)}`, cookie);
  return hits.items.find((u) => u.name === name)?.id ?? 0;
}
