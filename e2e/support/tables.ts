import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Download } from 'playwright-core';
import { DEMO_PASSWORD } from '../../domain/demo/demo-accounts.ts';
import type { OrgSearchResult } from '../../server/org/org.schema.ts';
import { openTable } from '../../server/tabular/tabular-api.ts';
import { apiGet, apiLogin } from './api.ts';
import { startOnLaptop, stopStage, type LaptopStage } from './session.ts';

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

/** What a registry file drives: a laptop, the officer's cookie, the commune it imports into, and a fresh folder for its files. */
export interface RegistryStage extends LaptopStage {
  cookie: string;
  communeId: number;
  work: string;
}

/** The registry stage of `username` (a demo account), the commune found as an officer types `query`; `workName` names the folder. */
export async function startRegistryStage(username: string, workName: string, query: string, commune: string): Promise<RegistryStage> {
  const stage = await startOnLaptop();
  const work = await fs.mkdtemp(path.join(os.tmpdir(), `tiendo-e2e-${workName}-`));
  try {
    const cookie = await apiLogin(stage.server.url, username, DEMO_PASSWORD);
    return { ...stage, work, cookie, communeId: await unitIdByName(stage.server.url, cookie, query, commune) };
  } catch (error) {
    await stopRegistryStage({ ...stage, work });
    throw error;
  }
}

/** Closes what `startRegistryStage` started, as far as it got, and removes the folder. */
export async function stopRegistryStage(stage: Partial<RegistryStage>): Promise<void> {
  await stopStage(stage);
  if (stage.work) await fs.rm(stage.work, { recursive: true, force: true });
}
